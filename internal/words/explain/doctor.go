package explain

import (
	"errors"

	"github.com/make-connect/make-connect/internal/adapters/config"
	"github.com/make-connect/make-connect/internal/core/account"
	"github.com/make-connect/make-connect/internal/core/doctor"
)

// Doctor words the doctor's report: each check's message completed from
// the error it found and the account it is about. The report is for
// support and the command line, so in English, as the command line is.
func Doctor(r doctor.Report) doctor.Report {
	out := doctor.Report{Checks: make([]doctor.Check, len(r.Checks))}
	for i, c := range r.Checks {
		switch {
		case c.Default != nil:
			c.Message = defaultCheck(c)
		case c.Account != nil:
			c.Message = accountCheck(c)
		case c.Err != nil && c.Message == "":
			c.Message = Plain(c.Err, CommandLine)
		case c.Err != nil:
			c.Message += ": " + Plain(c.Err, CommandLine)
		}
		out.Checks[i] = c
	}
	return out
}

// accountCheck is an account's line: who, until when, what Make said and
// what to do — "Ada <ada@example.com>: expires … (in 59m); accepted by
// Make", or "…; rejected by Make (revoked or expired early); connect it
// again: make-connect connect --account ID".
func accountCheck(c doctor.Check) string {
	a, now := c.Account.Account, c.Account.At
	again := "connect it again: make-connect connect --account " + a.Conn.ID()
	what := LabelAmong(a.Conn, c.Account.Among) + ": " + DescribeExpiry(a.Conn, now)
	switch st := a.State(now); {
	case st == account.RejectedState:
		return what + "; " + Verdict(account.Rejected) + "; " + again
	case st == account.Expired && a.Renews():
		return what + "; it renews when next used"
	case a.NeedsReconnect(now):
		return what + "; " + again
	case a.Verdict == account.Unreachable && c.Err != nil:
		return what + "; Make could not say whether its token still works: " + Plain(c.Err, CommandLine)
	case a.Verdict != account.NotAsked:
		return what + "; " + Verdict(a.Verdict)
	}
	return what
}

// defaultCheck is the default account's line: who tools use when they
// name none, and where that came from — "Ada <ada@example.com> (ID): the
// saved default (…)", "…: set by MAKE_CONNECT_ACCOUNT in the
// environment", "…: the only account connected" — or why there is none.
func defaultCheck(c doctor.Check) string {
	d := c.Default
	if d.Conn == nil {
		if errors.Is(c.Err, account.ErrNoAccount) {
			return "none, as no account is connected"
		}
		return "none: " + Plain(c.Err, CommandLine)
	}
	who := LabelAmong(d.Conn, d.Among) + " (" + d.Conn.ID() + ")"
	switch {
	case d.Choice.Ref == "":
		return who + ": the only account connected (connecting another keeps it the default)"
	case d.Choice.Source == config.FromSaved:
		return who + ": the saved default (set by make-connect use or the window's Make default, or kept when a second account was connected)"
	}
	return who + ": " + config.Where(config.EnvAccount, d.Choice.Source)
}
