# Sourced by check-windows.sh, after test/msi.sh (which leaves nothing
# installed): the app's private-use URI scheme, URI_SCHEME (its ID), which
# the setup (windows/scheme.nsh) and the MSI (make-connect.wxs) register:
#   1. The setup for the person: HKCU\Software\Classes\ID opens the scheme
#      with the installed make-connect.exe ("%1"), and nothing in HKLM;
#      the uninstaller removes it.
#   2. The setup for everyone: the same in HKLM; `start ID:/callback?…`
#      reaches a waiting make-connect connect; the uninstaller removes it.
#   3. The MSI: its Registry table names the key after FyneApp.toml's ID;
#      after msiexec /i the same in HKLM, and `start` reaches a waiting
#      connect; after msiexec /x it is gone.
# Wine's HKEY_CLASSES_ROOT holds HKLM\Software\Classes only (Windows' merges
# in HKCU\Software\Classes), so `start` is tried with the installs for
# everyone. The hand-over goes over a named pipe (Wine has no Unix-domain
# sockets; instance's tests check the pipe itself).

# class_value KEY [NAME]: a text value of KEY, its default without NAME;
# empty when there is none (names may hold spaces).
class_value() {
	local args=(/ve)
	[ $# -lt 2 ] || args=(/v "$2")
	{ w reg query "$1" "${args[@]}" 2>/dev/null || true; } | tr -d '\r' | sed -n 's/^.*    REG_SZ    //p; s/^.*    REG_SZ$//p' | head -1
}

# scheme_registered HIVE DIR: HIVE\Software\Classes\ID opens the scheme
# with DIR's make-connect.exe, as Windows needs it (URL Protocol).
scheme_registered() {
	local key="$1\\Software\\Classes\\$URI_SCHEME" dir=$2 value want
	value=$(class_value "$key")
	[ "$value" = "URL:$APP_NAME" ] && ok "$key: URL:$APP_NAME" || bad "$key's default value is '$value', not 'URL:$APP_NAME'"
	w reg query "$key" /v "URL Protocol" >/dev/null 2>&1 && [ -z "$(class_value "$key" "URL Protocol")" ] &&
		ok "$key: URL Protocol, empty" || bad "$key has no empty URL Protocol value"
	value=$(class_value "$key\\DefaultIcon")
	want="\"$dir\\$EXE.exe\",0"
	[ "$value" = "$want" ] || bad "$key\\DefaultIcon is '$value', not '$want'"
	value=$(class_value "$key\\shell\\open\\command")
	want="\"$dir\\$EXE.exe\" \"%1\""
	[ "$value" = "$want" ] && ok "$key\\shell\\open\\command: $value" || bad "$key\\shell\\open\\command is '$value', not '$want'"
}

# scheme_absent HIVE WHEN: no HIVE\Software\Classes\ID.
scheme_absent() {
	local key="$1\\Software\\Classes\\$URI_SCHEME"
	w reg query "$key" >/dev/null 2>&1 && bad "$key is there $2" || ok "no $key $2"
}

# stop_connect: the connect of scheme_handover has ended, or is ended.
stop_connect() {
	kill "$connect_pid" 2>/dev/null || true
	wait "$connect_pid" 2>/dev/null || true
}

# scheme_handover WHOSE: a make-connect connect waiting for the scheme's
# redirect, the scripted person approving at the sandbox, and `start` with
# the address the sandbox sends the browser to: Windows runs the
# registered command, whose program hands the address to the waiting
# connect, which ends connected.
scheme_handover() {
	local out=$tmp/scheme.out url target
	MAKE_CONNECT_REDIRECT_URI="$URI_SCHEME:/callback" "$WINE" "$console" connect --no-browser >"$out" 2>"$out.err" &
	connect_pid=$!
	until_ok 60 eval 'grep -q "/oauth/v2/authorize?" "$out.err" || ! kill -0 $connect_pid 2>/dev/null'  || true
	if ! grep -q '/oauth/v2/authorize?' "$out.err"; then
		local running
		running=$(processes | sort -u | tr '\n' ' ')
		stop_connect
		bad "connect with the redirect URI $URI_SCHEME:/callback printed no address to visit within 60 s: '$(redacted "$out.err")'; Windows programs running: $running"
		return
	fi
	url=$(grep -o 'http://[^ ]*/oauth/v2/authorize?[^ ]*' "$out.err" | head -1)
	if ! target=$("$BIN/sandbox-person" -print-redirect "$url" 2>"$tmp/person.log"); then
		stop_connect
		bad "the hand-over ($1): the sandbox did not send the browser to $URI_SCHEME: ($(cat "$tmp/person.log"))"
		return
	fi
	[[ "$target" == "$URI_SCHEME:/callback?"* ]] || bad "the sandbox sent the browser to ${target%%\?*}, not $URI_SCHEME:/callback"
	w start "$target" && ok "start $URI_SCHEME:/callback?… exited 0" || bad "start $URI_SCHEME:/callback?… exited $?"
	if until_ok 30 eval '! kill -0 $connect_pid 2>/dev/null' && wait "$connect_pid"; then
		grep -q "^Connected: .* <ada@example.com>" "$out" && ok "it reached the waiting connect ($1): $(head -1 "$out" | tr -d '\r')" ||
			bad "connect ended without connecting: $(cat "$out")"
	else
		stop_connect
		bad "start $URI_SCHEME:/callback?… did not reach the waiting connect ($1): $(redacted "$out.err")"
	fi
	w "$console" disconnect >/dev/null 2>&1 || true
}

# A sandbox of its own, with codes of the usual size (Make's are about 90
# characters): the one before hands out 6,200-byte tokens and codes, and
# an address with such a code is over 8 KB, on which Wine's start.exe
# crashes (a page fault reading 0x2, measured from 8,242 characters on;
# 8,142 went through). Browsers on Windows hand the system no
# external-protocol address over 2,048 characters anyway (Chromium's
# limit), and Make's are far shorter.
start_sandbox check-windows-scheme

step "under Wine: the app's URI scheme, $URI_SCHEME, for the person (setup /S)"
run_setup
scheme_registered HKCU "$user_dir"
scheme_absent HKLM "after an install for the person"
run_uninstaller "$user_key"
scheme_absent HKCU "after the uninstall"

step "under Wine: the app's URI scheme for everyone (setup /S /AllUsers)"
run_setup /AllUsers
scheme_registered HKLM "$machine_dir"
scheme_absent HKCU "after an install for everyone"
scheme_handover "the setup's install for everyone"
run_uninstaller "$machine_key"
scheme_absent HKLM "after the uninstall"

step "under Wine: the app's URI scheme in the MSI"
# The wxs names the key; it must be FyneApp.toml's ID.
keys=$(msiinfo export "$ROOT/$msi" Registry | tr -d '\r' | awk -F'\t' '$2 == 2 { print $3 }' | grep -ciF "Software\\Classes\\$URI_SCHEME\\") || true
((keys >= 3)) && ok "its Registry table writes HKLM\\Software\\Classes\\$URI_SCHEME ($keys rows)" ||
	bad "the MSI's Registry table does not write HKLM\\Software\\Classes\\$URI_SCHEME (FyneApp.toml's ID): make-connect.wxs"
run_msiexec 0 "/i $(basename "$msi")" /i "$(winpath "$ROOT/$msi")"
scheme_registered HKLM "$msi_dir"
scheme_handover "the MSI's install"
product=$(msi_installed | cut -d' ' -f1)
run_msiexec 0 "/x $product" /x "$product"
scheme_absent HKLM "after msiexec /x"
