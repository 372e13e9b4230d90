package explain

import (
	"fmt"
	"os/user"
	"slices"
	"strings"
	"time"

	"github.com/make-connect/make-connect/accounts"
	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/makeapi"
	"github.com/make-connect/make-connect/sanitize"
	"github.com/make-connect/make-connect/session"
)

// Label is how an account is named to a person: its name and email are
// Make's text, made safe to show.
func Label(c *auth.Connection) string { return sanitize.Text(c.Label()) }

// Verdict says Make's verdict on a token the way a person reads it.
func Verdict(v accounts.Verdict) string {
	switch v {
	case accounts.Accepted:
		return "accepted by Make"
	case accounts.Rejected:
		return "rejected by Make (revoked or expired early)"
	}
	return "Make could not be reached"
}

// Zone says what a person should know about where c's data is, against
// the configured zone: "" when all is well.
func Zone(c *auth.Connection, configuredZone string) string {
	switch accounts.CheckZone(c, configuredZone) {
	case accounts.ZoneNotChecked:
		return "Zone not checked: the account was not granted organizations:read, so Make did not say where its organizations are."
	case accounts.ZoneNoOrganization:
		return "Make lists no organization for this account."
	case accounts.ZoneElsewhere:
		return fmt.Sprintf("This account's organizations are in %s; the zone setting says %s.",
			sanitize.Text(strings.Join(accounts.Zones(c), " and ")), configuredZone)
	}
	return ""
}

// Identity says why c has no name and email: "" when it has them.
func Identity(c *auth.Connection) string {
	switch c.IdentityGap {
	case auth.IdentityNoScope:
		return "Name and email need the user:read scope; showing the account's ID instead."
	case auth.IdentityNotTold:
		return "Make did not say who this is when it was connected; showing the account's ID instead."
	}
	return ""
}

// Connected says what else a connect did besides connecting r.Conn: that
// the person signed in as someone else than the account they reconnected,
// that it replaced an earlier connection (and what became of its tokens),
// that the one account there was stays the default. Each is a sentence;
// none when there is nothing to say.
func Connected(r *session.Result, f Face) []string {
	var out []string
	who := Label(r.Conn)
	if r.AskedFor != nil {
		was := Label(r.AskedFor)
		out = append(out, fmt.Sprintf("You signed in as %s, not as %s, whose Reconnect you pressed: both accounts are kept. "+
			"To renew %s, press its Reconnect and sign in as that person.", who, was, was))
	}
	switch {
	case r.Replaced && r.RevokeErr != nil:
		out = append(out, "This replaced the account's earlier connection, but Make could not be told to revoke its old tokens: they keep working until they expire.")
	case r.Replaced:
		out = append(out, "This replaced the account's earlier connection; its old tokens were revoked.")
	}
	switch {
	case r.DefaultKept != nil:
		use := "press Make default on " + who
		if !f.window {
			use = "run: make-connect use " + r.Conn.ID()
		}
		out = append(out, fmt.Sprintf("%s stays the default account, the one tools use when they name none; to use %s instead, %s.",
			Label(r.DefaultKept), who, use))
	case r.DefaultErr != nil:
		out = append(out, "With two accounts connected, tools that name no account need a default, but it could not be saved ("+
			sanitize.Text(r.DefaultErr.Error())+"): "+f.ChooseDefault+".")
	}
	return out
}

// ChangedElsewhere says which accounts another Make Connect (a second
// window, the command line, an uninstaller) connected or disconnected,
// from the accounts shown before and now: "" when none.
func ChangedElsewhere(before, now []*auth.Connection) string {
	in := func(c *auth.Connection, list []*auth.Connection) bool {
		return slices.ContainsFunc(list, func(o *auth.Connection) bool { return o.ID() == c.ID() })
	}
	var added, removed []string
	for _, c := range now {
		if !in(c, before) {
			added = append(added, Label(c))
		}
	}
	for _, c := range before {
		if !in(c, now) {
			removed = append(removed, Label(c))
		}
	}
	var out []string
	if len(added) > 0 {
		out = append(out, "Another Make Connect (the command line, or a tool) connected "+strings.Join(added, ", ")+".")
	}
	if len(removed) > 0 {
		out = append(out, "Another Make Connect (the command line, or a tool) disconnected "+strings.Join(removed, ", ")+".")
	}
	return strings.Join(out, " ")
}

// Disconnected says what a disconnect did: the first sentence is the
// outcome, the others what follows from it.
func Disconnected(d *accounts.Disconnected, f Face, now time.Time) []string {
	who := Label(d.Conn)
	var out []string
	if d.RevokeErr != nil {
		out = append(out, fmt.Sprintf("Removed %s from this computer, but Make could not be told to withdraw its access, so its last token keeps working until it runs out: %s.",
			who, accounts.DescribeExpiry(d.Conn, now)))
	} else {
		out = append(out, "Disconnected "+who+": its tokens were revoked and removed from this computer.")
	}
	switch {
	case d.DefaultErr != nil:
		out = append(out, "It was the default account, and clearing that failed ("+sanitize.Text(d.DefaultErr.Error())+"): "+f.ChooseDefault+".")
	case d.WasDefault:
		out = append(out, "It was the default account: tools that name no account now use the only one left, or need one chosen.")
	}
	return out
}

// Compromised says that a sign-in was undone because its link was opened
// twice, and how the disconnect went.
func Compromised(c *session.Compromise, f Face) string {
	words := Plain(auth.ErrCompromised, f)
	who := Label(c.Conn)
	switch {
	case c.Err != nil:
		return words + " " + who + " could not be removed, though: " + f.Disconnect(c.Conn.ID()) + "."
	case c.Disconnected != nil && c.Disconnected.RevokeErr != nil:
		return words + " " + who + " was removed from this computer, but Make could not be told to withdraw its access."
	}
	return words + " " + who + " was disconnected again: its tokens were revoked and removed from this computer."
}

// Notification is the title and text of a desktop notice.
func Notification(n session.Notice) (title, text string) {
	who := Label(n.Conn)
	if n.Kind == accounts.NoticeExpired {
		return "Make account expired", who + " can no longer be used by your tools. Open Make Connect and press Reconnect."
	}
	return "Make account expires soon", who + " stops working at " + accounts.FormatTime(n.Conn.ExpiresAt) +
		". Open Make Connect and press Reconnect to keep it working."
}

// Check says what is known of Make's verdict on a's token: "" before
// anyone asked, or once it has expired (Make is not asked then).
func Check(a session.Account, now time.Time) string {
	ck := a.Check
	switch {
	case ck == nil || a.Conn.Expired(now):
		return ""
	case ck.Running:
		return "Asking Make whether its access token still works…"
	case ck.Verdict == accounts.Accepted:
		return "Checked with Make: " + Verdict(ck.Verdict) + "."
	case ck.Verdict == accounts.Rejected:
		return Plain(makeapi.ErrRejected, Window)
	case ck.Err != nil:
		return "Could not check with Make: " + Plain(ck.Err, Window)
	}
	return "Could not check with Make: " + Verdict(ck.Verdict) + "."
}

// Renewal says how a's access is kept, or why it is not, in the window:
// "" when there is nothing to say.
func Renewal(a session.Account, now time.Time) string {
	c, r := a.Conn, a.Refresh
	st := accounts.StateAt(c, now)
	renews := c.RefreshToken != "" && !r.Refused()
	switch {
	case a.Check.Rejected():
		return ""
	case r.Refused():
		return Plain(r.Err, Window)
	case r != nil && r.Err != nil:
		return "Could not renew this account's access: " + Plain(r.Err, Window) + " Trying again in a minute."
	case st == accounts.Expired && !renews:
		return "This account's access has expired, and Make gave it no way to renew itself. Press Reconnect to sign in again."
	case st == accounts.ExpiringSoonState && !renews:
		return "Its access runs out soon. Press Reconnect to sign in again and keep it working."
	case renews && st != accounts.Expired:
		return "Make Connect renews its access by itself before it expires."
	}
	return ""
}

// OtherUser says that another user of this computer, user as the system
// names them (a uid or a SID; "" when unknown), asked the listener for
// this sign-in's link or answer, and was refused.
func OtherUser(id string) string {
	who := "Another user of this computer"
	if id != "" {
		who += " (" + sanitize.Text(userName(id)) + ")"
	}
	return who + " tried to use this sign-in and was refused; nothing was spent, and it goes on for you. " +
		"If you did not expect that, tell whoever looks after this computer."
}

// userName is "name, uid N" (or "name, SID") when the system knows the
// name, else "uid N" or the SID.
func userName(id string) string {
	kind := "uid "
	if strings.HasPrefix(id, "S-") {
		kind = ""
	}
	if u, err := user.LookupId(id); err == nil && u.Username != "" {
		return u.Username + ", " + kind + id
	}
	return kind + id
}
