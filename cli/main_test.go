package cli

import (
	"os"
	"testing"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// The tests start the sandbox, built once for them all, with the app's
// name, ID (its scheme) and version read from their one home, as main
// reads them.
func TestMain(m *testing.M) {
	b, err := os.ReadFile("../FyneApp.toml")
	if err == nil {
		err = config.ReadMetadata(string(b))
	}
	if err != nil {
		panic(err)
	}
	os.Exit(sandbox.Run(m))
}
