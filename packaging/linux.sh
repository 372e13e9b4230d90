#!/usr/bin/env bash
# Builds the Linux desktop installers into dist/:
#   make-connect-VERSION-linux-ARCH.tar.xz  fyne package's archive (usr/local
#                                           tree and a Makefile: make install),
#                                           with the licences and the scheme
#   make-connect_VERSION_ARCH.deb           the window at /usr/lib/make-connect/,
#   make-connect-VERSION.ARCH.rpm           its .desktop entry and hicolor icons,
#                                           depending on make-connect-cli (nfpm)
#   SHA256SUMS                              of everything in dist/
# Run through `make package-linux [CLIENT_ID=…]`.
source "$(dirname "$0")/lib.sh"

linux_names
notices_current
mkdir -p "$DIST"
rm -f "$tarball" "$deb" "$rpm"

step "fyne package -os linux --release (built-in client ID: ${CLIENT_ID:-none})"
stage_source linux
fyne_package linux "$SRC"
mv "$SRC/$APP_NAME.tar.xz" "$tarball"
# fyne's archive has no licences: add them beside its files, and pack again.
notices=$BUILD/notices-tar
rm -rf "$notices" && mkdir -p "$notices"
tar -C "$notices" -xJf "$tarball"
install -D -m 0644 LICENSE "$notices/$EXE/usr/local/share/doc/$EXE/LICENSE"
install -D -m 0644 "$NOTICES" "$notices/$EXE/usr/local/share/doc/$EXE/THIRD-PARTY-NOTICES.txt"
# The window handles the app's URI scheme: its desktop entry says so, and
# the Makefile's install updates the desktop database (lib.sh).
desktop_handles_scheme "$notices/$EXE/usr/local/share/applications/$APP_ID.desktop" "$EXE"
makefile_updates_database "$notices/$EXE/Makefile"
tar -C "$notices" --owner=0 --group=0 --numeric-owner -cJf "$tarball" .
rm -rf "$notices"

step "nfpm: $deb and $rpm"
work=$BUILD/desktop
rm -rf "$work"
mkdir -p "$work/tar" "$work/icons"
tar -C "$work/tar" -xJf "$tarball"
window=$(find "$work/tar" -path '*/bin/'"$EXE" -type f)
fyne_desktop=$(find "$work/tar" -name "$APP_ID.desktop")
[ -f "$window" ] && [ -f "$fyne_desktop" ] || die "the archive lacks bin/$EXE or $APP_ID.desktop"
# The menu entry, and the scheme's handler (as in the archive), starts the
# window itself; make-connect on PATH is the command-line build.
sed "s|^Exec=[^ ]*|Exec=$WINDOW_PROGRAM|" "$fyne_desktop" >"$work/$APP_ID.desktop"
for s in 16 24 32 48 64 128 256; do
	install -D -m 0644 "assets/icon-$s.png" "$work/icons/${s}x$s/apps/$APP_ID.png"
done
install -D -m 0644 assets/icon.png "$work/icons/512x512/apps/$APP_ID.png"
install -D -m 0644 assets/icon.svg "$work/icons/scalable/apps/$APP_ID.svg"
# libc: the newest GLIBC_ symbol version the window asks for.
glibc=$(objdump -T "$window" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -n 1)
[ -n "$glibc" ] || die "found no GLIBC_ symbol versions in the window program"
export VERSION=$APP_VERSION ARCH=$arch APP_ID WINDOW=$window DESKTOP=$work/$APP_ID.desktop GLIBC=$glibc ICONS=$work/icons
nfpm_package packaging/linux/make-connect.yaml deb "$deb"
nfpm_package packaging/linux/make-connect.yaml rpm "$rpm"
write_sums
step "built $tarball, $deb and $rpm"
ls -l "$tarball" "$deb" "$rpm"
warn_no_client_id package-linux
