#!/usr/bin/env bash
# Glimpse against eager PyTorch, side by side on this machine (issue 18), stage by stage:
#   benchmarks/eager.sh [ROUNDS] [PRESET]      (default: 3 rounds of small, batch 1, 2 threads)
# Interleaves `glimpse bench --stages --json` in float32 (GLIMPSE_PRECISION=float32) and as the launcher chooses
# (bfloat16 convolutions where the CPU has them) with benchmarks/eager_stages.py (the reference implementation in
# ../shared/reference, run by Debian's python3-torch with the launcher's glibc tunables) ROUNDS times, and prints each
# round and a table of medians. Needs: ../shared/reference/setup.sh run once (python3-torch).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
reference="${REFERENCE:-$root/../shared/reference}"
rounds="${1:-3}"
preset="${2:-small}"
work="$(mktemp -d)"
echo "glimpse vs eager PyTorch ($(date -u +%F), $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores), $preset, batch 1"
echo "CPU flags of note: $(grep -m1 -owE 'avx2|avx512f|avx512_bf16|avx512_fp16|amx_bf16|avx512_vnni' /proc/cpuinfo | sort -u | tr '\n' ' ')"
for r in $(seq 1 "$rounds"); do
  GLIMPSE_PRECISION=float32 "$root/glimpse" bench --preset "$preset" --batch 1 --iterations 20 --stages --json 2>/dev/null \
    > "$work/float32-$r.json"
  "$root/glimpse" bench --preset "$preset" --batch 1 --iterations 20 --stages --json 2>/dev/null > "$work/glimpse-$r.json"
  GLIBC_TUNABLES="glibc.malloc.mmap_max=0:glibc.malloc.trim_threshold=68719476736:glibc.malloc.top_pad=268435456" \
    /usr/bin/python3 "$root/benchmarks/eager_stages.py" --reference "$reference" --preset "$preset" --iterations 20 \
    > "$work/eager-$r.json"
  python3 - "$work/glimpse-$r.json" "$work/eager-$r.json" "$r" <<'PY'
import json, sys
g, e = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
f = json.load(open(sys.argv[1].replace("glimpse-", "float32-")))
print("round %s: glimpse float32 %.1f, glimpse %s %.1f ms/clip, eager PyTorch %s %.1f ms/clip: %.2f x, %.2f x" % (
      sys.argv[3], f["medianMillisPerClip"], g["precision"], g["medianMillisPerClip"], e["torch"],
      e["medianMillisPerClip"], f["medianMillisPerClip"] / e["medianMillisPerClip"],
      g["medianMillisPerClip"] / e["medianMillisPerClip"]))
PY
done
python3 - "$work" "$rounds" <<'PY'
import json, statistics, sys
work, rounds = sys.argv[1], int(sys.argv[2])
g = [json.load(open("%s/glimpse-%d.json" % (work, r))) for r in range(1, rounds + 1)]
f = [json.load(open("%s/float32-%d.json" % (work, r))) for r in range(1, rounds + 1)]
e = [json.load(open("%s/eager-%d.json" % (work, r))) for r in range(1, rounds + 1)]
def med(runs, stage):
    v = [x["stagesMillisPerClip"].get(stage) for x in runs if stage in x["stagesMillisPerClip"]]
    return statistics.median(v) if v else None
print("\n| stage | glimpse float32 ms/clip | glimpse %s ms/clip | eager ms/clip |\n|---|---|---|---|" % g[0]["precision"])
stages = list(g[0]["stagesMillisPerClip"]) + [s for s in e[0]["stagesMillisPerClip"] if s not in g[0]["stagesMillisPerClip"]]
for s in stages:
    c, a, b = med(f, s), med(g, s), med(e, s)
    print("| %s | %s | %s | %s |" % (s, *("-" if v is None else "%.2f" % v for v in (c, a, b))))
tf = statistics.median(x["medianMillisPerClip"] for x in f)
tg = statistics.median(x["medianMillisPerClip"] for x in g)
te = statistics.median(x["medianMillisPerClip"] for x in e)
print("| **whole pass** | **%.1f** | **%.1f** | **%.1f** |\n\nglimpse / eager = %.2f in float32, %.2f in %s"
      " (goal: at most 0.8)" % (tf, tg, te, tf / te, tg / te, g[0]["precision"]))
PY
