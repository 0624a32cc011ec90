#!/usr/bin/env python3
"""Exports a freshly initialised SincNsf of a given configuration as a model folder (for benchmarks
and for trying sizes before training).

usage: export_config.py OUTDIR [--config JSON] [--id ID] [--seed N]"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("outdir")
    p.add_argument("--config", default="{}", help="NsfConfig fields as JSON, e.g. '{\"hidden\": 32}'")
    p.add_argument("--id", default="sinc-nsf-untrained")
    p.add_argument("--seed", type=int, default=0)
    args = p.parse_args(argv)
    import torch
    from neurorack_nsf import NsfConfig, SincNsf
    from neurorack_nsf.model_folder import write_model_folder
    torch.manual_seed(args.seed)
    cfg = NsfConfig.from_dict(json.loads(args.config))
    model = SincNsf(cfg).eval()
    with torch.no_grad():
        model.input_mean.copy_(torch.tensor([0.09, 0.04, 1700, 0.12, 1075, 878, 1241])[: cfg.input_dim])
        model.input_std.copy_(torch.tensor([0.12, 0.07, 2060, 0.31, 868, 1014, 2055])[: cfg.input_dim])
    m = write_model_folder(model, args.outdir, args.id, f"Untrained sinc-NSF {args.id}",
                           description="Random weights: for timing only.", training={"config": cfg.to_dict()})
    print(json.dumps({"outdir": os.path.abspath(args.outdir), "id": m["id"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
