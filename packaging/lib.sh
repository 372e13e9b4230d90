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

# NOTICES is Make Connect's licence and the licences of everything it is
# built with, which every package ships (and the window's About shows):
# written by dev/cmd/notices from the module graph, committed so the window can
# embed it. notices_current checks, as a package is built, that it is what
# the module graph gives now.
NOTICES=$ROOT/assets/THIRD-PARTY-NOTICES.txt
notices_current() {
	mkdir -p "$BUILD"
	"$GO" run -C dev ./cmd/notices -root "$ROOT" -o "$BUILD/THIRD-PARTY-NOTICES.txt" || die "dev/cmd/notices failed"
	cmp -s "$BUILD/THIRD-PARTY-NOTICES.txt" "$NOTICES" ||
		die "assets/THIRD-PARTY-NOTICES.txt is not what the module graph gives now: run make notices and commit it"
}

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
# WEBSITE and HELP_URL are FyneApp.toml's Website and Help (at its top):
# the installers' links in Settings › Apps.
WEBSITE=$(sed -n '1,/^\[/ s/^Website *= *"\(.*\)" *$/\1/p' FyneApp.toml)
HELP_URL=$(sed -n '1,/^\[/ s/^Help *= *"\(.*\)" *$/\1/p' FyneApp.toml)
EXE=make-connect
# FULL_VERSION is what --version, About and the Windows file version say.
FULL_VERSION=$APP_VERSION.$APP_BUILD
[ -n "$APP_NAME" ] && [ -n "$APP_ID" ] && [ -n "$APP_VERSION" ] && [ -n "$APP_BUILD" ] ||
	die "FyneApp.toml lacks [Details] Name, ID, Version or Build"
[ -n "$WEBSITE" ] && [ -n "$HELP_URL" ] || die "FyneApp.toml lacks Website or Help"

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

# cli_docs DIR writes into DIR what the command-line packages ship beside
# the program, made from the commands' own flags by dev/cmd/clidocs: the
# man page, $EXE.1, and completions/ (bash, zsh and fish). The page is
# dated SOURCE_DATE_EPOCH, else the last commit, else today.
cli_docs() {
	local date=
	if [ -n "${SOURCE_DATE_EPOCH:-}" ]; then
		date=$(date -u -d "@$SOURCE_DATE_EPOCH" +%F)
	else
		date=$(git -C "$ROOT" log -1 --format=%cs 2>/dev/null) || date=
	fi
	[ -n "$date" ] || date=$(date -u +%F)
	mkdir -p "$1"
	"$GO" run -C dev ./cmd/clidocs -root "$ROOT" -date "$date" -man "$1/$EXE.1" -completions "$1/completions" ||
		die "dev/cmd/clidocs failed"
}

# warn_no_client_id TARGET ends a packaging target (make TARGET) built
# without CLIENT_ID with a warning block: what whoever receives the
# packages must set before anyone can connect (docs/admin.md,
# docs/configuration.md).
warn_no_client_id() {
	[ -z "${CLIENT_ID:-}" ] || return 0
	cat <<-MSG
	==> NO CLIENT ID: built without CLIENT_ID, so Make Connect cannot connect until whoever
	    receives it sets Make's OAuth client ID, in one of these (the first wins):
	      - the organization's policy, ClientID: /etc/make-connect/policy.json, the
	        registry's HKLM\Software\Policies\MakeConnect (Group Policy), or an MDM
	        profile on macOS (docs/admin.md)
	      - --client-id on each command, or MAKE_CONNECT_CLIENT_ID in the environment
	      - the saved settings: the window's Settings > Client ID (settings.json;
	        docs/configuration.md)
	    To build it in instead, run make $1 CLIENT_ID=... again.
	MSG
}

# NFPM_VERSION is the nfpm the .deb and .rpm packages are built with; go
# run builds it in Go's module cache, outside the app's module graph.
NFPM_VERSION=v2.45.2

# nfpm_package YAML PACKAGER TARGET builds the package YAML describes
# (packaging/linux/), as a deb or rpm, into the file TARGET; the YAML reads
# what it needs from the environment.
nfpm_package() {
	"$GO" run "github.com/goreleaser/nfpm/v2/cmd/nfpm@$NFPM_VERSION" package --config "$1" --packager "$2" --target "$3" >/dev/null
}

# rpm_arch ARCH prints the rpm name of the Go architecture ARCH.
rpm_arch() {
	case $1 in
	amd64) echo x86_64 ;;
	arm64) echo aarch64 ;;
	*) echo "$1" ;;
	esac
}

# write_sums writes $DIST/SHA256SUMS for every file in $DIST, whichever
# target built them, once the packages of other versions are gone
# (drop_other_versions): the sums are this version's.
write_sums() {
	drop_other_versions
	(cd "$DIST" && find . -maxdepth 1 -type f ! -name SHA256SUMS -printf '%f\n' | sort | xargs -r sha256sum >SHA256SUMS)
}

# drop_other_versions removes from $DIST every package of the app that is
# not of $APP_VERSION: a file named make-connect… whose name does not hold
# the version as the packages write it (-VERSION-, -VERSION., _VERSION_).
drop_other_versions() {
	local f name
	for f in "$DIST"/"$EXE"*; do
		[ -f "$f" ] || continue
		name=$(basename "$f")
		case $name in
		*-"$APP_VERSION"-* | *-"$APP_VERSION".* | *_"$APP_VERSION"_*) ;;
		*)
			rm -f "$f"
			echo "removed $f: not of version $APP_VERSION"
			;;
		esac
	done
}

# CLI_TARGETS are the OS/architectures the command-line build ships for;
# CLI_LINUX_ARCHES those it is packaged for as .deb and .rpm.
CLI_TARGETS="linux/amd64 linux/arm64 darwin/amd64 darwin/arm64 windows/amd64 windows/arm64"
CLI_LINUX_ARCHES="amd64 arm64"

# cli_names OS ARCH sets cli_dir (the archive's folder) and cli_archive to
# its path in $DIST, for the command-line build for OS/ARCH.
cli_names() {
	cli_dir="$EXE-cli-$APP_VERSION-$1-$2"
	if [ "$1" = windows ]; then
		cli_archive="$DIST/$cli_dir.zip"
	else
		cli_archive="$DIST/$cli_dir.tar.gz"
	fi
}

# cli_packages ARCH sets cli_deb and cli_rpm to the command-line package's
# paths in $DIST for ARCH.
cli_packages() {
	cli_deb="$DIST/$EXE-cli_${APP_VERSION}_$1.deb"
	cli_rpm="$DIST/$EXE-cli-$APP_VERSION.$(rpm_arch "$1").rpm"
}

# linux_names sets arch, and tarball, deb and rpm to the desktop packages'
# paths in $DIST for this machine's architecture.
linux_names() {
	arch=$(dpkg --print-architecture)
	tarball="$DIST/$EXE-$APP_VERSION-linux-$arch.tar.xz"
	deb="$DIST/${EXE}_${APP_VERSION}_$arch.deb"
	rpm="$DIST/$EXE-$APP_VERSION.$(rpm_arch "$arch").rpm"
}

# WINDOW_PROGRAM is where the desktop package puts the window; the
# command-line build looks for it there (headless.go).
WINDOW_PROGRAM=/usr/lib/$EXE/$EXE

# URI_SCHEME is the app's private-use URI scheme (RFC 8252 §7.1), its ID:
# a redirect URI URI_SCHEME:/callback sends the browser, or the relay page
# (packaging/relay), to the app, which every installer registers as its
# handler (the window: it hands the address to the waiting sign-in).
URI_SCHEME=$APP_ID

# desktop_handles_scheme FILE EXEC makes the desktop entry FILE start EXEC
# with the address it is given (%u), and say that it opens URI_SCHEME's
# addresses (MimeType x-scheme-handler/…, which update-desktop-database
# puts in the desktop database, where xdg-open and the desktops look).
desktop_handles_scheme() {
	sed -i -e "s|^Exec=.*|Exec=$2 %u|" -e "/^Exec=/a MimeType=x-scheme-handler/$URI_SCHEME;" "$1"
}

# makefile_updates_database FILE adds to the install and uninstall targets
# of the .tar.xz's Makefile (fyne's) an update of the desktop database
# they install into, so the scheme's handler is known (or forgotten) at
# once; "-": a system without update-desktop-database installs all the same.
makefile_updates_database() {
	awk -v sys='update-desktop-database -q $(DESTDIR)$(PREFIX)/share/applications' \
		-v usr='update-desktop-database -q $(DESTDIR)$(HOME)/.local/share/applications' '
		function flush() {
			if (target == "install" || target == "uninstall") print "\t-" sys
			if (target == "user-install" || target == "user-uninstall") print "\t-" usr
			target = ""
		}
		/^\t/ { print; next }
		{ flush(); if (match($0, /^[a-z-]+:/)) target = substr($0, 1, RLENGTH - 1); print }
		END { flush() }' "$1" >"$1.new" && mv "$1.new" "$1"
}

# linux_built is linux_names for the check scripts: it stops when a package
# is missing, and sets deb_files to the files the desktop packages must
# install, and cli_deb and cli_rpm to this architecture's command-line
# packages.
linux_built() {
	local s
	linux_names
	cli_packages "$arch"
	for f in "$tarball" "$deb" "$rpm"; do
		[ -f "$f" ] || die "$f is missing: run make package-linux"
	done
	for f in "$cli_deb" "$cli_rpm"; do
		[ -f "$f" ] || die "$f is missing: run make package-cli"
	done
	deb_files=("$WINDOW_PROGRAM" "/usr/share/applications/$APP_ID.desktop" "/usr/share/icons/hicolor/scalable/apps/$APP_ID.svg"
		"/usr/share/doc/$EXE/copyright")
	for s in 16 24 32 48 64 128 256 512; do
		deb_files+=("/usr/share/icons/hicolor/${s}x$s/apps/$APP_ID.png")
	done
}

# deb_paths DEB prints every path in DEB, files and directories, sorted.
deb_paths() {
	dpkg-deb -c "$1" | awk '{print $6}' | sed 's|^\./|/|; s|/$||' | grep -v '^$' | sort
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
