#!/usr/bin/env bash
# The spotter's benchmark (docs/spotting.md, docs/benchmarks.md), on synthetic data only:
#   benchmarks/spotting.sh [SUBJECTS] [SECONDS]     (default: 3 sessions of 180 s)
# 1. quality: long synthetic sessions (glimpse synth --layout long), scored by glimpse evaluate-spotting
#    with the MEGC protocol;
# 2. speed and memory: one session scaled to 1080p (ffmpeg from Debian), concatenated to COPIES x its length
#    (default 2), decoded by bench-decode and spotted by spot, side by side in the same run, with /usr/bin/time.
# Needs: ffmpeg and GNU time (apt-get install ffmpeg time).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
subjects="${1:-3}"
seconds="${2:-180}"
copies="${COPIES:-2}"
work="${GLIMPSE_BENCH_DIR:-$(mktemp -d)}"
glimpse="$root/glimpse"
echo "spotting benchmark in $work ($(date -u +%F), $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores)"

if [ ! -f "$work/sessions/spotting.csv" ]; then
  "$glimpse" synth --layout long --out "$work/sessions" --subjects "$subjects" --seconds "$seconds" --size 160 --seed 8
fi
"$glimpse" evaluate-spotting --dataset csv --root "$work/sessions" --out "$work/report" 2> "$work/evaluate.log"
python3 - "$work/report/metrics.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for k in ("micro", "macro", "overall"):
    m = d[k]
    print("%s: tp %d M %d N %d P %.3f R %.3f F1 %.3f" % (k, m["tp"], m["m"], m["n"], m["precision"], m["recall"], m["f1"]))
print("%d frames in %.1f s (%.2f ms a frame, %d videos)" % (d["frames"], d["millis"] / 1000, d["millis"] / d["frames"], d["videos"]))
PY

first="$(ls "$work"/sessions/s01/*.mp4 | head -n 1)"
ffmpeg -v error -y -i "$first" -vf "scale=1440:1080:flags=bicubic,pad=1920:1080:240:0" -c:v libx264 -preset veryfast \
  -crf 20 -g 30 -pix_fmt yuv420p "$work/part1080.mp4"
: > "$work/list.txt"
for _ in $(seq 1 "$copies"); do echo "file part1080.mp4" >> "$work/list.txt"; done
ffmpeg -v error -y -f concat -safe 0 -i "$work/list.txt" -c copy "$work/long1080.mp4"
frames="$(ffprobe -v error -select_streams v -count_packets -show_entries stream=nb_read_packets -of csv=p=0 "$work/long1080.mp4")"
/usr/bin/time -v "$glimpse" bench-decode "$work/long1080.mp4" --sequential "$frames" --random 0 --json \
  > "$work/decode.json" 2> "$work/decode.time"
/usr/bin/time -v "$glimpse" spot "$work/long1080.mp4" --json > "$work/spot.json" 2> "$work/spot.time"
python3 - "$work/decode.json" "$work/spot.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s = json.load(open(sys.argv[2]))
decode = d["sequentialFrames"] / d["sequentialFps"]
print("decoding %d frames of 1080p: %.1f s (%.0f frames/s)" % (d["sequentialFrames"], decode, d["sequentialFps"]))
print("spotting them: %.1f s (%.0f frames/s), %.2f x decoding; %d proposals"
      % (s["millis"] / 1000, s["frameCount"] / s["millis"] * 1000, s["millis"] / 1000 / decode, len(s["proposals"])))
PY
echo "spot peak resident: $(awk '/Maximum resident/ {printf "%.0f MB", $6/1024}' "$work/spot.time"), CPU $(awk -F': ' '/Percent of CPU/ {print $2}' "$work/spot.time")"
