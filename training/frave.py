#!/usr/bin/env python3
"""Trains FRAVE (a streaming, descriptor-conditioned RAVE) on a dataset built by `neurorack dataset
build`, exports a run to a model folder, and encodes timbres. See docs/training-frave.md.

  frave.py train --data DIR --run DIR [--steps N] [--batch B] [--threads N] [--config JSON] ...
  frave.py export --run DIR --out MODELDIR --id ID --name NAME [--timbres DIR] [--replace]

`train` resumes the run in --run when it holds a checkpoint (refusing a different architecture).
Several processes: torchrun --standalone --nproc_per_node=N -r 1 -t 1 training/frave.py train ... (PyTorch DDP;
gloo on CPU; `-r 1 -t 1` because Debian's torch 1.13 on Python 3.11 cannot parse torchrun's default of 0 there).
Each process takes --batch items of a batch of N x --batch drawn the same in every process, so N processes
train exactly as one process with N x --batch.
Exit status: 0 done, 2 bad input (dataset, architecture mismatch, diverged model), 1 other failures."""
import argparse
import dataclasses
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def _options(a):
    from neurorack_frave.train.loop import FraveOptions
    names = {f.name for f in dataclasses.fields(FraveOptions)}
    kw = {k: v for k, v in vars(a).items() if k in names and v is not None}
    kw["gain_db"] = (a.gain_db_min, a.gain_db_max)
    kw["config"] = json.loads(a.config) if a.config else {}
    return FraveOptions(**kw)


def _train(a) -> int:
    from neurorack_frave.train.loop import train
    summary = train(_options(a))
    if int(os.environ.get("RANK", "0")) == 0:
        print(json.dumps(summary))
    return 0


def main(argv=None) -> int:
    from neurorack_frave.train.loop import FraveOptions
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train", help="train or resume a run")
    t.add_argument("--data", required=True, help="dataset folder (dataset.json)")
    t.add_argument("--run", required=True, help="run folder: checkpoint.pt, log.csv, options.json")
    t.add_argument("--config", default="", help="FraveConfig fields as JSON (default: the standard size, or the checkpoint's when resuming)")
    defaults = FraveOptions(data="", run="")
    helps = {"steps": "train until this step count", "batch": "segments per step (per process)",
             "segment_frames": "frames per segment (x512 samples)", "lr": "learning rate (the rate asked now wins over a resumed checkpoint's)",
             "lr_final": "cool down to this rate at --steps along half a cosine (needs --lr-decay-from)",
             "lr_decay_from": "the step the cool-down starts from", "threads": "torch CPU threads (0: torch's default)",
             "kl_weight": "weight of the VAE's KL term", "kl_warmup": "steps over which the KL weight ramps up from 0",
             "fader_weight": "weight of the fader term (the latent's descriptor classifier pushed to chance)",
             "fader_start": "step the fader term starts at", "fader_warmup": "steps over which its weight ramps up",
             "swap_share": "share of each batch decoded again from another item's latent (descriptor losses only)",
             "swap_weight": "weight of those descriptor losses", "disc_lr": "learning rate of the fader's classifier"}
    for f in dataclasses.fields(FraveOptions):
        if f.name in ("data", "run", "config", "gain_db"):
            continue
        flag = "--" + f.name.replace("_", "-")
        default = getattr(defaults, f.name)
        kind = {int: int, float: float, str: str}.get(type(default), float)
        if f.name == "device":
            t.add_argument(flag, default=default, choices=["auto", "cpu", "cuda"])
        elif f.name == "dtype":
            t.add_argument(flag, default=default, choices=["float32", "float64"],
                           help="float64 is slow: for checks that must not depend on rounding")
        else:
            t.add_argument(flag, type=kind, default=None if default is None else default,
                           help=helps.get(f.name, f"(default {default})" if not f.name.endswith("_weight") else f"weight of the log-{f.name[:-7]} term"))
    t.add_argument("--gain-db-min", type=float, default=defaults.gain_db[0], help="random gain augmentation: lowest gain in dB")
    t.add_argument("--gain-db-max", type=float, default=defaults.gain_db[1], help="random gain augmentation: highest gain in dB")
    a = p.parse_args(argv)
    from neurorack_nsf.train.checkpoint import ArchitectureMismatch
    from neurorack_nsf.train.data import DatasetError
    from neurorack_nsf.train.schedule import ScheduleError
    from neurorack_frave.train.loop import NonFiniteLoss
    try:
        return {"train": _train}[a.cmd](a)
    except (ArchitectureMismatch, DatasetError, ScheduleError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except NonFiniteLoss as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
