"""The training loop: one code path for CPU, one GPU, or several through torchrun (DDP)."""
import json
import math
import os
import random
import time
from dataclasses import dataclass, field, asdict
import numpy as np
import torch
from ..config import NsfConfig
from ..model import SincNsf
from .checkpoint import architecture_of, load_checkpoint, save_checkpoint
from .data import OneShotSet
from .ema import Ema
from .losses import DESCRIPTOR_TERMS, descriptor_losses, multi_resolution_log_spectral
from .progress import ProgressLine
from .run_plumbing import NonFiniteLoss, descend, device_for, distributed, open_log, optimiser_to  # noqa: F401 (NonFiniteLoss re-exported)
from .schedule import check_schedule, lr_at

CHECKPOINT = "checkpoint.pt"
LOG = "log.csv"
LOG_FIELDS = (["step", "loss", "spectral"] + DESCRIPTOR_TERMS + ["val_spectral"] + [f"val_{t}" for t in DESCRIPTOR_TERMS]
              + ["lr", "grad_norm", "audio_s_per_s", "train_hours"])


@dataclass
class TrainOptions:
    data: str
    run: str
    steps: int = 1000
    batch: int = 4
    segment_frames: int = 24
    lr: float = 5e-4
    lr_final: float | None = None  # with lr_decay_from: cosine cool-down to this rate at `steps`
    lr_decay_from: int | None = None
    seed: int = 0
    threads: int = 0  # 0: leave torch's default
    device: str = "auto"
    checkpoint_every: int = 100
    validate_every: int = 100
    ema_decay: float = 0.999
    rms_weight: float = 1.0
    centroid_weight: float = 0.5
    rolloff_weight: float = 0.5
    bandwidth_weight: float = 0.5
    flatness_weight: float = 0.1
    dc_weight: float = 1.0
    rolloff_delta_weight: float = 0.0
    grad_clip: float = 1.0
    gain_db: tuple = (0.0, 0.0)
    config: dict = field(default_factory=dict)


def _randomness(batch: int, samples: int, sines: int, gen: torch.Generator, device):
    phase = torch.rand(batch, sines, generator=gen)
    phase[:, 0] = 0
    return (phase.to(device), torch.randn(batch, samples, sines, generator=gen).to(device),
            torch.randn(batch, samples, 1, generator=gen).to(device))


def compute_losses(model, desc, audio, gen, opts: TrainOptions):
    cfg = model.module.cfg if hasattr(model, "module") else model.cfg
    phase, hn, ne = _randomness(desc.shape[0], audio.shape[1], cfg.sines, gen, desc.device)
    out = model(desc, phase, hn, ne)
    spec = multi_resolution_log_spectral(out, audio)
    terms = descriptor_losses(out, desc, audio)
    total = spec + sum(getattr(opts, f"{k}_weight") * v for k, v in terms.items())
    return total, spec, terms


def train(opts: TrainOptions) -> dict:
    """Trains (or resumes) the run in `opts.run`; returns a summary. Checkpoints every
    `checkpoint_every` steps and at the end; resuming with another architecture raises
    ArchitectureMismatch, a NaN loss NonFiniteLoss (the last good checkpoint stays)."""
    check_schedule(opts.lr, opts.lr_final, opts.lr_decay_from)
    world, rank = distributed()
    device = device_for(opts.device, rank)
    if opts.threads > 0:
        torch.set_num_threads(opts.threads)
    os.makedirs(opts.run, exist_ok=True)
    ckpt_path = os.path.join(opts.run, CHECKPOINT)
    state = None
    if os.path.exists(ckpt_path):
        saved_cfg = torch.load(ckpt_path, map_location="cpu").get("architecture", {}) if not opts.config else None
        cfg = NsfConfig.from_dict(opts.config) if opts.config else NsfConfig.from_dict(saved_cfg)
        state = load_checkpoint(ckpt_path, cfg)
    else:
        cfg = NsfConfig.from_dict(opts.config)

    seed = opts.seed + 1000 * rank
    torch.manual_seed(seed)
    np_rng = np.random.default_rng(seed)
    gen = torch.Generator().manual_seed(seed)
    random.seed(seed)

    data = OneShotSet(opts.data, "train", opts.segment_frames, gain_db=tuple(opts.gain_db))
    try:
        val = OneShotSet(opts.data, "validation", opts.segment_frames, onset_share=1.0)
    except ValueError:
        val = None
    model = SincNsf(cfg)
    with torch.no_grad():
        model.input_mean.copy_(torch.tensor(data.stats["mean"], dtype=torch.float32))
        model.input_std.copy_(torch.tensor(data.stats["std"], dtype=torch.float32))
    ema = Ema(model, opts.ema_decay)
    opt = torch.optim.Adam(model.parameters(), lr=opts.lr, betas=(0.9, 0.999))
    step, hours = 0, 0.0
    growth = state.get("growth", []) if state is not None else []  # see grow.py
    if state is not None:
        model.load_state_dict(state["model"])
        ema.model.load_state_dict(state["ema"])
        opt.load_state_dict(state["optimiser"])
        step, hours = state["step"], state.get("train_hours", 0.0)
        np_rng = np.random.default_rng(seed + step)
        gen.manual_seed(seed + step)
    model.to(device)
    ema.model.to(device)
    optimiser_to(opt, device)
    net = torch.nn.parallel.DistributedDataParallel(model) if world > 1 else model

    log_file, writer = open_log(os.path.join(opts.run, LOG), LOG_FIELDS, step, rank)
    if rank == 0:
        with open(os.path.join(opts.run, "options.json"), "w") as f:
            json.dump({**asdict(opts), "config": cfg.to_dict(), "world_size": world,
                       "device": str(device), "train_items": len(data)}, f, indent=2)

    val_batch = None
    if val is not None:
        val_batch = val.batch(min(8, max(2, len(val))), np.random.default_rng(12345))
    progress = ProgressLine(opts.steps, step) if rank == 0 else None
    samples_per_step = opts.batch * opts.segment_frames * cfg.hop_length * world
    summary = {}
    last_loss = None

    def checkpoint():
        if rank != 0:
            return
        save_checkpoint(ckpt_path, {
            "architecture": architecture_of(cfg), "model": model.state_dict(), "ema": ema.model.state_dict(),
            "optimiser": opt.state_dict(), "step": step, "train_hours": hours, "options": asdict(opts),
            "dataset": {"path": os.path.abspath(opts.data), "stats": data.stats, "items": len(data)},
            "growth": growth})

    while step < opts.steps:
        t0 = time.time()
        desc, audio = data.batch(opts.batch, np_rng)
        desc, audio = desc.to(device), audio.to(device)
        net.train()
        total, spec, terms = compute_losses(net, desc, audio, gen, opts)
        lr = lr_at(step, opts.lr, opts.steps, opts.lr_final, opts.lr_decay_from)
        grad_norm = descend(opt, total, model.parameters(), lr, opts.grad_clip, step, ckpt_path)
        step += 1
        last_loss = total.item()
        ema.update(model, step)
        dt = time.time() - t0
        hours += dt * world / 3600
        throughput = samples_per_step / cfg.sample_rate / max(dt, 1e-9)
        row = {"step": step, "loss": f"{total.item():.5f}", "spectral": f"{spec.item():.5f}",
               **{k: f"{v.item():.5f}" for k, v in terms.items()}, "lr": f"{lr:.6g}", "grad_norm": f"{grad_norm:.4f}",
               "audio_s_per_s": f"{throughput:.3f}", "train_hours": f"{hours:.5f}"}
        if val_batch is not None and (step % opts.validate_every == 0 or step == opts.steps) and rank == 0:
            with torch.no_grad():
                vd, va = val_batch[0].to(device), val_batch[1].to(device)
                # the network's own output, as training scores it, so the figures stay comparable
                # with the run's before a level stage was added (see LevelStage)
                ema.model.train()
                _, vs, vt = compute_losses(ema.model, vd, va, torch.Generator().manual_seed(777), opts)
                ema.model.eval()
            row.update(val_spectral=f"{vs.item():.5f}", **{f"val_{k}": f"{v.item():.5f}" for k, v in vt.items()})
            summary.update(val_spectral=vs.item(), **{f"val_{k}": v.item() for k, v in vt.items()})
        if writer:
            writer.writerow(row)
            if step % 10 == 0:
                log_file.flush()
        if progress:
            progress.update(step, total.item(), throughput, f"rms {terms['rms'].item():.3f} cent {terms['centroid'].item():.3f}")
        if step % opts.checkpoint_every == 0 or step == opts.steps:
            checkpoint()
    if progress:
        progress.close()
    if log_file:
        log_file.close()
    summary.update(step=step, train_hours=hours, loss=last_loss)
    if world > 1:
        torch.distributed.destroy_process_group()
    return summary
