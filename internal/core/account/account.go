// Package account is what the app knows of one connected Make account
// beyond the protocol's connection — what Make said of its tokens — and
// the rules every face asks of it: its state at a moment, whether it
// renews itself, whether it needs a reconnect, whether its token may be
// copied. The window, the command line, the doctor and the diagnostics
// all read these, so they never disagree. Each rule is a plain function
// of the account and the clock; account_test.go tables them.
package account

import (
	"time"

	"github.com/make-connect/make-connect/internal/adapters/keychain"
	"github.com/make-connect/make-connect/internal/adapters/makeapi"
)

// Connected is one connected account as it is kept: the connection the
// sign-in gave (auth.Connection: tokens, subject, scopes, expiry) and what
// Make's API said of the person (Profile), their fields promoted. The
// keychain keeps it, so it is declared there (keychain.Account); the core
// and the faces name it here.
type Connected = keychain.Account

// Gone is an account whose keys the kernel's keyring dropped without a
// disconnect (its keys timed out, or the keyring was cleared), as the
// trace the keychain keeps of it says.
type Gone = keychain.Gone

// Profile is what Make's API said of the person: name, email,
// organizations and their zones, the account's API base. The protocol
// (auth) knows none of it.
type Profile = makeapi.Profile

// Organization is one of the person's Make organizations and the zone its
// data lives in.
type Organization = makeapi.Organization

// IdentityGap is why a profile has no name and email ("" when it has).
type IdentityGap = makeapi.IdentityGap

const (
	// IdentityNoScope: user:read was not granted, so Make was not asked.
	IdentityNoScope = makeapi.IdentityNoScope
	// IdentityNotTold: Make's /users/me did not answer with the profile.
	IdentityNotTold = makeapi.IdentityNotTold
)

// Account is one connected account: what is kept of it and what Make has
// said of it since.
type Account struct {
	Conn *Connected
	// Verdict is Make's answer on Conn's access token; NotAsked when
	// nobody asked (or the answer is still coming).
	Verdict Verdict
	// RefreshRefused: Make refused Conn's refresh token for good
	// (invalid_grant), so only connecting again renews the access.
	RefreshRefused bool
}

// Verdict is what Make said of an access token when asked.
type Verdict string

const (
	// NotAsked: Make was not asked, or has not answered yet.
	NotAsked Verdict = ""
	Accepted Verdict = "accepted"
	// Rejected: Make refused the token (revoked, or expired early).
	Rejected Verdict = "rejected"
	// Unreachable: Make did not say (no network, an error, or the rate
	// limit).
	Unreachable Verdict = "unreachable"
)

// ExpiringSoon is how close to expiry an account is shown as "expiring
// soon".
const ExpiringSoon = 5 * time.Minute

// State is an account's state as a person sees it.
type State int

const (
	Valid State = iota
	ExpiringSoonState
	Expired
	UnknownExpiry
	// RejectedState: Make refused the access token before it expired.
	RejectedState
)

func (s State) String() string {
	return [...]string{"valid", "expiring soon", "expired", "expiry unknown", "rejected by Make"}[s]
}

// State is the account's state at now. An expired token is expired
// whatever Make said of it before; one Make rejected is rejected however
// long it had left. A refused refresh changes nothing of the token the
// account has — it works until it expires — only that it will not renew
// (Renews, NeedsReconnect).
func (a Account) State(now time.Time) State {
	c := a.Conn
	switch {
	case c.Expired(now):
		return Expired
	case a.Verdict == Rejected:
		return RejectedState
	case !c.ExpiryKnown():
		return UnknownExpiry
	case c.ExpiresAt.Sub(now) < ExpiringSoon:
		return ExpiringSoonState
	}
	return Valid
}

// Renews reports whether the account renews its access by itself: it has
// a refresh token that Make has not refused.
func (a Account) Renews() bool {
	return a.Conn.RefreshToken != "" && !a.RefreshRefused
}

// NeedsReconnect reports whether only connecting again can keep the
// account working at now: Make rejected its token or refused its refresh,
// or its access runs out (or ran out) and it cannot renew itself.
func (a Account) NeedsReconnect(now time.Time) bool {
	if a.Verdict == Rejected || a.RefreshRefused {
		return true
	}
	switch a.State(now) {
	case Expired, ExpiringSoonState:
		return !a.Renews()
	}
	return false
}

// MayCopy reports whether the account's access token may be handed to a
// person at now: not when the organization's policy disables it
// (DisableTokenCopy), nor when the token no longer works.
func (a Account) MayCopy(now time.Time, copyDisabled bool) bool {
	if copyDisabled {
		return false
	}
	st := a.State(now)
	return st != Expired && st != RejectedState
}
