#!/usr/bin/env bash
# ui-e2e.sh: the real window, end to end, as a person uses it.
#
# Under a virtual X server (Xvfb) and a real Secret Service
# (.ci/with-secret-service), it starts bin/make-sandbox with its token
# endpoint held back 10 s, and bin/make-connect pointed at it with
# sandbox-person as the browser ($BROWSER, through xdg-open). Then, with
# the keyboard only (xdotool):
#
#   1. Enter on "Connect to Make"; while the token exchange hangs the window
#      keeps repainting (two screenshots differ); the account appears
#      (checked with `make-connect status --json` on the same keychain).
#   2. Disconnect, confirm; the keychain is empty again. Settings by
#      keyboard: Escape closes it; Tab leaves the Custom scopes field and
#      reaches Redirect URI and Save, and what was typed is saved.
#   3. Connect again and Cancel during the hanging exchange: the sandbox
#      sees the app go away at once, and nothing is stored.
#   4. Launch the app again: it brings the open window to the front and
#      exits 0 within 1 s; there is still one window.
#   5. `make-connect connect` in a terminal while the window is open: the
#      window shows the account within 2 s; `make-connect disconnect`: the
#      window drops it within 2 s (its log says what it shows).
#   6. Twice: the window connects an account (Enter), `make-connect
#      disconnect` removes it; the window says another process did.
#
# Screenshots of each step go to build/screenshots/. Needs xvfb, xdotool,
# x11-utils, imagemagick, xdg-utils, dbus and gnome-keyring (.ci/deps).
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -z "${DBUS_SESSION_BUS_ADDRESS:-}" || "${MAKE_CONNECT_SECRET_SERVICE:-}" != "$DBUS_SESSION_BUS_ADDRESS" ]]; then
	exec bash .ci/with-secret-service "$0" "$@"
fi
for tool in Xvfb xdotool xwininfo import compare xdg-open; do
	command -v "$tool" >/dev/null || { echo "ui-e2e: $tool not found; run make deps" >&2; exit 127; }
done

shots=build/screenshots
source scripts/lib-window.sh
window_setup ui-e2e
mkdir -p "$shots"
rm -f "$shots"/*.png

step() { printf 'ui-e2e: %s\n' "$*"; }
fail() {
	printf 'ui-e2e: FAIL: %s\n' "$*" >&2
	[[ -n "${wid:-}" ]] && import -window "$wid" "$shots/failure.png" 2>/dev/null || true
	echo "--- app log"; cat "$tmp/app.log" 2>/dev/null || true
	echo "--- sandbox log"; cat "$tmp/sandbox.log" 2>/dev/null || true
	exit 1
}
shot() { import -window "$wid" "$shots/$1.png"; step "screenshot $shots/$1.png"; }

start_xvfb || fail "no X server"

# The sandbox, its token endpoint held back 10 s.
start_sandbox ui-e2e -token-delay 10s || fail "no sandbox"

accounts() { bin/make-connect status --json | grep -c '"issuer":' || true; }
has_accounts() { [[ "$(accounts)" == "$1" ]]; }

bin/make-connect >"$tmp/app.log" 2>&1 &
app=$!
pids+=("$app")
until_ok 20 xdotool search --onlyvisible --name '^Make Connect$' >/dev/null || fail "the window did not appear"
wid="$(xdotool search --onlyvisible --name '^Make Connect$' | head -1)"
sleep 1 # the first frames
xdotool windowfocus --sync "$wid"
shot 1-empty

step "1. Enter on Connect to Make (it has the keyboard)"
xdotool key Return
until_ok 10 grep -q 'allowed client' "$tmp/sandbox.log" || fail "the person never saw the consent page"
sleep 1 # the exchange now hangs at the token endpoint
shot 2-waiting-a
sleep 0.5
shot 2-waiting-b
changed="$(compare -metric AE "$shots/2-waiting-a.png" "$shots/2-waiting-b.png" null: 2>&1 || true)"
[[ "$changed" =~ ^[0-9]+$ && "$changed" -gt 0 ]] || fail "the window did not repaint while the exchange hung ($changed pixels changed)"
step "the window repainted $changed pixels while the exchange hung"
until_ok 30 has_accounts 1 || fail "the account never appeared in the keychain"
sleep 1
shot 3-connected
bin/make-connect status

step "2. Disconnect: Tab past the notice's close, the row's open and menu buttons, Reconnect and Copy access token to Disconnect, Enter; the dialog's Cancel has the keyboard, Tab to Disconnect, Enter"
xdotool key Tab Tab Tab Tab Tab Tab Return # as TestTabAfterConnecting
sleep 1
shot 4-confirm
xdotool key Tab Return
until_ok 20 has_accounts 0 || fail "the account is still in the keychain"
grep -q 'revoke: done' "$tmp/sandbox.log" || fail "the tokens were not revoked"
sleep 1
shot 5-disconnected

step "2b. Keyboard: Shift+Tab twice from Connect to Make reaches Settings, Enter opens it, Escape closes it and saves nothing"
shot 5a-before-settings
xdotool key shift+Tab shift+Tab Return
sleep 1
shot 5b-settings
xdotool key Escape
sleep 1
shot 5c-settings-escaped
opened="$(compare -metric AE "$shots/5a-before-settings.png" "$shots/5b-settings.png" null: 2>&1 || true)"
left="$(compare -metric AE "$shots/5a-before-settings.png" "$shots/5c-settings-escaped.png" null: 2>&1 || true)"
[[ "$opened" =~ ^[0-9]+$ && "$left" =~ ^[0-9]+$ ]] || fail "could not compare the screenshots ($opened, $left)"
((opened > 20000)) || fail "Enter on Settings changed only $opened pixels: no dialog opened"
((left * 10 < opened)) || fail "after Escape $left pixels still differ from before Settings opened ($opened with it open): it did not close"
[[ ! -e "$XDG_CONFIG_HOME/make-connect/settings.json" ]] || fail "Escape saved settings"
step "Settings changed $opened pixels; after Escape $left differ from before (the focus ring)"
xdotool key Tab Tab # back to Connect to Make, whichever control had the keyboard
sleep 0.5

step "2c. Keyboard through Settings: Tab out of the Custom scopes field (Tab, Shift+Tab, Ctrl+Tab type no tab), on to Redirect URI, CA file and Save"
xdotool key shift+Tab shift+Tab Return # Settings; Cancel has the keyboard (the client ID is the environment's)
sleep 1
xdotool key Tab Tab Tab # Save, the zone, the scope presets
xdotool key Down Down Down # Custom: the scopes can be typed
sleep 0.5
xdotool key Tab End # into the scopes field
xdotool type --delay 20 ' scenarios:read'
xdotool key shift+Tab Tab ctrl+Tab # out, back in, and on to Redirect URI
sleep 0.3
shot 5d-settings-redirect-uri
xdotool key ctrl+a
xdotool type --delay 20 'http://127.0.0.1:8799/callback'
xdotool key Tab Tab Tab Return # the CA file, Cancel, Save
sleep 1
shot 5e-settings-saved
settings="$XDG_CONFIG_HOME/make-connect/settings.json"
[[ -e "$settings" ]] || fail "Save by keyboard saved nothing"
grep -q '127.0.0.1:8799' "$settings" || fail "the redirect URI typed after Tabbing out of the scopes was not saved: $(cat "$settings")"
grep -q 'scenarios:read' "$settings" || fail "the scopes typed were not saved: $(cat "$settings")"
! grep -qP '\t' "$settings" || fail "a tab character was typed into a field: $(cat "$settings")"
step "saved by keyboard alone: $(tr -d '\n' <"$settings")"
rm -f "$settings" # the window reads the defaults again
sleep 1

step "3. Connect again, then Cancel while the token exchange hangs"
xdotool key Return
until_ok 10 bash -c "[ \$(grep -c 'allowed client' '$tmp/sandbox.log') -ge 2 ]" || fail "the person never approved the second time"
sleep 1
cancelled_at=$SECONDS
xdotool key Return # Cancel has the keyboard while waiting
until_ok 3 grep -q 'client went away' "$tmp/sandbox.log" || fail "Cancel did not stop the token exchange"
((SECONDS - cancelled_at <= 3)) || fail "Cancel took $((SECONDS - cancelled_at)) s"
sleep 1
shot 6-cancelled
sleep 10 # past the token delay: a forgotten exchange would store the account now
has_accounts 0 || fail "a cancelled attempt stored an account"
kill -0 "$app" || fail "the app exited"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

step "4. Launch the app again: the open window comes to the front, the launch exits"
started=$(now_ms)
bin/make-connect >"$tmp/second.log" 2>&1 || fail "the second launch exited $?: $(cat "$tmp/second.log")"
took=$(($(now_ms) - started))
((took <= 1000)) || fail "the second launch took $took ms to hand over"
windows="$(xdotool search --onlyvisible --name '^Make Connect$' | wc -l)"
[[ "$windows" == 1 ]] || fail "$windows windows after a second launch"
step "the second launch handed over in $took ms; one window"

# shown N MARK: the window has logged "N accounts shown" after line MARK
# of its log (window.log in its cache directory).
windowlog="$XDG_CACHE_HOME/make-connect/window.log"
shown() { tail -n +"$(($2 + 1))" "$windowlog" 2>/dev/null | grep -q "window: $1 shown"; }
within_2s() { # within_2s WHAT MARK: the window shows WHAT within 2 s
	local from; from=$(now_ms)
	until shown "$1" "$2"; do
		(($(now_ms) - from <= 2000)) || fail "the window did not show $1 within 2 s"
		sleep 0.05
	done
	step "the window showed $1 $(($(now_ms) - from)) ms after the command ended"
}

step "5. The command line connects and disconnects; the window follows"
mark=$(wc -l <"$windowlog")
bin/make-connect connect >"$tmp/cli.out" 2>"$tmp/cli.err" </dev/null ||
	fail "make-connect connect failed: $(sed -E 's#https?://[^ ]*state=[^ ]*#[authorize address hidden]#' "$tmp/cli.err")"
within_2s "1 account" "$mark"
sleep 0.5
shot 7-cli-connected
mark=$(wc -l <"$windowlog")
bin/make-connect disconnect >/dev/null 2>&1 || fail "make-connect disconnect failed"
within_2s "0 accounts" "$mark"
kill -0 "$app" || fail "the app exited"

# said MARK: the window has said, after line MARK of its log, what another
# process changed.
said() { tail -n +"$(($1 + 1))" "$windowlog" 2>/dev/null | grep -q "window: said what another process changed"; }

step "6. The window connects an account, the command line disconnects it: the window says so, every time"
for round in 1 2; do
	mark=$(wc -l <"$windowlog")
	xdotool windowfocus --sync "$wid"
	xdotool key Return # Connect to Make has the keyboard
	until_ok 30 shown "1 account" "$mark" || fail "round $round: the window's own connect did not show the account"
	sleep 0.5
	mark=$(wc -l <"$windowlog")
	bin/make-connect disconnect >/dev/null 2>&1 || fail "round $round: make-connect disconnect failed"
	until_ok 5 said "$mark" || fail "round $round: the window did not say that the command line disconnected the account it had connected"
	shot "8-disconnected-elsewhere-$round"
done
kill -0 "$app" || fail "the app exited"

step "PASS; screenshots in $shots/"
