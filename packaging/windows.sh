#!/usr/bin/env bash
# Cross-builds the Windows installers into dist/ with mingw-w64:
#   make-connect-VERSION-windows-amd64.exe        the app: a GUI executable
#                                                 with icon, version info and
#                                                 manifest (fyne package)
#   make-connect-VERSION-windows-amd64-setup.exe  its NSIS setup: Program
#                                                 Files, Start menu, uninstaller
# With SIGN_PFX (+SIGN_PASS) or SIGN_CERT+SIGN_KEY both are signed
# (windows/sign.sh); without, they are built unsigned and this says so.
# Run through `make package-windows [CLIENT_ID=…]`.
source "$(dirname "$0")/lib.sh"

CC_WINDOWS=${CC_WINDOWS:-x86_64-w64-mingw32-gcc}
command -v "$CC_WINDOWS" >/dev/null || die "$CC_WINDOWS is missing (make deps-packaging installs gcc-mingw-w64-x86-64)"
command -v makensis >/dev/null || die "makensis is missing (make deps-packaging installs nsis)"

signed=false
if [ -n "${SIGN_PFX:-}" ] || { [ -n "${SIGN_CERT:-}" ] && [ -n "${SIGN_KEY:-}" ]; }; then
	command -v osslsigncode >/dev/null || die "osslsigncode is missing (make deps-packaging installs it)"
	signed=true
elif [ -n "${SIGN_CERT:-}${SIGN_KEY:-}" ]; then
	die "SIGN_CERT and SIGN_KEY go together; set both, or SIGN_PFX"
fi
sign() { bash packaging/windows/sign.sh "$1"; }

mkdir -p "$DIST"
app="$DIST/$EXE-$APP_VERSION-windows-amd64.exe"
setup="$DIST/$EXE-$APP_VERSION-windows-amd64-setup.exe"
rm -f "$app" "$setup"

step "fyne package -os windows --release, CC=$CC_WINDOWS (built-in client ID: ${CLIENT_ID:-none})"
stage_source windows
CC=$CC_WINDOWS GOARCH=amd64 fyne_package windows "$SRC"
mv "$SRC/$APP_NAME.exe" "$app"
! $signed || sign "$app"

step "makensis"
# Windows wants four numbers: the version padded to three, then the build.
version4=$(awk -F. -v b="$APP_BUILD" '{ printf "%d.%d.%d.%d", $1, $2, $3, b }' <<<"$APP_VERSION")
nsis=(-V2 -DAPP_NAME="$APP_NAME" -DAPP_ID="$APP_ID" -DVERSION="$APP_VERSION" -DVERSION4="$version4"
	-DEXE="$ROOT/$app" -DICON="$ROOT/assets/icon.ico" -DOUTFILE="$ROOT/$setup")
# makensis signs the uninstaller it writes into the setup.
! $signed || nsis+=(-DSIGN="bash $ROOT/packaging/windows/sign.sh %1")
makensis "${nsis[@]}" packaging/windows/installer.nsi
! $signed || sign "$setup"

ls -l "$app" "$setup"
if $signed; then
	step "built and signed $app and $setup"
else
	cat <<-MSG
	==> built $app and $setup
	    UNSIGNED: no code-signing certificate was given, so Windows SmartScreen will
	    warn whoever runs them. To sign, set SIGN_PFX=cert.pfx SIGN_PASS=… (or
	    SIGN_CERT=cert.pem SIGN_KEY=key.pem) and run make package-windows again.
	MSG
fi
