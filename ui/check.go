package ui

import (
	"context"
	"errors"
	"time"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/makeapi"
)

// The list asks Make whether each token still works (Service.Check): once
// after the window's first frame, and whenever the person presses Check
// with Make. An account whose organization's rate limit is used up
// (makeapi.ErrRateLimited) is not asked again, neither checked nor
// refreshed, for rateLimitPause: asking sooner only uses up the next
// minute's requests too.

// rateLimitPause is how long an account that hit Make's rate limit is
// left alone.
const rateLimitPause = time.Minute

// checkTimeout bounds one check.
const checkTimeout = 30 * time.Second

// checkState is Make's verdict on one token of an account, or that it is
// being asked for. Like refreshState it belongs to the token.
type checkState struct {
	token   string // tokenKey of the token checked
	running bool
	verdict accounts.Verdict
	err     error // why Make could not tell
}

// rejected reports whether Make refused the token.
func (ck *checkState) rejected() bool {
	return ck != nil && !ck.running && ck.verdict == accounts.Rejected
}

// checkOf is Make's verdict on c's token; nil before anyone asked.
func (l *accountList) checkOf(c *auth.Connection) *checkState {
	if ck := l.checks[c.ID()]; ck != nil && ck.token == tokenKey(c) {
		return ck
	}
	return nil
}

// checkAll asks Make about every account shown whose token has not
// expired.
func (l *accountList) checkAll() {
	for _, cd := range l.cards {
		l.check(cd.conn)
	}
	l.tick()
}

// check asks Make about c's token, unless it has expired, is being asked
// about already, or its account is resting after the rate limit.
func (l *accountList) check(c *auth.Connection) {
	now := l.bridge.clock.Now()
	if accounts.StateAt(c, now) == accounts.Expired {
		return
	}
	if ck := l.checkOf(c); ck != nil && ck.running {
		return
	}
	id := c.ID()
	if l.resting(id, now) {
		l.checks[id] = &checkState{token: tokenKey(c), verdict: accounts.Unreachable, err: makeapi.ErrRateLimited}
		return
	}
	ck := &checkState{token: tokenKey(c), running: true}
	l.checks[id] = ck
	svc := l.svc
	l.bridge.backgroundFor(checkTimeout, func(ctx context.Context) func() {
		v, err := svc.Check(ctx, c)
		return func() { l.checked(ck, id, v, err) }
	})
}

// checked takes Make's verdict.
func (l *accountList) checked(ck *checkState, id string, v accounts.Verdict, err error) {
	if l.checks[id] != ck {
		return
	}
	ck.running, ck.verdict, ck.err = false, v, err
	l.noteRateLimit(id, err)
	l.tick()
}

// noteRateLimit starts the account's rest when err is Make's rate limit.
func (l *accountList) noteRateLimit(id string, err error) {
	if errors.Is(err, makeapi.ErrRateLimited) {
		l.limited[id] = l.bridge.clock.Now().Add(rateLimitPause)
	}
}

// resting reports whether the account hit the rate limit less than
// rateLimitPause ago.
func (l *accountList) resting(id string, now time.Time) bool {
	return now.Before(l.limited[id])
}
