#!/usr/bin/env python3
"""PyTorch's real-time factor for the same weights the host runs.

usage: bench_torch.py (--checkpoint FILE | --config JSON) --seconds S [S ...] --threads N
Prints JSON {"seconds": rtf, ...}."""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--checkpoint")
    p.add_argument("--config", default="{}")
    p.add_argument("--seconds", type=float, nargs="+", default=[1.0])
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args()
    import torch
    from neurorack_nsf import NsfConfig, SincNsf
    from neurorack_nsf.export_onnx import example_inputs
    torch.set_num_threads(args.threads)
    if args.checkpoint:
        from neurorack_nsf.original_checkpoint import load_original, to_sinc_nsf
        model = to_sinc_nsf(load_original(args.checkpoint))
    else:
        model = SincNsf(NsfConfig.from_dict(json.loads(args.config)))
    model.eval()
    out = {}
    with torch.no_grad():
        for s in args.seconds:
            frames = max(1, round(s * model.cfg.sample_rate / model.cfg.hop_length))
            inputs = example_inputs(model, frames)
            model(*inputs)
            best = float("inf")
            for _ in range(2):
                t0 = time.perf_counter()
                model(*inputs)
                best = min(best, time.perf_counter() - t0)
            out[f"{s:g}"] = best / (frames * model.cfg.hop_length / model.cfg.sample_rate)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
