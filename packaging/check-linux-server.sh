#!/usr/bin/env bash
# Runs the command-line build as a server's service account meets it: the
# program from make-connect-cli's .deb alone in an empty root (with /proc,
# for the kernel's key quota), as a user other than root (nobody) whose
# HOME=/nonexistent cannot be made, with the kernel keyring, against the
# sandbox on this machine's loopback:
#
#   - connect keeps the account (the lock goes to a private folder in /tmp),
#     and token and status --json work;
#   - with the quota nearly used, connect says so before it prints an
#     address: no sign-in is wasted, nothing is left behind;
#   - with the persistent keyring cleared (as a reboot or three idle days
#     clear it), status says until when the account was connected and why
#     it is gone, and token (by email, or with none named) says to connect
#     again;
#   - with keyctl refused (a seccomp filter, as Docker's default profile),
#     and no D-Bus, status says once that neither keychain works and what
#     to do, with no advice to switch keychains; doctor --json prints its
#     whole report and exits 1.
#
# SERVER_PROGRAM=path checks that program instead of the .deb's (the
# note's "before"); TRANSCRIPTS=dir keeps each command's output there.
# chroot, mount and the other user need root: run it through
# `make check-linux` (CI does).
source "$(dirname "$0")/lib.sh"

[ "$(id -u)" -eq 0 ] || die "chroot needs root: run make check-linux as root"
for tool in chroot dpkg-deb setpriv mount; do
	command -v "$tool" >/dev/null || die "$tool is missing (make deps-packaging, or .ci/deps check-linux, installs it)"
done
chroot=$(command -v chroot)
user=65534 # nobody
work=$BUILD/check-linux-server
transcripts=${TRANSCRIPTS:-$work/transcripts}
rm -rf "$work"
mkdir -p "$work" "$transcripts"
r=$work/root
pids=()
cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	[ -z "${kk:-}" ] || setpriv --reuid=$user --regid=$user --clear-groups "$kk" clear 2>/dev/null || true
	umount "$r/proc" 2>/dev/null || true
	rm -rf "$work/root" "$work/deb"
}
trap cleanup EXIT

step "the sandbox on loopback, outside the empty root"
"$GO" build -C dev -o "$work/make-sandbox" ./cmd/make-sandbox
"$GO" build -C dev -o "$work/sandbox-person" ./cmd/sandbox-person
"$GO" build -C dev -o "$work/kernel-keys" ./cmd/kernel-keys
kk=$work/kernel-keys
chmod 755 "$work" "$kk"
# Tokens of 12,500 random bytes (16.7 KB once encoded): one account fills
# most of the 20,000 bytes the kernel allows a user other than root.
"$work/make-sandbox" -addr 127.0.0.1:0 -token-bytes 12500 2>"$work/sandbox.log" &
pids+=($!)
for _ in $(seq 50); do grep -q 'issuer http' "$work/sandbox.log" && break; sleep 0.1; done
issuer=$(sed -n 's/.*issuer \(http[^ ]*\).*/\1/p' "$work/sandbox.log" | head -1)
[ -n "$issuer" ] || die "the sandbox did not start: $(cat "$work/sandbox.log")"

arch=$(dpkg --print-architecture)
cli_packages "$arch"
mkdir -p "$r/tmp" "$r/proc" "$work/deb"
chmod 1777 "$r/tmp"
chmod 755 "$r"
if [ -n "${SERVER_PROGRAM:-}" ]; then
	cp "$SERVER_PROGRAM" "$r/$EXE"
else
	[ -f "$cli_deb" ] || die "$cli_deb is missing: run make package-cli"
	dpkg-deb -x "$cli_deb" "$work/deb"
	cp "$work/deb/usr/bin/$EXE" "$r/$EXE"
fi
chmod 755 "$r/$EXE"
mount -t proc proc "$r/proc"
ok "the empty root holds /$EXE, /tmp and /proc; the user is nobody, HOME=/nonexistent"

service="com.makeconnect.check.server.$$"
# as_user [PREFIX…] -- ARGS…: the program in the empty root as nobody, with
# the environment a service account has, and nothing else of this machine's.
as_user() {
	local prefix=()
	while [ "$1" != -- ]; do prefix+=("$1"); shift; done
	shift
	env -i HOME=/nonexistent MAKE_CONNECT_KEYCHAIN=kernel MAKE_CONNECT_ISSUER="$issuer" MAKE_CONNECT_API_BASE="$issuer/api/v2" \
		MAKE_CONNECT_CLIENT_ID=check-linux-server MAKE_CONNECT_KEYRING_SERVICE="$service" \
		SSH_CONNECTION="127.0.0.1 1 127.0.0.1 22" \
		"${prefix[@]}" "$chroot" --userspec=$user:$user "$r" "/$EXE" "$@"
}
hide() { sed -E 's#https?://[^ ]*(state|launch)=[^ ]*#[the sign-in address]#g'; }
n=0
# keep NAME CMD…: runs a command, keeps "$ CMD" and its output in the
# transcripts, and leaves its output in $out and its exit code in $code.
keep() {
	local name=$1
	shift
	n=$((n + 1))
	out=$("$@" 2>&1) && code=0 || code=$?
	{ echo "\$ ${show:-$*}"; hide <<<"$out"; echo "[exit $code]"; } >"$transcripts/$(printf %02d $n)-$name.txt"
}

# connect_as EMAIL: connect --no-browser, approved by EMAIL on the "other
# computer" and the address pasted; $code, $out as keep leaves them.
connect_as() {
	local fifo=$work/stdin.$RANDOM address=""
	mkfifo "$fifo"
	as_user -- connect --no-browser <"$fifo" >"$work/connect.out" 2>"$work/connect.err" &
	local pid=$!
	exec 3>"$fifo"
	for _ in $(seq 100); do
		address=$(grep -o 'http://[^ ]*/oauth/v2/authorize?[^ ]*' "$work/connect.err" | head -1) && [ -n "$address" ] && break
		kill -0 $pid 2>/dev/null || break
		sleep 0.1
	done
	if [ -n "$address" ]; then
		"$work/sandbox-person" -email "$1" -print-redirect "$address" >&3 || true
	fi
	exec 3>&-
	wait $pid && code=0 || code=$?
	rm -f "$fifo"
	out=$(cat "$work/connect.out" "$work/connect.err")
	n=$((n + 1))
	{ echo "\$ make-connect connect --no-browser   # as nobody, HOME=/nonexistent; $1 approves elsewhere, the address is pasted"
		hide <<<"$out"; echo "[exit $code]"; } >"$transcripts/$(printf %02d $n)-connect.txt"
	[ -n "$address" ]
}

step "a service account: HOME=/nonexistent"
if connect_as grace@example.com && [ "$code" -eq 0 ]; then
	ok "connect kept the account: $(head -1 "$work/connect.out")"
else
	bad "connect failed (exit $code): $(hide <"$work/connect.err")"
fi
show="make-connect token" keep token as_user -- token
[ "$code" -eq 0 ] && [ ${#out} -gt 1000 ] && ok "token printed a token (${#out} characters)" || bad "token (exit $code): $out"
show="make-connect status --json" keep status as_user -- status --json
grep -q '"email": "grace@example.com"' <<<"$out" && ok "status --json lists grace@example.com" || bad "status --json: $out"

step "the kernel's quota, before the sign-in"
if connect_as alan@example.com; then
	bad "connect printed an address with no room left for an account (exit $code): $(hide <<<"$out")"
else
	grep -q "no room for another account" <<<"$out" && grep -q "no sign-in was wasted" <<<"$out" && [ "$code" -eq 1 ] &&
		ok "connect said there is no room before it printed an address: $(grep -o 'yours hold [^)]*)' <<<"$out")" ||
		bad "connect (exit $code): $out"
fi

step "the persistent keyring cleared under the account"
setpriv --reuid=$user --regid=$user --clear-groups "$kk" clear || bad "the persistent keyring could not be cleared"
show="make-connect status   # after the keyring was cleared" keep status-gone as_user -- status
grep -q "grace@example.com (.*) was connected until" <<<"$out" && grep -q 'to connect it again' <<<"$out" && [ "$code" -eq 0 ] &&
	ok "status says: $(grep 'was connected until' <<<"$out" | head -1)" || bad "status after the keyring was cleared (exit $code): $out"
show="make-connect token --account grace@example.com" keep token-gone as_user -- token --account grace@example.com
grep -q 'to connect it again' <<<"$out" && [ "$code" -eq 1 ] && ok "token --account grace@example.com says to connect again (exit 1)" ||
	bad "token --account for a dropped account (exit $code): $out"
show="make-connect token" keep token-none as_user -- token
grep -q 'to connect it again' <<<"$out" && ! grep -q choose <<<"$out" && [ "$code" -eq 1 ] &&
	ok "token with no account named says to connect again (exit 1)" || bad "token with the account dropped (exit $code): $out"

step "keyctl refused (seccomp), no D-Bus"
for keychain in kernel system; do
	n=$((n + 1))
	out=$(env -i HOME=/nonexistent MAKE_CONNECT_KEYCHAIN=$keychain MAKE_CONNECT_CLIENT_ID=check-linux-server \
		MAKE_CONNECT_KEYRING_SERVICE="$service" "$kk" refuse "$chroot" --userspec=$user:$user "$r" "/$EXE" status 2>&1) && code=0 || code=$?
	{ echo "\$ MAKE_CONNECT_KEYCHAIN=$keychain make-connect status   # keyctl refused, no D-Bus"; echo "$out"; echo "[exit $code]"; } \
		>"$transcripts/$(printf %02d $n)-refused-$keychain.txt"
	if grep -q "Neither keychain" <<<"$out" && grep -q "make-connect token" <<<"$out" && [ "$code" -eq 1 ] &&
		! grep -Eq "unset|export MAKE_CONNECT_KEYCHAIN|--keychain" <<<"$out" && [ "$(grep -c 'Neither keychain' <<<"$out")" -eq 1 ]; then
		ok "status with $keychain: neither keychain works, said once, with what to do instead"
	else
		bad "status with $keychain and keyctl refused (exit $code): $out"
	fi
done
out=$(env -i HOME=/nonexistent MAKE_CONNECT_KEYCHAIN=kernel MAKE_CONNECT_CLIENT_ID=check-linux-server MAKE_CONNECT_ISSUER="$issuer" \
	MAKE_CONNECT_API_BASE="$issuer/api/v2" MAKE_CONNECT_KEYRING_SERVICE="$service" \
	"$kk" refuse "$chroot" --userspec=$user:$user "$r" "/$EXE" doctor --json 2>"$work/doctor.err") && code=0 || code=$?
n=$((n + 1))
{ echo "\$ make-connect doctor --json   # keyctl refused, no D-Bus"; echo "$out"; cat "$work/doctor.err"; echo "[exit $code]"; } \
	>"$transcripts/$(printf %02d $n)-doctor-refused.txt"
grep -q '"checks": \[' <<<"$out" && grep -q '"name": "keychain"' <<<"$out" && grep -q 'Neither keychain' <<<"$out" && [ "$code" -eq 1 ] &&
	ok "doctor --json printed its whole report ($(grep -c '"name"' <<<"$out") checks) and exited 1" ||
	bad "doctor --json with keyctl refused (exit $code): $out $(cat "$work/doctor.err")"

ok "transcripts in $transcripts"
verdict
