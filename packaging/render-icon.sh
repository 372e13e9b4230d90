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
ico=()
for s in 16 24 32 48 64 128 256; do
	rsvg-convert -w "$s" -h "$s" assets/icon.svg -o "assets/icon-$s.png"
	ico+=("assets/icon-$s.png")
done
convert "${ico[@]}" assets/icon.ico
echo "rendered assets/icon.png, assets/icon-{16..256}.png and assets/icon.ico"
