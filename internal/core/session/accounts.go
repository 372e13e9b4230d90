package session

import (
	"context"
	"time"

	"github.com/make-connect/make-connect/internal/core/account"

	"github.com/make-connect/make-connect/internal/core/accounts"
)

// Accounts is what a session needs of the account service;
// *accounts.Service provides it through Live. Every method may block on
// the network or the keychain.
type Accounts interface {
	List() ([]*account.Connected, []error, error)
	// Begin starts a connect attempt; accept is called with the verified
	// connection before the browser is told it worked.
	Begin(ctx context.Context, accept func(context.Context, *account.Connected) error) (Attempt, error)
	// ReadyToConnect checks, before the sign-in, that its account could
	// be kept (accounts.Service.ReadyToConnect).
	ReadyToConnect(existing []*account.Connected, reconnect string) error
	// Describe asks Make who c is and where their organizations are.
	Describe(ctx context.Context, c *account.Connected) error
	// Save stores c and returns the connection it replaced, if any; guess
	// is what was last read of the account.
	Save(c, guess *account.Connected) (replaced *account.Connected, err error)
	Revoke(ctx context.Context, c *account.Connected) error
	KeepDefault(existing []*account.Connected, added *account.Connected) (*account.Connected, error)
	SetDefault(ref string) (*account.Connected, error)
	DefaultID(conns []*account.Connected) (string, error)
	Disconnect(ctx context.Context, ref string) (*accounts.Disconnected, error)
	Token(ctx context.Context, ref string, minValid time.Duration) (*account.Connected, error)
	EnsureFresh(ctx context.Context, id string) (*account.Connected, error)
	Check(ctx context.Context, c *account.Connected) (account.Verdict, error)
}

// Attempt is one connect attempt (*auth.Attempt). Whichever of the
// loopback callback and Paste comes first gives its one result.
type Attempt interface {
	AuthURL() string
	LaunchURL() string
	RedirectURI() string
	Paste(address string) error
	Wait(ctx context.Context) (*account.Connected, error)
	Settled(ctx context.Context) error
	OtherUsers() <-chan string
	Close()
}

// Live is the account service as a session's Accounts.
func Live(s *accounts.Service) Accounts { return live{s} }

type live struct{ *accounts.Service }

func (l live) Begin(ctx context.Context, accept func(context.Context, *account.Connected) error) (Attempt, error) {
	a, err := l.Service.Begin(ctx, accept)
	if err != nil {
		return nil, err
	}
	return a, nil
}
