#!/usr/bin/env bash
# Checks what `make package-windows` built, first by reading it, then by
# running it under Wine (Debian's wine64, in a throwaway prefix under Xvfb;
# windows/test/wine.sh):
#   - make-connect.exe is a 64-bit GUI program and make-connect.com a
#     console one, each with the icon (16 to 256 px), version information
#     and manifest of windows/make-connect.rc, and no sandbox code; the
#     console one is the command-line build (headless tag, no cgo, no Fyne);
#   - the companion's commands against the sandbox: --version, status
#     --json, connect --no-browser with the scripted person, token and
#     disconnect; a token set over 8 KB lands in Credential Manager in
#     blobs of at most 2,000 bytes (read back by windows/test/credentials);
#   - a copied token is marked private on the clipboard (secretclip's
#     test, built for Windows);
#   - a CA file whose owner or access list lets others change it, or that
#     of a folder above it, is refused (safefile's test, built for Windows);
#   - the window's and the sign-ins' channel, a named pipe of the user's
#     alone (instance's tests, built for Windows);
#   - the setup and the uninstaller: windows/test/setup.sh, which runs the
#     uninstaller as a person without administrator rights through
#     windows/test/asuser;
#   - what the setup leaves alone: windows/test/boundaries.sh (an install
#     for the person, when elevated: a stand-in Uninstall.exe, test/marker,
#     never runs; and the MSI's install);
#   - the MSI: windows/test/msi.sh (msiexec /i, upgrades, a refused
#     downgrade, msiexec /x).
#   - the app's URI scheme, as the setup (both kinds) and the MSI
#     register it and remove it, and `start` with an address of it
#     reaching a waiting connect: windows/test/scheme.sh.
#   - the winget manifests (dev/cmd/winget's TestDistManifests): valid against
#     winget's schema, with the SHA-256 and product code of each installer.
# Signatures are checked when a certificate was given. Run through
# `make check-windows`, which builds the packages first.
source "$(dirname "$0")/lib.sh"
source "$ROOT/packaging/windows/names.sh"
source "$ROOT/packaging/windows/test/wine.sh"

CC_WINDOWS=${CC_WINDOWS:-x86_64-w64-mingw32-gcc}
windows_names
[ -f "$zip" ] || die "$zip is missing: run make package-windows"
[ -f "$setup" ] || die "$setup is missing: run make package-windows"
[ -f "$msi" ] || die "$msi is missing: run make package-windows"
for tool in wrestool icotool unzip Xvfb xdpyinfo xdotool wixl msibuild msiinfo; do
	command -v $tool >/dev/null || die "$tool is missing (make deps-packaging installs it)"
done
started=$SECONDS
wine_setup
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
	grep -Eq "build	-tags=(.*,)?release(,|$)" <<<"$mods" && ok "built with the release tag" || bad "$name was not built with the release tag"
	grep -q "build	GOOS=windows" <<<"$mods" && ok "GOOS=windows" || bad "$name was not built for windows"
	grep -aqF github.com/make-connect/make-connect/auth "$file" ||
		bad "cannot find package paths in $name, so the search below proves nothing"
	for pkg in github.com/make-connect/make-connect/dev/ github.com/make-connect/make-connect/internal/testkit/ github.com/ory/fosite net/http/httptest; do
		grep -aqF "$pkg" "$file" && bad "$name contains $pkg" || ok "no $pkg"
	done
}
check_program "$gui" GUI "$APP_NAME"
check_program "$console" console "$APP_NAME (command line)"
# The console program is the command-line build: no cgo, no Fyne, no GL, so
# its commands run where no graphics driver is (Windows Server Core, SSH).
mods=$("$GO" version -m "$console")
grep -Eq "build	-tags=(.*,)?headless(,|$)" <<<"$mods" && ok "make-connect.com: built with the headless tag" ||
	bad "make-connect.com was not built with the headless tag"
grep -q "build	CGO_ENABLED=0" <<<"$mods" && ok "make-connect.com: CGO_ENABLED=0" || bad "make-connect.com was built with cgo"
grep -qF fyne.io/fyne <<<"$mods" && bad "make-connect.com links Fyne" || ok "make-connect.com: no Fyne"

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

step "the winget manifests"
# Each file valid against winget's schema (shipped in dev/cmd/winget/testdata),
# and the hash and product code of each installer those of the file here.
installers=$(realpath "$setup")
[ ! -f "$msi" ] || installers+=" $(realpath "$msi")"
if out=$(WINGET_CHECK_VERSION=$WINDOWS_VERSION WINGET_CHECK_INSTALLERS=$installers \
	"$GO" test -C dev -count=1 -v -run '^TestDistManifests$' ./cmd/winget 2>&1) && grep -q "^--- PASS: TestDistManifests" <<<"$out"; then
	ok "valid, for $(for f in $installers; do basename "$f"; done | tr '\n' ' ')"
else
	bad "the winget manifests: $(tail -15 <<<"$out")"
fi
! grep -rqF PLACEHOLDER "$DIST/winget" ||
	echo "note the winget manifests' download addresses are placeholders (no WINGET_URL_BASE was given)"

step "under Wine: a copied token is marked private on the clipboard"
# The window's copies (secretclip) carry the formats that keep them out of
# clipboard history, the cloud clipboard and clipboard monitors.
# wine_go_test PACKAGE TEST: PACKAGE's tests, built for Windows, run under
# Wine; their output is in $out, and it fails unless TEST passed.
wine_go_test() {
	local exe
	exe=$tmp/$(basename "$1").test.exe
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 "$GO" test -c -o "$exe" "./$1" || die "cannot build $1's tests for Windows"
	out=$(w "$exe" -test.v 2>&1 | tr -d '\r') && grep -q "^--- PASS: $2 " <<<"$out"
}
if wine_go_test internal/platform/secretclip TestSetMarksTheTextPrivate; then
	ok "the text and ExcludeClipboardContentFromMonitorProcessing, CanIncludeInClipboardHistory=0, CanUploadToCloudClipboard=0"
else
	bad "secretclip under Wine: $(tail -5 <<<"$out")"
fi

step "under Wine: a CA file others can change is refused"
# safefile's test, built for Windows: owner and access list of the file and
# its folders. Wine makes access lists up from Unix modes, so the cases it
# cannot express are skipped there (the test says which).
if wine_go_test internal/platform/safefile TestReadFile; then
	ok "$(grep -c -- '--- PASS: TestReadFile/' <<<"$out") cases passed, $(grep -c -- '--- SKIP: TestReadFile/' <<<"$out") skipped"
else
	bad "safefile under Wine: $(tail -5 <<<"$out")"
fi

step "under Wine: the window's and the sign-ins' channel is this user's alone"
# instance's tests, built for Windows: the channel is a named pipe there
# (Wine has no Unix-domain sockets): a second launch reaches the window,
# an address reaches the waiting sign-in it is for, and the pipe's access
# list names this user alone. Another user's hand-over cannot be tried:
# Wine runs every program as one user.
if wine_go_test internal/platform/instance TestPipeIsTheUsersAlone &&
	grep -q "^--- PASS: TestHandOverReachesTheWaitingSignIn " <<<"$out" && grep -q "^--- PASS: TestSecondLaunchRaisesTheFirst " <<<"$out"; then
	ok "$(grep -c -- '^--- PASS' <<<"$out") tests passed, $(grep -c -- '^--- SKIP' <<<"$out") skipped (they need another user, or Unix file modes)"
else
	bad "instance under Wine: $(tail -8 <<<"$out")"
fi

step "under Wine: the companion's commands against the sandbox"
"$GO" build -C dev -o "$(realpath -m "$BIN")/make-sandbox" ./cmd/make-sandbox
"$GO" build -C dev -o "$(realpath -m "$BIN")/sandbox-person" ./cmd/sandbox-person
GOOS=windows GOARCH=amd64 CGO_ENABLED=0 "$GO" build -o "$tmp/credentials.exe" ./packaging/windows/test/credentials
"$CC_WINDOWS" -O2 -o "$tmp/asuser.exe" packaging/windows/test/asuser/asuser.c -ladvapi32 || die "cannot build asuser"
# Every access token over 8 KB: the stored account is chunked.
start_sandbox check-windows -token-bytes 6200
value=$(w "$console" --version) || true
[ "$value" = "$APP_NAME $FULL_VERSION" ] && ok "--version: $value" || bad "--version says '$value', not '$APP_NAME $FULL_VERSION'"
value=$(w "$console" status --json | tr -d '\r\n ') || true
[ "$value" = '{"accounts":[],"keychain":"system","gone":[]}' ] && ok "status --json: no account yet" || bad "status --json before connecting says $value"

if start_connect "$tmp/connect.out" "$WINE" "$console" connect --no-browser; then
	person_approves "$tmp/connect.out"
else
	bad "connect printed no address to visit: $(redacted "$tmp/connect.out.err")"
fi
value=$(w "$console" status --json | tr -d '\r') || true
grep -q '"email": "ada@example.com"' <<<"$value" && ok "status --json lists ada@example.com" || bad "status --json after connecting: $value"
# The token itself never reaches the output, only its length.
token_bytes=$(w "$console" token | tr -d '\r\n' | wc -c) || true
[ "$token_bytes" -gt 8192 ] && ok "token: an access token of $token_bytes bytes" || bad "token printed $token_bytes bytes, not a token over 8 KB"

credentials >"$tmp/credentials.txt" || bad "the credentials program failed"
read -r entries largest account_bytes < <(awk '{ n++; if ($2 > max) max = $2 } $1 ~ /:account\/[^\/]+\/[0-9]+\/[0-9]+$/ { acct += $2 }
	END { print n + 0, max + 0, acct + 0 }' "$tmp/credentials.txt")
[ "$account_bytes" -gt 8192 ] && ok "Credential Manager holds the account's $account_bytes bytes in $entries entries" ||
	bad "the account's chunks hold $account_bytes bytes, not over 8 KB"
[ "$largest" -le 2000 ] && ok "every credential blob is at most 2,000 bytes (largest: $largest)" ||
	bad "a credential blob is $largest bytes, over 2,000"

value=$(w "$console" disconnect | tr -d '\r') || true
[[ "$value" == Disconnected* ]] && ok "disconnect: ${value%%:*}" || bad "disconnect printed '$value'"
value=$(w "$console" status --json | tr -d '\r\n ') || true
[ "$value" = '{"accounts":[],"keychain":"system","gone":[]}' ] && ok "status --json: none left" || bad "status --json after disconnect says $value"
value=$(account_entries)
[ "$value" = 0 ] && ok "no account entry left in Credential Manager" || bad "$value account entries are left in Credential Manager"

source "$ROOT/packaging/windows/test/policy.sh"
source "$ROOT/packaging/windows/test/setup.sh"
source "$ROOT/packaging/windows/test/boundaries.sh"
source "$ROOT/packaging/windows/test/msi.sh"
source "$ROOT/packaging/windows/test/scheme.sh"

echo "check-windows ran in $((SECONDS - started)) s"
verdict
