# Sourced by check-windows.sh, after the setup's checks (test/setup.sh),
# which leave nothing installed: the MSI, first by reading it, then under
# Wine as a deployment runs it (msiexec /qn):
#   1. Its properties: per machine (ALLUSERS=1), the fixed UpgradeCode, the
#      version of the programs; signed when a certificate was given. Its
#      tables (msiinfo): no Repair or Modify, the links of FyneApp.toml,
#      ARPINSTALLLOCATION set from INSTALLDIR after CostFinalize, the
#      launch condition on Windows 10's build, the programs' file
#      versions, the detection value, and a preset for every policy key.
#   1b. As Windows 8.1 (Wine's version): refused by that launch condition.
#   2. While the setup's install for everyone is there (its entry, as the
#      setup writes it), msiexec /i refuses: they would share a folder.
#   3. msiexec /i with every preset's property: each written to
#      HKLM\Software\Policies\MakeConnect and read back, with the detection
#      value HKLM\Software\MakeConnect\Version; the programs and the Group Policy template in Program
#      Files, the Start-menu shortcut for everyone, the folder on the
#      machine's PATH, and the uninstall entry under its ProductCode in
#      HKLM; "make-connect" typed in cmd runs the installed companion.
#      Then the setup for everyone refuses to install over it (exit code
#      6, naming the MSI's product code; test/boundaries.sh), leaving one
#      entry, the MSI's.
#   4. An upgrade to a build that raises only Build (the same version to
#      Windows Installer, which compares three numbers), given the same
#      properties, then to a higher version, given none: each time one
#      install is left, of the newer build, and the detection value says
#      it; the presets stay through the first and go with the second (the
#      older version's uninstall removes what it wrote).
#   5. The first MSI again, now older: refused, and the newer one stays.
#   6. msiexec /x: nothing is left (files, folder, shortcut, PATH, entry,
#      detection value), but a policy value it did not write.
source "$ROOT/packaging/windows/msi.sh"

uninstall_root='HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall'
msi_env='HKLM\SYSTEM\CurrentControlSet\Control\Session Manager\Environment'

# msi_installed prints "PRODUCTCODE VERSION" for each uninstall entry of the
# app in HKLM that is an MSI's (named by a product code), one a line.
msi_installed() {
	local key
	for key in $({ w reg query "$uninstall_root" 2>/dev/null || true; } | tr -d '\r' | grep -o '\\{[0-9A-Fa-f-]*}$' | tr -d '\\'); do
		if [ "$(regval "$uninstall_root\\$key" DisplayName)" = "$APP_NAME" ]; then
			echo "$key $(regval "$uninstall_root\\$key" DisplayVersion)"
		fi
	done
}

# msiexec_log prints msiexec's log, in UTF-8 whichever it was written in.
msiexec_log() {
	if grep -qaP '\x00' "$tmp/msiexec.log" 2>/dev/null; then
		iconv -f UTF-16 -t UTF-8 "$tmp/msiexec.log"
	else
		cat "$tmp/msiexec.log" 2>/dev/null
	fi | tr -d '\r'
}

# run_msiexec WANT WHAT ARG…: runs msiexec with ARGs, silent, logging to
# $tmp/msiexec.log; it must exit WANT (0, or 1603 for a refusal). Wine
# hands Linux only the low 8 bits of an exit code: 1603 arrives as 67.
run_msiexec() {
	local want=$1 what=$2 code=0
	shift 2
	w msiexec "$@" /qn /l*v "$(winpath "$tmp/msiexec.log")" >/dev/null 2>&1 || code=$?
	if [ "$code" = "$((want % 256))" ]; then
		ok "msiexec $what exited $want$([ "$code" = "$want" ] || echo " ($code under Wine)")"
	else
		bad "msiexec $what exited $code, not $want; the end of its log: $(msiexec_log | grep -v '^$' | tail -5)"
		# The whole log, kept for whoever looks into it: Wine's msi once
		# exited 1 on the refused downgrade without detecting the newer
		# install, and passed on the next run.
		mkdir -p "$ROOT/build/check-windows"
		msiexec_log >"$ROOT/build/check-windows/msiexec-failed-$(date +%s).log"
		echo "note msiexec's whole log: build/check-windows/"
	fi
}

# logged_property NAME: a property's value as msiexec's log ends with it.
logged_property() {
	msiexec_log | sed -n "s/^Property(S): $1 = //p" | tail -1
}

# refused_for PROPERTY MESSAGE: the install just refused was refused by the
# launch condition on PROPERTY, whose message starts with MESSAGE. Wine's
# msi does not log the message, so the check is that PROPERTY was set and
# that the MSI's condition says MESSAGE.
refused_for() {
	local value
	value=$(logged_property "$1")
	# grep reads to the end: grep -q's early exit would fail the pipeline.
	if [ -n "$value" ] && msiinfo export "$ROOT/$msi" LaunchCondition | grep -F "$2" >/dev/null; then
		ok "refused by its launch condition: $1 = $value, \"$2…\""
	else
		bad "the refusal was not the launch condition on $1 ('$value'; the MSI's message: \"$2…\")"
	fi
}

# bump VERSION FIELD: VERSION (four numbers) with field FIELD (1 to 4)
# raised by one and the ones after it, but Build, zeroed.
bump() {
	awk -F. -v f="$2" 'BEGIN { OFS = "." } { $f++; for (i = f + 1; i < 4; i++) $i = 0; print }' <<<"$1"
}

# The presets given to msiexec /i: every policy key's property, and the
# value each must leave in the registry as reg query shows it.
presets=(CLIENTID=org-client ISSUER=https://www.make.com ZONE=eu2.make.com SCOPES=openid
	REDIRECTURI=http://127.0.0.1:0/callback 'CAFILE=C:\ca.pem' KEYCHAIN=system MANAGEDBYORGANIZATION=Example
	ALLOWEDZONES=eu2.make.com,us1.make.com "ALLOWEDSCOPES=openid,user:read" DISABLETOKENCOPY=1 MAXACCOUNTS=3)
preset_values=(ClientID=org-client Issuer=https://www.make.com Zone=eu2.make.com Scopes=openid
	RedirectURI=http://127.0.0.1:0/callback 'CAFile=C:\ca.pem' Keychain=system ManagedByOrganization=Example
	AllowedZones=eu2.make.com,us1.make.com "AllowedScopes=openid,user:read" DisableTokenCopy=0x1 MaxAccounts=0x3)
policy_root='HKLM\Software\Policies\MakeConnect'
detection='HKLM\Software\MakeConnect'

# presets_are WHAT: every preset is in the registry (or, with "gone",
# none is).
presets_are() {
	local pair value missing=() wrong=()
	for pair in "${preset_values[@]}"; do
		value=$(regval "$policy_root" "${pair%%=*}")
		if [ "$1" = gone ]; then
			[ -z "$value" ] || wrong+=("${pair%%=*}")
		elif [ "$value" != "${pair#*=}" ]; then
			wrong+=("${pair%%=*}='$value'")
		fi
	done
	if [ ${#wrong[@]} = 0 ]; then
		ok "$policy_root: $([ "$1" = gone ] && echo "no preset is left" || echo "all ${#preset_values[@]} presets read back")"
	else
		bad "$policy_root after $2: ${wrong[*]}"
	fi
}

# detection_is VERSION WHAT: the detection value is VERSION ("" none).
detection_is() {
	local value
	value=$(regval "$detection" Version)
	[ "$value" = "$1" ] && ok "detection value $detection\Version after $2: '${value}'" ||
		bad "$detection Version after $2 is '$value', not '$1'"
}

step "the MSI: $msi"
value=$(file -b "$msi")
[[ "$value" == *"MSI Installer"* ]] && ok "file: ${value%%,*}" || bad "file says '$value', not an MSI"
for pair in "ProductName=$APP_NAME" "ProductVersion=$WINDOWS_VERSION" "UpgradeCode=$MSI_UPGRADE_CODE" "ALLUSERS=1"; do
	value=$(msi_property "$msi" "${pair%%=*}")
	[ "$value" = "${pair#*=}" ] && ok "${pair%%=*}: $value" || bad "the MSI's ${pair%%=*} is '$value', not '${pair#*=}'"
done
product=$(msi_property "$msi" ProductCode)
publisher=$(msi_property "$msi" Manufacturer)
website=$(msi_property "$msi" ARPURLINFOABOUT)
[ -n "$publisher" ] || bad "the MSI has no Manufacturer"
for pair in "ARPURLINFOABOUT=$WEBSITE" "ARPHELPLINK=$HELP_URL" ARPNOREPAIR=1 ARPNOMODIFY=1; do
	value=$(msi_property "$msi" "${pair%%=*}")
	[ "$value" = "${pair#*=}" ] && ok "${pair%%=*}: $value" || bad "the MSI's ${pair%%=*} is '$value', not '${pair#*=}'"
done
# msi_table TABLE: the rows of TABLE, without its three header lines.
msi_table() { msiinfo export "$ROOT/$msi" "$1" | tr -d '\r' | tail -n +4; }
value=$(msi_table CustomAction | awk -F'\t' '$1 == "SetARPINSTALLLOCATION" { print $2 " " $3 " " $4 }')
seq=$(msi_table InstallExecuteSequence | awk -F'\t' '$1 == "SetARPINSTALLLOCATION" { print $3 }')
[ "$value" = "51 ARPINSTALLLOCATION [INSTALLDIR]" ] && ((seq > 1000 && seq < 1400)) &&
	ok "ARPINSTALLLOCATION = [INSTALLDIR] (custom action type 51 at $seq, after CostFinalize)" || bad "ARPINSTALLLOCATION: '$value' at '$seq'"
value=$(msi_table LaunchCondition | grep -F 'WINDOWS_BUILD >= 10240' || true)
locator=$(msi_table RegLocator | awk -F'\t' '$4 == "CurrentBuildNumber" { print $3 }')
[[ "$value" == *"VersionNT64 >= 603"* ]] && [ "$locator" = 'SOFTWARE\Microsoft\Windows NT\CurrentVersion' ] &&
	ok "launch condition: ${value%%	*}" || bad "no launch condition on Windows 10's build: '$value', '$locator'"
for f in GuiExe ConsoleExe; do
	value=$(msi_table File | awk -F'\t' -v f=$f '$1 == f { print $5 }')
	[ "$value" = "$WINDOWS_VERSION" ] && ok "File $f: version $value" || bad "the File table's version of $f is '$value', not $WINDOWS_VERSION"
done
value=$(msi_table Registry | awk -F'\t' '$3 == "Software\\MakeConnect" && $4 == "Version" { print $2 " " $5 }')
[ "$value" = "2 $WINDOWS_VERSION" ] && ok "detection value: HKLM\Software\MakeConnect\Version = $WINDOWS_VERSION" || bad "the detection value's row: '$value'"
value=$(msi_table Component | awk -F'\t' '$1 ~ /^Preset/ { print $5 }' | grep -c 'OR (REMOVE~="ALL" AND WROTE_' || true)
[ "$value" = "${#presets[@]}" ] && ok "$value preset components, each on its property or the uninstall of what it wrote" ||
	bad "$value preset components with their conditions, not ${#presets[@]}"
if [ -n "${SIGN_PFX:-}${SIGN_CERT:-}" ]; then
	osslsigncode extract-signature -in "$msi" -out "$tmp/msi-signature.der" >/dev/null 2>&1 &&
		ok "the MSI is signed" || bad "the MSI is not signed though a certificate was given"
else
	echo "note the MSI is UNSIGNED (no SIGN_PFX or SIGN_CERT given)"
fi

msi_dir="$(winenv ProgramW6432)\\$APP_NAME"
msi_path_before=$(regval "$msi_env" Path)
[ -z "$(msi_installed)" ] || bad "an MSI install of $APP_NAME is there before msiexec /i: $(msi_installed)"

step "under Wine: msiexec /i while the setup is installed for everyone"
setup_entry="$uninstall_root\\$APP_ID"
w reg add "$setup_entry" /v DisplayName /d "$APP_NAME" /f >/dev/null
run_msiexec 1603 "/i beside the setup's install for everyone (refused)" /i "$(winpath "$ROOT/$msi")"
refused_for SETUP_FOR_EVERYONE "[ProductName] is already installed for everyone by its setup"
[ -z "$(msi_installed)" ] && [ ! -e "$(unixpath "$msi_dir")" ] && ok "it installed nothing" || bad "the refused msiexec /i installed something"
w reg delete "$setup_entry" /f >/dev/null

step "under Wine: msiexec /i on Windows 8.1"
w winecfg -v win81 >/dev/null 2>&1 && "$WINESERVER" -w
run_msiexec 1603 "/i as Windows 8.1 (refused)" /i "$(winpath "$ROOT/$msi")"
refused_for WINDOWS_BUILD "[ProductName] needs Windows 10 or later"
[ -z "$(msi_installed)" ] && ok "it installed nothing" || bad "msiexec /i installed on Windows 8.1"
w winecfg -v win10 >/dev/null 2>&1 && "$WINESERVER" -w

step "under Wine: msiexec /i, per machine, with every preset"
run_msiexec 0 "/i $(basename "$msi") ${presets[*]}" /i "$(winpath "$ROOT/$msi")" "${presets[@]}"
presets_are there "msiexec /i"
detection_is "$WINDOWS_VERSION" "msiexec /i"
for f in "$EXE.exe" "$EXE.com" 'policy\MakeConnect.admx' 'policy\en-US\MakeConnect.adml'; do
	[ -f "$(unixpath "$msi_dir\\$f")" ] || bad "$msi_dir\\$f is missing"
done
cmp -s "$(unixpath "$msi_dir\\$EXE.exe")" "$gui" && cmp -s "$(unixpath "$msi_dir\\$EXE.com")" "$console" &&
	cmp -s "$(unixpath "$msi_dir\\policy\\en-US\\MakeConnect.adml")" packaging/windows/policy/en-US/MakeConnect.adml &&
	cmp -s "$(unixpath "$msi_dir\\policy\\MakeConnect.admx")" packaging/windows/policy/MakeConnect.admx &&
	ok "installed: $msi_dir\\{$EXE.exe,$EXE.com,policy\\MakeConnect.admx,policy\\en-US\\MakeConnect.adml}" ||
	bad "the files in $msi_dir are not the zip's programs and packaging/windows/policy's template"
# The shortcut goes to ProgramMenuFolder: on Windows, for ALLUSERS=1, the
# Start menu of everyone (ProgramData); Wine's msi gives the person's
# instead ("FIXME: set to AllUsers profile path if ALLUSERS is set").
msi_links=$(logged_property ProgramMenuFolder)
msi_links=${msi_links%\\}
value=$(strings -el "$(unixpath "$msi_links\\$APP_NAME.lnk")" 2>/dev/null | grep -iF "$EXE.exe" | head -1)
[ -n "$value" ] && ok "Start-menu shortcut $msi_links\\$APP_NAME.lnk (ProgramMenuFolder): $value" || bad "no shortcut to $EXE.exe in '$msi_links'"
# path_holds PATH: how many of PATH's entries are $msi_dir (MSI writes it
# with a backslash at the end).
path_holds() { tr ';' '\n' <<<"$1" | sed 's/\\$//' | grep -cixF "$msi_dir"; }
value=$(regval "$msi_env" Path)
[ "$(path_holds "$value")" = 1 ] &&
	[ "${value:0:${#msi_path_before}}" = "$msi_path_before" ] &&
	ok "the machine's PATH kept what it had and holds $msi_dir once" || bad "the machine's PATH after msiexec /i: $value"
key="$uninstall_root\\$product"
entry_ok=true
for pair in "DisplayName=$APP_NAME" "DisplayVersion=$WINDOWS_VERSION" "Publisher=$publisher"; do
	value=$(regval "$key" "${pair%%=*}")
	[ "$value" = "${pair#*=}" ] || { bad "$key ${pair%%=*} is '$value', not '${pair#*=}'"; entry_ok=false; }
done
! $entry_ok || ok "uninstall entry $key: $(regval "$key" DisplayName) $(regval "$key" DisplayVersion) by $(regval "$key" Publisher)"
for pair in "InstallLocation=$msi_dir\\" "HelpLink=$HELP_URL" "URLInfoAbout=$WEBSITE" NoRepair=0x1 NoModify=0x1; do
	value=$(regval "$key" "${pair%%=*}")
	[ "$value" = "${pair#*=}" ] && ok "$key ${pair%%=*}: $value" || bad "$key ${pair%%=*} is '$value', not '${pair#*=}'"
done
# Windows writes DisplayIcon from ARPPRODUCTICON; Wine's msi does not.
# (Exporting the Icon table writes its icons into ./Icon: do it in $tmp.)
[ "$(msi_property "$msi" ARPPRODUCTICON)" = icon.ico ] && (cd "$tmp" && msiinfo export "$ROOT/$msi" Icon) | grep '^icon\.ico' >/dev/null &&
	ok "the entry's icon: ARPPRODUCTICON icon.ico, in the MSI's Icon table" || bad "the MSI has no ARPPRODUCTICON in its Icon table"
icon=$(regval "$key" DisplayIcon)
if [ -n "$icon" ]; then
	[ -f "$(unixpath "${icon%,*}")" ] && ok "DisplayIcon: $icon" || bad "$key DisplayIcon is '$icon', not a file"
else
	echo "note Wine's msi wrote no DisplayIcon (Windows writes it from ARPPRODUCTICON)"
fi
value=$(msi_installed)
[ "$value" = "$product $WINDOWS_VERSION" ] && ok "one MSI install: $value" || bad "the MSI installs are '$value', not '$product $WINDOWS_VERSION'"
w reg query "$uninstall_root\\$APP_ID" >/dev/null 2>&1 && bad "the MSI wrote the setup's entry $uninstall_root\\$APP_ID"
value=$(w cmd /c make-connect --version | tr -d '\r') || true
[ "$value" = "$APP_NAME $FULL_VERSION" ] && ok "cmd: make-connect --version: $value" || bad "cmd: make-connect --version says '$value'"
boundary_msi "$product"

step "under Wine: upgrades to newer MSIs"
# The programs of the zip again, in MSIs of higher versions: what an
# upgrade replaces is decided by the MSI's version alone.
older=$product
version=$WINDOWS_VERSION
for field in 4 2; do
	version=$(bump "$version" "$field")
	build_msi "$tmp/newer-$field.msi" "$version" "$tmp/app" "$publisher"
	newer=$(msi_property "$tmp/newer-$field.msi" ProductCode)
	given=()
	[ "$field" = 2 ] || given=("${presets[@]}")
	run_msiexec 0 "/i of $version over $(regval "$uninstall_root\\$older" DisplayVersion)${given[*]:+ with the presets}" /i "$(winpath "$tmp/newer-$field.msi")" "${given[@]}"
	detection_is "$version" "the upgrade to $version"
	if [ "$field" = 2 ]; then
		presets_are gone "the upgrade to $version without them"
	else
		presets_are there "the upgrade to $version with them"
	fi
	value=$(msi_installed)
	[ "$value" = "$newer $version" ] && ok "one MSI install left, of $version: $value" ||
		bad "after the upgrade to $version the MSI installs are '$value', not '$newer $version'"
	[ -f "$(unixpath "$msi_dir\\$EXE.com")" ] && [ -f "$(unixpath "$msi_links\\$APP_NAME.lnk")" ] ||
		bad "after the upgrade to $version the programs or the shortcut are missing"
	[ "$(path_holds "$(regval "$msi_env" Path)")" = 1 ] ||
		bad "after the upgrade to $version the machine's PATH does not hold $msi_dir once: $(regval "$msi_env" Path)"
	older=$newer
done

step "under Wine: the first MSI again, now older"
run_msiexec 1603 "/i of $WINDOWS_VERSION over $version (refused)" /i "$(winpath "$ROOT/$msi")"
refused_for WIX_DOWNGRADE_DETECTED "A newer version of [ProductName] is already installed"
value=$(msi_installed)
[ "$value" = "$newer $version" ] && ok "$version is still installed, alone" || bad "after the refused downgrade the MSI installs are '$value'"

step "under Wine: msiexec /x"
# A value Group Policy wrote, which the MSI did not: it stays.
w reg add "$policy_root" /v MaxAccounts /t REG_DWORD /d 5 /f >/dev/null
run_msiexec 0 "/x $newer" /x "$newer"
detection_is "" "msiexec /x"
[ "$(regval "$policy_root" MaxAccounts)" = 0x5 ] && ok "Group Policy's MaxAccounts is left as it was" ||
	bad "msiexec /x changed a policy value it did not write: MaxAccounts '$(regval "$policy_root" MaxAccounts)'"
w reg delete "$policy_root" /f >/dev/null 2>&1
[ ! -e "$(unixpath "$msi_dir")" ] && ok "$msi_dir is gone" || bad "$msi_dir is left: $(ls -R "$(unixpath "$msi_dir")")"
[ ! -e "$(unixpath "$msi_links\\$APP_NAME.lnk")" ] && ok "the shortcut is gone" || bad "the shortcut in $msi_links is left"
# Wine's msi leaves the ';' before each entry it removes; empty entries
# mean nothing to Windows, so they are not counted.
value=$(regval "$msi_env" Path)
if [ "$value" = "$msi_path_before" ]; then
	ok "the machine's PATH is as it was"
elif [ "$(tr ';' '\n' <<<"$value" | grep -v '^$')" = "$(tr ';' '\n' <<<"$msi_path_before" | grep -v '^$')" ]; then
	ok "the machine's PATH holds what it held before, and no more"
	echo "note Wine's msi left empty entries in PATH: ${value:${#msi_path_before}}"
else
	bad "the machine's PATH after msiexec /x: $value"
fi
value=$(msi_installed)
[ -z "$value" ] && ok "no uninstall entry is left" || bad "uninstall entries are left: $value"
