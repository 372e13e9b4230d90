package session

import (
	"errors"
	"fmt"
	"time"

	"github.com/make-connect/make-connect/internal/core/account"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/makeapi"
	"github.com/make-connect/make-connect/internal/core/accounts"
)

// The schedule's rules: plain functions of an account's state and the
// clock, which Session runs (and schedule_test.go tables).
//
// Accounts with a refresh token are renewed accounts.RefreshMargin before
// they expire; a refresh that fails, or changes nothing, is tried again
// after RefreshRetry; one that Make refused for good (invalid_grant) is not
// tried again for that token. Make is asked whether each token still works
// after the accounts are first read, and when the person asks. An account
// whose organization hit Make's rate limit is asked nothing, refresh or
// check, for RateLimitPause: asking sooner only uses up the next minute's
// requests too.
const (
	RefreshRetry   = time.Minute
	RateLimitPause = time.Minute
	// refreshTimeout and checkTimeout bound one refresh and one check.
	refreshTimeout = time.Minute
	checkTimeout   = 30 * time.Second
	// MaxSleep bounds one wait of the timer: timers do not count time the
	// computer spends asleep, so a long wait could wake far too late.
	MaxSleep = time.Minute
)

// RefreshStatus is how renewing one token of an account is going. It
// belongs to that token: an account connected again has a new refresh
// token, which owes nothing to the old one's failures or refusal.
type RefreshStatus struct {
	token   string // tokenKey of the token being renewed
	Running bool
	RetryAt time.Time
	// Err is the last refresh's failure.
	Err error
}

// Refused reports whether Make refused the refresh token for good: trying
// again cannot help, only connecting again.
func (r *RefreshStatus) Refused() bool {
	return r != nil && errors.Is(r.Err, auth.ErrRefreshRefused)
}

// CheckStatus is Make's verdict on one token of an account, or that it is
// being asked for. Like RefreshStatus it belongs to the token.
type CheckStatus struct {
	token   string
	Running bool
	Verdict account.Verdict
	// Err is why Make could not tell.
	Err error
	// At is when Make answered (or was found resting).
	At time.Time
}

// track is what the schedule remembers of one account.
type track struct {
	refresh   *RefreshStatus
	check     *CheckStatus
	restUntil time.Time // hit the rate limit: rest until then
}

// tokenKey names one token of one account without holding any of it: the
// account ID and the token's expiry.
func tokenKey(c *account.Connected) string {
	return c.ID() + "/" + fmt.Sprint(c.ExpiresAt.UnixNano())
}

// refreshOf is how renewing c's current token is going; nil before it was
// first due.
func (t *track) refreshOf(c *account.Connected) *RefreshStatus {
	if t.refresh != nil && t.refresh.token == tokenKey(c) {
		return t.refresh
	}
	return nil
}

// checkOf is Make's verdict on c's current token; nil before anyone asked.
func (t *track) checkOf(c *account.Connected) *CheckStatus {
	if t.check != nil && t.check.token == tokenKey(c) {
		return t.check
	}
	return nil
}

// refreshStep is the rule for renewing c at now, given how renewing its
// token went so far (r, nil before) and the rate limit's rest: whether to
// start a refresh now, and when to look again (zero: no need).
func refreshStep(c *account.Connected, r *RefreshStatus, restUntil, now time.Time) (start bool, next time.Time) {
	due, ok := accounts.RefreshDue(c)
	switch {
	case !ok:
		return false, time.Time{}
	case now.Before(due):
		return false, due
	case r != nil && (r.Running || r.Refused()):
		return false, time.Time{}
	case r != nil && now.Before(r.RetryAt):
		return false, r.RetryAt
	case now.Before(restUntil):
		return false, restUntil
	}
	return true, time.Time{}
}

// checkStep is the rule for asking Make about c's token at now: ask, or
// not (it has expired, or is being asked about), or rest (the rate limit:
// Make is not asked, and the verdict is that it could not be).
func checkStep(c *account.Connected, ck *CheckStatus, restUntil, now time.Time) (ask, rest bool) {
	switch {
	case c.Expired(now), ck != nil && ck.Running:
		return false, false
	case now.Before(restUntil):
		return false, true
	}
	return true, false
}

// restAfter is when an account may be asked again after err: a minute on
// from now for Make's rate limit, zero otherwise.
func restAfter(err error, now time.Time) time.Time {
	if errors.Is(err, makeapi.ErrRateLimited) {
		return now.Add(RateLimitPause)
	}
	return time.Time{}
}

// wakeAt is when the schedule looks at c again: the earlier of when what
// is shown of it next changes (accounts.NextChange) and refreshNext.
func wakeAt(c *account.Connected, refreshNext, now time.Time) time.Time {
	next := refreshNext
	if t, ok := accounts.NextChange(c, now); ok {
		next = earliest(next, t)
	}
	return next
}

// earliest is the earlier of two times, a zero time meaning "never".
func earliest(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}
