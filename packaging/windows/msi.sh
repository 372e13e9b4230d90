# Sourced by windows.sh and check-windows.sh after lib.sh and names.sh: the
# MSI, built with Debian's wixl (msitools) from windows/make-connect.wxs.

# MSI_UPGRADE_CODE is the wxs's UpgradeCode, which never changes; the setup
# (windows/installmode.nsh) and the checks look the install up by it.
MSI_UPGRADE_CODE="{4C3F1B09-FE55-42A5-BBC5-445C130BB3DB}"

# build_msi OUT VERSION DIR PUBLISHER WEBSITE writes the MSI of the programs
# in DIR (make-connect.exe and make-connect.com) as version VERSION (four
# numbers) to OUT. check-windows.sh calls it again with a higher VERSION to
# have something to upgrade to, without building the programs again.
build_msi() {
	local out=$1 version=$2 dir=$3 publisher=$4 website=$5 stage log
	stage=$(mktemp -d "${TMPDIR:-/tmp}/msi.XXXXXX")
	log=$stage/wixl.log
	cp "$dir/$EXE.exe" "$dir/$EXE.com" "$ROOT/assets/icon.ico" "$stage/" &&
		cp -r "$ROOT/packaging/windows/policy" "$stage/policy" &&
		rm -rf "$stage/policy/testdata" "$stage/policy/"*.go || { rm -rf "$stage"; die "cannot stage the MSI's files in $stage"; }
	# wixl looks for the files named in the wxs in the current folder.
	case $out in /*) ;; *) out=$ROOT/$out ;; esac
	if ! (cd "$stage" && wixl -a x64 -o "$out" -D AppName="$APP_NAME" -D Version="$version" \
		-D Publisher="$publisher" -D Website="$website" "$ROOT/packaging/windows/make-connect.wxs") >"$log" 2>&1; then
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
	#   a build that raises only Build would be installed beside the other.
	local q
	for q in 'CREATE TABLE `Environment` (`Environment` CHAR(72) NOT NULL, `Name` CHAR(255) NOT NULL LOCALIZABLE, `Value` CHAR(255) LOCALIZABLE, `Component_` CHAR(72) NOT NULL PRIMARY KEY `Environment`)' \
		"INSERT INTO \`Environment\` (\`Environment\`, \`Name\`, \`Value\`, \`Component_\`) VALUES ('Path', '=-*PATH', '[~];[INSTALLDIR]', 'Console')" \
		"INSERT INTO \`InstallExecuteSequence\` (\`Action\`, \`Sequence\`) VALUES ('RemoveEnvironmentStrings', 3300)" \
		"INSERT INTO \`InstallExecuteSequence\` (\`Action\`, \`Sequence\`) VALUES ('WriteEnvironmentStrings', 5200)" \
		"DELETE FROM \`Upgrade\` WHERE \`ActionProperty\` = 'WIX_UPGRADE_DETECTED'" \
		"INSERT INTO \`Upgrade\` (\`UpgradeCode\`, \`VersionMax\`, \`Attributes\`, \`ActionProperty\`) VALUES ('$MSI_UPGRADE_CODE', '$version', 513, 'WIX_UPGRADE_DETECTED')"; do
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
