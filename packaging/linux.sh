#!/usr/bin/env bash
# Builds the Linux installers into dist/:
#   make-connect-VERSION-linux-ARCH.tar.xz  fyne package's archive (usr/local
#                                           tree and a Makefile: make install)
#   make-connect_VERSION_ARCH.deb           /usr/bin/make-connect, the .desktop
#                                           entry and hicolor icons
# Run through `make package-linux [CLIENT_ID=…]`.
source "$(dirname "$0")/lib.sh"

# The runtime libraries: libGL and libX11 are linked, GLFW opens the other
# X extensions when it starts. check-linux-contents.sh checks the linked
# ones are covered.
DEPENDS_LIBS="libgl1, libx11-6, libxcursor1, libxrandr2, libxinerama1, libxi6, libxxf86vm1"

command -v dpkg-deb >/dev/null || die "dpkg-deb is missing (make deps-packaging installs it)"
linux_names
mkdir -p "$DIST"
rm -f "$DIST"/make-connect*linux*.tar.xz "$DIST"/make-connect_*.deb

step "fyne package -os linux --release (built-in client ID: ${CLIENT_ID:-none})"
stage_source linux
fyne_package linux "$SRC"
mv "$SRC/$APP_NAME.tar.xz" "$tarball"

step "staging the .deb"
root=$BUILD/deb
rm -rf "$root" "$BUILD/tar"
mkdir -p "$BUILD/tar" "$root/DEBIAN" "$root/usr/bin" "$root/usr/share/applications"
tar -C "$BUILD/tar" -xJf "$tarball"
unpacked=$(find "$BUILD/tar" -path '*/bin/'"$EXE" -type f)
desktop=$(find "$BUILD/tar" -name "$APP_ID.desktop")
[ -f "$unpacked" ] && [ -f "$desktop" ] || die "the archive lacks bin/$EXE or $APP_ID.desktop"
install -m 0755 "$unpacked" "$root/usr/bin/$EXE"
install -m 0644 "$desktop" "$root/usr/share/applications/$APP_ID.desktop"
for s in 16 24 32 48 64 128 256; do
	install -D -m 0644 "assets/icon-$s.png" "$root/usr/share/icons/hicolor/${s}x$s/apps/$APP_ID.png"
done
install -D -m 0644 assets/icon.png "$root/usr/share/icons/hicolor/512x512/apps/$APP_ID.png"
install -D -m 0644 assets/icon.svg "$root/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"

# libc: the newest GLIBC_ symbol version the binary asks for.
glibc=$(objdump -T "$root/usr/bin/$EXE" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -n 1)
[ -n "$glibc" ] || die "found no GLIBC_ symbol versions in the binary"
size=$(du -sk --exclude=DEBIAN "$root" | cut -f 1)
sed -e "s/@VERSION@/$APP_VERSION/" -e "s/@ARCH@/$arch/" -e "s/@SIZE@/$size/" \
	-e "s/@DEPENDS@/$DEPENDS_LIBS, libc6 (>= $glibc)/" packaging/linux/control.in >"$root/DEBIAN/control"

# The icon cache and the desktop database are updated by the dpkg triggers
# of hicolor-icon-theme and desktop-file-utils, so no maintainer scripts.
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null
step "built $tarball and $deb"
ls -l "$tarball" "$deb"
