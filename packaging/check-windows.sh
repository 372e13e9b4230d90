#!/usr/bin/env bash
# Checks what `make package-windows` built: make-connect.exe is a 64-bit GUI
# program and make-connect.com a console one, each with the icon (16 to
# 256 px), version information and manifest of windows/make-connect.rc,
# and no sandbox code; the NSIS setup exists; signatures when a
# certificate was given. Run through `make check-windows`, which builds the
# packages first.
source "$(dirname "$0")/lib.sh"
source "$ROOT/packaging/windows/names.sh"

windows_names
[ -f "$zip" ] || die "$zip is missing: run make package-windows"
[ -f "$setup" ] || die "$setup is missing: run make package-windows"
for tool in wrestool icotool unzip; do
	command -v $tool >/dev/null || die "$tool is missing (make deps-packaging installs it)"
done
tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-windows.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
unzip -q "$zip" -d "$tmp/app"
gui=$tmp/app/$EXE.exe
console=$tmp/app/$EXE.com

# version_string FILE KEY: a string of FILE's version information. The
# resource is UTF-16; each key is followed by its value.
version_string() {
	wrestool -x --raw --type=16 "$1" | iconv -c -f UTF-16LE -t UTF-8 | tr '\0' '\n' |
		awk -v k="$2" 'found && length($0) > 0 { print; exit } $0 ~ (k "$") { found = 1 }'
}

# check_program FILE KIND DESCRIPTION: the resources and build of one program.
check_program() {
	local file=$1 kind=$2 description=$3 name sizes value manifest mods pkg
	name=$(basename "$file")
	step "$name"
	value=$(file -b "$file")
	[[ "$value" == "PE32+ executable ($kind) x86-64"* ]] && ok "file: $value" ||
		bad "$name: file says '$value', not a PE32+ executable ($kind) x86-64"
	# icotool reads the 256 px PNG image from a file, not a pipe.
	wrestool -x --type=14 "$file" -o "$tmp/icon.ico"
	sizes=$(icotool -l "$tmp/icon.ico" | sed -n 's/.*--width=\([0-9]*\).*/\1/p' | tr '\n' ' ')
	[ "$sizes" = "16 20 24 32 40 48 64 256 " ] && ok "icon: ${sizes% } px" ||
		bad "$name: the icon holds '${sizes% }' px, not 16 20 24 32 40 48 64 256"
	for pair in "FileVersion=$WINDOWS_VERSION" "ProductVersion=$WINDOWS_VERSION" "ProductName=$APP_NAME" \
		"OriginalFilename=$name" "FileDescription=$description"; do
		value=$(version_string "$file" "${pair%%=*}")
		[ "$value" = "${pair#*=}" ] && ok "${pair%%=*}: $value" || bad "$name: ${pair%%=*} is '$value', not '${pair#*=}'"
	done
	for key in CompanyName LegalCopyright; do
		value=$(version_string "$file" $key)
		[ -n "$value" ] && ok "$key: $value" || bad "$name: no $key"
	done
	# VS_FIXEDFILEINFO (after its signature FEEF04BD) holds the four numbers,
	# and the translation is US English (0409), Unicode (04B0).
	value=$(wrestool -x --raw --type=16 "$file" | od -An -v -tx1 | tr -d ' \n')
	local fixed
	fixed=$(awk -F. '{ printf "%02x00%02x00%02x00%02x00", $2, $1, $4, $3 }' <<<"$WINDOWS_VERSION")
	[[ "$value" == *bd04effe00000100$fixed$fixed* ]] && ok "fixed file and product version $WINDOWS_VERSION" ||
		bad "$name: the fixed version numbers are not $WINDOWS_VERSION"
	local translation
	translation=$(printf 'Translation' | iconv -t UTF-16LE | od -An -v -tx1 | tr -d ' \n')
	[[ "$value" == *"$translation"0000*0904b004* ]] && ok "translation 0409 04B0" ||
		bad "$name: the translation is not 0409 04B0"
	manifest=$(wrestool -x --raw --type=24 "$file")
	for want in 'level="asInvoker"' '<supportedOS Id="{8e0f7a12-bfb3-4fe8-b9a5-48fd50a15a9a}"/>' \
		'>PerMonitorV2</dpiAwareness>' '>true</longPathAware>' '>UTF-8</activeCodePage>' "version=\"$WINDOWS_VERSION\""; do
		grep -qF -- "$want" <<<"$manifest" && ok "manifest: $want" || bad "$name: the manifest lacks $want"
	done
	mods=$("$GO" version -m "$file") || bad "go version -m cannot read $name"
	grep -q "build	-trimpath=true" <<<"$mods" && ok "built with -trimpath" || bad "$name was not built with -trimpath"
	grep -q "build	-tags=release" <<<"$mods" && ok "built with the release tag" || bad "$name was not built with the release tag"
	grep -q "build	GOOS=windows" <<<"$mods" && ok "GOOS=windows" || bad "$name was not built for windows"
	grep -aqF github.com/make-connect/make-connect/auth "$file" ||
		bad "cannot find package paths in $name, so the search below proves nothing"
	for pkg in github.com/make-connect/make-connect/sandbox github.com/ory/fosite net/http/httptest; do
		grep -aqF "$pkg" "$file" && bad "$name contains $pkg" || ok "no $pkg"
	done
}
check_program "$gui" GUI "$APP_NAME"
check_program "$console" console "$APP_NAME (command line)"

step "the setup: $setup"
value=$(file -b "$setup")
[[ "$value" == "PE32+ executable (GUI) x86-64"* ]] && ok "file: $value" || bad "file says '$value', not a 64-bit program"
# file(1) knows NSIS's 32-bit stub only; the data's header names it.
grep -aqF NullsoftInst "$setup" && ok "an NSIS setup" || bad "$setup is not an NSIS setup"
wrestool -l "$setup" | grep -q -- "--type=14 " && ok "has an icon" || bad "$setup has no icon"
value=$(version_string "$setup" ProductVersion)
[ "$value" = "$WINDOWS_VERSION" ] && ok "ProductVersion: $value" || bad "the setup's ProductVersion is '$value', not $WINDOWS_VERSION"

step "signatures"
if [ -n "${SIGN_PFX:-}${SIGN_CERT:-}" ]; then
	for f in "$gui" "$console" "$setup"; do
		if osslsigncode extract-signature -in "$f" -out "$tmp/signature.der" >/dev/null 2>&1; then
			ok "$(basename "$f") is signed"
		else
			bad "$(basename "$f") is not signed though a certificate was given"
		fi
		rm -f "$tmp/signature.der"
	done
else
	echo "note the programs and the setup are UNSIGNED (no SIGN_PFX or SIGN_CERT given)"
fi

verdict
