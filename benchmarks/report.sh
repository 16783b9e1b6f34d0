#!/usr/bin/env bash
# The session report's benchmark (docs/reports.md, docs/benchmarks.md): a 50-event report of a 1080p video.
#   benchmarks/report.sh [EVENTS]      (default 50)
# Makes a 1080p video from a bundled sample clip (ffmpeg from Debian), a project with EVENTS events of two coders
# through `glimpse import`, a saved reading for each (written into the project with Python's sqlite3, as the window
# saves them: the bundled weights' checksum, three classes, a face box, a 14 x 14 attention map), then times
# `glimpse report` with stills and
# with --no-stills.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
events="${1:-50}"
work="${GLIMPSE_BENCH_DIR:-$(mktemp -d)}"
glimpse="$root/glimpse"
echo "report benchmark in $work ($(date -u +%F), $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores)"
video="$work/session1080.mp4"
if [ ! -f "$video" ]; then
  : > "$work/list.txt"
  for _ in $(seq 1 30); do echo "file '$root/sample-clips/happiness.mp4'" >> "$work/list.txt"; done
  ffmpeg -v error -y -f concat -safe 0 -i "$work/list.txt" -vf "scale=1440:1080,pad=1920:1080:240:0" -c:v libx264 \
    -preset veryfast -crf 20 -g 30 -pix_fmt yuv420p "$video"
fi
frames="$("$glimpse" info "$video" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["frameCount"])')"
python3 - "$work/events.csv" "$events" "$frames" <<'PY'
import csv, sys
out, n, frames = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
step = frames // (n // 2 + 1)
labels = ["happiness", "surprise", "disgust", "repression", "others"]
with open(out, "w", newline="") as f:
    w = csv.writer(f)
    w.writerow(["path", "onset", "apex", "offset", "label", "action_units", "annotator", "notes"])
    for k in range(n):
        coder = "ann" if k % 2 == 0 else "bob"
        on = (k // 2 + 1) * step + (k % 2)
        w.writerow(["session1080.mp4", on, on + 4, on + 11, labels[k % 5], "6B+12C" if k % 5 == 0 else "", coder,
                    "event %d: the coder's notes, a sentence or two long, as a therapist writes them." % (k + 1)])
PY
rm -f "$work/study.glimpse"
"$glimpse" import --project "$work/study.glimpse" "$work/events.csv" --clip "$video" > /dev/null
python3 - "$work/study.glimpse" "$root/src/main/resources/dev/glimpse/weights/default/manifest.json" <<'PY'
import json, sqlite3, sys
db, manifest = sys.argv[1], sys.argv[2]
sha = json.load(open(manifest))["sha256"]
c = sqlite3.connect(db)
for (event,) in c.execute("SELECT id FROM events").fetchall():
    attention = {"width": 14, "height": 14,
                 "values": [round(max(0.0, 1 - ((x - 7) ** 2 + (y - 9) ** 2) / 40.0), 3) for y in range(14) for x in range(14)]}
    c.execute("INSERT INTO analyses(event_id, weights_sha256, weights_name, trained, preset, device, millis, classes,"
              " probabilities, predicted, created_at, face_x, face_y, face_size, face_detected, movement_score,"
              " movement_threshold, temperature, attention) VALUES (?, ?, 'default', 1, 'small', 'cpu', 900, ?, ?,"
              " 'positive', '2026-12-01T00:00:00Z', 700, 200, 520, 1, 1.8, 1.2, 1.0, ?)",
              (event, sha, json.dumps(["negative", "positive", "surprise"]), json.dumps([0.2, 0.7, 0.1]),
               json.dumps(attention)))
c.commit()
PY
for mode in stills no-stills; do
  extra=""; [ "$mode" = no-stills ] && extra="--no-stills"
  /usr/bin/time -f "%e s wall, %M KB peak" "$glimpse" report --project "$work/study.glimpse" --out "$work/report-$mode.pdf" $extra \
    > "$work/report-$mode.out" 2> "$work/report-$mode.time"
  echo "$mode: $(cat "$work/report-$mode.out"); the command $(tail -n 1 "$work/report-$mode.time"); $(stat -c %s "$work/report-$mode.pdf") bytes"
done
