#!/usr/bin/env bash
# The desktop app's benchmark (docs/benchmarks.md): the real window under Xvfb, driven with xdotool.
#   benchmarks/window.sh CLIP [LAUNCHER]        (LAUNCHER: ./glimpse by default, or target/dist/glimpse/bin/glimpse)
# Reports: start to a usable window; memory after opening, after stepping 300 frames and after scrubbing
# across the whole clip; the time from Ctrl+Enter to an analysis on screen (cold, then warm); then, with
# GLIMPSE_BENCH_TRAIN=1, a training run from the window (Ctrl+T, the tiny preset on a generated dataset,
# GLIMPSE_BENCH_EPOCHS epochs, default 2), the memory after it, and an analysis after it.
# The app keeps its data (frame index cache, settings) in a fresh folder: every run is a first opening.
# Needs: xvfb (xvfb-run), xdotool, GTK 3 (libgtk-3-0). GLIMPSE_BENCH_SCREEN=1366x768 sets the screen.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
clip="$(readlink -f "$1")"
launcher="${2:-$root/glimpse}"
if [ -z "${DISPLAY:-}" ]; then
  exec xvfb-run -a -s "-screen 0 ${GLIMPSE_BENCH_SCREEN:-1280x900}x24" "$0" "$@"
fi
work="$(mktemp -d)"
trap 'kill "$app" 2>/dev/null || true; rm -rf "$work"' EXIT
log="$work/app.log"
export XDG_DATA_HOME="$work/xdg"

"$launcher" gui "$clip" --project "$work/bench.glimpse" 2> "$log" &
app=$!
for _ in $(seq 1 240); do grep -q "window ready" "$log" && break; sleep 0.25; done
grep -o "window ready [0-9]* ms after start" "$log" || { cat "$log"; exit 1; }
pid="$(pgrep -f -- "--project $work/bench.glimpse" | tail -n 1)"   # the JVM (the launchers exec it)
mem() { echo "$1: resident $(awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$pid/status"), peak $(awk '/VmHWM/ {printf "%.0f MB", $2/1024}' "/proc/$pid/status")"; }
window="$(xdotool search --sync --name "^Glimpse: " | head -n 1)"
xdotool windowfocus --sync "$window" 2>/dev/null || true
key() { xdotool key --window "$window" --delay "${2:-30}" $1; }
sleep 3   # the engine loads and warms up in the background
mem "opened"

for _ in $(seq 1 300); do key Right 0; sleep 0.03; done
mem "after stepping 300 frames"
# scrubbing: jumps of 10 frames, then clicks across the whole timeline (every 20 px)
for _ in $(seq 1 100); do key shift+Right 0; sleep 0.03; done
eval "$(xdotool getwindowgeometry --shell "$window")"
for x in $(seq 20 20 $((WIDTH - 20))); do
  xdotool mousemove --window "$window" "$x" $((HEIGHT - 118)) click 1; sleep 0.05
done
sleep 1
mem "after scrubbing across the clip"

# an event around the frame on screen, analysed twice
key Home; sleep 0.3
for _ in $(seq 1 30); do key Right 0; sleep 0.02; done
key o; for _ in 1 2 3 4; do key Right 0; sleep 0.02; done
key a; for _ in 1 2 3 4; do key Right 0; sleep 0.02; done
key f; sleep 0.5
for run in first second; do
  before="$(grep -c "analysis shown" "$log" || true)"
  key ctrl+Return
  for _ in $(seq 1 120); do [ "$(grep -c "analysis shown" "$log" || true)" -gt "$before" ] && break; sleep 0.25; done
  echo "$run: $(grep "analysis shown" "$log" | tail -n 1 | sed 's/^glimpse: //')"
done
mem "after two analyses"

if [ "${GLIMPSE_BENCH_TRAIN:-}" = 1 ]; then
  "$launcher" synth --out "$work/dataset" --subjects 3 --clips-per-class 2 --emotions happiness,surprise,disgust \
    --size 64 > /dev/null 2>&1
  mkdir -p "$XDG_DATA_HOME/glimpse"
  printf 'dataset=casme2\nscheme=casme2-3\npreset=tiny\nepochs=%s\nroot=%s\nout=%s\n' \
    "${GLIMPSE_BENCH_EPOCHS:-2}" "$work/dataset" "$work/trained" > "$XDG_DATA_HOME/glimpse/training.properties"
  started=$(date +%s.%N)
  key ctrl+t
  training="$(xdotool search --sync --name "^Glimpse: train" | head -n 1)"
  xdotool windowfocus --sync "$training" 2>/dev/null || true
  sleep 1
  xdotool key --window "$training" Return   # Start training (the window remembered the recipe written above)
  for _ in $(seq 1 1200); do [ -f "$work/trained/manifest.json" ] && break; sleep 0.5; done
  [ -f "$work/trained/manifest.json" ] || { echo "training did not finish"; cat "$log"; exit 1; }
  echo "training in the window: $(awk -v a="$started" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}') s to weights written"
  sleep 2   # the child process has ended
  mem "after a training run"
  xdotool windowfocus --sync "$window" 2>/dev/null || true
  before="$(grep -c "analysis shown" "$log" || true)"
  key ctrl+Return
  for _ in $(seq 1 120); do [ "$(grep -c "analysis shown" "$log" || true)" -gt "$before" ] && break; sleep 0.25; done
  echo "after training: $(grep "analysis shown" "$log" | tail -n 1 | sed 's/^glimpse: //')"
  mem "after an analysis after the training run"
fi
[ -n "${GLIMPSE_BENCH_LOG:-}" ] && cat "$log" >&2 || true
