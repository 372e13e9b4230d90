package main

import (
	"bytes"
	"os"
	"strings"
	"testing"
)

// TestNoticesAreCurrent: the committed notices are what the module graph
// gives now; after a dependency changes, run `make notices`.
func TestNoticesAreCurrent(t *testing.T) {
	want, err := notices("../../..")
	if err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile("../../../assets/THIRD-PARTY-NOTICES.txt")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatal("assets/THIRD-PARTY-NOTICES.txt is not what the module graph gives now: run make notices and commit it")
	}
	for _, part := range []string{"Make Connect\n", "The Go programming language", "fyne.io/fyne/v2 ", "github.com/coreos/go-oidc/v3 ",
		"github.com/danieljoos/wincred ", "golang.org/x/oauth2 ", "Permission is hereby granted"} {
		if !strings.Contains(string(want), part) {
			t.Errorf("the notices lack %q", part)
		}
	}
	if strings.Contains(string(want), "github.com/ory/fosite") {
		t.Error("the notices name the sandbox's fosite, which no program ships")
	}
}
