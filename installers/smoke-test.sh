#!/usr/bin/env bash
# Runs a built app-image the way a user would, so a broken bundle fails CI: a missing JDK module,
# native library, weights file or sample clip shows up here and not on a psychologist's machine.
#   installers/smoke-test.sh [APP_IMAGE]      (default: target/dist/glimpse, from installers/build.sh)
# Everything runs with an empty home folder (so nothing comes from caches left by a clone) and, where
# the machine allows it, in an empty network namespace. The window is opened when xvfb-run is there.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
app="$(cd "${1:-$root/target/dist/glimpse}" && pwd)"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export GLIMPSE_JAVA_OPTS="-Duser.home=$home"
offline=()
if unshare -n true 2>/dev/null; then offline=(unshare -n); fi
fail() { echo "smoke-test: FAILED: $*" >&2; exit 1; }

version="$("$app/bin/glimpse" --version 2>/dev/null)" || fail "bin/glimpse --version"
[[ "$version" == glimpse\ * ]] || fail "bin/glimpse --version printed '$version'"
echo "smoke-test: $version"

clip="$app/lib/app/sample-clips/surprise.mp4"
[ -f "$clip" ] || fail "the sample clips are not in the bundle ($clip)"
start=$(date +%s%N)
json="$("${offline[@]}" "$app/bin/glimpse-cli" analyze "$clip" --onset 30 --apex 34 --offset 38 --json 2>"$home/analyze.err")" \
  || { cat "$home/analyze.err" >&2; fail "bin/glimpse-cli analyze"; }
[[ "$json" == *'"predicted":'* && "$json" == *'"weights":'* ]] || fail "analyze printed no prediction: ${json:0:300}"
echo "smoke-test: offline analysis of the sample clip in $(( ($(date +%s%N) - start) / 1000000 )) ms" \
  "(first run: natives unpacked into an empty home): ${json:0:100}..."

if command -v xvfb-run >/dev/null; then
  log="$home/window.log"
  "${offline[@]}" xvfb-run -a "$app/bin/glimpse" > "$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do
    grep -q "window ready" "$log" && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.5
  done
  ready="$(grep -o "window ready [0-9]* ms after start" "$log" || true)"
  pkill -P "$pid" 2>/dev/null || true; kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true
  pkill -f "$app/bin/glimpse-java" 2>/dev/null || true
  [ -n "$ready" ] || { cat "$log" >&2; fail "the desktop app did not open its window (no display server?)"; }
  echo "smoke-test: desktop app on the bundled sample clip: $ready"
else
  echo "smoke-test: xvfb-run not installed, the window was not opened (apt-get install xvfb xauth)"
fi
echo "smoke-test: passed ($app, $(du -sh "$app" | cut -f1))"
