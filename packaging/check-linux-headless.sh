#!/usr/bin/env bash
# Runs the command-line build where nothing else is: the linux/amd64
# program from make-connect-cli's .deb, chrooted into a folder that holds
# only it and a /tmp, against the sandbox on this machine's loopback
# (outside the chroot), with the kernel keyring. A connect --no-browser is
# completed by the scripted person on the "other computer" and the address
# it ends on, pasted into the terminal; then token, status --json and
# disconnect. Then the linux/arm64 program, under qemu-aarch64-static, for
# --version and status --json.
#
# chroot needs root: run it through `make check-linux` (CI does). The
# accounts live in root's persistent kernel keyring for the few seconds the
# check takes, under a service name of the check's own, and are
# disconnected at the end.
source "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || die "chroot needs root: run make check-linux as root"
for tool in chroot qemu-aarch64-static dpkg-deb; do
	command -v "$tool" >/dev/null || die "$tool is missing (make deps-packaging, or .ci/deps check-linux, installs it)"
done
chroot=$(command -v chroot) qemu=$(command -v qemu-aarch64-static)
work=$BUILD/check-linux-headless
rm -rf "$work"
mkdir -p "$work"
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	rm -rf "$work"
}
trap cleanup EXIT

# root ARCH: an empty root file system with the program of ARCH in it.
root() {
	cli_packages "$1"
	local r=$work/root-$1
	mkdir -p "$r/tmp" "$work/deb-$1"
	chmod 1777 "$r/tmp"
	dpkg-deb -x "$cli_deb" "$work/deb-$1"
	cp "$work/deb-$1/usr/bin/$EXE" "$r/$EXE"
	echo "$r"
}

step "the sandbox on loopback, outside the empty root"
"$GO" build -C dev -o "$work/make-sandbox" ./cmd/make-sandbox
"$GO" build -C dev -o "$work/sandbox-person" ./cmd/sandbox-person
"$work/make-sandbox" -addr 127.0.0.1:0 2>"$work/sandbox.log" &
pids+=($!)
for _ in $(seq 50); do grep -q 'issuer http' "$work/sandbox.log" && break; sleep 0.1; done
issuer=$(sed -n 's/.*issuer \(http[^ ]*\).*/\1/p' "$work/sandbox.log" | head -1)
[ -n "$issuer" ] || die "the sandbox did not start: $(cat "$work/sandbox.log")"

amd64=$(root amd64)
ok "the empty root holds $(find "$amd64" -mindepth 1 | sed "s|$amd64||" | tr '\n' ' ')"
# in_root ARGS…: the program in the empty root, with the environment a
# person on a server sets, and nothing else of this machine's.
in_root() {
	env -i MAKE_CONNECT_KEYCHAIN=kernel MAKE_CONNECT_ISSUER="$issuer" MAKE_CONNECT_API_BASE="$issuer/api/v2" \
		MAKE_CONNECT_CLIENT_ID=check-linux-headless MAKE_CONNECT_KEYRING_SERVICE="com.makeconnect.check.$$" \
		HOME=/tmp SSH_CONNECTION="127.0.0.1 1 127.0.0.1 22" \
		"$chroot" "$amd64" "/$EXE" "$@"
}

step "linux/amd64 in the empty root"
version=$(in_root --version) && [ "$version" = "$APP_NAME $FULL_VERSION" ] && ok "--version: $version" ||
	bad "--version says '$version'"

# connect: the person opens the printed address elsewhere and pastes back
# the address the browser ended on.
mkfifo "$work/stdin"
in_root connect --no-browser <"$work/stdin" >"$work/connect.out" 2>"$work/connect.err" &
connect=$!
exec 3>"$work/stdin"
address=""
for _ in $(seq 100); do
	address=$(grep -o 'http://[^ ]*/oauth/v2/authorize?[^ ]*' "$work/connect.err" | head -1) && [ -n "$address" ] && break
	sleep 0.1
done
if [ -n "$address" ]; then
	ok "connect printed the address to open elsewhere"
	if pasted=$("$work/sandbox-person" -email grace@example.com -print-redirect "$address"); then
		echo "$pasted" >&3
		ok "the person approved on the other computer; the address it ended on was pasted"
	else
		bad "the scripted person could not approve"
	fi
else
	bad "connect printed no address: $(sed -E 's#https?://[^ ]*state=[^ ]*#[address hidden]#' "$work/connect.err")"
fi
exec 3>&-
if wait "$connect"; then
	ok "connect: $(head -1 "$work/connect.out")"
else
	bad "connect failed: $(sed -E 's#https?://[^ ]*state=[^ ]*#[address hidden]#' "$work/connect.err")"
fi
token=$(in_root token 2>"$work/token.err") && [ -n "$token" ] && ok "token printed a token (${#token} characters)" ||
	bad "token failed: $(cat "$work/token.err")"
status=$(in_root status --json 2>"$work/status.err") || true
grep -q '"email": "grace@example.com"' <<<"$status" && grep -q '"keychain": "kernel"' <<<"$status" &&
	ok "status --json lists grace@example.com, kept in the kernel keyring" || bad "status --json: $status $(cat "$work/status.err")"
in_root disconnect >"$work/disconnect.out" 2>&1 && ok "disconnect: $(head -1 "$work/disconnect.out")" ||
	bad "disconnect failed: $(cat "$work/disconnect.out")"
grep -q '"accounts": \[\]' <<<"$(in_root status --json 2>/dev/null)" && ok "status --json lists no account" ||
	bad "an account is left: $(in_root status --json 2>&1)"

step "no root certificates: the empty root has no /etc/ssl, as a minimal Debian without ca-certificates"
"$work/make-sandbox" -tls -addr 127.0.0.1:0 -ca-file "$work/sandbox-ca.pem" 2>"$work/tls-sandbox.log" &
pids+=($!)
for _ in $(seq 50); do grep -q 'issuer https' "$work/tls-sandbox.log" && break; sleep 0.1; done
tls_issuer=$(sed -n 's/.*issuer \(https[^ ]*\).*/\1/p' "$work/tls-sandbox.log" | head -1)
[ -n "$tls_issuer" ] || die "the https sandbox did not start: $(cat "$work/tls-sandbox.log")"
no_roots="this computer has no trusted root certificates"
out=$(issuer=$tls_issuer in_root connect --no-browser </dev/null 2>&1) && bad "connect over https worked without root certificates" ||
	{ grep -q "$no_roots" <<<"$out" && grep -q "sudo apt install ca-certificates" <<<"$out" && ! grep -q "company proxy" <<<"$out" &&
		ok "connect says $no_roots, and how to install them" || bad "connect without root certificates says: $out"; }
doctor=$(issuer=$tls_issuer in_root doctor 2>&1) || true
grep -qi "^failure  CA file: none.*$no_roots" <<<"$doctor" && ok "doctor's CA file line fails: $(grep 'CA file' <<<"$doctor")" ||
	bad "doctor's CA file line: $(grep 'CA file' <<<"$doctor")"

step "linux/arm64 under qemu-aarch64-static"
arm64=$(root arm64)
version=$(env -i "$qemu" "$arm64/$EXE" --version 2>&1) && [ "$version" = "$APP_NAME $FULL_VERSION" ] &&
	ok "--version: $version" || bad "--version under qemu says '$version'"
status=$(env -i HOME="$arm64/tmp" MAKE_CONNECT_KEYCHAIN=kernel MAKE_CONNECT_KEYRING_SERVICE="com.makeconnect.check.arm64.$$" \
	"$qemu" "$arm64/$EXE" status --json 2>"$work/arm64.err") || true
grep -q '"accounts": \[' <<<"$status" && ok "status --json: $(tr -d '\n' <<<"$status" | tr -s ' ')" ||
	bad "status --json under qemu: $status $(cat "$work/arm64.err")"

verdict
