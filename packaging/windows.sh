#!/usr/bin/env bash
# Cross-builds the Windows installers into dist/ with mingw-w64:
#   make-connect-VERSION-windows-amd64.zip        the app, to unzip and run:
#       make-connect.exe   the window (a GUI program: no console appears)
#       make-connect.com   its console companion for the subcommands, which
#                          cmd and PowerShell wait for (console_windows.go):
#                          the headless build (no Fyne, no cgo, no OpenGL),
#                          which hands the window over to make-connect.exe
#   make-connect-VERSION-windows-amd64-setup.exe  their NSIS setup
#                                                 (windows/installer.nsi)
#   make-connect-VERSION-windows-amd64.msi        their MSI, per machine, with
#                                                 the Group Policy template
#                                                 (windows/make-connect.wxs,
#                                                 built by windows/msi.sh)
#   winget/manifests/m/MakeConnect/MakeConnect/WINDOWS_VERSION/
#       the winget manifests of the setup, and of the MSI when
#       make-connect-VERSION-windows-amd64.msi is there (dev/cmd/winget), whose
#       download addresses start with WINGET_URL_BASE (default: a
#       placeholder, which this says)
# Both programs carry the icon, version information and manifest of
# windows/make-connect.rc, compiled with windres and linked in as a .syso.
# With SIGN_PFX (+SIGN_PASS) or SIGN_CERT+SIGN_KEY everything is signed
# (windows/sign.sh), with the timestamp of SIGN_TIMESTAMP, which must then
# be set (SIGN_TIMESTAMP=none to sign without one); without, it is built
# unsigned and this says so.
# Run through `make package-windows [CLIENT_ID=…]`.
source "$(dirname "$0")/lib.sh"
source "$ROOT/packaging/windows/names.sh"
source "$ROOT/packaging/windows/msi.sh"

CC_WINDOWS=${CC_WINDOWS:-x86_64-w64-mingw32-gcc}
WINDRES=${WINDRES:-x86_64-w64-mingw32-windres}
command -v "$CC_WINDOWS" >/dev/null || die "$CC_WINDOWS is missing (make deps-packaging installs gcc-mingw-w64-x86-64)"
command -v "$WINDRES" >/dev/null || die "$WINDRES is missing (make deps-packaging installs binutils-mingw-w64-x86-64)"
command -v makensis >/dev/null || die "makensis is missing (make deps-packaging installs nsis)"
command -v zip >/dev/null || die "zip is missing (make deps-packaging installs it)"
command -v wixl >/dev/null || die "wixl is missing (make deps-packaging installs it)"
command -v msibuild >/dev/null || die "msibuild is missing (make deps-packaging installs msitools)"

signed=false
if [ -n "${SIGN_PFX:-}" ] || { [ -n "${SIGN_CERT:-}" ] && [ -n "${SIGN_KEY:-}" ]; }; then
	command -v osslsigncode >/dev/null || die "osslsigncode is missing (make deps-packaging installs it)"
	# A signature without a timestamp expires with the certificate: say
	# so before building, not after (windows/sign.sh).
	[ -n "${SIGN_TIMESTAMP:-}" ] ||
		die "signing needs SIGN_TIMESTAMP: an RFC 3161 server (e.g. http://timestamp.digicert.com), or SIGN_TIMESTAMP=none to sign without a timestamp, whose signatures expire with the certificate"
	signed=true
elif [ -n "${SIGN_CERT:-}${SIGN_KEY:-}" ]; then
	die "SIGN_CERT and SIGN_KEY go together; set both, or SIGN_PFX"
fi
sign() { bash packaging/windows/sign.sh "$1"; }

windows_names
# Who makes it, for the version information and Settings › Apps.
PUBLISHER="The Make Connect authors"
year=$(git log -1 --format=%cd --date=format:%Y 2>/dev/null || date +%Y)
COPYRIGHT="Copyright © $year $PUBLISHER"

out=$BUILD/windows
rm -rf "$out" "$zip" "$setup" "$msi"
mkdir -p "$out" "$DIST"
sed -e "s/@ID@/$APP_ID/" -e "s/@VERSION@/$WINDOWS_VERSION/" -e "s/@NAME@/$APP_NAME/" \
	packaging/windows/make-connect.manifest.in >"$out/make-connect.manifest"

# build FILE DESCRIPTION CGO TAGS [LINKER FLAG…] compiles the resources for
# FILE and builds it from the staged source with CGO_ENABLED=CGO and the
# build tags TAGS, with the release settings the other installers get from
# fyne package: -trimpath, -s -w and the release tag.
build() {
	local file=$1 description=$2 cgo=$3 tags=$4
	shift 4
	cat >"$out/version.h" <<-H
	#define APP_NAME            "$APP_NAME"
	#define APP_DESCRIPTION     "$description"
	#define APP_FILENAME        "$file"
	#define APP_INTERNAL_NAME   "$EXE"
	#define APP_PUBLISHER       "$PUBLISHER"
	#define APP_COPYRIGHT       "$COPYRIGHT"
	#define APP_VERSION         "$WINDOWS_VERSION"
	#define APP_VERSION_NUMBERS ${WINDOWS_VERSION//./,}
	H
	"$WINDRES" --codepage=65001 -I "$out" -I "$ROOT/assets" -i packaging/windows/make-connect.rc \
		-O coff -o "$SRC/rsrc_windows_amd64.syso"
	(cd "$SRC" && GOOS=windows GOARCH=amd64 CGO_ENABLED=$cgo CC=$CC_WINDOWS \
		"$GO" build -trimpath -tags "$tags" -ldflags "-s -w $* $LDFLAGS" -o "$out/$file" .)
	! $signed || sign "$out/$file"
}

step "go build for windows/amd64, CC=$CC_WINDOWS (built-in client ID: ${CLIENT_ID:-none})"
stage_source windows
build "$EXE.exe" "$APP_NAME" 1 release -H windowsgui
build "$EXE.com" "$APP_NAME (command line)" 0 headless,release
(cd "$out" && zip -q -X "$ROOT/$zip" "$EXE.exe" "$EXE.com")

step "makensis"
nsis=(-V2 -DAPP_NAME="$APP_NAME" -DAPP_ID="$APP_ID" -DVERSION="$WINDOWS_VERSION"
	-DPUBLISHER="$PUBLISHER" -DCOPYRIGHT="$COPYRIGHT" -DWEBSITE="$WEBSITE" -DHELP="$HELP_URL"
	-DGUI_EXE="$out/$EXE.exe" -DCONSOLE_EXE="$out/$EXE.com" -DICON="$ROOT/assets/icon.ico"
	-DMSI_UPGRADE_CODE="$MSI_UPGRADE_CODE")
# The licence page: LICENSE, then the third-party notices, with DOS line
# ends as NSIS's licence page wants, UTF-8 with a byte order mark.
{
	printf '\xef\xbb\xbf'
	cat LICENSE
	printf '\n\n'
	cat assets/THIRD-PARTY-NOTICES.txt
} | sed 's/\r*$/\r/' >"$out/licence.txt"
nsis+=(-DLICENSE="$out/licence.txt")
# The finish page's artwork, 164x314 as NSIS's Modern UI wants it: the icon
# on white. Rendered here (a generated picture is not committed); without
# ImageMagick, NSIS's own picture, and this says so.
magick=$(command -v magick || command -v convert || true)
if [ -n "$magick" ]; then
	"$magick" -size 164x314 xc:white \( assets/icon-128.png -resize 112x112 \) -gravity north -geometry +0+64 \
		-composite -type TrueColor BMP3:"$out/wizard.bmp"
	nsis+=(-DWIZARD_BITMAP="$out/wizard.bmp")
else
	echo "note ImageMagick (convert) is missing: the setup's finish page shows NSIS's own picture"
fi
# The arguments, for check-windows.sh to build a setup of another version.
printf '%s\n' "${nsis[@]}" >"$out/makensis.args"
# makensis signs the uninstaller it writes into the setup.
! $signed || nsis+=(-DSIGN="bash $ROOT/packaging/windows/sign.sh %1")
makensis "${nsis[@]}" -DOUTFILE="$ROOT/$setup" packaging/windows/installer.nsi
! $signed || sign "$setup"

step "wixl: the MSI"
build_msi "$msi" "$WINDOWS_VERSION" "$out" "$PUBLISHER"
! $signed || sign "$msi"
echo "$msi: ProductCode $(msi_property "$msi" ProductCode), UpgradeCode $MSI_UPGRADE_CODE"

# The winget manifests describe the installers as they are now, so they
# are written after the last signature.
step "winget manifests"
rm -rf "$DIST/winget"
installers=(-setup "$setup")
if [ -f "$msi" ]; then
	installers+=(-msi "$msi")
	echo "for the setup and the MSI ($msi)"
else
	echo "for the setup only: there is no $msi"
fi
"$GO" build -C dev -o "$BUILD/winget" ./cmd/winget || die "dev/cmd/winget does not build"
"$BUILD/winget" -o "$DIST/winget" -version "$WINDOWS_VERSION" -url-base "${WINGET_URL_BASE:-}" \
	-publisher "$PUBLISHER" -copyright "$COPYRIGHT" "${installers[@]}" || die "dev/cmd/winget could not write the winget manifests"

ls -l "$zip" "$setup" "$msi"
write_sums
if $signed; then
	step "built and signed $zip, $setup and $msi"
else
	cat <<-MSG
	==> built $zip, $setup and $msi
	    UNSIGNED: no code-signing certificate was given, so Windows SmartScreen will
	    warn whoever runs them. To sign, set SIGN_PFX=cert.pfx SIGN_PASS=… (or
	    SIGN_CERT=cert.pem SIGN_KEY=key.pem) and run make package-windows again.
	MSG
fi
warn_no_client_id package-windows
