#!/usr/bin/env bash
# Builds the macOS app into dist/make-connect-VERSION-macos-ARCH.zip: a
# zipped "Make Connect.app" made by fyne package -os darwin (cgo needs
# Apple's toolchain, so this runs on a Mac with the Xcode command line
# tools), with the app's URI scheme in its Info.plist. The app is not
# signed or notarized: Gatekeeper asks people to open it with right-click ›
# Open the first time.
# Run through `make package-darwin [CLIENT_ID=…]`; `darwin.sh --check-host`
# only tells whether this machine can.
source "$(dirname "$0")/lib.sh"

if [ "$(uname -s)" != Darwin ]; then
	die "the macOS app can only be built on macOS (this is $(uname -s)): cgo links against
Apple's frameworks, which exist only there. Run make package-darwin on a Mac with
Xcode's command line tools (xcode-select --install)."
fi
[ "${1:-}" != --check-host ] || exit 0
command -v clang >/dev/null || die "clang is missing: run xcode-select --install"

arch=$("$GO" env GOARCH)
mkdir -p "$DIST"
zip="$DIST/$EXE-$APP_VERSION-macos-$arch.zip"
rm -f "$zip"

step "fyne package -os darwin --release (built-in client ID: ${CLIENT_ID:-none})"
stage_source darwin
fyne_package darwin "$SRC"
# The app's URI scheme (lib.sh's URI_SCHEME): Info.plist's CFBundleURLTypes
# makes Launch Services hand its addresses to this app. fyne writes no
# CFBundleURLTypes, so PlistBuddy (every macOS has it) adds them.
plist="$SRC/$APP_NAME.app/Contents/Info.plist"
/usr/libexec/PlistBuddy -c "Add :CFBundleURLTypes array" -c "Add :CFBundleURLTypes:0 dict" \
	-c "Add :CFBundleURLTypes:0:CFBundleURLName string $APP_ID" -c "Add :CFBundleURLTypes:0:CFBundleTypeRole string Viewer" \
	-c "Add :CFBundleURLTypes:0:CFBundleURLSchemes array" -c "Add :CFBundleURLTypes:0:CFBundleURLSchemes:0 string $URI_SCHEME" \
	"$plist" || die "PlistBuddy could not add the URI scheme to $plist"
[ "$(/usr/libexec/PlistBuddy -c "Print :CFBundleURLTypes:0:CFBundleURLSchemes:0" "$plist")" = "$URI_SCHEME" ] ||
	die "$plist does not name the URI scheme $URI_SCHEME"
# ditto keeps the bundle's symlinks, permissions and extended attributes.
ditto -c -k --sequesterRsrc --keepParent "$SRC/$APP_NAME.app" "$zip"
step "built $zip"
ls -l "$zip"
warn_no_client_id package-darwin
