#!/usr/bin/env python3
"""Trains the Sinc-NSF on a dataset built by `neurorack dataset build`, and exports a run to a model
folder. See docs/training.md.

  train.py train --data DIR --run DIR [--config JSON] [--steps N] [--batch B] [--threads N] ...
  train.py grow --from RUN --run NEWRUN [--harmonic-blocks N] [--noise-blocks N] [--level-follow]
  train.py export --run DIR --out MODELDIR --id ID --name NAME [--eval-json FILE] [--replace]

`train` resumes the run in --run when it holds a checkpoint (refusing a different architecture);
`grow` starts a new run from another's last checkpoint with more neural filter blocks (its function unchanged)
or with the level stage added (its render rescaled to the asked RMS).
Several GPUs: torchrun --nproc_per_node=N training/train.py train ... (PyTorch DDP).
Exit status: 0 done, 2 bad input (dataset, architecture mismatch, diverged model, a growth that cannot keep the
model's function), 1 other failures."""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def _carry_run_options(a, given):
    """Resuming, each option not given (`given`: the destinations argv names) takes the run's own."""
    from neurorack_nsf.train.resume_options import NOT_CARRIED, stored_options
    stored = stored_options(a.run)
    carried = []
    for dest, value in stored.items():
        if dest in NOT_CARRIED or dest in given or value is None:
            continue
        if dest == "gain_db":
            for i, name in enumerate(("gain_db_min", "gain_db_max")):
                if name not in given and getattr(a, name) != value[i]:
                    setattr(a, name, value[i])
                    carried.append(f"{name}={value[i]}")
        elif hasattr(a, dest) and getattr(a, dest) != value:
            setattr(a, dest, value)
            carried.append(f"{dest}={value}")
    if carried and int(os.environ.get("RANK", "0")) == 0:
        print(f"resuming {a.run}: options not given now are the run's own: {', '.join(carried)}", file=sys.stderr)


def _train(a) -> int:
    from neurorack_nsf.train.loop import TrainOptions, train
    opts = TrainOptions(data=a.data, run=a.run, steps=a.steps, batch=a.batch, segment_frames=a.segment_frames,
                        lr=a.lr, lr_final=a.lr_final, lr_decay_from=a.lr_decay_from, seed=a.seed, threads=a.threads, device=a.device,
                        checkpoint_every=a.checkpoint_every, validate_every=a.validate_every,
                        ema_decay=a.ema_decay, rms_weight=a.rms_weight, centroid_weight=a.centroid_weight, rolloff_weight=a.rolloff_weight,
                        gain_db=(a.gain_db_min, a.gain_db_max), bandwidth_weight=a.bandwidth_weight, flatness_weight=a.flatness_weight, dc_weight=a.dc_weight,
                        rolloff_delta_weight=a.rolloff_delta_weight,
                        config=json.loads(a.config) if a.config else {})
    summary = train(opts)
    if int(os.environ.get("RANK", "0")) == 0:
        print(json.dumps(summary))
    return 0


def _export(a) -> int:
    import torch
    from neurorack_nsf.train.export import export_model_folder, model_from_checkpoint
    from neurorack_nsf.train.checkpoint import load_checkpoint
    from neurorack_nsf.train.loop import CHECKPOINT
    from neurorack_nsf.train.model_card import PLOT_FILE, model_card
    ckpt = os.path.join(a.run, CHECKPOINT)
    state = load_checkpoint(ckpt)
    model = model_from_checkpoint(ckpt, use_ema=not a.raw_weights)
    evaluation = None
    if a.eval_json:
        with open(a.eval_json) as f:
            evaluation = json.load(f)
    extra = {}
    if a.eval_plot:
        with open(a.eval_plot, "rb") as f:
            extra[PLOT_FILE] = f.read()
    params = sum(p.numel() for p in model.parameters())
    training = {"config": state["architecture"], "steps": state["step"], "train_hours": round(state.get("train_hours", 0.0), 4),
                "weights": "raw" if a.raw_weights else "ema", "parameters": params,
                "options": {k: v for k, v in state.get("options", {}).items() if k not in ("data", "run", "config")},
                "dataset": {"items": state["dataset"]["items"], "source": a.data_description or state["dataset"]["path"]},
                "growth": state.get("growth", [])}
    card = model_card(a.id, a.name, a.licence, training, evaluation, a.notes, plot=bool(extra))
    manifest = export_model_folder(model, a.out, a.id, a.name, version=a.version, description=a.description,
                                   licence=a.licence, author=a.author, training=training, card=card, replace=a.replace,
                                   extra_files=extra)
    print(json.dumps({"out": os.path.abspath(a.out), "id": manifest["id"], "steps": state["step"], "parameters": params}))
    return 0


def _grow(a) -> int:
    from neurorack_nsf.train.grow import grow_run
    changes = {k: v for k, v in (("harmonic_blocks", a.harmonic_blocks), ("noise_blocks", a.noise_blocks),
                                 ("level_follow", a.level_follow or None)) if v is not None}
    print(json.dumps(grow_run(a.source, a.run, changes, seed=a.seed)))
    return 0


def _png_file(path: str) -> str:
    """argparse type: an existing PNG file (exit 2 otherwise, before anything is written)."""
    try:
        with open(path, "rb") as f:
            signature = f.read(8)
    except OSError as err:
        raise argparse.ArgumentTypeError(f"cannot read {path}: {err.strerror}")
    if signature != b"\x89PNG\r\n\x1a\n":
        raise argparse.ArgumentTypeError(f"expected a PNG file (as written by `neurorack eval --plot`), {path} is not one")
    return path


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="cmd", required=True)
    t = sub.add_parser("train", help="train or resume a run",
                       epilog="Resuming a run (its folder holds checkpoint.pt), every option not given takes the run's own value from its options.json.")
    t.add_argument("--data", required=True, help="dataset folder (dataset.json)")
    t.add_argument("--run", required=True, help="run folder: checkpoint.pt, log.csv, options.json")
    t.add_argument("--config", default="", help="NsfConfig fields as JSON (default: the original size, or the checkpoint's when resuming)")
    t.add_argument("--steps", type=int, default=1000, help="train until this step count")
    t.add_argument("--batch", type=int, default=4, help="segments per step (per process)")
    t.add_argument("--segment-frames", type=int, default=24, help="frames per segment (x512 samples)")
    t.add_argument("--lr", type=float, default=5e-4, help="learning rate (the rate asked now wins over a resumed checkpoint's)")
    t.add_argument("--lr-final", type=float, help="cool down to this rate at --steps, along half a cosine (needs --lr-decay-from)")
    t.add_argument("--lr-decay-from", type=int, help="the step the cool-down starts from")
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    t.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    t.add_argument("--checkpoint-every", type=int, default=100)
    t.add_argument("--validate-every", type=int, default=100)
    t.add_argument("--ema-decay", type=float, default=0.999)
    t.add_argument("--rms-weight", type=float, default=1.0, help="weight of the log-RMS envelope loss (0: off)")
    t.add_argument("--centroid-weight", type=float, default=0.5, help="weight of the log-centroid loss (0: off)")
    t.add_argument("--rolloff-weight", type=float, default=0.5, help="weight of the log-roll-off loss (0: off)")
    t.add_argument("--bandwidth-weight", type=float, default=0.5, help="weight of the log-bandwidth loss (0: off)")
    t.add_argument("--flatness-weight", type=float, default=0.1, help="weight of the log-flatness loss (0: off)")
    t.add_argument("--gain-db-min", type=float, default=0.0, help="random gain augmentation: lowest gain in dB")
    t.add_argument("--gain-db-max", type=float, default=0.0, help="random gain augmentation: highest gain in dB (equal to min: off)")
    t.add_argument("--dc-weight", type=float, default=1.0, help="weight of the local-DC loss (0: off)")
    t.add_argument("--rolloff-delta-weight", type=float, default=0.0,
                   help="weight of the loss on frame-to-frame changes of log roll-off, the curve's shape (0: off)")
    g = sub.add_parser("grow", help="start a new run from another's last checkpoint with more neural filter blocks or the level stage")
    g.add_argument("--from", dest="source", required=True, help="the run to grow (left untouched)")
    g.add_argument("--run", required=True, help="the new run folder (must not hold a checkpoint)")
    g.add_argument("--harmonic-blocks", type=int, help="harmonic neural filter blocks after growing")
    g.add_argument("--noise-blocks", type=int, help="noise neural filter blocks after growing")
    g.add_argument("--level-follow", action="store_true",
                   help="add the level stage, which rescales the render so its frame RMS follows the asked RMS")
    g.add_argument("--seed", type=int, default=0, help="seed of the added blocks' inner weights")
    e = sub.add_parser("export", help="export a run's EMA weights to a model folder")
    e.add_argument("--run", required=True)
    e.add_argument("--out", required=True)
    e.add_argument("--id", required=True)
    e.add_argument("--name", required=True)
    e.add_argument("--version", default="1.0.0")
    e.add_argument("--description", default="")
    e.add_argument("--licence", default="CC0-1.0")
    e.add_argument("--author", default="Neurorack contributors")
    e.add_argument("--eval-json", help="output of `neurorack eval --json` to put in the model card")
    e.add_argument("--eval-plot", type=_png_file, help="PNG from `neurorack eval --plot`, shipped as eval.png and shown in the model card")
    e.add_argument("--data-description", help="how the training data was made (for the model card)")
    e.add_argument("--notes", default="", help="extra Markdown for the model card")
    e.add_argument("--raw-weights", action="store_true", help="export the raw weights instead of the EMA")
    e.add_argument("--replace", action="store_true", help="replace an existing model folder (atomically)")
    a = p.parse_args(argv)
    if a.cmd == "train":
        from neurorack_nsf.train.resume_options import given_dests
        _carry_run_options(a, given_dests(p, t, sys.argv[1:] if argv is None else argv))
    from neurorack_nsf.train.checkpoint import ArchitectureMismatch
    from neurorack_nsf.train.data import DatasetError
    from neurorack_nsf.train.export import DivergedModel, ExportError
    from neurorack_nsf.train.grow import GrowError
    from neurorack_nsf.train.loop import NonFiniteLoss
    from neurorack_nsf.train.schedule import ScheduleError
    try:
        return {"train": _train, "grow": _grow, "export": _export}[a.cmd](a)
    except (ArchitectureMismatch, DatasetError, DivergedModel, GrowError, ScheduleError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except (ExportError, NonFiniteLoss) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
