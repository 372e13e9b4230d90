#!/usr/bin/env bash
# Checks what `make package-windows` built: the app is a 64-bit GUI
# executable with an icon, version information and a manifest, it carries no
# sandbox code, and the NSIS setup exists; signatures when a certificate was
# given. Run through `make check-windows`, which builds the packages first.
source "$(dirname "$0")/lib.sh"

app="$DIST/$EXE-$APP_VERSION-windows-amd64.exe"
setup="$DIST/$EXE-$APP_VERSION-windows-amd64-setup.exe"
[ -f "$app" ] || die "$app is missing: run make package-windows"
[ -f "$setup" ] || die "$setup is missing: run make package-windows"
command -v wrestool >/dev/null || die "wrestool is missing (make deps-packaging installs icoutils)"

step "the app: $app"
kind=$(file -b "$app")
[[ "$kind" == "PE32+ executable (GUI) x86-64"* ]] && ok "file: $kind" ||
	bad "file says '$kind', not a PE32+ executable (GUI) x86-64"
# Resource types: 14 RT_GROUP_ICON, 16 RT_VERSION, 24 RT_MANIFEST.
resources=$(wrestool -l "$app")
grep -q -- "--type=14 " <<<"$resources" && ok "has an icon (RT_GROUP_ICON)" || bad "$app has no RT_GROUP_ICON resource"
grep -q -- "--type=16 " <<<"$resources" && ok "has version information (RT_VERSION)" || bad "$app has no RT_VERSION resource"
grep -q -- "--type=24 " <<<"$resources" && ok "has a manifest (RT_MANIFEST)" || bad "$app has no RT_MANIFEST resource"
# The version resource is UTF-16; tr drops the zero bytes of ASCII text.
versioninfo=$(wrestool -x --raw --type=16 "$app" | tr -d '\0')
grep -q "ProductVersion$APP_VERSION" <<<"$versioninfo" && ok "ProductVersion starts with $APP_VERSION" ||
	bad "the version resource does not carry $APP_VERSION"
grep -q "ProductName$APP_NAME" <<<"$versioninfo" && ok "ProductName $APP_NAME" ||
	bad "the version resource does not name $APP_NAME"
mods=$("$GO" version -m "$app") || bad "go version -m cannot read $app"
grep -q "build	-trimpath=true" <<<"$mods" && ok "built with -trimpath" || bad "$app was not built with -trimpath"
grep -q "build	GOOS=windows" <<<"$mods" && ok "GOOS=windows" || bad "$app was not built for windows"
grep -aqF github.com/make-connect/make-connect/auth "$app" ||
	bad "cannot find package paths in $app, so the search below proves nothing"
for pkg in github.com/make-connect/make-connect/sandbox github.com/ory/fosite net/http/httptest; do
	grep -aqF "$pkg" "$app" && bad "$app contains $pkg" || ok "no $pkg"
done

step "the setup: $setup"
kind=$(file -b "$setup")
[[ "$kind" == *"Nullsoft Installer"* ]] && ok "file: $kind" || bad "file says '$kind', not a Nullsoft installer"
resources=$(wrestool -l "$setup")
grep -q -- "--type=14 " <<<"$resources" && ok "has an icon (RT_GROUP_ICON)" || bad "$setup has no icon"

step "signatures"
if [ -n "${SIGN_PFX:-}${SIGN_CERT:-}" ]; then
	for f in "$app" "$setup"; do
		if osslsigncode extract-signature -in "$f" -out "$BUILD/signature.der" >/dev/null 2>&1; then
			ok "$f is signed"
		else
			bad "$f is not signed though a certificate was given"
		fi
		rm -f "$BUILD/signature.der"
	done
else
	echo "note $app and $setup are UNSIGNED (no SIGN_PFX or SIGN_CERT given)"
fi

verdict
