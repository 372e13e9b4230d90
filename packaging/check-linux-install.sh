#!/usr/bin/env bash
# Installs the .debs that `make package-cli` and `make package-linux` built,
# make-connect-cli and the desktop package make-connect, and checks them:
# make-connect on PATH is the static command-line build, it reports
# FyneApp.toml's version, and without a command it opens the window (under
# Xvfb, where xvfb-run is here); with the desktop package removed it says
# it is the command-line build. While the desktop package is installed,
# the window is the handler of the app's URI scheme (xdg-mime), and an
# address of it opened with xdg-open reaches a waiting make-connect
# connect. Then it removes both and checks that nothing is left. It
# changes the machine it runs on, so it is not part of `make test`: run it
# through `make check-linux` (CI does, on a machine it throws away). It needs root (or sudo) for dpkg -i and -r.
source "$(dirname "$0")/lib.sh"

linux_built
if [ "$(id -u)" -eq 0 ]; then
	sudo=""
elif command -v sudo >/dev/null; then
	sudo="sudo"
else
	die "installing the .debs needs root, and there is no sudo here: run make check-linux as root"
fi
for p in "$EXE" "$EXE-cli"; do
	if dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		die "$p is already installed here; this check installs and removes it, so remove it first (dpkg -r $p)"
	fi
done
work=$BUILD/check-linux-install
rm -rf "$work"
mkdir -p "$work"
paths=$( (deb_paths "$deb"; deb_paths "$cli_deb") | sort -u)
existing=$(while read -r p; do if [ -e "$p" ]; then echo "$p"; fi; done <<<"$paths")

# stop PID…: the processes have ended, or are ended.
stop() {
	kill "$@" 2>/dev/null || true
	wait "$@" 2>/dev/null || true
}

# check_scheme_handover: a make-connect connect waits for the scheme's
# redirect; the scripted person approves at the sandbox, and xdg-open (under
# Xvfb: it looks for a scheme's handler only with a display) opens the
# address the sandbox sends the browser to: the window program it starts
# hands it to the waiting connect, which ends connected.
check_scheme_handover() {
	local out=$work/scheme.out url target pid issuer
	command -v xvfb-run >/dev/null || { bad "xvfb-run is missing (.ci/deps check-linux installs it)"; return; }
	"$GO" build -C dev -o "$work/make-sandbox" ./cmd/make-sandbox && "$GO" build -C dev -o "$work/sandbox-person" ./cmd/sandbox-person ||
		{ bad "cannot build the sandbox"; return; }
	"$work/make-sandbox" -addr 127.0.0.1:0 2>"$work/sandbox.log" &
	sandbox_pid=$!
	for _ in $(seq 50); do grep -q 'issuer http' "$work/sandbox.log" && break; sleep 0.1; done
	issuer=$(sed -n 's/.*issuer \(http[^ ]*\).*/\1/p' "$work/sandbox.log" | head -1)
	[ -n "$issuer" ] || { bad "the sandbox did not start: $(cat "$work/sandbox.log")"; return; }
	scheme_env+=(MAKE_CONNECT_KEYCHAIN=kernel MAKE_CONNECT_ISSUER="$issuer" MAKE_CONNECT_API_BASE="$issuer/api/v2"
		MAKE_CONNECT_CLIENT_ID=check-linux-install MAKE_CONNECT_KEYRING_SERVICE="com.makeconnect.check.$$")
	"${scheme_env[@]}" MAKE_CONNECT_REDIRECT_URI="$URI_SCHEME:/callback" "/usr/bin/$EXE" connect --no-browser >"$out" 2>"$out.err" &
	pid=$!
	for _ in $(seq 300); do
		grep -q '/oauth/v2/authorize?' "$out.err" && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	if ! grep -q '/oauth/v2/authorize?' "$out.err"; then
		stop "$pid"
		bad "connect with the redirect URI $URI_SCHEME:/callback printed no address to visit: $(sed -E 's/\?[^ ]*/?…/g' "$out.err")"
		stop "$sandbox_pid"
		return
	fi
	url=$(grep -o 'http://[^ ]*/oauth/v2/authorize?[^ ]*' "$out.err" | head -1)
	if ! target=$("$work/sandbox-person" -print-redirect "$url" 2>"$work/person.log"); then
		stop "$pid" "$sandbox_pid"
		bad "the sandbox did not send the browser to $URI_SCHEME: ($(cat "$work/person.log"))"
		return
	fi
	[[ "$target" == "$URI_SCHEME:/callback?"* ]] || bad "the sandbox sent the browser to ${target%%\?*}, not $URI_SCHEME:/callback"
	"${scheme_env[@]}" timeout 30 xvfb-run -a xdg-open "$target" >"$work/xdg-open.log" 2>&1 && ok "xdg-open $URI_SCHEME:/callback?… exited 0" ||
		bad "xdg-open $URI_SCHEME:/callback?… failed: $(sed -E 's/\?[^ ]*/?…/g' "$work/xdg-open.log")"
	for _ in $(seq 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
	if ! kill -0 "$pid" 2>/dev/null && wait "$pid" && grep -q "^Connected: .* <ada@example.com>" "$out"; then
		ok "it reached the waiting make-connect connect: $(head -1 "$out")"
	else
		stop "$pid"
		bad "xdg-open's address did not reach the waiting connect: $(sed -E 's/\?[^ ]*/?…/g' "$out.err")"
	fi
	"${scheme_env[@]}" "/usr/bin/$EXE" disconnect >/dev/null 2>&1 || true
	stop "$sandbox_pid"
}
scheme_before=$(env -i PATH="$PATH" HOME="$work/home" xdg-mime query default "x-scheme-handler/$URI_SCHEME" 2>/dev/null) || true

step "dpkg -i both, then the installed commands"
if $sudo dpkg -i "$cli_deb" "$deb" >"$work/install.log" 2>&1; then
	ok "dpkg -i installed $cli_deb and $deb"
	[ "$(command -v $EXE)" = "/usr/bin/$EXE" ] && ok "$EXE on PATH is /usr/bin/$EXE" ||
		bad "$EXE on PATH is $(command -v $EXE), not /usr/bin/$EXE"
	file "/usr/bin/$EXE" | grep -q "statically linked" && ok "/usr/bin/$EXE is the static command-line build" ||
		bad "/usr/bin/$EXE is not the static command-line build: $(file "/usr/bin/$EXE")"
	version=$(/usr/bin/$EXE --version 2>/dev/null) || bad "/usr/bin/$EXE --version failed"
	[ "$version" = "$APP_NAME $FULL_VERSION" ] && ok "/usr/bin/$EXE --version: $version" ||
		bad "/usr/bin/$EXE --version says '$version', FyneApp.toml says '$APP_NAME $FULL_VERSION'"
	for f in "${deb_files[@]}"; do [ -f "$f" ] || bad "$f was not installed"; done
	if command -v xvfb-run >/dev/null; then
		# MAKE_CONNECT_BENCH=1 makes the window say when it has drawn its
		# first frame: make-connect without a command started it.
		out=$(HOME=$work XDG_CONFIG_HOME=$work/config XDG_CACHE_HOME=$work/cache XDG_RUNTIME_DIR=$work \
			MAKE_CONNECT_BENCH=1 timeout 20 xvfb-run -a "/usr/bin/$EXE" 2>&1 | head -n 1) || true
		[ "$out" = "make-connect: first frame" ] && ok "$EXE without a command opened the window ($WINDOW_PROGRAM)" ||
			bad "$EXE without a command did not open the window: $out"
	fi
else
	bad "dpkg -i failed: $(cat "$work/install.log")"
fi

step "the app's URI scheme, $URI_SCHEME: the window its handler"
# xdg-mime and xdg-open as on a desktop without a desktop's own tools (the
# generic way: mimeapps.list, then the desktop database), for a person with
# nothing of their own set.
scheme_env=(env -i PATH="$PATH" HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share"
	XDG_CACHE_HOME="$work/home/.cache" XDG_RUNTIME_DIR="$work/run" LANG=C.UTF-8)
mkdir -p "$work/home" && install -d -m 0700 "$work/run"
value=$("${scheme_env[@]}" xdg-mime query default "x-scheme-handler/$URI_SCHEME" 2>&1) || true
[ "$value" = "$APP_ID.desktop" ] && ok "xdg-mime query default x-scheme-handler/$URI_SCHEME: $value" ||
	bad "xdg-mime query default x-scheme-handler/$URI_SCHEME says '$value', not $APP_ID.desktop (before the install: '$scheme_before')"
check_scheme_handover
$sudo dpkg -r "$EXE" >"$work/remove.log" 2>&1 && ok "dpkg -r removed $EXE" || bad "dpkg -r $EXE failed: $(cat "$work/remove.log")"
value=$("${scheme_env[@]}" xdg-mime query default "x-scheme-handler/$URI_SCHEME" 2>&1) || true
[ "$value" = "$scheme_before" ] && ok "… and once it is removed, no longer ('$value')" ||
	bad "with the desktop package removed, xdg-mime query default x-scheme-handler/$URI_SCHEME says '$value'"

step "the desktop package removed: the command-line build alone"
code=0
said=$("/usr/bin/$EXE" 2>&1) || code=$?
[ "$code" = 2 ] && grep -q "this is the command-line build" <<<"$said" && ok "without a command: $said" ||
	bad "without a command, exit $code: $said"

step "the managed policy in /etc/make-connect/policy.json"
if [ -e /etc/make-connect ]; then
	ok "skipped: /etc/make-connect is already here, and this check does not touch it"
else
	$sudo install -d -m 0755 /etc/make-connect
	echo '{"ManagedByOrganization": "Example Ltd", "Zone": "eu2.make.com", "MaxAccounts": 2}' |
		$sudo tee /etc/make-connect/policy.json >/dev/null
	$sudo chmod 0644 /etc/make-connect/policy.json
	said=$(HOME=$work XDG_CONFIG_HOME=$work/config MAKE_CONNECT_ZONE=us1.make.com timeout 60 "/usr/bin/$EXE" doctor 2>&1) || true
	for want in "zone: eu2.make.com, API https://eu2.make.com/api/v2 (set by your organization's policy: Zone in /etc/make-connect/policy.json)" \
		"policy: ManagedByOrganization: Example Ltd (/etc/make-connect/policy.json)" "policy: MaxAccounts: 2 (/etc/make-connect/policy.json)" \
		"ignored: MAKE_CONNECT_ZONE in the environment is ignored"; do
		grep -qF "$want" <<<"$said" && ok "doctor: $want" || bad "doctor does not say '$want': $said"
	done
	$sudo chmod 0666 /etc/make-connect/policy.json
	code=0
	said=$(HOME=$work XDG_CONFIG_HOME=$work/config "/usr/bin/$EXE" status 2>&1) || code=$?
	[ "$code" = 1 ] && grep -qF "only root may be able to change a policy" <<<"$said" &&
		ok "a policy file others can change is refused: exit 1" || bad "a policy file others can change: exit $code: $said"
	$sudo rm -rf /etc/make-connect
fi

step "dpkg -r, then nothing left"
$sudo dpkg -r "$EXE-cli" >>"$work/remove.log" 2>&1 && ok "dpkg -r removed $EXE-cli" ||
	bad "dpkg -r $EXE-cli failed: $(cat "$work/remove.log")"
for p in "$EXE" "$EXE-cli"; do
	status=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
	[[ -z "$status" || "$status" == un* ]] && ok "dpkg no longer knows $p" || bad "dpkg still lists $p as '$status'"
done
left=$(while read -r p; do
	if [ -e "$p" ] && ! grep -qxF "$p" <<<"$existing"; then echo "$p"; fi
done <<<"$paths")
[ -z "$left" ] && ok "every file and directory the .debs added is gone" || bad "dpkg -r left: $left"

verdict
