# Sourced by windows.sh and check-windows.sh after lib.sh and names.sh: the
# MSI, built with Debian's wixl (msitools) from windows/make-connect.wxs.

# MSI_UPGRADE_CODE is the wxs's UpgradeCode, which never changes; the setup
# (windows/installmode.nsh) and the checks look the install up by it.
MSI_UPGRADE_CODE="{4C3F1B09-FE55-42A5-BBC5-445C130BB3DB}"

# PRESET_KEY is the registry key the MSI's presets are written to: the
# managed policy's (internal/adapters/config).
PRESET_KEY='Software\Policies\MakeConnect'
# WROTE_KEY holds a value for each preset the MSI wrote, by the same name.
WROTE_KEY='Software\MakeConnect\Presets'

# pe_version FILE prints the file version in FILE's version resource
# (VS_FIXEDFILEINFO, after its signature FEEF04BD), as four numbers.
pe_version() {
	local hex ms ls
	hex=$(wrestool -x --raw --type=16 "$1" | od -An -v -tx1 | tr -d ' \n')
	[[ "$hex" == *bd04effe00000100* ]] || return 1
	hex=${hex#*bd04effe00000100}
	ms=${hex:0:8} ls=${hex:8:8}
	echo "$((16#${ms:6:2}${ms:4:2})).$((16#${ms:2:2}${ms:0:2})).$((16#${ls:6:2}${ls:4:2})).$((16#${ls:2:2}${ls:0:2}))"
}

# build_msi OUT VERSION DIR PUBLISHER writes the MSI of the programs in DIR
# (make-connect.exe and make-connect.com) as version VERSION (four
# numbers) to OUT, with FyneApp.toml's links (lib.sh's WEBSITE and
# HELP_URL). check-windows.sh calls it again with a higher VERSION to
# have something to upgrade to, without building the programs again.
build_msi() {
	local out=$1 version=$2 dir=$3 publisher=$4 stage log gui_version console_version
	stage=$(mktemp -d "${TMPDIR:-/tmp}/msi.XXXXXX")
	log=$stage/wixl.log
	cp "$dir/$EXE.exe" "$dir/$EXE.com" "$ROOT/assets/icon.ico" "$stage/" &&
		cp -r "$ROOT/packaging/windows/policy" "$stage/policy" &&
		rm -rf "$stage/policy/testdata" "$stage/policy/"*.go || { rm -rf "$stage"; die "cannot stage the MSI's files in $stage"; }
	# wixl looks for the files named in the wxs in the current folder.
	case $out in /*) ;; *) out=$ROOT/$out ;; esac
	gui_version=$(pe_version "$dir/$EXE.exe") && console_version=$(pe_version "$dir/$EXE.com") ||
		{ rm -rf "$stage"; die "cannot read the version resource of $dir/$EXE.exe or $EXE.com"; }
	if ! (cd "$stage" && wixl -a x64 -o "$out" -D AppName="$APP_NAME" -D Version="$version" \
		-D Publisher="$publisher" -D Website="$WEBSITE" -D Help="$HELP_URL" "$ROOT/packaging/windows/make-connect.wxs") >"$log" 2>&1; then
		cat "$log" >&2
		rm -rf "$stage" "$out"
		die "wixl could not build $out (its output is above)"
	fi
	# What wixl cannot say in the wxs, written into the database with SQL:
	# - the folder at the end of the machine's PATH while the program is
	#   installed ("=-*": set on install, removed on uninstall, system
	#   variable; "[~];" appends to what is there), as WiX's
	#   <Environment Part="last" System="yes"/> does, with the standard
	#   actions at WiX's places in the sequence;
	# - an upgrade from the same version: Windows Installer compares only
	#   the first three numbers, so 0.1.0.1 and 0.1.0.2 are the same to it,
	#   and without "maximum inclusive" (512, WiX's AllowSameVersionUpgrades)
	#   a build that raises only Build would be installed beside the other;
	# - each preset's condition: its property, or an uninstall of an
	#   install that wrote it. The component of a preset also writes
	#   HKLM\Software\MakeConnect\Presets\<key>, which an AppSearch reads
	#   back as WROTE_<KEY>: msiexec /x is not given the properties, and a
	#   component whose condition is false is not removed; and a value the
	#   MSI was not given is not its own, so an uninstall leaves it as Group
	#   Policy or anyone else wrote it (Wine's msi, unlike Windows', would
	#   remove a component's value that was never installed if the
	#   condition were only REMOVE). And the
	#   presets as SecureCustomProperties, so that they reach the
	#   installation's server side when a person without the rights
	#   installs it (a deployment's elevated install);
	# - ARPINSTALLLOCATION, the folder, set as CostFinalize has decided it
	#   (WiX's SetProperty);
	# - the programs' file versions, from their version resources.
	local q presets=() secure=() component name
	while IFS=$'\t' read -r component name; do
		presets+=("UPDATE \`Component\` SET \`Condition\` = '${name^^} OR (REMOVE~=\"ALL\" AND WROTE_${name^^})' WHERE \`Component\` = '$component'"
			"INSERT INTO \`Registry\` (\`Registry\`, \`Root\`, \`Key\`, \`Name\`, \`Value\`, \`Component_\`) VALUES ('Wrote$name', 2, '$WROTE_KEY', '$name', '1', '$component')"
			"INSERT INTO \`RegLocator\` (\`Signature_\`, \`Root\`, \`Key\`, \`Name\`, \`Type\`) VALUES ('Wrote$name', 2, '$WROTE_KEY', '$name', 18)"
			"INSERT INTO \`AppSearch\` (\`Property\`, \`Signature_\`) VALUES ('WROTE_${name^^}', 'Wrote$name')")
		secure+=("${name^^}")
	done < <(msiinfo export "$out" Registry | tr -d '\r' | awk -F'\t' -v k="$PRESET_KEY" 'NR > 3 && $3 == k { print $6 "\t" $4 }')
	[ ${#secure[@]} -gt 0 ] || { rm -rf "$stage" "$out"; die "the MSI has no presets under $PRESET_KEY"; }
	for q in 'CREATE TABLE `Environment` (`Environment` CHAR(72) NOT NULL, `Name` CHAR(255) NOT NULL LOCALIZABLE, `Value` CHAR(255) LOCALIZABLE, `Component_` CHAR(72) NOT NULL PRIMARY KEY `Environment`)' \
		"INSERT INTO \`Environment\` (\`Environment\`, \`Name\`, \`Value\`, \`Component_\`) VALUES ('Path', '=-*PATH', '[~];[INSTALLDIR]', 'Console')" \
		"INSERT INTO \`InstallExecuteSequence\` (\`Action\`, \`Sequence\`) VALUES ('RemoveEnvironmentStrings', 3300)" \
		"INSERT INTO \`InstallExecuteSequence\` (\`Action\`, \`Sequence\`) VALUES ('WriteEnvironmentStrings', 5200)" \
		"DELETE FROM \`Upgrade\` WHERE \`ActionProperty\` = 'WIX_UPGRADE_DETECTED'" \
		"INSERT INTO \`Upgrade\` (\`UpgradeCode\`, \`VersionMax\`, \`Attributes\`, \`ActionProperty\`) VALUES ('$MSI_UPGRADE_CODE', '$version', 513, 'WIX_UPGRADE_DETECTED')" \
		"${presets[@]}" \
		"UPDATE \`Property\` SET \`Value\` = '$(msi_property "$out" SecureCustomProperties);$(IFS=';'; echo "${secure[*]}")' WHERE \`Property\` = 'SecureCustomProperties'" \
		"INSERT INTO \`CustomAction\` (\`Action\`, \`Type\`, \`Source\`, \`Target\`) VALUES ('SetARPINSTALLLOCATION', 51, 'ARPINSTALLLOCATION', '[INSTALLDIR]')" \
		"INSERT INTO \`InstallExecuteSequence\` (\`Action\`, \`Sequence\`) VALUES ('SetARPINSTALLLOCATION', 1001)" \
		"UPDATE \`File\` SET \`Version\` = '$gui_version', \`Language\` = '1033' WHERE \`File\` = 'GuiExe'" \
		"UPDATE \`File\` SET \`Version\` = '$console_version', \`Language\` = '1033' WHERE \`File\` = 'ConsoleExe'"; do
		msibuild "$out" -q "$q" >"$log" 2>&1 || {
			cat "$log" >&2
			rm -rf "$stage" "$out"
			die "msibuild could not change $out with: $q"
		}
	done
	rm -rf "$stage"
}

# msi_property MSI NAME prints a property from the MSI's Property table.
# (awk reads to the end: leaving early would fail the pipeline, pipefail.)
msi_property() {
	msiinfo export "$1" Property | tr -d '\r' | awk -F'\t' -v n="$2" '$1 == n && !done { print $2; done = 1 }'
}
