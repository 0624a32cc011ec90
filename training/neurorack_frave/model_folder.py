"""Writes a FRAVE model folder the host runs: decoder.onnx and encoder.onnx with explicit streaming
state, golden vectors for both, the shipped timbres (latent trajectories encoded from the project's
own procedural sounds), the latent's principal directions, and manifest.json."""
import hashlib
import json
import math
import os
import numpy as np
import torch
from .causal_conv import StreamState, streaming, zero_state
from .descriptor_scale import DESCRIPTOR_ORDER
from .export_onnx import OPSET, decoder_io, encoder_io, export_decoder, export_encoder, receptive_field
from .model import Frave

UNITS = {"rms": "linear amplitude", "zcr": "crossings per sample", "rolloff": "Hz", "flatness": "ratio",
         "bandwidth": "Hz", "centroid": "Hz", "f0": "Hz"}
GOLDEN_CALLS = (2, 4)  # frames per decoder call: the second continues the first through the states
GOLDEN_SEED = 1234
GOLDEN_TOLERANCE = 1e-4
TIMBRE_FORMAT = "neurorack-timbre"
TIMBRE_FRAMES = 64


class DivergedModel(ValueError):
    """The weights or the golden render hold NaN or infinite values."""


def _sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _file(outdir, rel, role):
    path = os.path.join(outdir, rel)
    return {"path": rel, "sha256": _sha256(path), "bytes": os.path.getsize(path), "role": role}


def golden_inputs(frave: Frave, low, high):
    """A deterministic curve inside the training range (a sweep through it), a latent walk, noise."""
    cfg = frave.cfg
    frames = sum(GOLDEN_CALLS)
    g = torch.Generator().manual_seed(GOLDEN_SEED)
    t = torch.linspace(0, 1, frames)[:, None]
    lo, hi = torch.log(torch.tensor(low) + 1e-3), torch.log(torch.tensor(high) + 1e-3)
    pos = 0.5 + 0.35 * torch.sin(2 * math.pi * t + torch.arange(7))
    desc = (torch.exp(lo + pos * (hi - lo)) - 1e-3).clamp(min=0)[None].float()
    latent = torch.randn(1, frames, cfg.latent_dim, generator=g) * 0.5
    noise = torch.randn(1, cfg.bands, frames * cfg.hop_length // cfg.bands, generator=g)
    return latent, desc, noise


def decode_in_calls(frave: Frave, latent, desc, noise, calls):
    """The decoder run call after call with its state carried, as the host streams it."""
    cfg = frave.cfg
    per_band = cfg.hop_length // cfg.bands
    state, out, t = zero_state(frave.decoder), [], 0
    with torch.no_grad():
        for n in calls:
            s = StreamState(state)
            with streaming(s):
                out.append(frave.decoder(latent[:, t:t + n], desc[:, t:t + n], noise[:, :, t * per_band:(t + n) * per_band]))
            state, t = s.next, t + n
    return torch.cat(out, 1)


def write_golden(frave: Frave, path: str, low, high) -> dict:
    latent, desc, noise = golden_inputs(frave, low, high)
    audio = decode_in_calls(frave, latent, desc, noise, GOLDEN_CALLS)
    with torch.no_grad():
        offline = frave.decoder(latent, desc, noise)
        enc_in = offline * 0.5
        enc_out = frave.encoder(enc_in)[0]
    stream_error = float((audio - offline).abs().max())
    doc = {"seed": GOLDEN_SEED, "calls": list(GOLDEN_CALLS), "latent": latent[0].tolist(), "descriptors": desc[0].tolist(),
           "noise": noise[0].tolist(), "audio": audio[0].tolist(), "stream_vs_offline_max_error": stream_error,
           "encoder": {"audio": enc_in[0].tolist(), "latent": enc_out[0].tolist()}}
    if not all(math.isfinite(x) for x in doc["audio"]) or not torch.isfinite(enc_out).all():
        raise DivergedModel(f"{path}: the model renders NaN or infinite values")
    with open(path, "w") as f:
        json.dump(doc, f)
    return doc


def encode_items(frave: Frave, items, frames: int = TIMBRE_FRAMES):
    """Posterior-mean latent trajectories [<=frames, latent] of (descriptors, audio) items."""
    out = []
    with torch.no_grad():
        for desc, audio in items:
            n = min(frames, desc.shape[0])
            a = torch.from_numpy(np.ascontiguousarray(audio[: n * frave.cfg.hop_length], dtype=np.float32))[None]
            out.append(frave.encoder(a)[0][0].numpy())
    return out


def principal_directions(trajectories, descriptor_items, count: int = 4):
    """The latent's mean and its `count` principal directions with their deviations, over the
    frames whose RMS is above 1% of the item's peak."""
    frames = []
    for z, d in zip(trajectories, descriptor_items):
        rms = np.asarray(d[: z.shape[0], 0])
        frames.append(z[rms > 0.01 * rms.max()])
    x = np.concatenate(frames).astype(np.float64)
    mean = x.mean(0)
    _, s, vt = np.linalg.svd(x - mean, full_matrices=False)
    std = s / math.sqrt(max(1, x.shape[0] - 1))
    return {"mean": mean.tolist(), "directions": vt[:count].tolist(), "deviations": std[:count].tolist(), "frames": int(x.shape[0])}


def write_timbre(path: str, name: str, latent: np.ndarray, source: str) -> None:
    doc = {"format": TIMBRE_FORMAT, "version": 1, "name": name, "source": source, "frames": int(latent.shape[0]),
           "latent": [[round(float(v), 6) for v in row] for row in latent]}
    with open(path, "w") as f:
        json.dump(doc, f)


def write_model_folder(frave: Frave, outdir: str, model_id: str, name: str, *, low, high, stats: dict,
                       timbres: list, pca: dict, version: str = "0.1.0", description: str = "",
                       licence: str = "CC0-1.0", author: str = "Neurorack contributors", training: dict = None) -> dict:
    """`timbres`: [(name, latent [frames, dim], source)], the first the default. Returns the manifest."""
    frave = frave.eval()
    cfg = frave.cfg
    export_decoder(frave, os.path.join(outdir, "decoder.onnx"))
    export_encoder(frave, os.path.join(outdir, "encoder.onnx"))
    golden = write_golden(frave, os.path.join(outdir, "golden.json"), low, high)
    os.makedirs(os.path.join(outdir, "timbres"), exist_ok=True)
    timbre_entries = []
    for tname, latent, source in timbres:
        rel = f"timbres/{tname}.json"
        write_timbre(os.path.join(outdir, rel), tname, latent, source)
        timbre_entries.append({"name": tname, "file": rel, "frames": int(latent.shape[0]), "source": source})
    files = [_file(outdir, "decoder.onnx", "onnx"), _file(outdir, "encoder.onnx", "encoder"), _file(outdir, "golden.json", "golden")]
    files += [_file(outdir, t["file"], "timbre") for t in timbre_entries]
    dec, enc = decoder_io(frave), encoder_io(frave)
    manifest = {
        "id": model_id, "name": name, "version": version, "description": description, "licence": licence, "author": author,
        "format": "onnx", "runtime": "frave",
        "architecture": {"name": "frave", **cfg.to_dict(), "pqmf_cutoff": frave.pqmf_cutoff},
        "files": files, "sample_rate": cfg.sample_rate, "hop_length": cfg.hop_length,
        "descriptors": [{"name": n, "unit": UNITS[n], "train_min": float(lo), "train_max": float(hi)}
                        for n, lo, hi in zip(DESCRIPTOR_ORDER, low, high)],
        "normalisation": {"mean": stats["mean"], "std": stats["std"], "applied_in_graph": True},
        "onnx": {"opset": OPSET, "inputs": dec["inputs"], "outputs": dec["outputs"], "state": dec["state"],
                 "receptive_field": {"left_frames": receptive_field(frave, 0.0), "right_frames": 0,
                                     "effective": {"left_frames": receptive_field(frave, 1e-5), "right_frames": 0, "tolerance": 1e-5}}},
        "streaming": {"block_frames": 1, "delay_samples": (cfg.bands * cfg.pqmf_taps_per_band - 1) // 2,
                      "noise": {"input": "noise", "distribution": "standard normal", "layout": "bands x samples/bands"}},
        "encoder": {"file": "encoder.onnx", "inputs": enc["inputs"], "outputs": enc["outputs"], "state": enc["state"]},
        "latent": {"dim": cfg.latent_dim, **pca},
        "timbres": timbre_entries,
        "golden": {"file": "golden.json", "tolerance": GOLDEN_TOLERANCE, "seed": GOLDEN_SEED, "frames": sum(GOLDEN_CALLS),
                   "calls": list(GOLDEN_CALLS), "stream_vs_offline_max_error": golden["stream_vs_offline_max_error"]},
        "training": training or {},
    }
    with open(os.path.join(outdir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    return manifest
