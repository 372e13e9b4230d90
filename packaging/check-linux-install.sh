#!/usr/bin/env bash
# Installs the .deb that `make package-linux` built, checks that the
# installed command reports FyneApp.toml's version, removes it and checks
# that nothing is left. It changes the machine it runs on, so it is not
# part of `make test`: run it through `make check-linux` (CI does, on a
# machine it throws away). It needs root (or sudo) for dpkg -i and -r.
source "$(dirname "$0")/lib.sh"

linux_built
if [ "$(id -u)" -eq 0 ]; then
	sudo=""
elif command -v sudo >/dev/null; then
	sudo="sudo"
else
	die "installing the .deb needs root, and there is no sudo here: run make check-linux as root"
fi
if dpkg-query -W -f='${Status}' "$EXE" 2>/dev/null | grep -q "ok installed"; then
	die "$EXE is already installed here; this check installs and removes it, so remove it first (dpkg -r $EXE)"
fi
work=$BUILD/check-linux-install
rm -rf "$work"
mkdir -p "$work"
paths=$(deb_paths)

step "dpkg -i, then the installed command"
existing=$(while read -r p; do if [ -e "$p" ]; then echo "$p"; fi; done <<<"$paths")
if $sudo dpkg -i "$deb" >"$work/install.log" 2>&1; then
	ok "dpkg -i installed $deb"
	version=$(/usr/bin/$EXE --version 2>/dev/null) || bad "/usr/bin/$EXE --version failed"
	[ "$version" = "$APP_NAME $FULL_VERSION" ] && ok "/usr/bin/$EXE --version: $version" ||
		bad "/usr/bin/$EXE --version says '$version', FyneApp.toml says '$APP_NAME $FULL_VERSION'"
	[ "$(command -v $EXE)" = "/usr/bin/$EXE" ] || bad "$EXE on PATH is $(command -v $EXE), not /usr/bin/$EXE"
	for f in "${deb_files[@]}"; do [ -f "$f" ] || bad "$f was not installed"; done
else
	bad "dpkg -i $deb failed: $(cat "$work/install.log")"
fi

step "dpkg -r, then nothing left"
$sudo dpkg -r "$EXE" >"$work/remove.log" 2>&1 && ok "dpkg -r removed $EXE" ||
	bad "dpkg -r $EXE failed: $(cat "$work/remove.log")"
status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$EXE" 2>/dev/null || true)
[[ -z "$status" || "$status" == un* ]] && ok "dpkg no longer knows $EXE" || bad "dpkg still lists $EXE as '$status'"
left=$(while read -r p; do
	if [ -e "$p" ] && ! grep -qxF "$p" <<<"$existing"; then echo "$p"; fi
done <<<"$paths")
[ -z "$left" ] && ok "every file and directory the .deb added is gone" || bad "dpkg -r left: $left"

verdict
