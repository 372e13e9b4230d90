# Sourced by check-windows.sh after test/setup.sh (whose names and helpers
# it uses), which leaves nothing installed: what the setup must leave alone.
#   boundary_personal  an install for one person, planted: its uninstall
#                      entry in HKCU names a folder other than the usual
#                      one, and both folders hold a stand-in Uninstall.exe
#                      (test/marker) that leaves a file when it runs. The
#                      setup for everyone (/AllUsers) and the setup for the
#                      person moving the install (/D=), both elevated (Wine
#                      runs everything as an administrator), and the setup
#                      for everyone run by the person (test/asuser), which
#                      must not even ask for the rights, stop with exit
#                      code 5 and say why; neither stand-in ran, nothing in
#                      either folder was deleted, and the person's entry,
#                      shortcut and PATH are as they were.
#   boundary_norights  the setup for everyone run by the person, with
#                      nothing installed: it ends with the exit code of the
#                      elevated copy it starts (8 under Wine, whose copy
#                      has no rights either).
#   boundary_msi       called by test/msi.sh while the MSI is installed: the
#                      setup for everyone stops with exit code 6, naming the
#                      MSI's product code, and one uninstall entry is left,
#                      the MSI's.

# plant DIR: a stand-in install for one person in DIR (a Windows path): the
# marker as its Uninstall.exe, and a file of the person's.
plant() {
	local dir
	dir=$(unixpath "$1")
	rm -rf "$dir"
	mkdir -p "$dir"
	cp "$tmp/marker.exe" "$dir/Uninstall.exe"
	echo "the person's" >"$dir/keep.txt"
}

# untouched DIR WHAT: after WHAT, the stand-in in DIR never ran, and DIR
# holds what plant put there.
untouched() {
	local dir
	dir=$(unixpath "$1")
	[ ! -e "$dir/Uninstall.exe.ran" ] && ok "$2: $1\\Uninstall.exe never ran" || bad "$2 ran $1\\Uninstall.exe"
	cmp -s "$dir/Uninstall.exe" "$tmp/marker.exe" && [ -f "$dir/keep.txt" ] && ok "$2: nothing in $1 was deleted" ||
		bad "$2 deleted in $1, which now holds: $(ls -A "$dir" 2>/dev/null | tr '\n' ' ')"
}

boundary_personal() {
	step "under Wine: an elevated setup never runs or deletes an install for one person"
	local planted='C:\planted\Make Connect' elsewhere='C:\Tools\Elsewhere' code path_before lnk what
	"$CC_WINDOWS" -O2 -o "$tmp/marker.exe" packaging/windows/test/marker/marker.c || die "cannot build the marker"
	path_before=$(regval 'HKCU\Environment' Path)
	lnk=$(unixpath "$user_links\\$APP_NAME.lnk")
	for what in "/AllUsers" "/CurrentUser /D=$elsewhere" "/AllUsers, without administrator rights"; do
		plant "$user_dir"
		plant "$planted"
		w reg add "$user_key" /v DisplayName /d "$APP_NAME" /f >/dev/null
		w reg add "$user_key" /v DisplayVersion /d 0.0.1.0 /f >/dev/null
		w reg add "$user_key" /v InstallLocation /d "$planted" /f >/dev/null
		w reg add "$user_key" /v UninstallString /d "\"$planted\\Uninstall.exe\"" /f >/dev/null
		w reg add 'HKCU\Environment' /v Path /t REG_EXPAND_SZ /d "C:\\Tools\\bin;$planted" /f >/dev/null
		mkdir -p "$(dirname "$lnk")"
		echo "the person's shortcut" >"$lnk"
		if [ "$what" = "/AllUsers, without administrator rights" ]; then
			# As the person (test/asuser): it stops before asking for the
			# rights. (Were it to ask, Wine would start the elevated copy
			# with the same token: boundary_norights.)
			code=0
			timeout 120 "$WINE" "$tmp/asuser.exe" "$setup_win" /S "/LOG=C:\\logs\\unelevated.log" /AllUsers >/dev/null 2>&1 || code=$?
			[ "$code" != 124 ] || "$WINESERVER" -k 2>/dev/null || true
		else
			# /D= is the last argument, as NSIS wants it.
			# shellcheck disable=SC2086 # $what is two arguments or one
			code=$(setup_exit "$setup_win" /S "/LOG=C:\\logs\\personal.log" $what)
		fi
		[ "$code" = 5 ] && ok "setup /S $what over it exited 5" || bad "setup /S $what over an install for the person exited $code, not 5"
		untouched "$planted" "setup /S $what"
		untouched "$user_dir" "setup /S $what"
		[ "$(regval "$user_key" InstallLocation)" = "$planted" ] && [ "$(cat "$lnk" 2>/dev/null)" = "the person's shortcut" ] &&
			[ "$(regval 'HKCU\Environment' Path)" = "C:\\Tools\\bin;$planted" ] &&
			ok "setup /S $what: the person's entry, shortcut and PATH are as they were" ||
			bad "setup /S $what changed the person's entry, shortcut or PATH"
		[ -z "$(regval "$machine_key" DisplayName)" ] && [ ! -e "$(unixpath "$machine_dir")" ] && [ ! -e "$(unixpath "$elsewhere")" ] &&
			ok "setup /S $what installed nothing" || bad "setup /S $what installed something"
		# What an older setup would have left, so that the next round starts clean.
		w reg delete "$machine_key" /f >/dev/null 2>&1 || true
		rm -rf "$(unixpath "$machine_dir")" "$(unixpath "$elsewhere")" "$(unixpath "$machine_links\\$APP_NAME.lnk")"
	done
	log_says 'C:\logs\personal.log' "Not installed: $APP_NAME 0.0.1.0 is installed for you in $planted"
	log_says 'C:\logs\personal.log' "Not installed: with administrator rights, the install for you in $planted is not moved"
	log_says 'C:\logs\unelevated.log' "Not installed: $APP_NAME 0.0.1.0 is installed for you in $planted"
	iconv -f UTF-16 -t UTF-8 "$(unixpath 'C:\logs\unelevated.log')" 2>/dev/null | grep -qF "asking Windows for them" &&
		bad "without administrator rights, it asked Windows for them" || ok "without administrator rights, it did not ask for them"
	w reg delete "$user_key" /f >/dev/null
	rm -rf "$(unixpath 'C:\planted')" "$(unixpath "$user_dir")" "$lnk"
	if [ -n "$path_before" ]; then
		w reg add 'HKCU\Environment' /v Path /t REG_EXPAND_SZ /d "$path_before" /f >/dev/null
	else
		w reg delete 'HKCU\Environment' /v Path /f >/dev/null
	fi
}

# boundary_norights: the setup for everyone run by the person (test/asuser)
# with nothing installed asks Windows for the rights (runas), waits for the
# elevated copy and ends with its exit code. Wine starts that copy with the
# person's token, without the rights, so the copy stops with exit code 8
# (never asking again), and the setup that started it ends with 8 too;
# were the copy's code lost, it would end with 0.
boundary_norights() {
	step "under Wine: the setup for everyone without administrator rights ends with the elevated copy's exit code"
	local code=0
	timeout 120 "$WINE" "$tmp/asuser.exe" "$setup_win" /S '/LOG=C:\logs\norights.log' /AllUsers >/dev/null 2>&1 || code=$?
	[ "$code" != 124 ] || "$WINESERVER" -k 2>/dev/null || true
	[ "$code" = 8 ] && ok "setup /S /AllUsers, as the person, exited 8: its elevated copy's code" ||
		bad "setup /S /AllUsers, as the person, exited $code, not its elevated copy's 8"
	log_says 'C:\logs\norights.log' "asking Windows for them"
	log_says 'C:\logs\norights.log' "Not installed: Windows started this setup for administrator rights, but gave it none"
	[ -z "$(regval "$machine_key" DisplayName)" ] && [ ! -e "$(unixpath "$machine_dir")" ] &&
		ok "nothing was installed" || bad "setup /S /AllUsers without the rights installed something"
}

# boundary_msi PRODUCT: the setup for everyone while the MSI of product code
# PRODUCT is installed in $msi_dir.
boundary_msi() {
	step "under Wine: the setup for everyone over the MSI's install"
	local code value
	code=$(setup_exit "$setup_win" /S /AllUsers "/LOG=C:\\logs\\over-msi.log")
	[ "$code" = 6 ] && ok "setup /S /AllUsers over the MSI exited 6" || bad "setup /S /AllUsers over the MSI exited $code, not 6"
	log_says 'C:\logs\over-msi.log' "Not installed: $APP_NAME $WINDOWS_VERSION is installed for everyone by its MSI (product code $1)"
	value=$(msi_installed)
	[ "$value" = "$1 $WINDOWS_VERSION" ] && [ -z "$(regval "$machine_key" DisplayName)" ] && [ -z "$(regval "$user_key" DisplayName)" ] &&
		ok "one uninstall entry, the MSI's: $value" ||
		bad "after the setup over the MSI the entries are: MSI '$value', setup's '$(regval "$machine_key" DisplayName)' '$(regval "$user_key" DisplayName)'"
	[ ! -e "$(unixpath "$msi_dir\\Uninstall.exe")" ] && cmp -s "$(unixpath "$msi_dir\\$EXE.com")" "$console" &&
		ok "the MSI's folder is as the MSI left it" || bad "the setup wrote into the MSI's folder $msi_dir"
	# What an older setup would have left.
	w reg delete "$machine_key" /f >/dev/null 2>&1 || true
	rm -f "$(unixpath "$msi_dir\\Uninstall.exe")"
}

boundary_personal
boundary_norights
