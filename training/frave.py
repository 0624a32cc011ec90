#!/usr/bin/env python3
"""Trains FRAVE (a streaming, descriptor-conditioned RAVE) on a dataset built by `neurorack dataset
build`, exports a run to a model folder, and encodes timbres. See docs/training-frave.md.

  frave.py train --data DIR --run DIR [--steps N] [--batch B] [--threads N] [--config JSON] ...
  frave.py protocol --run DIR --sounds 'held-out/*.wav' [--json]
  frave.py export --run DIR --data DIR --out MODELDIR --id ID --name NAME [--eval-json F] [--eval-plot F] [--replace]

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
    """The training options: the flags given now, then (resuming a run) the run's own options for
    every flag not given, then the trainer's defaults. A resume that names only --steps goes on
    with the loss weights, schedule and augmentation the run was set up with; before, every flag
    not named fell back to the default and silently changed the run's loss weights."""
    from neurorack_frave.train.loop import FraveOptions
    from neurorack_nsf.train.resume_options import NOT_CARRIED, stored_options
    defaults = FraveOptions(data="", run="")
    stored = stored_options(a.run)
    kw, carried = {}, []
    for f in dataclasses.fields(FraveOptions):
        if f.name in NOT_CARRIED or f.name == "gain_db":
            continue
        given = getattr(a, f.name, None)
        if given is not None:
            kw[f.name] = given
        elif f.name in stored and stored[f.name] is not None:
            kw[f.name] = stored[f.name]
            if stored[f.name] != getattr(defaults, f.name):
                carried.append(f"{f.name}={stored[f.name]}")
    low, high = stored.get("gain_db", defaults.gain_db)
    kw["gain_db"] = (a.gain_db_min if a.gain_db_min is not None else low, a.gain_db_max if a.gain_db_max is not None else high)
    kw["data"], kw["run"] = a.data, a.run
    kw["config"] = json.loads(a.config) if a.config else {}
    if carried and int(os.environ.get("RANK", "0")) == 0:
        print(f"resuming {a.run}: options not given now are the run's own: {', '.join(carried)}", file=sys.stderr)
    return FraveOptions(**kw)


def _train(a) -> int:
    from neurorack_frave.train.loop import train
    summary = train(_options(a))
    if int(os.environ.get("RANK", "0")) == 0:
        print(json.dumps(summary))
    return 0


def _export(a) -> int:
    from neurorack_frave.train.export import export_run
    from neurorack_frave.train.model_card import PLOT_FILE, model_card
    evaluation = None
    if a.eval_json:
        with open(a.eval_json) as f:
            evaluation = json.load(f)
    notes = ""
    if a.notes_file:
        with open(a.notes_file) as f:
            notes = f.read()
    plot = None
    if a.eval_plot:
        with open(a.eval_plot, "rb") as f:
            plot = f.read()
        if plot[:8] != b"\x89PNG\r\n\x1a\n":
            print(f"error: expected a PNG file (as written by `neurorack eval --plot`), {a.eval_plot} is not one", file=sys.stderr)
            return 2

    def card(manifest):
        return model_card(manifest, evaluation, notes, plot=plot is not None, data_description=a.data_description or "")

    def extra(tmp):
        if plot is not None:
            with open(os.path.join(tmp, PLOT_FILE), "wb") as f:
                f.write(plot)

    m = export_run(os.path.join(a.run, "checkpoint.pt"), a.data, a.out, a.id, a.name, default_timbre=a.default_timbre,
                   replace=a.replace, card=card, extra=extra, version=a.version, description=a.description,
                   licence=a.licence, author=a.author, data_description=a.data_description)
    print(json.dumps({"out": os.path.abspath(a.out), "id": m["id"], "steps": m["training"]["steps"],
                      "receptive_field": m["onnx"]["receptive_field"], "timbres": [t["name"] for t in m["timbres"]]}))
    return 0


def _protocol(a) -> int:
    import glob
    from neurorack_frave.control_protocol import run
    from neurorack_frave.train.export import frave_from_checkpoint
    wavs = sorted(glob.glob(a.sounds))
    if len(wavs) < 2:
        print(f"error: expected at least two WAV files matching {a.sounds}", file=sys.stderr)
        return 2
    frave, state = frave_from_checkpoint(os.path.join(a.run, "checkpoint.pt"))
    result = {"step": state["step"], **run(frave, wavs)}
    if a.json:
        print(json.dumps(result))
    else:
        print(f"step {result['step']}, {result['sounds']} sounds: (r + 1) / 2 with k descriptors changed at once")
        for k, v in result["changed"].items():
            print(f"  k={k}: {v:.3f}  (F-RAVE published: {result['published'][k]:.2f})")
        print("  one at a time: " + ", ".join(f"{d} {v:.3f}" for d, v in result["single"].items()))
    return 0


def build_parser() -> argparse.ArgumentParser:
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
        # Every default is None here: _options fills in the run's own option (resuming) or the trainer's default.
        if f.name == "device":
            t.add_argument(flag, default=None, choices=["auto", "cpu", "cuda"], help=f"(default {default})")
        elif f.name == "dtype":
            t.add_argument(flag, default=None, choices=["float32", "float64"],
                           help=f"float64 is slow: for checks that must not depend on rounding (default {default})")
        else:
            t.add_argument(flag, type=kind, default=None,
                           help=helps.get(f.name, f"(default {default})" if not f.name.endswith("_weight") else f"weight of the log-{f.name[:-7]} term (default {default})"))
    t.add_argument("--gain-db-min", type=float, default=None, help=f"random gain augmentation: lowest gain in dB (default {defaults.gain_db[0]})")
    t.add_argument("--gain-db-max", type=float, default=None, help=f"random gain augmentation: highest gain in dB (default {defaults.gain_db[1]})")
    t.epilog = "Resuming a run (its folder holds checkpoint.pt), every option not given takes the run's own value from its options.json."
    e = sub.add_parser("export", help="export a run's EMA weights to a model folder (decoder, encoder, golden, timbres)")
    e.add_argument("--run", required=True)
    e.add_argument("--data", required=True, help="the run's dataset folder: the shipped timbres and the latent's directions come from it")
    e.add_argument("--out", required=True)
    e.add_argument("--id", required=True)
    e.add_argument("--name", required=True)
    e.add_argument("--version", default="0.1.0")
    e.add_argument("--description", default="")
    e.add_argument("--licence", default="CC0-1.0")
    e.add_argument("--author", default="Neurorack contributors")
    e.add_argument("--default-timbre", help="the timbre listed first (the model's default)")
    e.add_argument("--eval-json", help="output of `neurorack eval --json` for the model card")
    e.add_argument("--eval-plot", help="PNG from `neurorack eval --plot`, shipped as eval.png and shown in the card")
    e.add_argument("--data-description", help="how the training data was made (for the model card)")
    e.add_argument("--notes-file", help="Markdown notes and limitations for the model card")
    e.add_argument("--replace", action="store_true", help="replace an existing model folder (atomically)")
    c = sub.add_parser("protocol", help="F-RAVE's control protocol: change 1-4 descriptors of each sound at once, score (r+1)/2")
    c.add_argument("--run", required=True)
    c.add_argument("--sounds", required=True, help="a glob of WAV files at the model's rate (held-out sounds)")
    c.add_argument("--json", action="store_true")
    return p


def main(argv=None) -> int:
    a = build_parser().parse_args(argv)
    from neurorack_nsf.train.checkpoint import ArchitectureMismatch
    from neurorack_nsf.train.data import DatasetError
    from neurorack_nsf.train.schedule import ScheduleError
    from neurorack_frave.train.loop import NonFiniteLoss
    from neurorack_frave.model_folder import DivergedModel
    from neurorack_nsf.train.atomic_folder import ExportError
    try:
        return {"train": _train, "export": _export, "protocol": _protocol}[a.cmd](a)
    except (ArchitectureMismatch, DatasetError, ScheduleError, DivergedModel) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except (NonFiniteLoss, ExportError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
