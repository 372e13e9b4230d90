#!/usr/bin/env bash
# Compares the size of the release binary with a hello-world Fyne app
# (testdata/hello) built the same way (fyne build --release: -trimpath,
# -s -w, the release tag), and fails when the app is over MAX_RATIO times
# bigger: what the app adds beside Fyne should stay small.
# Run through `make bench-size`.
source "$(dirname "$0")/lib.sh"

MAX_RATIO=${MAX_RATIO:-1.3}
[ -x "$FYNE" ] || die "$FYNE is missing; run make bench-size, which installs it"
stage_source bench
out=$BUILD/bench
mkdir -p "$out"

step "fyne build --release: the app, then testdata/hello"
(cd "$SRC" && GOFLAGS=$(fyne_goflags) "$FYNE" build --release -o "$out/$EXE" .)
# fyne logs that it cannot add metadata to hello (no go.mod of its own):
# expected, and the same for the size.
(cd "$SRC" && GOFLAGS=$(fyne_goflags) "$FYNE" build --release -o "$out/hello" ./packaging/testdata/hello)

app=$(stat -c %s "$out/$EXE")
hello=$(stat -c %s "$out/hello")
ratio=$(awk -v a="$app" -v h="$hello" 'BEGIN { printf "%.2f", a / h }')
printf '%-14s %10d bytes (%.1f MiB)\n' "$EXE" "$app" "$(awk -v n="$app" 'BEGIN { print n / 1048576 }')"
printf '%-14s %10d bytes (%.1f MiB)\n' hello "$hello" "$(awk -v n="$hello" 'BEGIN { print n / 1048576 }')"
echo "ratio          $ratio (limit $MAX_RATIO)"
if awk -v r="$ratio" -v m="$MAX_RATIO" 'BEGIN { exit !(r > m) }'; then
	die "$EXE is $ratio times the size of a hello-world Fyne app, over the $MAX_RATIO limit"
fi
