#!/usr/bin/env python3
"""PyTorch's real-time factor for the same weights the host runs, timed like the host's render.

usage: bench_torch.py (--checkpoint FILE | --model-dir DIR | --config JSON) --seconds S [S ...]
                      --threads N [--repeats R [R ...]] [--formulation ours|original]
Prints JSON {"seconds": rtf, ...} on its last line.

--formulation picks the PyTorch code that runs the weights: `ours` (default) is our SincNsf, which
shares the restructurings made for the ONNX export; `original` is the same function written the way
the original hn-sinc-NSF code formulates it (neurorack_nsf.original_formulation), the implementation
whose figures issue #5 quotes.

What is timed, per render: drawing the randomness (phase, harmonic noise, noise excitation) from a
seeded generator, as the original does inside its forward pass and the host does before running
the graph, and the forward pass. The descriptor curve is the one the host's bench renders (the
model's input means, f0 at 60..99 Hz). One untimed render of the same length comes first; the
figure is the best of R timed renders (one R per length, or one for all)."""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def host_curve(model, frames: int):
    """The descriptor curve of plugins/model-sinc-nsf/measure-rtf.ts: the input means, f0 60 + (i % 40)."""
    import torch
    desc = model.input_mean.view(1, 1, -1).repeat(1, frames, 1).clone()
    desc[0, :, -1] = 60 + torch.arange(frames, dtype=torch.float32) % 40
    return desc


def render(model, desc, seed: int):
    import torch
    cfg = model.cfg
    n = desc.shape[1] * cfg.hop_length
    g = torch.Generator().manual_seed(seed)
    phase = torch.rand(1, cfg.sines, generator=g)
    phase[:, 0] = 0
    return model(desc, phase, torch.randn(1, n, cfg.sines, generator=g), torch.randn(1, n, 1, generator=g))


def load(args):
    """The weights as a SincNsf, and where they came from."""
    from neurorack_nsf import NsfConfig, SincNsf
    if args.checkpoint:
        from neurorack_nsf.original_checkpoint import load_original, to_sinc_nsf
        return to_sinc_nsf(load_original(args.checkpoint)), "checkpoint"
    if args.model_dir:
        from neurorack_nsf.onnx_weights import model_from_folder
        return model_from_folder(args.model_dir), "model folder"
    return SincNsf(NsfConfig.from_dict(json.loads(args.config))), "untrained"


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--checkpoint", help="an original Neurorack checkpoint")
    p.add_argument("--model-dir", help="a host model folder: architecture from manifest.json, weights from its ONNX file")
    p.add_argument("--config", default="{}", help="NsfConfig fields as JSON (untrained weights)")
    p.add_argument("--seconds", type=float, nargs="+", default=[1.0])
    p.add_argument("--repeats", type=int, nargs="+", default=[2])
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--formulation", choices=["ours", "original"], default="ours",
                   help="our SincNsf, or the same weights in the original code's formulation")
    args = p.parse_args()
    import torch
    torch.set_num_threads(args.threads)
    model, _ = load(args)
    if args.formulation == "original":
        from neurorack_nsf.original_formulation import from_sinc_nsf
        model = from_sinc_nsf(model)
    model.eval()
    repeats = args.repeats if len(args.repeats) == len(args.seconds) else [args.repeats[0]] * len(args.seconds)
    out = {}
    with torch.no_grad():
        for s, reps in zip(args.seconds, repeats):
            frames = max(1, round(s * model.cfg.sample_rate / model.cfg.hop_length))
            desc = host_curve(model, frames)
            render(model, desc, 0)
            best = float("inf")
            for r in range(reps):
                t0 = time.perf_counter()
                render(model, desc, r + 1)
                best = min(best, time.perf_counter() - t0)
            out[f"{s:g}"] = best / (frames * model.cfg.hop_length / model.cfg.sample_rate)
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
