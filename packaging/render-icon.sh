#!/usr/bin/env bash
# Renders assets/icon.svg into the PNGs and the Windows .ico that are
# committed next to it, so that building and packaging need no converter.
# Run it (`make icons`) after changing the SVG.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null || { echo "render-icon: $1 is missing; install $2" >&2; exit 1; }; }
need rsvg-convert librsvg2-bin
need convert imagemagick

# Every size is rendered from the vector, not scaled down from 512 px, so
# the small ones stay sharp.
rsvg-convert -w 512 -h 512 assets/icon.svg -o assets/icon.png
for s in 16 24 32 48 64 128 256; do
	rsvg-convert -w "$s" -h "$s" assets/icon.svg -o "assets/icon-$s.png"
done
# The sizes Windows draws at 100 %, 125 %, 150 % and 200 % (Explorer, the
# taskbar, Start, Settings › Apps); 20 and 40 px are only needed here.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ico=()
for s in 16 20 24 32 40 48 64 256; do
	rsvg-convert -w "$s" -h "$s" assets/icon.svg -o "$tmp/$s.png"
	ico+=("$tmp/$s.png")
done
convert "${ico[@]}" assets/icon.ico
echo "rendered assets/icon.png, assets/icon-{16..256}.png and assets/icon.ico (16 to 256 px)"
