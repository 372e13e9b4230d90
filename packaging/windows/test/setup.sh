# Sourced by check-windows.sh, after the commands: the setup and the
# uninstaller under Wine, silent (/S) as a deployment runs them, and once
# clicked through.
#   1. For the person (the default): the programs, the Start-menu shortcut,
#      the uninstall entry in HKCU and the folder on their PATH; then
#      "make-connect" typed in cmd runs the installed make-connect.com,
#      which connects two accounts.
#   2. An upgrade while the window is open ("make-connect" alone opens it):
#      the setup closes it and replaces the install in its folder.
#   3. The uninstaller with /Disconnect while the window is open: it closes
#      it, disconnects both accounts (revoked at the sandbox) and leaves no
#      folder, shortcut, entry or PATH entry: PATH is as it was; nothing of
#      the app's in Credential Manager (not even the account list), nor
#      %LOCALAPPDATA%\make-connect or Fyne's preferences.
#   4. The setup clicked through (licence, Install for, Install): its
#      finish page opens the app.
#   5. A folder of one's own (/D=); an upgrade without /D= finds it, one
#      with another /D= (without administrator rights, test/asuser) moves
#      the install there; all with a PATH longer than an NSIS string (1,024
#      characters), which stays whole.
#   6. For everyone (/AllUsers): Program Files, HKLM and the machine's PATH.
#   7. That install removed, with /Disconnect, by a person without
#      administrator rights (test/asuser): their uninstaller disconnects
#      their account, then asks Windows to elevate the Uninstall.exe in
#      Program Files, in place (_?=), never its own copy in %TEMP%; nothing
#      runs make-connect.com after that. Read from Wine's traces.
#   8. The elevated uninstaller run as Windows would run it, with
#      /Disconnect too: it removes everything, and no account.
#   9. Re-runs, in test/rerun.sh: switching the kind of install, a
#      downgrade, /LOG=, Windows 8.1, and a revocation that fails.
# (What the setup must leave alone, an install for the person when it is
# elevated and the MSI's, is test/boundaries.sh.)

setup_win=$(winpath "$ROOT/$setup")
user_key='HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall'"\\$APP_ID"
machine_key='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall'"\\$APP_ID"
machine_env='HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment'

# run_setup [ARG…]: runs the setup silently; it must exit 0.
run_setup() {
	w "$setup_win" /S "$@" && ok "setup /S${*:+ $*} exited 0" || bad "setup /S${*:+ $*} exited $?"
}

# uninstaller KEY sets exe to the program of the entry's
# QuietUninstallString, which must be that program and /S.
uninstaller() {
	local quiet
	quiet=$(regval "$1" QuietUninstallString)
	exe=${quiet#\"}
	exe=${exe%%\"*}
	[[ "$quiet" == "\"$exe\" /S" ]] || { bad "QuietUninstallString is '$quiet'"; return 1; }
}

# run_uninstaller KEY [ARG…]: runs the entry's QuietUninstallString (plus
# ARGs) as Settings › Apps would. The uninstaller goes on from a copy in
# %TEMP%, so this waits until the entry is gone (the last thing it removes).
run_uninstaller() {
	local key=$1 exe
	shift
	uninstaller "$key" || return
	w "$exe" /S "$@" || bad "$exe /S${*:+ $*} exited $?"
	until_ok 60 eval '[ -z "$(regval "$key" DisplayName)" ]' && ok "uninstall /S${*:+ $*} removed the entry" ||
		bad "the entry $key is still there 60 s after uninstall /S${*:+ $*}"
}

# check_installed DIR KEY SHORTCUT_DIR ENV_KEY: what an install must leave.
check_installed() {
	local dir=$1 key=$2 links=$3 env=$4 f value
	for f in "$EXE.exe" "$EXE.com" Uninstall.exe policy\\MakeConnect.admx policy\\en-US\\MakeConnect.adml; do
		[ -f "$(unixpath "$dir\\$f")" ] || bad "$dir\\$f is missing"
	done
	cmp -s "$(unixpath "$dir\\$EXE.com")" "$console" && ok "installed: $dir\\{$EXE.exe,$EXE.com,Uninstall.exe,policy\\MakeConnect.admx,policy\\en-US\\MakeConnect.adml}" ||
		bad "$dir\\$EXE.com is not the one in $zip"
	value=$(strings -el "$(unixpath "$links\\$APP_NAME.lnk")" 2>/dev/null | grep -iF "$EXE.exe" | head -1)
	[ -n "$value" ] && ok "Start-menu shortcut $links\\$APP_NAME.lnk: $value" || bad "no shortcut to $EXE.exe in $links"
	for pair in "DisplayName=$APP_NAME" "DisplayVersion=$WINDOWS_VERSION" "InstallLocation=$dir" \
		"DisplayIcon=\"$dir\\$EXE.exe\",0" "UninstallString=\"$dir\\Uninstall.exe\"" \
		"QuietUninstallString=\"$dir\\Uninstall.exe\" /S"; do
		value=$(regval "$key" "${pair%%=*}")
		[ "$value" = "${pair#*=}" ] || bad "$key ${pair%%=*} is '$value', not '${pair#*=}'"
	done
	value=$(regval "$key" Publisher)
	[ -n "$value" ] || bad "$key has no Publisher"
	value=$(regval "$key" HelpLink)
	[ "$value" = "$HELP_URL" ] || bad "$key HelpLink is '$value', not '$HELP_URL'"
	# The detection rule: one value, in the install's hive.
	value=$(regval "${key%%\\*}\\Software\\MakeConnect" Version)
	[ "$value" = "$WINDOWS_VERSION" ] && ok "detection value ${key%%\\*}\\Software\\MakeConnect\\Version: $value" ||
		bad "${key%%\\*}\\Software\\MakeConnect Version is '$value', not $WINDOWS_VERSION"
	value=$(regval "$key" EstimatedSize)
	((value > 0x1000)) && ok "uninstall entry $key: $(regval "$key" DisplayName) $(regval "$key" DisplayVersion), $((value)) KB, by $(regval "$key" Publisher)" ||
		bad "$key EstimatedSize is '$value'"
	value=$(regval "$env" Path)
	[ "$(tr ';' '\n' <<<"$value" | grep -cixF "$dir")" = 1 ] && ok "PATH ($env) holds $dir once" ||
		bad "PATH ($env) does not hold $dir once: $value"
}

# check_removed DIR KEY SHORTCUT_DIR: what an uninstall must not leave.
check_removed() {
	local dir=$1 key=$2 links=$3
	[ ! -e "$(unixpath "$dir")" ] && ok "$dir is gone" || bad "$dir is left: $(ls "$(unixpath "$dir")")"
	[ ! -e "$(unixpath "$links\\$APP_NAME.lnk")" ] && ok "the shortcut is gone" || bad "the shortcut in $links is left"
	w reg query "$key" >/dev/null 2>&1 && bad "$key is left" || ok "the uninstall entry is gone"
	[ -z "$(regval "${key%%\\*}\\Software\\MakeConnect" Version)" ] && ok "the detection value is gone" ||
		bad "${key%%\\*}\\Software\\MakeConnect Version is left"
}

# open_window DIR: starts the installed app's window and waits for it.
open_window() {
	w "$1\\$EXE.exe" >/dev/null 2>&1 &
	until_ok 60 xdotool search --name "^$APP_NAME\$" >/dev/null && ok "the window of $1\\$EXE.exe is open" ||
		bad "the window of $1\\$EXE.exe did not open"
}

# window_closed: no window of the app is left, and no program of it runs.
window_closed() {
	if until_ok 20 eval '! xdotool search --name "^$APP_NAME\$" >/dev/null && ! processes | grep -qi "^$EXE\."'; then
		ok "the window was closed and its program ended"
	else
		bad "the window is still open, or its program still runs"
	fi
}

# set_user_path VALUE: the person's PATH before the setup runs, with an
# entry to expand.
set_user_path() {
	user_path=$1
	w reg add 'HKCU\Environment' /v Path /t REG_EXPAND_SZ /d "$user_path" /f >/dev/null
}
# user_path_is WANT WHAT: PATH in the registry is WANT, still REG_EXPAND_SZ.
user_path_is() {
	local value
	value=$(regval 'HKCU\Environment' Path)
	[ "$value" = "$1" ] && w reg query 'HKCU\Environment' /v Path | grep -q REG_EXPAND_SZ && ok "PATH $2" ||
		bad "PATH is not as it should be ($2): $value"
}

step "under Wine: the setup, for the person"
localappdata=$(winenv LOCALAPPDATA)
user_dir="$localappdata\\Programs\\$APP_NAME"
user_links="$(winenv APPDATA)\\Microsoft\\Windows\\Start Menu\\Programs"
set_user_path '%USERPROFILE%\bin;C:\Tools\bin'
run_setup
check_installed "$user_dir" "$user_key" "$user_links" 'HKCU\Environment'
user_path_is "$user_path;$user_dir" "kept what it had, REG_EXPAND_SZ, and gained the folder at the end"
w reg query "$machine_key" >/dev/null 2>&1 && bad "a per-user install wrote $machine_key"

value=$(w cmd /c make-connect --version | tr -d '\r') || true
[ "$value" = "$APP_NAME $FULL_VERSION" ] && ok "cmd: make-connect --version: $value" || bad "cmd: make-connect --version says '$value'"
if start_connect "$tmp/installed.out" "$WINE" cmd /c make-connect connect --no-browser; then
	running=$(processes | grep -iF "$EXE") || true
	[ "$running" = "$EXE.com" ] && ok "cmd ran \"make-connect\" as $EXE.com" ||
		bad "cmd ran '$running' for \"make-connect\", not $EXE.com"
	person_approves "$tmp/installed.out"
else
	bad "the installed companion printed no address to visit: $(redacted "$tmp/installed.out.err")"
fi
# A second account, for the uninstaller to disconnect as well.
if start_connect "$tmp/second.out" "$WINE" cmd /c make-connect connect --no-browser; then
	person_approves "$tmp/second.out" grace@example.com
else
	bad "the installed companion printed no address to visit: $(redacted "$tmp/second.out.err")"
fi

step "under Wine: an upgrade while the window is open"
# "make-connect" alone runs the companion, which hands the window to
# make-connect.exe and gives the prompt back.
w cmd /c make-connect && ok "cmd: make-connect alone exited 0" || bad "cmd: make-connect alone exited $?"
until_ok 60 xdotool search --name "^$APP_NAME\$" >/dev/null && ok "it opened the window" || bad "it opened no window"
running=$(processes | grep -iF "$EXE") || true
[ "$running" = "$EXE.exe" ] && ok "the window is $EXE.exe's" || bad "the window's program is '$running', not $EXE.exe"
run_setup
window_closed
check_installed "$user_dir" "$user_key" "$user_links" 'HKCU\Environment'

step "under Wine: uninstall /Disconnect while the window is open"
open_window "$user_dir"
revoked=$(grep -c 'revoke: done' "$tmp/sandbox.log")
run_uninstaller "$user_key" /Disconnect
window_closed
check_removed "$user_dir" "$user_key" "$user_links"
user_path_is "$user_path" "is as it was"
value=$(account_entries)
[ "$value" = 0 ] && ok "the uninstaller disconnected the accounts: none left in Credential Manager" ||
	bad "the uninstaller left $value account entries in Credential Manager"
(($(grep -c 'revoke: done' "$tmp/sandbox.log") >= revoked + 2)) && ok "both accounts' tokens were revoked at the sandbox" ||
	bad "the uninstaller did not revoke both accounts' tokens"
value=$(credentials | awk '{ print $1 }' | tr '\n' ' ')
[ -z "$value" ] && ok "Credential Manager holds nothing of the app's (no account list either)" ||
	bad "Credential Manager still holds $value"
[ ! -e "$(unixpath "$localappdata\\make-connect")" ] && ok "$localappdata\\make-connect is gone" ||
	bad "$localappdata\\make-connect is left: $(ls "$(unixpath "$localappdata\\make-connect")")"
fyne_dir="$(winenv USERPROFILE)\\AppData\\Roaming\\fyne\\$APP_ID"
[ ! -e "$(unixpath "$fyne_dir")" ] && ok "$fyne_dir (Fyne's preferences) is gone" || bad "$fyne_dir is left"
settings_lock="$(winenv APPDATA)\\make-connect\\settings.json.lock"
[ ! -e "$(unixpath "$settings_lock")" ] && ok "no $settings_lock is left" || bad "$settings_lock is left"

step "under Wine: the setup clicked through, then its finish page's Open"
# Enter on each page: the licence's I Agree, "Only for me" (Next), Install,
# then Finish with "Open Make Connect" ticked. Wine runs everything as an
# administrator, so this takes the elevated setup's way to start the app:
# through Explorer. The window's title is "Make Connect Setup", with a space
# after it on Modern UI's own pages.
# Without a window manager the focus stays with Wine's window once given;
# xdotool cannot always say so, hence no --sync and no verdict on it.
press_enter() {
	xdotool search --name "^$APP_NAME Setup *\$" windowfocus >/dev/null 2>&1 || true
	xdotool key Return
}
w "$setup_win" >/dev/null 2>&1 &
setup_pid=$!
if until_ok 60 xdotool search --name "^$APP_NAME Setup *\$" >/dev/null; then
	sleep 1
	press_enter
	sleep 1
	press_enter
	sleep 1
	press_enter
	until_ok 60 eval '[ -n "$(regval "$user_key" DisplayName)" ]' || bad "clicking Install did not install"
	sleep 2
	press_enter
	wait "$setup_pid" && ok "the setup, clicked through, exited 0" || bad "the setup, clicked through, exited $?"
	until_ok 60 xdotool search --name "^$APP_NAME\$" >/dev/null && ok "Open on the finish page opened the window" ||
		bad "Open on the finish page did not open the window"
	run_uninstaller "$user_key"
	until_ok 20 eval '! xdotool search --name "^$APP_NAME\$" >/dev/null' && ok "the uninstaller closed the window" ||
		bad "the window is still open after uninstalling"
	check_removed "$user_dir" "$user_key" "$user_links"
else
	bad "the setup's window did not open"
fi

step "under Wine: a folder of one's own, then upgrades, with a long PATH"
# Longer than an NSIS string (1,024 characters). Wine cuts the PATH it
# gives programs at about that length, so cmd is not asked to find
# make-connect with it.
long_path='%USERPROFILE%\bin'
for i in $(seq -w 1 60); do long_path+=";C:\\Tools\\tool-$i\\bin"; done
set_user_path "$long_path"
own_dir='C:\Tools\MakeConnect'
run_setup "/D=$own_dir"
user_path_is "$long_path;$own_dir" "kept its ${#long_path} characters and gained the folder"
check_installed "$own_dir" "$user_key" "$user_links" 'HKCU\Environment'
run_setup
[ "$(regval "$user_key" InstallLocation)" = "$own_dir" ] && [ ! -e "$(unixpath "$user_dir")" ] &&
	ok "an upgrade without /D= found $own_dir" || bad "an upgrade without /D= did not replace the install in $own_dir"
moved_dir='C:\Tools\MakeConnect2'
# Moving runs the Uninstall.exe in the old folder, which the setup does
# only without administrator rights (test/boundaries.sh); Wine gives every
# program them, so this runs it through test/asuser.
w "$tmp/asuser.exe" "$setup_win" /S "/D=$moved_dir" && ok "setup /S /D=$moved_dir, without administrator rights, exited 0" ||
	bad "setup /S /D=$moved_dir, without administrator rights, exited $?"
check_installed "$moved_dir" "$user_key" "$user_links" 'HKCU\Environment'
[ ! -e "$(unixpath "$own_dir")" ] && ok "moving to $moved_dir removed $own_dir" || bad "$own_dir is left after moving"
user_path_is "$long_path;$moved_dir" "holds the new folder, not the old"
run_uninstaller "$user_key"
check_removed "$moved_dir" "$user_key" "$user_links"
user_path_is "$long_path" "is as it was"

step "under Wine: the setup, for everyone (/AllUsers)"
machine_dir="$(winenv ProgramW6432)\\$APP_NAME"
machine_links="$(winenv ProgramData)\\Microsoft\\Windows\\Start Menu\\Programs"
machine_path=$(regval "$machine_env" Path)
# Presets of the policy: for the person, nothing is installed (exit code
# 7); for everyone, each is written as the MSI writes it, and the
# uninstaller removes those, not a value Group Policy wrote.
policy_root='HKLM\Software\Policies\MakeConnect'
code=0
w "$setup_win" /S /CurrentUser /ZONE=eu2.make.com >/dev/null 2>&1 || code=$?
[ "$code" = 7 ] && [ -z "$(regval "$user_key" DisplayName)" ] && [ -z "$(regval "$policy_root" Zone)" ] &&
	ok "setup /S /CurrentUser /ZONE=… exited 7 and installed nothing" || bad "setup /S /CurrentUser /ZONE=… exited $code"
code=0
w "$setup_win" /S /AllUsers /MAXACCOUNTS=many >/dev/null 2>&1 || code=$?
[ "$code" = 7 ] && [ -z "$(regval "$machine_key" DisplayName)" ] && ok "setup /S /AllUsers /MAXACCOUNTS=many exited 7 and installed nothing" ||
	bad "setup /S /AllUsers /MAXACCOUNTS=many exited $code"
w reg add "$policy_root" /v ManagedByOrganization /d "Group Policy's" /f >/dev/null
run_setup /AllUsers /CLIENTID=org-client /ZONE=eu2.make.com /ALLOWEDZONES=eu2.make.com,us1.make.com /DISABLETOKENCOPY=1 /MAXACCOUNTS=3
check_installed "$machine_dir" "$machine_key" "$machine_links" "$machine_env"
for pair in "ClientID=org-client" "Zone=eu2.make.com" "AllowedZones=eu2.make.com,us1.make.com" "DisableTokenCopy=0x1" "MaxAccounts=0x3"; do
	value=$(regval "$policy_root" "${pair%%=*}")
	[ "$value" = "${pair#*=}" ] && ok "preset $policy_root ${pair%%=*}: $value" || bad "preset ${pair%%=*} is '$value', not '${pair#*=}'"
done
w reg query "$user_key" >/dev/null 2>&1 && bad "an install for everyone wrote $user_key"
value=$(w cmd /c make-connect --version | tr -d '\r') || true
[ "$value" = "$APP_NAME $FULL_VERSION" ] && ok "cmd: make-connect --version: $value" || bad "cmd: make-connect --version says '$value'"
run_uninstaller "$machine_key"
check_removed "$machine_dir" "$machine_key" "$machine_links"
[ "$(regval "$machine_env" Path)" = "$machine_path" ] && ok "the machine's PATH is as it was" ||
	bad "the machine's PATH after uninstall: $(regval "$machine_env" Path)"
value=$({ w reg query "$policy_root" 2>/dev/null || true; } | tr -d '\r' | awk 'NF > 2 { print $1 }' | tr '\n' ' ')
[ "$value" = "ManagedByOrganization " ] && ok "the uninstaller removed its presets and left Group Policy's ManagedByOrganization" ||
	bad "after the uninstall $policy_root holds: $value"
w reg delete "$policy_root" /f >/dev/null 2>&1

# connect_everyone OUT: the person connects ada@example.com with the
# installed make-connect.
connect_everyone() {
	if start_connect "$1" "$WINE" cmd /c make-connect connect --no-browser; then
		person_approves "$1"
	else
		bad "the installed companion printed no address to visit: $(redacted "$1.err")"
	fi
}

# gone_for_everyone: the entry and the folder are gone; the elevated
# uninstaller's program and the folder go last, a moment after it ends.
gone_for_everyone() {
	[ -z "$(regval "$machine_key" DisplayName)" ] && [ ! -e "$(unixpath "$machine_dir")" ]
}

step "under Wine: uninstalling for everyone without administrator rights"
# The person's uninstaller is NSIS's copy in %TEMP%; it must disconnect the
# account itself, then have Windows elevate the Uninstall.exe in Program
# Files with /Elevated, in place (_?=). Wine has no UAC: "runas" starts the
# program with its caller's token, so the elevated half runs as the person
# here (it can still remove everything: Wine checks no permissions). What
# was asked of Windows is in Wine's traces: +exec has each ShellExecute's
# verb, program and parameters, +process each program started, in order.
# They hold paths and account IDs; this prints only the elevated command.
run_setup /AllUsers
connect_everyone "$tmp/everyone.out"
revoked=$(grep -c 'revoke: done' "$tmp/sandbox.log")
if uninstaller "$machine_key"; then
	WINEDEBUG=-all,trace+exec,trace+process "$WINE" "$tmp/asuser.exe" "$exe" /S /Disconnect 2>"$tmp/elevation.log" ||
		bad "the uninstaller, run without administrator rights, exited $?"
	# An uninstaller that elevates itself again and again (the elevated one
	# not told it is) would never end: stop it at the second request.
	if until_ok 90 eval 'gone_for_everyone || (($(grep -c "verb=L\"runas\"" "$tmp/elevation.log") > 1))' &&
		gone_for_everyone; then
		ok "the install for everyone was removed"
	else
		bad "the install for everyone was not removed"
		"$WINESERVER" -k 2>/dev/null || true
	fi
	# One line each, unescaped, in the order they happened.
	grep -E 'trace:exec:SHELL_execute mask=|trace:process:CreateProcessInternalW app ' "$tmp/elevation.log" |
		sed 's/\\\(.\)/\1/g' >"$tmp/elevation.txt" || true
	requests=$(grep -c 'verb=L"runas"' "$tmp/elevation.txt") || true
	line=$(grep -n 'verb=L"runas"' "$tmp/elevation.txt" | head -1 | cut -d: -f1) || true
	if [ -n "$line" ]; then
		request=$(sed -n "${line}s/.* verb=L\"runas\" file=L\"\\(.*\\)\" parm=L\"\\(.*\\)\" dir=L\".*/\\1 \\2/p" "$tmp/elevation.txt")
		want="\"$machine_dir\\Uninstall.exe\" /S /Elevated _?=$machine_dir"
		[ "$request" = "$want" ] && ok "it asked Windows to elevate $request" ||
			bad "it asked Windows to elevate '$request', not '$want'"
		[ "$requests" = 1 ] || bad "it asked Windows for administrator rights $requests times, not once"
		# nsExec starts a stub of its own, which starts the command: count
		# the command's own start.
		value=$(head -n "$line" "$tmp/elevation.txt" | grep -cE 'cmdline L""[^"]*\\make-connect\.com" disconnect --account ') || true
		((value >= 1)) && ok "the person's uninstaller disconnected the account ($value make-connect disconnect) before asking" ||
			bad "the person's uninstaller ran no make-connect disconnect before asking for administrator rights"
		value=$(tail -n "+$((line + 1))" "$tmp/elevation.txt" | grep -ci 'make-connect\.com') || true
		[ "$value" = 0 ] && ok "after that, make-connect.com never ran (the elevated uninstaller disconnected nothing)" ||
			bad "make-connect.com ran $value times after the request for administrator rights"
	else
		bad "the uninstaller never asked Windows for administrator rights"
	fi
	value=$(account_entries)
	[ "$value" = 0 ] && ok "the person's account is gone from Credential Manager" || bad "$value account entries are left in Credential Manager"
	(($(grep -c 'revoke: done' "$tmp/sandbox.log") > revoked)) && ok "its tokens were revoked at the sandbox" ||
		bad "the uninstaller did not revoke the account's tokens"
	check_removed "$machine_dir" "$machine_key" "$machine_links"
	[ "$(regval "$machine_env" Path)" = "$machine_path" ] && ok "the machine's PATH is as it was" ||
		bad "the machine's PATH after uninstall: $(regval "$machine_env" Path)"
fi

step "under Wine: the elevated uninstaller, told to disconnect as well"
# The command above, as Windows would run it with an administrator's rights,
# plus /Disconnect, while an account is connected: the accounts in its reach
# would be the administrator's, so it must leave them alone. A batch file,
# as _?= takes its folder unquoted.
run_setup /AllUsers
connect_everyone "$tmp/elevated.out"
printf '"%s\\Uninstall.exe" /S /Disconnect /Elevated _?=%s\r\n' "$machine_dir" "$machine_dir" >"$tmp/elevated.bat"
w cmd /c "$(winpath "$tmp/elevated.bat")" >/dev/null 2>&1 || bad "the elevated uninstaller exited $?"
until_ok 60 gone_for_everyone && ok "the elevated uninstaller removed the install, its own program last" ||
	bad "the elevated uninstaller did not remove the install within 60 s"
check_removed "$machine_dir" "$machine_key" "$machine_links"
value=$(account_entries)
[ "$value" != "?" ] && ((value > 0)) && ok "it disconnected nothing: the account's $value entries are still in Credential Manager" ||
	bad "the elevated uninstaller removed the account from Credential Manager"
value=$(w "$console" disconnect | tr -d '\r') || true
[[ "$value" == Disconnected* ]] || bad "disconnect after the elevated uninstaller printed '$value'"

source "$ROOT/packaging/windows/test/rerun.sh"
