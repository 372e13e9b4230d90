#!/usr/bin/env bash
# make demo: start the built-in sandbox (a Make-compatible authorization
# server) and connect an account to it through your browser: the window
# when there is a display, the terminal flow otherwise.
#
# The sandbox's client holds every kind of redirect URI (docs/admin.md,
# "Choosing the redirect URI"), so each can be shown:
#   make demo                                                            loopback
#   MAKE_CONNECT_REDIRECT_URI=com.makeconnect.app:/callback make demo    the app's scheme
#   MAKE_CONNECT_REDIRECT_URI=https://make-connect.example/callback make demo   an https page
# The scheme reaches the app only where an installed package registered
# it; otherwise, as with the https page, paste the address the browser
# ended on.
set -euo pipefail
cd "$(dirname "$0")/.."

# The variables this script (and .ci/with-secret-service) set for the app,
# as the person had them: the browser the app opens gets these back.
person_env="$(for v in PATH XDG_CONFIG_HOME XDG_CACHE_HOME DBUS_SESSION_BUS_ADDRESS MAKE_CONNECT_SECRET_SERVICE \
	MAKE_CONNECT_ISSUER MAKE_CONNECT_API_BASE MAKE_CONNECT_CLIENT_ID MAKE_CONNECT_KEYRING_SERVICE MAKE_CONNECT_CONFIG_DIR; do
	if [ -n "${!v+set}" ]; then printf 'export %s=%q\n' "$v" "${!v}"; else printf 'unset %s\n' "$v"; fi
done)"

addr="${SANDBOX_ADDR:-127.0.0.1:8787}"
bin/make-sandbox -addr "$addr" &
sandbox=$!
trap 'kill $sandbox 2>/dev/null || true' EXIT

for _ in $(seq 50); do
	(exec 3<>"/dev/tcp/${addr%:*}/${addr##*:}") 2>/dev/null && break
	sleep 0.1
done

export MAKE_CONNECT_ISSUER="http://$addr"
export MAKE_CONNECT_API_BASE="http://$addr/api/v2"
export MAKE_CONNECT_CLIENT_ID="${MAKE_CONNECT_CLIENT_ID:-make-connect-demo}"
export MAKE_CONNECT_KEYRING_SERVICE="${MAKE_CONNECT_KEYRING_SERVICE:-com.makeconnect.app.demo}"
# The demo's settings, window preferences, log and lock files stay in
# build/demo: it never changes what the real app has saved.
mkdir -p build/demo/config build/demo/cache build/demo/bin
export MAKE_CONNECT_CONFIG_DIR="$PWD/build/demo/config/make-connect"
export XDG_CONFIG_HOME="$PWD/build/demo/config" XDG_CACHE_HOME="$PWD/build/demo/cache"

# The browser, though, must start in the person's own environment: with
# the XDG_CONFIG_HOME above Chromium makes a new profile, and xdg-open
# misses the person's choice of browser. The app opens it through the
# first of these launchers on PATH (as github.com/cli/browser and Fyne
# do), so build/demo/bin has each of them, ahead of the real one, putting
# back person_env before it runs the real one.
for launcher in xdg-open x-www-browser www-browser wslview; do
	rm -f "build/demo/bin/$launcher"
	real="$(command -v "$launcher")" || continue
	printf '#!/usr/bin/env bash\n# Written by scripts/demo.sh: %s in the environment make demo started in.\n%s\nexec %q "$@"\n' \
		"$launcher" "$person_env" "$real" >"build/demo/bin/$launcher"
	chmod +x "build/demo/bin/$launcher"
done
export PATH="$PWD/build/demo/bin:$PATH"

# Without a desktop session there is no Secret Service: use a throwaway one.
run=()
[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || run=(bash .ci/with-secret-service)

# The sandbox forgets the tokens it issued when it stops, so the accounts
# a previous demo left in the desktop's keychain would show as "Rejected
# by Make". Remove them, from the demo's own keychain service only.
if [ ${#run[@]} -eq 0 ] && [ "$MAKE_CONNECT_KEYRING_SERVICE" = com.makeconnect.app.demo ]; then
	ids="$(bin/make-connect status --json 2>/dev/null | grep -oE '"id": "[0-9a-f]+"' | cut -d'"' -f4)" || true
	n=0
	for id in $ids; do
		bin/make-connect disconnect --account "$id" >/dev/null 2>&1 || true
		n=$((n + 1))
	done
	case $n in
	0) ;;
	1) echo "Removed the account the last demo connected: this sandbox does not know its token." ;;
	*) echo "Removed the $n accounts the last demo connected: this sandbox does not know their tokens." ;;
	esac
fi

if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${DEMO_CLI:-}" ]; then
	echo "Opening the window: press \"Connect to Make\", then Allow in your browser."
	"${run[@]}" bin/make-connect
else
	echo "No display: connecting in the terminal. Open the address below in a browser."
	"${run[@]}" bash -c 'bin/make-connect connect && echo && bin/make-connect status'
fi
