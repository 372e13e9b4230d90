//go:build tools

// This file pins the project's main libraries in go.mod while the packages
// that use them are being written. It is removed once they are imported.
package main

import (
	_ "fyne.io/fyne/v2/app"
	_ "fyne.io/fyne/v2/test"
	_ "fyne.io/fyne/v2/widget"
	_ "github.com/coreos/go-oidc/v3/oidc"
	_ "github.com/ory/fosite/compose"
	_ "github.com/ory/fosite/storage"
	_ "github.com/zalando/go-keyring"
	_ "golang.org/x/oauth2"
)
