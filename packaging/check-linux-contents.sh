#!/usr/bin/env bash
# Checks what `make package-linux` built, without installing it (so without
# root): the archive and the .deb hold the right files, the .desktop
# entries validate, the .deb's fields and dependencies cover every library
# the binary links, and the binary carries no sandbox or test code.
# Run through `make check-linux-contents` (part of `make test`), which
# builds the packages first; check-linux-install.sh installs the .deb.
source "$(dirname "$0")/lib.sh"

linux_built
work=$BUILD/check-linux-contents
rm -rf "$work"
mkdir -p "$work/tar" "$work/deb"

step "the archive"
tar -C "$work/tar" -xJf "$tarball"
for f in "usr/local/bin/$EXE" "usr/local/share/applications/$APP_ID.desktop" "usr/local/share/pixmaps/$APP_ID.png"; do
	[ -f "$work/tar/$EXE/$f" ] && ok "archive has $f" || bad "$tarball lacks $EXE/$f"
done

step "the .deb's contents (dpkg-deb -c)"
paths=$(deb_paths)
for f in "${deb_files[@]}"; do
	grep -qx "$f" <<<"$paths" && ok "deb has $f" || bad "$deb lacks $f"
done
dpkg-deb -x "$deb" "$work/deb"
[ "$(stat -c %a "$work/deb/usr/bin/$EXE")" = 755 ] || bad "/usr/bin/$EXE is not mode 755"
[ -z "$(dpkg-deb -c "$deb" | awk '$2 != "root/root"')" ] && ok "every file belongs to root" ||
	bad "$deb has files not owned by root/root"

step "the .desktop entries (desktop-file-validate)"
for d in "$work/tar/$EXE/usr/local/share/applications/$APP_ID.desktop" "$work/deb/usr/share/applications/$APP_ID.desktop"; do
	if out=$(desktop-file-validate "$d" 2>&1) && [ -z "$out" ]; then
		ok "${d#"$work"/} validates"
	else
		bad "${d#"$work"/} does not validate: $out"
	fi
done
grep -qx "Exec=$EXE" "$work/deb/usr/share/applications/$APP_ID.desktop" && ok "Exec=$EXE" ||
	bad "the .desktop entry does not run $EXE"
grep -qx "Icon=$APP_ID" "$work/deb/usr/share/applications/$APP_ID.desktop" && ok "Icon=$APP_ID" ||
	bad "the .desktop entry does not name the icon $APP_ID"

step "the .deb's fields (dpkg-deb -f)"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = "$EXE" ] && ok "Package: $EXE" || bad "Package is $(field Package), not $EXE"
[ "$(field Version)" = "$APP_VERSION" ] && ok "Version: $APP_VERSION" ||
	bad "Version is $(field Version), FyneApp.toml says $APP_VERSION"
depends=$(field Depends)
for p in libc6 libgl1 libx11-6 libxcursor1 libxrandr2 libxinerama1 libxi6 libxxf86vm1; do
	grep -qE "(^|, )$p( |,|$)" <<<"$depends" && ok "Depends on $p" || bad "Depends lacks $p: $depends"
done
[ "$(field Recommends)" = "gnome-keyring | keepassxc" ] && ok "Recommends: gnome-keyring | keepassxc" ||
	bad "Recommends is '$(field Recommends)'"
# package_of LIB prints the package that ships the shared library LIB here.
# dpkg knows a file by the path its package ships it under, which may be
# /lib or /usr/lib on a merged-/usr system, so try both. ldconfig is named
# by its path: /sbin is not on a normal user's PATH.
package_of() {
	local path real p
	path=$(/sbin/ldconfig -p | awk -v l="$1" '$1 == l && /x86-64|64bit|AArch64/ {print $NF; exit}')
	[ -n "$path" ] || path=$(/sbin/ldconfig -p | awk -v l="$1" '$1 == l {print $NF; exit}')
	[ -n "$path" ] || return 0
	real=$(readlink -f "$path")
	for p in "$path" "$real" "${path#/usr}" "${real#/usr}" "/usr${path#/usr}" "/usr${real#/usr}"; do
		dpkg -S "$p" 2>/dev/null | head -n 1 | cut -d: -f1 && return 0
	done
}
# Every library the binary is linked against must come from a package it
# depends on (the X extensions GLFW opens at run time are listed by hand).
for lib in $(objdump -p "$work/deb/usr/bin/$EXE" | awk '$1 == "NEEDED" {print $2}'); do
	pkg=$(package_of "$lib")
	case "$pkg" in
	"") bad "cannot tell which package provides $lib" ;;
	libc6 | libc6-*) ok "$lib comes from $pkg" ;; # libm is part of libc6
	*) grep -qE "(^|, )$pkg( |,|$)" <<<"$depends" && ok "$lib comes from $pkg, a dependency" ||
		bad "$lib comes from $pkg, which Depends does not list" ;;
	esac
done

step "no sandbox or test code in the binary"
bin="$work/deb/usr/bin/$EXE"
mods=$("$GO" version -m "$bin") || bad "go version -m cannot read $bin"
grep -q "build	-trimpath=true" <<<"$mods" && ok "built with -trimpath" || bad "$bin was not built with -trimpath"
# go version -m leaves -ldflags out under -trimpath; file(1) tells -s -w.
file "$bin" | grep -q ", stripped" && ok "stripped" || bad "$bin is not stripped (-ldflags -s -w)"
grep -q "github.com/ory/fosite" <<<"$mods" && bad "$bin links github.com/ory/fosite" || ok "no github.com/ory/fosite module"
# The binary is stripped, so go tool nm has no symbol table to read; the
# function names live on in the pclntab, so look for the package paths
# (after making sure the search finds one that must be there).
grep -aqF github.com/make-connect/make-connect/auth "$bin" ||
	bad "cannot find package paths in $bin, so the search below proves nothing"
for pkg in github.com/make-connect/make-connect/sandbox github.com/make-connect/make-connect/cmd/ \
	github.com/ory/fosite net/http/httptest fyne.io/fyne/v2/test. testing.tRunner; do
	grep -aqF "$pkg" "$bin" && bad "$bin contains $pkg" || ok "no $pkg"
done
# And from the source side: what package main imports, with the release tag.
deps=$("$GO" list -tags release -deps .)
for pkg in github.com/make-connect/make-connect/sandbox github.com/ory/fosite testing net/http/httptest; do
	grep -qx "$pkg" <<<"$deps" && bad "package main imports $pkg" || ok "package main does not import $pkg"
done

verdict
