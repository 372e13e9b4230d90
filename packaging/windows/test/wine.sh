# Sourced by check-windows.sh: a throwaway Wine prefix to run the Windows
# build in, on a virtual screen of its own, with the sandbox as Make
# (start_xvfb, start_sandbox and until_ok come from scripts/lib-window.sh,
# as for the Linux window's test).
source "$ROOT/scripts/lib-window.sh"

WINE=${WINE:-/usr/lib/wine/wine64} # Debian's wine64; not on PATH
WINESERVER=${WINESERVER:-/usr/lib/wine/wineserver}
pids=()

# wine_setup makes $tmp and the prefix in it, starts Xvfb, and removes it
# all on exit. Wine 8 lacks ProcessPrng (bcryptprimitives.dll), which Go
# 1.26's runtime calls before main, so the prefix gets a shim DLL built
# from test/shim (test-only: it is never shipped).
wine_setup() {
	command -v "$WINE" >/dev/null || die "$WINE is missing (make deps-packaging installs wine64)"
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-windows.XXXXXX")
	trap wine_cleanup EXIT
	# No Mono or Gecko to ask for, and no menu entries or icons for Linux
	# desktops (winemenubuilder would write them into ~/.local).
	export WINEPREFIX=$tmp/prefix WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=;winemenubuilder.exe=d"
	start_xvfb || die "Xvfb did not start"
	"$CC_WINDOWS" -O2 -shared -o "$tmp/bcryptprimitives.dll" packaging/windows/test/shim/bcryptprimitives.c ||
		die "cannot build the ProcessPrng shim"
	"$WINE" wineboot -i >"$tmp/wineboot.log" 2>&1 || die "wineboot failed: $(cat "$tmp/wineboot.log")"
	# Debian's Wine 8 makes a prefix that says it is Windows 7, which the
	# setup refuses (the app needs Windows 10): be Windows 10.
	"$WINE" winecfg -v win10 >>"$tmp/wineboot.log" 2>&1 || die "winecfg -v win10 failed"
	"$WINESERVER" -w
	cp "$tmp/bcryptprimitives.dll" "$WINEPREFIX/drive_c/windows/system32/"
}

wine_cleanup() {
	"$WINESERVER" -k 2>/dev/null || true
	for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
	wait 2>/dev/null || true
	rm -rf "$tmp"
}

# w PROGRAM ARGS…: runs a Windows program (or builtin, such as cmd or reg).
w() { "$WINE" "$@"; }

# winpath PATH: the Windows name of a Unix path (Wine's drive Z:).
winpath() { local p=${1//\//\\}; echo "Z:$p"; }

# unixpath PATH: the Unix name of a Windows path on drive C:.
unixpath() { local p=${1#[Cc]:}; echo "$WINEPREFIX/drive_c${p//\\//}"; }

# winenv NAME: a variable as a new Windows process sees it.
winenv() { w cmd /c echo "%$1%" | tr -d '\r'; }

# processes: the names of the running Windows programs, one a line (Wine's
# tasklist is a stub; its wmic answers in UTF-16).
processes() { w wmic process get name | iconv -f UTF-16 -t UTF-8 | tr -d '\r' | sed 's/ *$//'; }

# regval KEY NAME: a value from the registry (64-bit view), "" when none.
regval() {
	{ w reg query "$1" /v "$2" 2>/dev/null || true; } | tr -d '\r' |
		awk -v n="$2" '$1 == n { sub(/^[ \t]*[^ \t]+[ \t]+[^ \t]+[ \t]+/, ""); print; exit }'
}

# start_connect OUT CMD…: runs CMD (a connect --no-browser) in the
# background ($connect_pid), its stdout to OUT and stderr to OUT.err, and
# waits for the address it tells the person to visit ($connect_url). The
# address holds a state, so it is never printed.
start_connect() {
	local out=$1
	shift
	"$@" >"$out" 2>"$out.err" &
	connect_pid=$!
	connect_url=
	until_ok 60 grep -q '/oauth/v2/authorize?' "$out.err" || return 1
	connect_url=$(grep -o 'http://[^ ]*/oauth/v2/authorize?[^ ]*' "$out.err" | head -1)
}

# person_approves OUT [EMAIL]: the scripted person approves at $connect_url
# as EMAIL (default ada@example.com), and their browser follows to the
# app's loopback callback (Wine shares the network with Linux); then the
# connect started with OUT must end, connected.
person_approves() {
	local out=$1 email=${2:-ada@example.com}
	if ! "$BIN/sandbox-person" -email "$email" "$connect_url" 2>"$tmp/person.log"; then
		bad "the scripted person could not approve: $(cat "$tmp/person.log")"
		kill "$connect_pid" 2>/dev/null
		return 1
	fi
	if wait "$connect_pid"; then
		ok "connect --no-browser exited 0 after $email approved"
	else
		bad "connect exited $? after $email approved: $(redacted "$out.err")"
	fi
	grep -q "^Connected: .* <$email>" "$out" && ok "connect: $(head -1 "$out" | tr -d '\r')" ||
		bad "connect printed: $(cat "$out")"
}

# redacted FILE: the file without what follows a "?" in an address.
redacted() { sed -E 's/\?[^ ]*/?…/g' "$1"; }

# credentials: every Credential Manager entry of the app under the
# sandbox's keyring service, as "TARGET BYTES" lines (test/credentials).
credentials() { w "$tmp/credentials.exe" "$MAKE_CONNECT_KEYRING_SERVICE:"; }

# account_entries: how many Credential Manager entries of accounts there
# are (heads and chunks), or "?" when they cannot be listed.
account_entries() {
	local list
	list=$(credentials) || { echo "?"; return; }
	grep -c ':account/' <<<"$list" || true
}
