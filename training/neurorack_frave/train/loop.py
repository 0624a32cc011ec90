"""The FRAVE training loop: one code path for CPU, one GPU, or several processes through torchrun
(DDP, gloo on CPU). It shares the sinc-NSF's dataset reader, descriptor losses, schedule, EMA and
progress line, so both models train on the same data and are scored the same way.

Each step: encode the batch, decode it from its own latent (multi-scale spectral + descriptor
losses against the original), decode a share of it again from another item's latent (descriptor
losses only: the descriptors, not the latent, must set the sound, as when a performer plays a
curve with a shipped timbre), a KL term, and the fader term that pushes the latent's descriptor
classifier towards chance; then one step of that classifier."""
import json
import os
import random
import time
from dataclasses import asdict, dataclass, field
import numpy as np
import torch
from neurorack_nsf.train.data import OneShotSet
from neurorack_nsf.train.ema import Ema
from neurorack_nsf.train.losses import descriptor_losses
from neurorack_nsf.train.progress import ProgressLine
from neurorack_nsf.train.run_plumbing import NonFiniteLoss, descend, device_for, distributed, open_log, optimiser_to  # noqa: F401 (NonFiniteLoss re-exported)
from neurorack_nsf.train.schedule import check_schedule, lr_at
from ..config import FraveConfig
from ..descriptor_scale import quantile_edges, training_range
from ..model import FaderDiscriminator, Frave
from .checkpoint import load_checkpoint, save_checkpoint
from .losses import fader_cross_entropy, kl_divergence, multiscale_spectral, ramp

CHECKPOINT = "checkpoint.pt"
LOG = "log.csv"
TERMS = ["rms", "centroid", "rolloff", "bandwidth", "flatness", "dc"]
LOG_FIELDS = (["step", "loss", "spectral", "kl", "fader_gen", "fader_disc"] + TERMS + [f"swap_{t}" for t in TERMS]
              + ["val_spectral"] + [f"val_swap_{t}" for t in TERMS] + ["lr", "grad_norm", "audio_s_per_s", "train_hours"])


@dataclass
class FraveOptions:
    data: str
    run: str
    steps: int = 1000
    batch: int = 8
    segment_frames: int = 32
    lr: float = 5e-4
    lr_final: float | None = None
    lr_decay_from: int | None = None
    disc_lr: float = 2e-4
    seed: int = 0
    threads: int = 0
    device: str = "auto"
    dtype: str = "float32"  # float64: slow, for checks that must not depend on rounding (the DDP test)
    checkpoint_every: int = 200
    validate_every: int = 200
    ema_decay: float = 0.999
    kl_weight: float = 0.02
    kl_warmup: int = 2000
    fader_weight: float = 1.0
    fader_start: int = 1000
    fader_warmup: int = 4000
    swap_share: float = 0.5
    swap_weight: float = 1.0
    rms_weight: float = 1.0
    centroid_weight: float = 1.0
    rolloff_weight: float = 1.0
    bandwidth_weight: float = 1.0
    flatness_weight: float = 0.2
    dc_weight: float = 1.0
    grad_clip: float = 2.0
    gain_db: tuple = (-12.0, 10.0)
    config: dict = field(default_factory=dict)


def descriptor_range(data: OneShotSet, gain_db) -> tuple:
    """The training range of each descriptor; the RMS range widened by the gain augmentation."""
    arrays = [d for d, _ in data.items]
    low, high = training_range(arrays)
    low[0] *= 10 ** (min(gain_db[0], 0) / 20)
    high[0] *= 10 ** (max(gain_db[1], 0) / 20)
    return low, high


class TrainingPass(torch.nn.Module):
    """One forward pass as DDP must see it: encoder and decoder in a single call."""

    def __init__(self, frave: Frave):
        super().__init__()
        self.frave = frave

    def forward(self, audio, descriptors, noise, eps, swap_from):
        mean, logvar = self.frave.encoder(audio)
        z = mean + eps * torch.exp(0.5 * logvar)
        k = swap_from.shape[0]
        zs = torch.cat([z, z[swap_from]]) if k else z
        ds = torch.cat([descriptors, descriptors[:k]]) if k else descriptors
        out = self.frave.decoder(zs, ds, noise)
        return out, mean, logvar, z


def _weights(opts):
    return {t: getattr(opts, f"{t}_weight") for t in TERMS}


def compute(net, frave, disc, desc, audio, gen, step, opts, device, shard=(0, 1)):
    """The generator's losses on this process's share of the batch. Randomness is drawn for the
    whole batch (every process draws the same) and sliced by `shard` = (rank, world), so DDP over
    N processes sees exactly what one process sees with the N shares together."""
    rank, world = shard
    b = desc.shape[0]
    k = int(round(b * opts.swap_share)) if b > 1 else 0
    eps = torch.randn(b * world, desc.shape[1], frave.cfg.latent_dim, generator=gen)[rank * b:(rank + 1) * b].to(device, desc.dtype)
    noise = torch.randn((b + k) * world, frave.cfg.bands, audio.shape[1] // frave.cfg.bands, generator=gen)
    noise = noise[rank * (b + k):(rank + 1) * (b + k)].to(device, desc.dtype)
    # another item's latent for each of the first k items: a shift by 1..b-1 never maps an item to itself
    swap_from = ((torch.arange(k) + int(torch.randint(1, b, (1,), generator=gen))) % b).to(device) if k else torch.zeros(0, dtype=torch.long, device=device)
    out, mean, logvar, z = net(audio, desc, noise, eps, swap_from)
    own, swapped = out[:b], out[b:]
    spectral = multiscale_spectral(own, audio)
    w = _weights(opts)
    terms = descriptor_losses(own, desc, audio, per_item=True)
    total = spectral + sum(w[t] * terms[t] for t in TERMS)
    swap_terms = {}
    if k:
        swap_terms = descriptor_losses(swapped, desc[:k], None, per_item=True)
        total = total + opts.swap_weight * sum(w[t] * swap_terms[t] for t in TERMS if t != "dc")
    kl = kl_divergence(mean, logvar)
    total = total + opts.kl_weight * ramp(step, 0, opts.kl_warmup) * kl
    # the fader: the classifier's prediction from this latent should carry nothing (uniform)
    logits = disc(z)
    fader_gen = -torch.log_softmax(logits, dim=2).mean()
    total = total + opts.fader_weight * ramp(step, opts.fader_start, opts.fader_warmup) * fader_gen
    return total, spectral, terms, swap_terms, kl, fader_gen, z


def train(opts: FraveOptions) -> dict:
    check_schedule(opts.lr, opts.lr_final, opts.lr_decay_from)
    world, rank = distributed()
    device = device_for(opts.device, rank)
    if opts.threads > 0:
        torch.set_num_threads(opts.threads)
    os.makedirs(opts.run, exist_ok=True)
    ckpt_path = os.path.join(opts.run, CHECKPOINT)
    state = None
    if os.path.exists(ckpt_path):
        saved = torch.load(ckpt_path, map_location="cpu")
        cfg = FraveConfig.from_dict(opts.config) if opts.config else FraveConfig.from_dict(saved["architecture"])
        state = load_checkpoint(ckpt_path, cfg)
    else:
        cfg = FraveConfig.from_dict(opts.config)

    torch.manual_seed(opts.seed)  # the same initial weights in every process
    random.seed(opts.seed)
    data = OneShotSet(opts.data, "train", opts.segment_frames, gain_db=tuple(opts.gain_db))
    try:
        val = OneShotSet(opts.data, "validation", opts.segment_frames, onset_share=1.0)
    except ValueError:
        val = None
    if state is not None:
        low, high, edges = state["range"]["low"], state["range"]["high"], np.array(state["bin_edges"])
    else:
        low, high = descriptor_range(data, opts.gain_db)
        edges = quantile_edges([d for d, _ in data.items], low, high, cfg.fader_bins)
    frave = Frave(cfg, low, high, edges)
    disc = FaderDiscriminator(cfg)
    ema = Ema(frave, opts.ema_decay)
    opt = torch.optim.Adam(frave.parameters(), lr=opts.lr, betas=(0.5, 0.9))
    opt_disc = torch.optim.Adam(disc.parameters(), lr=opts.disc_lr, betas=(0.5, 0.9))
    step, hours = 0, 0.0
    if state is not None:
        frave.load_state_dict(state["model"])
        ema.model.load_state_dict(state["ema"])
        disc.load_state_dict(state["discriminator"])
        opt.load_state_dict(state["optimiser"])
        opt_disc.load_state_dict(state["optimiser_disc"])
        step, hours = state["step"], state.get("train_hours", 0.0)
    # the same streams in every process: each draws the whole batch and keeps its share
    np_rng = np.random.default_rng(opts.seed + step)
    gen = torch.Generator().manual_seed(opts.seed + step)
    dtype = {"float32": torch.float32, "float64": torch.float64}[opts.dtype]
    for m in (frave, ema.model, disc):
        m.to(device, dtype)
    optimiser_to(opt, device)
    optimiser_to(opt_disc, device)
    passer = TrainingPass(frave)
    net = torch.nn.parallel.DistributedDataParallel(passer) if world > 1 else passer
    net_disc = torch.nn.parallel.DistributedDataParallel(disc) if world > 1 else disc

    log_file, writer = open_log(os.path.join(opts.run, LOG), LOG_FIELDS, step, rank)
    if rank == 0:
        with open(os.path.join(opts.run, "options.json"), "w") as f:
            json.dump({**asdict(opts), "config": cfg.to_dict(), "world_size": world, "device": str(device),
                       "train_items": len(data), "range": {"low": low, "high": high}}, f, indent=2)

    val_batch = val.batch(min(8, max(2, len(val))), np.random.default_rng(12345)) if val is not None else None
    progress = ProgressLine(opts.steps, step) if rank == 0 else None
    samples_per_step = opts.batch * opts.segment_frames * cfg.hop_length * world
    summary, last = {}, None

    def checkpoint():
        if rank != 0:
            return
        save_checkpoint(ckpt_path, {
            "kind": "frave", "architecture": cfg.to_dict(), "model": frave.state_dict(), "ema": ema.model.state_dict(),
            "discriminator": disc.state_dict(), "optimiser": opt.state_dict(), "optimiser_disc": opt_disc.state_dict(),
            "step": step, "train_hours": hours, "options": asdict(opts), "range": {"low": low, "high": high},
            "bin_edges": np.asarray(edges).tolist(), "pqmf_cutoff": frave.pqmf_cutoff,
            "dataset": {"path": os.path.abspath(opts.data), "items": len(data)}})

    while step < opts.steps:
        t0 = time.time()
        desc, audio = data.batch(opts.batch * world, np_rng)
        share = slice(rank * opts.batch, (rank + 1) * opts.batch)
        desc, audio = desc[share].to(device, dtype), audio[share].to(device, dtype)
        net.train()
        total, spectral, terms, swap_terms, kl, fader_gen, z = compute(net, frave, disc, desc, audio, gen, step, opts, device,
                                                                       (rank, world))
        lr = lr_at(step, opts.lr, opts.steps, opts.lr_final, opts.lr_decay_from)
        grad_norm = descend(opt, total, frave.parameters(), lr, opts.grad_clip, step, ckpt_path)
        # the fader's classifier learns to read the descriptors' classes from the (detached) latent
        opt_disc.zero_grad(set_to_none=True)
        fader_disc = fader_cross_entropy(net_disc(z.detach()), frave.descriptor_bins(desc))
        fader_disc.backward()
        opt_disc.step()
        step += 1
        last = total.item()
        ema.update(frave, step)
        dt = time.time() - t0
        hours += dt * world / 3600
        throughput = samples_per_step / cfg.sample_rate / max(dt, 1e-9)
        row = {"step": step, "loss": f"{last:.5f}", "spectral": f"{spectral.item():.5f}", "kl": f"{kl.item():.5f}",
               "fader_gen": f"{fader_gen.item():.5f}", "fader_disc": f"{fader_disc.item():.5f}",
               **{t: f"{terms[t].item():.5f}" for t in TERMS},
               **{f"swap_{t}": f"{v.item():.5f}" for t, v in swap_terms.items() if t in TERMS},
               "lr": f"{lr:.6g}", "grad_norm": f"{grad_norm:.4f}", "audio_s_per_s": f"{throughput:.3f}", "train_hours": f"{hours:.5f}"}
        if val_batch is not None and (step % opts.validate_every == 0 or step == opts.steps) and rank == 0:
            with torch.no_grad():
                vd, va = val_batch[0].to(device, dtype), val_batch[1].to(device, dtype)
                vgen = torch.Generator().manual_seed(777)
                _, vs, _, vst, _, _, _ = compute(TrainingPass(ema.model), ema.model, disc, vd, va, vgen, step, opts, device)
            row.update(val_spectral=f"{vs.item():.5f}", **{f"val_swap_{t}": f"{v.item():.5f}" for t, v in vst.items() if t in TERMS})
            summary.update(val_spectral=vs.item(), **{f"val_swap_{t}": v.item() for t, v in vst.items() if t in TERMS})
        if writer:
            writer.writerow(row)
            if step % 10 == 0:
                log_file.flush()
        if progress:
            progress.update(step, last, throughput, f"spec {spectral.item():.2f} rms {terms['rms'].item():.3f} "
                            f"cent {terms['centroid'].item():.3f} swap-cent {swap_terms.get('centroid', torch.zeros(())).item():.3f} "
                            f"fader {fader_disc.item():.2f}")
        if step % opts.checkpoint_every == 0 or step == opts.steps:
            checkpoint()
    if progress:
        progress.close()
    if log_file:
        log_file.close()
    summary.update(step=step, train_hours=hours, loss=last)
    if world > 1:
        torch.distributed.destroy_process_group()
    return summary
