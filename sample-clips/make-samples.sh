#!/usr/bin/env bash
# Remakes the bundled sample clips with Glimpse's own synthetic generator (deterministic seeds).
# Run from anywhere: sample-clips/make-samples.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

"$root/glimpse" synth --out "$tmp/video" --layout video-raw --subjects 1 --clips-per-class 1 \
  --emotions happiness,surprise,disgust --fps 30 --size 224 --video-kind mp4 --context 1 --seed 2026 >&2
"$root/glimpse" synth --out "$tmp/frames" --layout casme2-raw --subjects 1 --clips-per-class 1 \
  --emotions repression --fps 30 --size 224 --context 0.5 --seed 2027 >&2

rm -rf "$here"/*.mp4 "$here"/repression_frames
echo "path,subject,onset,apex,offset,label" > "$here/clips.csv"
# videos: one per emotion, named by it
tail -n +2 "$tmp/video/clips.csv" | while IFS=, read -r path subject onset apex offset label; do
  cp "$tmp/video/$path" "$here/$label.mp4"
  echo "$label.mp4,$subject,$onset,$apex,$offset,$label" >> "$here/clips.csv"
done
# an image folder as CASME II ships it (imgN.jpg; frame numbers are the numbers in the names)
tail -n +2 "$tmp/frames/clips.csv" | while IFS=, read -r path subject onset apex offset label; do
  cp -r "$tmp/frames/$path" "$here/${label}_frames"
  echo "${label}_frames,$subject,$onset,$apex,$offset,$label" >> "$here/clips.csv"
done
du -sh "$here" >&2
