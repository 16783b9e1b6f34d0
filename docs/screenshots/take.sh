#!/usr/bin/env bash
# Retakes the screenshots in this folder: the real window under Xvfb at 1366 x 768 (a common laptop screen),
# filling the screen, on the sample clip scaled to 1080p, driven with xdotool
# (needs xvfb, xdotool, imagemagick, ffmpeg and libgtk-3-0). Run from anywhere: docs/screenshots/take.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 1366x768x24" "$0" "$@"
fi
work="$(mktemp -d)"
trap 'kill "$app" 2>/dev/null || true; rm -rf "$work"' EXIT
export XDG_DATA_HOME="$work/xdg"
# the sample's face, 1080 pixels high, in a 1920 x 1080 frame: the size of a session recording
ffmpeg -v error -i "$root/sample-clips/happiness.mp4" -vf "scale=-2:1080:flags=lanczos,pad=1920:1080:(ow-iw)/2:0:color=0x808080" \
  -c:v libx264 -crf 16 -preset veryfast -pix_fmt yuv420p "$work/happiness-1080p.mp4"
"$root/glimpse" gui "$work/happiness-1080p.mp4" --project "$work/screens.glimpse" 2> "$work/app.log" &
app=$!
for _ in $(seq 1 240); do grep -q "window ready" "$work/app.log" && break; sleep 0.25; done
window="$(xdotool search --sync --name "^Glimpse: " | head -n 1)"
xdotool windowmove "$window" 0 0 windowsize "$window" 1366 768
key() { xdotool key --window "$window" --delay 40 "$@"; }
sleep 4
import -window "$window" "$here/window-opened.png"
# the sample's event (clips.csv: onset 30, apex 35, offset 43), coded with the keys, then analysed
key Home; for _ in $(seq 1 30); do key Right; done
key o; for _ in $(seq 1 5); do key Right; done
key a; for _ in $(seq 1 8); do key Right; done
key f
for _ in 1 2 3; do key plus; done             # zoom the timeline in around the playhead
key ctrl+Return
for _ in $(seq 1 120); do grep -q "analysis shown" "$work/app.log" && break; sleep 0.25; done
for _ in $(seq 1 8); do key Left; done        # back to the apex, where the heatmap is
sleep 1
import -window "$window" "$here/window-analysis.png"
echo "screenshots written to $here" >&2
