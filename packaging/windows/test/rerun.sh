# Sourced by setup.sh, last: the setup a support engineer re-runs, under
# Wine. Each step is a function of its own; nothing is installed before or
# after them.
#   rerun_one_install   one install at a time: for everyone over an
#                       install for the person stops (exit code 5) and
#                       leaves it; once the person has uninstalled it,
#                       for everyone, then for the person, which removes
#                       the install for everyone first (its uninstaller,
#                       silent, keeping the accounts): one entry, one
#                       shortcut, one PATH entry.
#   rerun_downgrade     a setup of a newer version (the same programs,
#                       makensis run again with another VERSION) installed,
#                       then this one with /S refuses (exit code 3) and
#                       leaves it; with /AllowDowngrade it goes through.
#   rerun_log           /LOG=FILE of the setup and the uninstaller: the file
#                       is there, UTF-16, and says what was done.
#   rerun_old_windows   Wine told to be Windows 8.1 for the setup: it
#                       refuses (exit code 4) and installs nothing.
#   rerun_revoke_fails  the uninstaller's /Disconnect while Make cannot be
#                       reached: the accounts are removed from Credential
#                       Manager with the account list, the app's folders
#                       go, and the exit code is 3. It stops the sandbox
#                       and starts another.
# (The licence page, the finish page's picture, the uninstaller's tick box
# and the Install button are on screen only; see docs/packaging.md, "Windows".)

# setup_exit SETUP ARG…: runs SETUP (a Windows path) and prints its exit code.
setup_exit() {
	local code=0
	w "$@" >/dev/null 2>&1 || code=$?
	echo "$code"
}

# one_install DIR KEY LINKS ENV OTHER_DIR OTHER_KEY OTHER_LINKS OTHER_ENV:
# DIR's install is there, and nothing of the other's.
one_install() {
	check_installed "$1" "$2" "$3" "$4"
	[ -z "$(regval "$6" DisplayName)" ] && ok "no entry $6" || bad "the entry $6 is still there"
	[ ! -e "$(unixpath "$7\\$APP_NAME.lnk")" ] && ok "no shortcut in $7" || bad "the shortcut in $7 is still there"
	[ ! -e "$(unixpath "$5")" ] && ok "$5 is gone" || bad "$5 is left: $(ls "$(unixpath "$5")")"
	tr ';' '\n' <<<"$(regval "$8" Path)" | grep -qixF "$5" && bad "PATH ($8) still holds $5" || ok "PATH ($8) does not hold $5"
}

rerun_one_install() {
	step "under Wine: one install at a time (switching Install for)"
	local accounts code
	run_setup /CurrentUser
	check_installed "$user_dir" "$user_key" "$user_links" 'HKCU\Environment'
	# An account, which switching must leave (the person's PATH is too
	# long for Wine's cmd: the companion by its path).
	if start_connect "$tmp/switch.out" "$WINE" "$user_dir\\$EXE.com" connect --no-browser; then
		person_approves "$tmp/switch.out"
	else
		bad "the installed companion printed no address to visit: $(redacted "$tmp/switch.out.err")"
	fi
	accounts=$(account_entries)
	# For everyone leaves the person's install to them (installmode.nsh).
	code=$(setup_exit "$setup_win" /S /AllUsers)
	[ "$code" = 5 ] && ok "setup /S /AllUsers over the install for the person exited 5" ||
		bad "setup /S /AllUsers over the install for the person exited $code, not 5"
	[ -z "$(regval "$machine_key" DisplayName)" ] && ok "and installed nothing for everyone" ||
		bad "setup /S /AllUsers over the install for the person installed for everyone"
	check_installed "$user_dir" "$user_key" "$user_links" 'HKCU\Environment'
	# As the setup asks: the person uninstalls theirs (the accounts stay).
	run_uninstaller "$user_key"
	run_setup /AllUsers
	one_install "$machine_dir" "$machine_key" "$machine_links" "$machine_env" \
		"$user_dir" "$user_key" "$user_links" 'HKCU\Environment'
	user_path_is "$user_path" "for the person is as it was"
	run_setup /CurrentUser
	one_install "$user_dir" "$user_key" "$user_links" 'HKCU\Environment' \
		"$machine_dir" "$machine_key" "$machine_links" "$machine_env"
	[ "$(regval "$machine_env" Path)" = "$machine_path" ] && ok "the machine's PATH is as it was" ||
		bad "the machine's PATH after switching: $(regval "$machine_env" Path)"
	[ "$(account_entries)" = "$accounts" ] && ((accounts > 0)) && ok "the account stayed ($accounts entries)" ||
		bad "switching changed the account's entries: $accounts before, $(account_entries) after"
	# Left installed for the person, with the account, for the next steps.
}

rerun_downgrade() {
	step "under Wine: a newer version installed, then this one"
	local newer=9.9.9.9 code args=()
	# The build's arguments but its VERSION: the first -D of a name wins.
	mapfile -t args < <(grep -v '^-DVERSION=' "$BUILD/windows/makensis.args")
	# makensis needs a locale it knows for its arguments (the ©).
	if ! LC_ALL=C.UTF-8 makensis "${args[@]}" -DVERSION=$newer -DOUTFILE="$tmp/newer-setup.exe" packaging/windows/installer.nsi >"$tmp/newer.log" 2>&1; then
		bad "makensis of a $newer setup failed: $(tail -3 "$tmp/newer.log")"
		return
	fi
	code=$(setup_exit "$(winpath "$tmp/newer-setup.exe")" /S)
	[ "$code" = 0 ] && [ "$(regval "$user_key" DisplayVersion)" = $newer ] && ok "the $newer setup /S installed $newer" ||
		bad "the $newer setup /S exited $code, the entry says $(regval "$user_key" DisplayVersion)"
	[ "$(regval 'HKCU\Software\MakeConnect' Version)" = $newer ] && ok "after the upgrade the detection value says $newer" ||
		bad "after the upgrade to $newer HKCU\Software\MakeConnect Version is '$(regval 'HKCU\Software\MakeConnect' Version)'"
	code=$(setup_exit "$setup_win" /S "/LOG=C:\\logs\\refused.log")
	[ "$code" = 3 ] && ok "setup /S over $newer exited 3" || bad "setup /S over $newer exited $code, not 3"
	[ "$(regval "$user_key" DisplayVersion)" = $newer ] && [ -f "$(unixpath "$user_dir\\$EXE.com")" ] &&
		ok "$newer is still installed" || bad "the refused downgrade changed the install: $(regval "$user_key" DisplayVersion)"
	log_says 'C:\logs\refused.log' "Not installed: $APP_NAME $newer is installed, newer than this setup's $WINDOWS_VERSION"
	code=$(setup_exit "$setup_win" /S /AllowDowngrade "/LOG=C:\\logs\\setup.log")
	[ "$code" = 0 ] && [ "$(regval "$user_key" DisplayVersion)" = "$WINDOWS_VERSION" ] &&
		ok "setup /S /AllowDowngrade exited 0 and installed $WINDOWS_VERSION" ||
		bad "setup /S /AllowDowngrade exited $code, the entry says $(regval "$user_key" DisplayVersion)"
	check_installed "$user_dir" "$user_key" "$user_links" 'HKCU\Environment'
}

# log_says FILE TEXT: the UTF-16 log FILE (a Windows path) has a line with TEXT.
log_says() {
	local file
	file=$(unixpath "$1")
	if [ ! -f "$file" ]; then
		bad "no log $1"
		return
	fi
	local text
	text=$(iconv -f UTF-16 -t UTF-8 "$file" | tr -d '\r') || true
	if grep -qF -- "$2" <<<"$text"; then
		ok "$1 says: $2"
	else
		bad "$1 does not say '$2': $(tail -5 <<<"$text")"
	fi
}

rerun_log() {
	step "under Wine: /LOG=FILE"
	# The setup's, from the downgrade above.
	log_says 'C:\logs\setup.log' "$APP_NAME $WINDOWS_VERSION setup:"
	log_says 'C:\logs\setup.log' "replacing it (/AllowDowngrade)"
	log_says 'C:\logs\setup.log' "$user_dir is on PATH already"
	log_says 'C:\logs\setup.log' "Installed $APP_NAME $WINDOWS_VERSION in $user_dir"
	if [ -f "$(unixpath 'C:\logs\setup.log')" ]; then
		iconv -f UTF-16 -t UTF-8 "$(unixpath 'C:\logs\setup.log')" | tr -d '\r' | sed 's/^/     | /' | head -12 || true
	fi
}

rerun_old_windows() {
	step "under Wine: Windows 8.1"
	# Wine's version for one program: AppDefaults\<program>\Version.
	local code defaults='HKCU\Software\Wine\AppDefaults\old-windows-setup.exe'
	cp "$ROOT/$setup" "$tmp/old-windows-setup.exe"
	w reg add "$defaults" /v Version /d win81 /f >/dev/null
	code=$(setup_exit "$(winpath "$tmp/old-windows-setup.exe")" /S /AllUsers)
	[ "$code" = 4 ] && ok "on Windows 8.1 setup /S exited 4" || bad "on Windows 8.1 setup /S exited $code, not 4"
	[ -z "$(regval "$machine_key" DisplayName)" ] && ok "and installed nothing" || bad "on Windows 8.1 it installed"
	w reg delete "$defaults" /f >/dev/null
}

rerun_revoke_fails() {
	step "under Wine: uninstall /Disconnect while Make cannot be reached"
	local fyne_dir code pid
	fyne_dir="$(winenv USERPROFILE)\\AppData\\Roaming\\fyne\\$APP_ID"
	[ -n "$(credentials)" ] || bad "no account to disconnect"
	# Left by the windows opened earlier (Fyne writes its preferences as
	# a window closes); this one the uninstaller closes.
	[ -e "$(unixpath "$localappdata\\make-connect")" ] && ok "before: $localappdata\\make-connect is there" ||
		echo "note $localappdata\\make-connect was not there before"
	[ -e "$(unixpath "$fyne_dir")" ] && ok "before: $fyne_dir is there" || echo "note $fyne_dir was not there before"
	open_window "$user_dir"
	for pid in "${pids[@]}"; do
		if [[ "$(ps -o args= -p "$pid" 2>/dev/null || true)" == *make-sandbox* ]]; then
			kill "$pid"
		fi
	done
	# In place (_?=), to see the exit code; a batch file, as _?= takes
	# its folder unquoted.
	printf '"%s\\Uninstall.exe" /S /Disconnect /LOG=C:\\logs\\uninstall.log _?=%s\r\n' "$user_dir" "$user_dir" >"$tmp/uninstall.bat"
	code=0
	w cmd /c "$(winpath "$tmp/uninstall.bat")" >/dev/null 2>&1 || code=$?
	[ "$code" = 3 ] && ok "uninstall /S /Disconnect exited 3: Make did not confirm the revocation" ||
		bad "uninstall /S /Disconnect with Make unreachable exited $code, not 3"
	log_says 'C:\logs\uninstall.log' "but Make could not be told to withdraw its access"
	log_says 'C:\logs\uninstall.log' "Uninstalled"
	[ -z "$(credentials)" ] && ok "Credential Manager holds nothing of the app's (no account, no account list)" ||
		bad "Credential Manager still holds: $(credentials | awk '{ print $1 }' | tr '\n' ' ')"
	[ ! -e "$(unixpath "$localappdata\\make-connect")" ] && ok "$localappdata\\make-connect is gone" ||
		bad "$localappdata\\make-connect is left: $(ls "$(unixpath "$localappdata\\make-connect")")"
	[ ! -e "$(unixpath "$fyne_dir")" ] && ok "$fyne_dir is gone" || bad "$fyne_dir is left"
	[ -z "$(regval "$user_key" DisplayName)" ] && ok "the install is removed" || bad "the install is still registered"
	rm -rf "$(unixpath "$user_dir")"
	start_sandbox check-windows -token-bytes 6200
}

rerun_one_install
rerun_downgrade
rerun_log
rerun_old_windows
rerun_revoke_fails
