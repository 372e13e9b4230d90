# lib-window.sh: what scripts/ui-e2e.sh and scripts/bench-window.sh share,
# sourced by both from the repository root: the binaries, a temporary
# directory cleaned on exit, a virtual X server of their own, and the
# sandbox with the app pointed at it.

# window_setup NAME: builds the app, the sandbox and the scripted person,
# makes $tmp, and kills every process in $pids on exit.
window_setup() {
	mkdir -p bin
	go build -o bin/make-connect .
	go build -C dev -o ../bin/make-sandbox ./cmd/make-sandbox
	go build -C dev -o ../bin/sandbox-person ./cmd/sandbox-person
	tmp="$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")"
	pids=()
	trap window_cleanup EXIT
}

window_cleanup() {
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}

# until_ok SECONDS CMD…: runs CMD every 0.2 s until it succeeds or time is up.
until_ok() {
	local deadline=$((SECONDS + $1)); shift
	until "$@"; do
		((SECONDS < deadline)) || return 1
		sleep 0.2
	done
}

# start_xvfb: a display of our own, exported as DISPLAY.
start_xvfb() {
	local display=99
	while [[ -e /tmp/.X11-unix/X$display || -e /tmp/.X$display-lock ]]; do display=$((display + 1)); done
	Xvfb ":$display" -screen 0 1024x768x24 -nolisten tcp >"$tmp/xvfb.log" 2>&1 &
	pids+=($!)
	export DISPLAY=":$display"
	until_ok 10 xdpyinfo >/dev/null 2>&1 || { echo "Xvfb did not start" >&2; return 1; }
}

# start_sandbox NAME [FLAG…]: the sandbox on a free port, and the app's
# environment pointed at it: a keyring service, Fyne preferences and a
# cache directory (the keychain's lock file, Fyne's font index) of this
# run's own, and no desktop's URL handlers, so that xdg-open takes
# $BROWSER: the scripted person. One sandbox at a time: a second call
# stops the first.
start_sandbox() {
	local name="$1"; shift
	if [ -n "${sandbox_pid:-}" ]; then
		kill "$sandbox_pid" 2>/dev/null || true
		wait "$sandbox_pid" 2>/dev/null || true
	fi
	bin/make-sandbox -addr 127.0.0.1:0 "$@" 2>"$tmp/sandbox.log" &
	sandbox_pid=$!
	pids+=($!)
	until_ok 10 grep -q 'issuer http' "$tmp/sandbox.log" || { echo "the sandbox did not start" >&2; return 1; }
	local issuer
	issuer="$(sed -n 's/.*issuer \(http[^ ]*\).*/\1/p' "$tmp/sandbox.log" | head -1)"
	export MAKE_CONNECT_ISSUER="$issuer" MAKE_CONNECT_API_BASE="$issuer/api/v2"
	export MAKE_CONNECT_CLIENT_ID="make-connect-$name" MAKE_CONNECT_KEYRING_SERVICE="com.makeconnect.$name.$$"
	mkdir -p "$tmp/config" "$tmp/data" "$tmp/cache"
	export XDG_CONFIG_HOME="$tmp/config" XDG_DATA_HOME="$tmp/data" XDG_DATA_DIRS="$tmp/data" XDG_CACHE_HOME="$tmp/cache"
	export BROWSER="$PWD/bin/sandbox-person" LANG=en_US.UTF-8
}
