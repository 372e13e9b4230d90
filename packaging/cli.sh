#!/usr/bin/env bash
# Builds the command-line build of make-connect, the headless one (no Fyne,
# no cgo: static on Linux), for every OS and architecture it ships for, into
# dist/:
#   make-connect-cli-VERSION-OS-ARCH.tar.gz   (.zip for Windows): make-connect
#                                             (.exe), SERVER.md, LICENSE,
#                                             THIRD-PARTY-NOTICES.txt, and the
#                                             man page make-connect.1 (not on
#                                             Windows)
#   make-connect-cli_VERSION_ARCH.deb         /usr/bin/make-connect, its man
#   make-connect-cli-VERSION.ARCH.rpm         page and its bash, zsh and fish
#                                             completions, for amd64/x86_64 and
#                                             arm64/aarch64, depending on
#                                             nothing (nfpm)
#   SHA256SUMS                                of everything in dist/
# Run through `make package-cli [CLIENT_ID=…]`.
source "$(dirname "$0")/lib.sh"

mkdir -p "$DIST"
rm -f "$DIST"/$EXE-cli[-_]*
notices_current
out=$BUILD/cli
rm -rf "$out"
mkdir -p "$out"
# The man page and the completion scripts, the same for every target:
# written here, from the commands' own flags, not by the programs built
# for other machines.
step "the man page and the completion scripts (dev/cmd/clidocs)"
docs=$out/docs
cli_docs "$docs"
gzip -9 -n -c "$docs/$EXE.1" >"$docs/$EXE.1.gz"

for target in $CLI_TARGETS; do
	os=${target%/*} goarch=${target#*/}
	cli_names "$os" "$goarch"
	step "go build for $target (CGO_ENABLED=0, headless; built-in client ID: ${CLIENT_ID:-none})"
	mkdir -p "$out/$cli_dir"
	bin=$out/$cli_dir/$EXE
	[ "$os" = windows ] && bin+=.exe
	GOOS=$os GOARCH=$goarch CGO_ENABLED=0 "$GO" build -trimpath -tags headless,release \
		-ldflags "-s -w $LDFLAGS" -o "$bin" .
	cp LICENSE "$out/$cli_dir/LICENSE"
	cp "$NOTICES" "$out/$cli_dir/THIRD-PARTY-NOTICES.txt"
	cp docs/server.md "$out/$cli_dir/SERVER.md"
	[ "$os" = windows ] || cp "$docs/$EXE.1" "$out/$cli_dir/$EXE.1"
	if [ "$os" = windows ]; then
		(cd "$out" && zip -q -X -r "$ROOT/$cli_archive" "$cli_dir")
	else
		tar -C "$out" --owner=0 --group=0 --numeric-owner -czf "$cli_archive" "$cli_dir"
	fi
	if [ "$os" = linux ]; then
		cli_packages "$goarch"
		step "nfpm: $cli_deb and $cli_rpm"
		export VERSION=$APP_VERSION ARCH=$goarch BINARY=$bin DOCS=$docs
		nfpm_package packaging/linux/make-connect-cli.yaml deb "$cli_deb"
		nfpm_package packaging/linux/make-connect-cli.yaml rpm "$cli_rpm"
	fi
done
write_sums
step "built into $DIST:"
ls -l "$DIST"/$EXE-cli[-_]*
warn_no_client_id package-cli
