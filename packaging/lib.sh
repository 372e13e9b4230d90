# Shared by the packaging scripts (sourced, not run). The Makefile passes
# GO, BIN, FYNE, LDFLAGS and DIST in the environment; the defaults let a
# script run on its own from the repository root.

set -euo pipefail
umask 022

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
GO=${GO:-go}
BIN=${BIN:-bin}
DIST=${DIST:-dist}
FYNE=${FYNE:-$ROOT/$BIN/tools/fyne}
LDFLAGS=${LDFLAGS:-}
BUILD=$ROOT/build/packaging

# die prints what went wrong, prefixed by the script's name, and stops.
die() {
	echo "$(basename "$0"): $*" >&2
	exit 1
}

# step prints what is about to happen.
step() { echo "==> $*"; }

# meta KEY prints a value from FyneApp.toml's [Details] table, the single
# source of the app's name, ID and version.
meta() {
	sed -n '/^\[Details\]/,/^\[/ s/^'"$1"' *= *"\{0,1\}\([^"]*\)"\{0,1\} *$/\1/p' FyneApp.toml
}
APP_NAME=$(meta Name)
APP_ID=$(meta ID)
APP_VERSION=$(meta Version)
APP_BUILD=$(meta Build)
EXE=make-connect
# FULL_VERSION is what --version, About and the Windows file version say.
FULL_VERSION=$APP_VERSION.$APP_BUILD
[ -n "$APP_NAME" ] && [ -n "$APP_ID" ] && [ -n "$APP_VERSION" ] && [ -n "$APP_BUILD" ] ||
	die "FyneApp.toml lacks [Details] Name, ID, Version or Build"

# fyne_goflags prints GOFLAGS for `fyne package`: the user's own, plus the
# top Makefile's LDFLAGS (the built-in client ID). fyne passes -ldflags
# found in GOFLAGS on to go build; GOFLAGS splits on spaces, so "-X a=b"
# becomes "-ldflags=-X=a=b".
fyne_goflags() {
	local flags word
	flags=$("$GO" env GOFLAGS)
	for word in ${LDFLAGS//-X /-X=}; do
		flags+=" -ldflags=$word"
	done
	echo "${flags# }"
}

# stage_source NAME copies the source to $BUILD/src-NAME and sets SRC to
# that path; the copy is removed when the script exits. fyne package writes
# into the directory it packages (a metadata .go file, fyne.syso for
# Windows, the executable, and FyneApp.toml with the build number raised),
# so it works on a copy and leaves the tree alone.
stage_source() {
	SRC=$BUILD/src-$1
	rm -rf "$SRC"
	mkdir -p "$SRC"
	trap 'rm -rf "$SRC"' EXIT
	tar -C "$ROOT" -cf - --exclude=./.git --exclude="./$BIN" --exclude="./$DIST" --exclude=./build . |
		tar -C "$SRC" -xf -
}

# fyne_package OS DIR [ARGS…] runs the pinned fyne CLI on the staged source
# in DIR with release settings (-trimpath, -s -w, the "release" tag).
fyne_package() {
	local os=$1 dir=$2
	shift 2
	[ -x "$FYNE" ] || die "$FYNE is missing; run it through make (make package-$os), which installs it"
	(cd "$dir" && GOFLAGS=$(fyne_goflags) "$FYNE" package -os "$os" --release "$@")
}

# linux_names sets arch, and tarball and deb to the Linux packages' paths
# in $DIST for this machine's architecture.
linux_names() {
	arch=$(dpkg --print-architecture)
	tarball="$DIST/$EXE-$APP_VERSION-linux-$arch.tar.xz"
	deb="$DIST/${EXE}_${APP_VERSION}_$arch.deb"
}

# linux_built is linux_names for the check scripts: it stops when a package
# is missing, and sets deb_files to the files the .deb must install.
linux_built() {
	local s
	linux_names
	[ -f "$tarball" ] || die "$tarball is missing: run make package-linux"
	[ -f "$deb" ] || die "$deb is missing: run make package-linux"
	deb_files=("/usr/bin/$EXE" "/usr/share/applications/$APP_ID.desktop" "/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg")
	for s in 16 24 32 48 64 128 256 512; do
		deb_files+=("/usr/share/icons/hicolor/${s}x$s/apps/$APP_ID.png")
	done
}

# deb_paths prints every path in the .deb, files and directories, sorted.
deb_paths() {
	dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|; s|/$||' | grep -v '^$' | sort
}

# The check scripts' verdicts: ok prints a passed check, bad a failed one
# and marks the run failed ($fail), so that every check runs and verdict
# can exit 1 at the end.
fail=0
ok() { echo "ok   $*"; }
bad() {
	echo "$(basename "$0" .sh): FAIL: $*" >&2
	fail=1
}
verdict() {
	local name
	name=$(basename "$0" .sh)
	if [ "$fail" -ne 0 ]; then
		echo "$name: FAILED (see FAIL lines above)" >&2
		exit 1
	fi
	echo "$name: all checks passed for $APP_NAME $APP_VERSION"
}
