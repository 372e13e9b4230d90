#!/usr/bin/env bash
# Checks what `make package-linux` and `make package-cli` built, without
# installing anything (so without root): the archives and the packages hold
# the right files, the .desktop entries validate, the desktop .deb's
# dependencies cover every library the window links and drag no GTK or
# systemd in, the command-line packages depend on nothing and their program
# is static and carries its man page and completion scripts, which read as
# they should, the .rpms say what the .debs say, SHA256SUMS covers dist/, no
# binary carries sandbox or test code, and a build without CLIENT_ID ends
# with a warning.
# Run through `make check-linux-contents` (part of `make test`), which
# builds the packages first; check-linux-install.sh installs the .deb.
source "$(dirname "$0")/lib.sh"

linux_built
work=$BUILD/check-linux-contents
rm -rf "$work"
mkdir -p "$work/tar" "$work/deb"

step "the archive"
tar -C "$work/tar" -xJf "$tarball"
for f in "usr/local/bin/$EXE" "usr/local/share/applications/$APP_ID.desktop" "usr/local/share/pixmaps/$APP_ID.png" \
	"usr/local/share/doc/$EXE/LICENSE" "usr/local/share/doc/$EXE/THIRD-PARTY-NOTICES.txt"; do
	[ -f "$work/tar/$EXE/$f" ] && ok "archive has $f" || bad "$tarball lacks $EXE/$f"
done

step "the desktop .deb's contents (dpkg-deb -c)"
paths=$(deb_paths "$deb")
for f in "${deb_files[@]}"; do
	grep -qx "$f" <<<"$paths" && ok "deb has $f" || bad "$deb lacks $f"
done
grep -qx "/usr/bin/$EXE" <<<"$paths" && bad "$deb has /usr/bin/$EXE: that is make-connect-cli's" ||
	ok "/usr/bin/$EXE is left to make-connect-cli"
dpkg-deb -x "$deb" "$work/deb"
[ "$(stat -c %a "$work/deb$WINDOW_PROGRAM")" = 755 ] || bad "$WINDOW_PROGRAM is not mode 755"
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
grep -qx "Exec=$WINDOW_PROGRAM %u" "$work/deb/usr/share/applications/$APP_ID.desktop" && ok "Exec=$WINDOW_PROGRAM %u" ||
	bad "the .desktop entry does not start the window, $WINDOW_PROGRAM, with the address it opens (%u)"
grep -qx "Icon=$APP_ID" "$work/deb/usr/share/applications/$APP_ID.desktop" && ok "Icon=$APP_ID" ||
	bad "the .desktop entry does not name the icon $APP_ID"

step "the app's URI scheme, $URI_SCHEME: the window its handler"
# Both entries say the window opens it; the archive's make install and the
# packages' scripts update the desktop database, where xdg-open looks.
tar_desktop="$work/tar/$EXE/usr/local/share/applications/$APP_ID.desktop"
grep -qx "Exec=$EXE %u" "$tar_desktop" && ok "the archive's entry: Exec=$EXE %u" ||
	bad "the archive's .desktop entry does not pass the address on: $(grep '^Exec=' "$tar_desktop")"
for d in "$tar_desktop" "$work/deb/usr/share/applications/$APP_ID.desktop"; do
	[ "$(grep -c "^MimeType=x-scheme-handler/$URI_SCHEME;\$" "$d")" = 1 ] && ok "${d#"$work"/}: MimeType=x-scheme-handler/$URI_SCHEME;" ||
		bad "${d#"$work"/} does not say once that it opens $URI_SCHEME: $(grep '^MimeType' "$d")"
done
# The archive's Makefile, as a person runs it: the desktop database it
# installs into names the window for the scheme, and no longer once it is
# uninstalled.
destdir=$work/make-install
cache=$destdir/usr/local/share/applications/mimeinfo.cache
if make -s -C "$work/tar/$EXE" DESTDIR="$destdir" PREFIX=/usr/local install >"$work/make-install.log" 2>&1 &&
	grep -qx "x-scheme-handler/$URI_SCHEME=$APP_ID.desktop;" "$cache"; then
	ok "the archive's make install: the desktop database names $APP_ID.desktop for x-scheme-handler/$URI_SCHEME"
else
	bad "the archive's make install did not register the scheme: $(cat "$work/make-install.log" "$cache" 2>&1)"
fi
make -s -C "$work/tar/$EXE" DESTDIR="$destdir" PREFIX=/usr/local uninstall >>"$work/make-install.log" 2>&1
! grep -q "x-scheme-handler/$URI_SCHEME=" "$cache" 2>/dev/null && ok "… and make uninstall forgot it" ||
	bad "after the archive's make uninstall the desktop database still names a handler for $URI_SCHEME"
[ "$(grep -c 'update-desktop-database -q $(DESTDIR)$(HOME)/.local/share/applications' "$work/tar/$EXE/Makefile")" = 2 ] &&
	ok "make user-install and user-uninstall update the person's desktop database" ||
	bad "the archive's user-install and user-uninstall do not both update the person's desktop database"
# The .rpm's scripts update the desktop database; the .deb has none:
# dpkg's trigger of desktop-file-utils does it (check-linux-install.sh).
mkdir -p "$work/control"
dpkg-deb -e "$deb" "$work/control"
[ -z "$(ls "$work/control" | grep -vx -e control -e md5sums)" ] && ok "the .deb has no maintainer scripts" ||
	bad "the .deb has maintainer scripts: $(ls "$work/control" | grep -vx -e control -e md5sums | tr '\n' ' ')"
rpm_scripts=$(rpm -qp --scripts "$rpm" 2>/dev/null)
for script in postinstall postuninstall; do
	sed -n "/^$script scriptlet/,/^[a-z]* scriptlet/p" <<<"$rpm_scripts" | grep -q "update-desktop-database -q /usr/share/applications" &&
		ok "the .rpm's $script updates the desktop database" || bad "the .rpm's $script does not update the desktop database"
done

step "the desktop .deb's fields (dpkg-deb -f)"
field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = "$EXE" ] && ok "Package: $EXE" || bad "Package is $(field Package), not $EXE"
[ "$(field Version)" = "$APP_VERSION" ] && ok "Version: $APP_VERSION" ||
	bad "Version is $(field Version), FyneApp.toml says $APP_VERSION"
depends=$(field Depends)
for p in ca-certificates libc6 libgl1 libx11-6 libxcursor1 libxrandr2 libxinerama1 libxi6 libxxf86vm1; do
	grep -qE "(^|, )$p( |,|$)" <<<"$depends" && ok "Depends on $p" || bad "Depends lacks $p: $depends"
done
grep -qE "(^|, )$EXE-cli \(= $APP_VERSION\)" <<<"$depends" && ok "Depends on $EXE-cli (= $APP_VERSION)" ||
	bad "Depends lacks $EXE-cli of the same version: $depends"
[ -z "$(field Recommends)" ] && ok "Recommends nothing (a keychain would drag GTK and systemd in)" ||
	bad "Recommends is '$(field Recommends)'"
[ "$(field Suggests)" = "gnome-keyring | keepassxc" ] && ok "Suggests: gnome-keyring | keepassxc" ||
	bad "Suggests is '$(field Suggests)'"
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
for lib in $(objdump -p "$work/deb$WINDOW_PROGRAM" | awk '$1 == "NEEDED" {print $2}'); do
	pkg=$(package_of "$lib")
	case "$pkg" in
	"") bad "cannot tell which package provides $lib" ;;
	libc6 | libc6-*) ok "$lib comes from $pkg" ;; # libm is part of libc6
	*) grep -qE "(^|, )$pkg( |,|$)" <<<"$depends" && ok "$lib comes from $pkg, a dependency" ||
		bad "$lib comes from $pkg, which Depends does not list" ;;
	esac
done

step "the desktop .rpm says what the .deb says"
rpm_paths=$(rpm -qpl "$rpm" 2>/dev/null)
for f in "${deb_files[@]}"; do
	grep -qx "$f" <<<"$rpm_paths" && ok "rpm has $f" || bad "$rpm lacks $f"
done
rpm_requires=$(rpm -qpR "$rpm" 2>/dev/null)
grep -qx "$EXE-cli = $APP_VERSION" <<<"$rpm_requires" && ok "the rpm requires $EXE-cli = $APP_VERSION" ||
	bad "the rpm does not require $EXE-cli = $APP_VERSION: $rpm_requires"
grep -qx "ca-certificates" <<<"$rpm_requires" && ok "the rpm requires ca-certificates" ||
	bad "the rpm does not require ca-certificates: $rpm_requires"

step "the command-line packages"
# cli_docs are the man page and completions each command-line package ships
# (zsh's folder is /usr/share/zsh/site-functions in the .rpm).
MAN_PAGE=/usr/share/man/man1/$EXE.1.gz
BASH_COMPLETION=/usr/share/bash-completion/completions/$EXE
ZSH_COMPLETION=/usr/share/zsh/vendor-completions/_$EXE
FISH_COMPLETION=/usr/share/fish/vendor_completions.d/$EXE.fish
for goarch in $CLI_LINUX_ARCHES; do
	cli_packages "$goarch"
	cpaths=$(deb_paths "$cli_deb")
	grep -qx "/usr/bin/$EXE" <<<"$cpaths" && ok "$cli_deb has /usr/bin/$EXE" || bad "$cli_deb lacks /usr/bin/$EXE"
	for f in "$MAN_PAGE" "$BASH_COMPLETION" "$ZSH_COMPLETION" "$FISH_COMPLETION"; do
		grep -qx "$f" <<<"$cpaths" && ok "$cli_deb has $f" || bad "$cli_deb lacks $f"
	done
	rpaths=$(rpm -qpl "$cli_rpm" 2>/dev/null)
	for f in "$MAN_PAGE" "$BASH_COMPLETION" "/usr/share/zsh/site-functions/_$EXE" "$FISH_COMPLETION"; do
		grep -qx "$f" <<<"$rpaths" && ok "$cli_rpm has $f" || bad "$cli_rpm lacks $f"
	done
	grep -qx "/usr/share/doc/$EXE-cli/copyright" <<<"$cpaths" && ok "$cli_deb has the licences (copyright)" ||
		bad "$cli_deb lacks /usr/share/doc/$EXE-cli/copyright"
	[ "$(dpkg-deb -f "$cli_deb" Architecture)" = "$goarch" ] && ok "Architecture: $goarch" ||
		bad "$cli_deb is for $(dpkg-deb -f "$cli_deb" Architecture), not $goarch"
	[ -z "$(dpkg-deb -f "$cli_deb" Depends)" ] && ok "$cli_deb depends on nothing" ||
		bad "$cli_deb depends on $(dpkg-deb -f "$cli_deb" Depends)"
	# Without root certificates no https connection can be trusted.
	[ "$(dpkg-deb -f "$cli_deb" Recommends)" = ca-certificates ] && ok "$cli_deb recommends ca-certificates" ||
		bad "$cli_deb recommends '$(dpkg-deb -f "$cli_deb" Recommends)', not ca-certificates"
	rm -rf "$work/cli-$goarch" && mkdir -p "$work/cli-$goarch"
	dpkg-deb -x "$cli_deb" "$work/cli-$goarch"
	info=$(file "$work/cli-$goarch/usr/bin/$EXE")
	grep -q "statically linked" <<<"$info" && ok "/usr/bin/$EXE ($goarch) is statically linked" ||
		bad "/usr/bin/$EXE ($goarch) is not static: $info"
	grep -q "$([ "$goarch" = amd64 ] && echo x86-64 || echo aarch64)" <<<"$info" && ok "… and built for $goarch" ||
		bad "/usr/bin/$EXE in $cli_deb is not for $goarch: $info"
	grep -qx "/usr/bin/$EXE" <<<"$(rpm -qpl "$cli_rpm" 2>/dev/null)" && ok "$cli_rpm has /usr/bin/$EXE" ||
		bad "$cli_rpm lacks /usr/bin/$EXE"
	[ -z "$(rpm -qpR "$cli_rpm" 2>/dev/null | grep -v '^rpmlib(')" ] && ok "$cli_rpm requires nothing" ||
		bad "$cli_rpm requires $(rpm -qpR "$cli_rpm" | tr '\n' ' ')"
	[ "$(rpm -qp --recommends "$cli_rpm" 2>/dev/null)" = ca-certificates ] && ok "$cli_rpm recommends ca-certificates" ||
		bad "$cli_rpm recommends '$(rpm -qp --recommends "$cli_rpm" 2>/dev/null)', not ca-certificates"
done
for target in $CLI_TARGETS; do
	cli_names "${target%/*}" "${target#*/}"
	[ -f "$cli_archive" ] || { bad "$cli_archive is missing"; continue; }
	bin=$EXE
	[ "${target%/*}" = windows ] && bin+=.exe
	if [[ "$cli_archive" == *.zip ]]; then list=$(unzip -Z1 "$cli_archive"); else list=$(tar -tzf "$cli_archive"); fi
	files=("$bin" SERVER.md LICENSE THIRD-PARTY-NOTICES.txt)
	[ "${target%/*}" = windows ] || files+=("$EXE.1")
	for f in "${files[@]}"; do
		grep -qx "$cli_dir/$f" <<<"$list" && ok "$(basename "$cli_archive") has $f" || bad "$cli_archive lacks $cli_dir/$f"
	done
done

step "the man page and the completion scripts, as this machine's command-line package ships them"
cli_root="$work/cli-$arch"
cli_bin="$cli_root/usr/bin/$EXE"
if lint=$(mandoc -T lint -W warning "$cli_root$MAN_PAGE" 2>&1) && [ -z "$lint" ]; then
	ok "mandoc -T lint finds nothing to warn of in $MAN_PAGE"
else
	bad "mandoc -T lint $MAN_PAGE: $lint"
fi
page=$(MANWIDTH=80 man --nh --nj -l "$cli_root$MAN_PAGE" 2>&1 | tr -s ' \n' '  ')
grep -qF "make-connect token [--account ID] [--json]" <<<"$page" && ok "man -l renders it, flags as typed" ||
	bad "man -l does not render the commands: $page"
# The exit codes --help lists, in the page too.
help=$("$cli_bin" --help)
codes=$(sed -n '/^Exit codes:/,$ s/^  [0-9]  //p' <<<"$help")
[ "$(wc -l <<<"$codes")" -ge 5 ] || bad "--help lists no exit codes: $codes"
while read -r meaning; do
	grep -qF "$meaning" <<<"$page" && ok "the page says exit code: $meaning" || bad "the page lacks the exit code: $meaning"
done <<<"$codes"
for shell_file in "bash $BASH_COMPLETION" "zsh $ZSH_COMPLETION" "fish $FISH_COMPLETION"; do
	shell=${shell_file%% *} file=$cli_root${shell_file#* }
	cmp -s <("$cli_bin" completion "$shell") "$file" && ok "$(basename "$file") is what make-connect completion $shell prints" ||
		bad "$file differs from what make-connect completion $shell prints"
done
loaded=$(bash -c 'source "$1" && complete -p make-connect' bash "$cli_root$BASH_COMPLETION" 2>&1)
[ "$loaded" = "complete -F _make_connect make-connect" ] && ok "bash loads it: $loaded" || bad "bash does not load it: $loaded"

step "the command-line build's help offers the window only beside it"
help=$("$cli_bin" --help)
grep -q "open the window" <<<"$help" && bad "$EXE --help offers the window, which this build has not" ||
	ok "$EXE --help alone offers no window"
grep -q "This is the command-line build, which has no window" <<<"$help" && ok "… and says it has none" ||
	bad "$EXE --help alone does not say it has no window"
beside="$work/beside"
install -D -m 0755 "$cli_bin" "$beside/usr/bin/$EXE"
install -D -m 0755 "$work/deb$WINDOW_PROGRAM" "$beside$WINDOW_PROGRAM"
help=$("$beside/usr/bin/$EXE" --help)
grep -qE "^  $EXE +open the window$" <<<"$help" && ok "beside $WINDOW_PROGRAM, --help offers the window" ||
	bad "beside $WINDOW_PROGRAM, $EXE --help does not offer the window"

step "a build without CLIENT_ID ends with a warning that says what to set"
warning=$(CLIENT_ID='' warn_no_client_id package-cli)
for w in "NO CLIENT ID" ClientID /etc/make-connect/policy.json --client-id MAKE_CONNECT_CLIENT_ID "Settings > Client ID" \
	"make package-cli CLIENT_ID="; do
	grep -qF -- "$w" <<<"$warning" && ok "the warning names $w" || bad "the warning does not name $w: $warning"
done
[ -z "$(CLIENT_ID=x warn_no_client_id package-cli)" ] && ok "… and is not given with a CLIENT_ID" ||
	bad "warn_no_client_id warns with a CLIENT_ID"
for s in cli linux windows darwin; do
	last=$(grep -v '^[[:space:]]*$' "packaging/$s.sh" | tail -n 1)
	[ "$last" = "warn_no_client_id package-$s" ] && ok "make package-$s ends with it" ||
		bad "packaging/$s.sh ends with $last, not warn_no_client_id package-$s"
done

step "SHA256SUMS covers dist/"
( cd "$DIST" && sha256sum --quiet -c SHA256SUMS ) && ok "every sum matches" || bad "SHA256SUMS does not match"
for f in "$DIST"/*; do
	# The files, not the folder of winget manifests (which hold their own sums)
	[ -f "$f" ] && [ "$(basename "$f")" != SHA256SUMS ] || continue
	grep -q " $(basename "$f")\$" "$DIST/SHA256SUMS" || bad "SHA256SUMS lacks $(basename "$f")"
done

step "no sandbox or test code in the binaries, and no window in the command-line build"
window_deps=$("$GO" version -m "$cli_bin")
for mod in fyne.io/fyne/v2 github.com/go-gl/glfw github.com/ory/fosite; do
	grep -q "$mod" <<<"$window_deps" && bad "the command-line build links $mod" || ok "the command-line build has no $mod"
done
bin="$work/deb$WINDOW_PROGRAM"
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
for pkg in github.com/make-connect/make-connect/dev/ github.com/make-connect/make-connect/internal/testkit/ \
	github.com/ory/fosite net/http/httptest fyne.io/fyne/v2/test. testing.tRunner; do
	grep -aqF "$pkg" "$bin" && bad "$bin contains $pkg" || ok "no $pkg"
done
# And from the source side: what package main imports, with the release tag.
deps=$("$GO" list -tags release -deps .)
for pkg in github.com/make-connect/make-connect/dev/sandbox github.com/make-connect/make-connect/internal/testkit/sandbox \
	github.com/make-connect/make-connect/internal/testkit/person github.com/ory/fosite testing net/http/httptest; do
	grep -qx "$pkg" <<<"$deps" && bad "package main imports $pkg" || ok "package main does not import $pkg"
done

verdict
