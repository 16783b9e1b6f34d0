#!/usr/bin/env python3
"""ATM-GCN's inference in eager PyTorch, stage by stage, for the side-by-side comparison with `glimpse bench --stages`.

Builds the reference model (../shared/reference/atm_gcn_ref.py, the eager implementation the issue names), runs it
in eval mode without gradients on the given threads, and times each stage with forward hooks: the motion encoder
(convolutions and CA blocks), the adaptive TM layers, the TM-GCN layers and the classifier; the rest of a pass
(frame differences, edge mask, initial adjacency) is the remainder. Prints one JSON line:
{"preset", "batch", "threads", "medianMillisPerClip", "stagesMillisPerClip": {...}}.
Run it with the launcher's glibc tunables (benchmarks/eager.sh does), as bench.py --malloc tuned does.
"""
import argparse
import json
import os
import statistics
import sys
import time

import torch

ap = argparse.ArgumentParser()
ap.add_argument("--reference", required=True, help="the folder holding atm_gcn_ref.py")
ap.add_argument("--preset", default="small")
ap.add_argument("--batch", type=int, default=1)
ap.add_argument("--threads", type=int, default=2)
ap.add_argument("--warmup", type=int, default=3)
ap.add_argument("--iterations", type=int, default=20)
# Glimpse's presets keep the motion encoder's locations (a g x g grid before the head, spec section 2: 4 for tiny,
# 7 for small and large); the reference builds global average pooling unless told. The same network on both sides.
ap.add_argument("--pool-grid", type=int, default=None, help="default: Glimpse's grid for the preset")
args = ap.parse_args()
if args.pool_grid is None:
    args.pool_grid = {"tiny": 4}.get(args.preset, 7)
sys.path.insert(0, args.reference)
import atm_gcn_ref as R  # noqa: E402

torch.set_num_threads(args.threads)
model = R.build_model(args.preset, seed=0, pool_grid=args.pool_grid).eval()
frames, apex = R.random_clip(model.cfg, args.batch, torch.Generator().manual_seed(1))

spent = {}
started = {}


def hook(name, module):
    def pre(_m, _inputs):
        started[name] = time.perf_counter()

    def post(_m, _inputs, _output):
        spent[name] = spent.get(name, 0.0) + time.perf_counter() - started[name]

    module.register_forward_pre_hook(pre)
    module.register_forward_hook(post)


hook("motion encoder", model.encoder)
hook("motion encoder: stem", model.encoder.stem)
for block in model.encoder.blocks:
    hook("motion encoder: CA blocks", block)
for layer in model.gcn:
    hook("TM-GCN layers", layer)
for layer in model.atm:
    hook("adaptive TM layers", layer)
hook("classifier (self-attention)", model.classifier)

totals = []
per_stage = {}
with torch.no_grad():
    for k in range(args.warmup + args.iterations):
        spent.clear()
        t0 = time.perf_counter()
        logits, _ = model(frames, apex)
        total = time.perf_counter() - t0
        if k < args.warmup:
            continue
        totals.append(total)
        # the encoder's remainder (positional encoding, grid pooling, head), named as glimpse --stages names it
        encoder = spent.pop("motion encoder")
        spent["motion encoder: rest (positional encoding, grid pooling, head)"] = \
            encoder - spent["motion encoder: stem"] - spent["motion encoder: CA blocks"]
        spent["rest (frame differences, edge mask, edge weights)"] = total - encoder - sum(
            v for k, v in spent.items() if not k.startswith("motion encoder"))
        for name, seconds in spent.items():
            per_stage.setdefault(name, []).append(seconds)

print(json.dumps({
    "preset": args.preset, "poolGrid": args.pool_grid, "parameters": sum(p.numel() for p in model.parameters()),
    "batch": args.batch, "threads": args.threads, "torch": torch.__version__,
    "glibcTunables": os.environ.get("GLIBC_TUNABLES", ""),
    "medianMillisPerClip": statistics.median(totals) * 1000 / args.batch,
    "stagesMillisPerClip": {k: statistics.median(v) * 1000 / args.batch for k, v in per_stage.items()},
}))
