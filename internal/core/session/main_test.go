package session

import (
	"os"
	"testing"

	"github.com/make-connect/make-connect/internal/testkit/sandbox"
)

// The tests start the sandbox, built once for them all.
func TestMain(m *testing.M) { os.Exit(sandbox.Run(m)) }
