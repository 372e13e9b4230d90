package explain

import (
	"os/user"
	"slices"
	"strings"
	"time"

	"github.com/make-connect/make-connect/internal/core/account"

	"github.com/make-connect/make-connect/auth"
	"github.com/make-connect/make-connect/internal/adapters/makeapi"
	"github.com/make-connect/make-connect/internal/core/accounts"
	"github.com/make-connect/make-connect/internal/core/session"
	"github.com/make-connect/make-connect/internal/platform/sanitize"
	"github.com/make-connect/make-connect/internal/words/i18n"
)

// Label is how an account is named to a person: its name and email are
// Make's text, made safe to show.
func Label(c *account.Connected) string { return sanitize.Text(c.Label()) }

// LabelAmong is how c is named where it is one of all (the accounts
// listed with it): Label, and the sign-in server when only that tells it
// apart from another of them (account.ServerTellsApart), as "Grace Hopper
// <grace@example.com> at auth.example.com". The window, the command line
// and the doctor name accounts by it, so they agree on when the server is
// said.
func LabelAmong(c *account.Connected, all []*account.Connected) string {
	if !account.ServerTellsApart(c, all) {
		return Label(c)
	}
	return i18n.L("{{.Name}} at {{.Server}}", vars{"Name": Label(c), "Server": Server(c)})
}

// Server names c's sign-in server, made safe to show (account.Server).
func Server(c *account.Connected) string { return sanitize.Text(account.Server(c)) }

// Verdict says Make's verdict on a token the way a person reads it.
func Verdict(v account.Verdict) string {
	switch v {
	case account.Accepted:
		return i18n.L("accepted by Make")
	case account.Rejected:
		return i18n.L("rejected by Make (revoked or expired early)")
	}
	return i18n.L("Make could not be reached")
}

// Zone says what a person should know about where c's data is, against
// the configured zone: "" when all is well.
func Zone(c *account.Connected, configuredZone string) string {
	switch accounts.CheckZone(c, configuredZone) {
	case accounts.ZoneNotChecked:
		return i18n.L("Zone not checked: the account was not granted organizations:read, so Make did not say where its organizations are.")
	case accounts.ZoneNoOrganization:
		return i18n.L("Make lists no organization for this account.")
	case accounts.ZoneElsewhere:
		return i18n.L("This account's organizations are in {{.Zones}}; the zone setting says {{.Zone}}.",
			vars{"Zones": sanitize.Text(and(accounts.Zones(c))), "Zone": configuredZone})
	}
	return ""
}

// Identity says why c has no name and email: "" when it has them.
func Identity(c *account.Connected) string {
	switch c.IdentityGap {
	case account.IdentityNoScope:
		return i18n.L("Name and email need the user:read scope; showing the account's ID instead.")
	case account.IdentityNotTold:
		return i18n.L("Make did not say who this is when it was connected; showing the account's ID instead.")
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
	who := f.Name(r.Conn)
	if r.AskedFor != nil {
		was := f.Name(r.AskedFor)
		// The notice has just named who connected: each name once more at
		// most.
		out = append(out, i18n.L("You pressed {{.Reconnect}} for {{.Was}} but signed in as someone else, so both accounts are kept: "+
			"to renew that one, press its {{.Reconnect}} again and sign in as that person.", vars{"Was": was, "Reconnect": i18n.L("Reconnect")}))
	}
	switch {
	case r.Replaced && r.RevokeErr != nil:
		out = append(out, i18n.L("This replaced the account's earlier connection, but Make could not be told to revoke its old tokens: they keep working until they expire."))
	case r.Replaced:
		out = append(out, i18n.L("This replaced the account's earlier connection; its old tokens were revoked."))
	}
	switch {
	case r.DefaultKept != nil:
		use := "run: make-connect use " + r.Conn.ID()
		if f.window {
			use = i18n.L("press {{.Button}} in its row", vars{"Button": i18n.L("Make default")})
		}
		out = append(out, i18n.L("{{.Default}} stays the default account, the one tools use when they name none; to use {{.Name}} instead, {{.Use}}.",
			vars{"Default": f.Name(r.DefaultKept), "Name": who, "Use": use}))
	case r.DefaultErr != nil:
		out = append(out, i18n.L("With two accounts connected, tools that name no account need a default, but it could not be saved ({{.Error}}): {{.Choose}}.",
			vars{"Error": sanitize.Text(r.DefaultErr.Error()), "Choose": f.chooseDefault()}))
	}
	return out
}

// ChangedElsewhere says which accounts another Make Connect (a second
// window, the command line, an uninstaller) connected or disconnected,
// from the accounts shown before and now: "" when none.
func ChangedElsewhere(before, now []*account.Connected) string {
	in := func(c *account.Connected, list []*account.Connected) bool {
		return slices.ContainsFunc(list, func(o *account.Connected) bool { return o.ID() == c.ID() })
	}
	all := append(slices.Clip(now), before...)
	var added, removed []string
	for _, c := range now {
		if !in(c, before) {
			added = append(added, LabelAmong(c, all))
		}
	}
	for _, c := range before {
		if !in(c, now) {
			removed = append(removed, LabelAmong(c, all))
		}
	}
	var out []string
	if len(added) > 0 {
		out = append(out, i18n.L("Another Make Connect (the command line, or a tool) connected {{.Names}}.", vars{"Names": strings.Join(added, ", ")}))
	}
	if len(removed) > 0 {
		out = append(out, i18n.L("Another Make Connect (the command line, or a tool) disconnected {{.Names}}.", vars{"Names": strings.Join(removed, ", ")}))
	}
	return strings.Join(out, " ")
}

// Disconnected says what a disconnect did: the first sentence is the
// outcome, the others what follows from it.
func Disconnected(d *accounts.Disconnected, f Face, now time.Time) []string {
	who := f.Name(d.Conn)
	var out []string
	if d.RevokeErr != nil {
		out = append(out, i18n.L("Removed {{.Name}} from this computer, but Make could not be told to withdraw its access, so its last token keeps working until it runs out: {{.Expiry}}.",
			vars{"Name": who, "Expiry": DescribeExpiry(d.Conn, now)}))
	} else {
		out = append(out, i18n.L("Disconnected {{.Name}}: its tokens were revoked and removed from this computer.", vars{"Name": who}))
	}
	switch {
	case d.DefaultErr != nil:
		out = append(out, i18n.L("It was the default account, and clearing that failed ({{.Error}}): {{.Choose}}.",
			vars{"Error": sanitize.Text(d.DefaultErr.Error()), "Choose": f.chooseDefault()}))
	case d.WasDefault:
		out = append(out, i18n.L("It was the default account: tools that name no account now use the only one left, or need one chosen."))
	}
	return out
}

// Compromised says that a sign-in was undone because its link was opened
// twice, and how the disconnect went.
func Compromised(c *session.Compromise, f Face) string {
	words := Plain(auth.ErrCompromised, f)
	who := vars{"Name": f.Name(c.Conn)}
	switch {
	case c.Err != nil:
		who["Disconnect"] = f.disconnect(c.Conn.ID())
		return words + " " + i18n.L("{{.Name}} could not be removed, though: {{.Disconnect}}.", who)
	case c.Disconnected != nil && c.Disconnected.RevokeErr != nil:
		return words + " " + i18n.L("{{.Name}} was removed from this computer, but Make could not be told to withdraw its access.", who)
	}
	return words + " " + i18n.L("{{.Name}} was disconnected again: its tokens were revoked and removed from this computer.", who)
}

// Notification is the title and text of a desktop notice.
func Notification(n session.Notice) (title, text string) {
	v := vars{"Name": LabelAmong(n.Conn, n.Among), "Reconnect": i18n.L("Reconnect"), "Time": FormatTime(n.Conn.ExpiresAt)}
	if n.Kind == accounts.NoticeExpired {
		return i18n.L("Make account expired"), i18n.L("{{.Name}} can no longer be used by your tools. Open Make Connect and press {{.Reconnect}}.", v)
	}
	return i18n.L("Make account expires soon"), i18n.L("{{.Name}} stops working at {{.Time}}. Open Make Connect and press {{.Reconnect}} to keep it working.", v)
}

// Check says what is known of Make's verdict on a's token: "" before
// anyone asked, or once it has expired (Make is not asked then).
func Check(a session.Account, now time.Time) string {
	ck := a.Check
	switch {
	case ck == nil || a.Conn.Expired(now):
		return ""
	case ck.Running:
		return i18n.L("Asking Make whether its access token still works…")
	case ck.Verdict == account.Accepted:
		return i18n.L("Checked with Make at {{.Time}}: {{.Verdict}}.", vars{"Time": FormatTime(ck.At), "Verdict": Verdict(ck.Verdict)})
	case ck.Verdict == account.Rejected:
		return Plain(makeapi.ErrRejected, Window)
	case ck.Err != nil:
		return i18n.L("Could not check with Make: {{.Reason}}", vars{"Reason": Plain(ck.Err, Window)})
	}
	return i18n.L("Could not check with Make: {{.Reason}}", vars{"Reason": sentence(Verdict(ck.Verdict))})
}

// Renewal says how a's access is kept, or why it is not, in the window:
// "" when there is nothing to say.
func Renewal(a session.Account, now time.Time) string {
	m, r := a.Model(), a.Refresh
	st := m.State(now)
	switch {
	case st == account.RejectedState:
		return ""
	case m.RefreshRefused:
		return Plain(r.Err, Window)
	case r != nil && r.Err != nil:
		return i18n.L("Could not renew this account's access: {{.Reason}} Trying again in a minute.", vars{"Reason": Plain(r.Err, Window)})
	case st == account.Expired && !m.Renews():
		return i18n.L("This account's access has expired, and Make gave it no way to renew itself. Press {{.Reconnect}} to sign in again.",
			vars{"Reconnect": i18n.L("Reconnect")})
	case st == account.ExpiringSoonState && !m.Renews():
		return i18n.L("Its access runs out soon. Press {{.Reconnect}} to sign in again and keep it working.", vars{"Reconnect": i18n.L("Reconnect")})
	case m.Renews() && st != account.Expired:
		return i18n.L("Make Connect renews its access by itself before it expires.")
	}
	return ""
}

// OtherUser says that another user of this computer, user as the system
// names them (a uid or a SID; "" when unknown), asked the listener for
// this sign-in's link or answer, and was refused.
func OtherUser(id string) string {
	if id == "" {
		return i18n.L("Another user of this computer tried to use this sign-in and was refused; nothing was spent, and it goes on for you. " +
			"If you did not expect that, tell whoever looks after this computer.")
	}
	return i18n.L("Another user of this computer ({{.User}}) tried to use this sign-in and was refused; nothing was spent, and it goes on for you. "+
		"If you did not expect that, tell whoever looks after this computer.", vars{"User": sanitize.Text(userName(id))})
}

// and lists items as a sentence does: "eu1", "eu1 and us1", "eu1, eu2
// and us1".
func and(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	last := len(items) - 1
	return i18n.L("{{.List}} and {{.Last}}", vars{"List": strings.Join(items[:last], ", "), "Last": items[last]})
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
