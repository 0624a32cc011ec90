"""Writes a model folder the host runs: the ONNX file, a golden vector and manifest.json."""
import hashlib
import json
import os
import numpy as np
import torch
from .config import DESCRIPTOR_ORDER
from .export_onnx import OPSET, SAMPLE_WINDOW_INPUT, export, onnx_io
from .graph_passes import optimise
from .model import SincNsf
from .noise_stream import NoiseStream

UNITS = {"rms": "linear amplitude", "zcr": "crossings per sample", "rolloff": "Hz", "flatness": "ratio",
         "bandwidth": "Hz", "centroid": "Hz", "f0": "Hz"}
GOLDEN_FRAMES = 6
GOLDEN_SEED = 1234
GOLDEN_TOLERANCE = 2e-3


def _sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def golden_descriptors(model: SincNsf, frames: int = GOLDEN_FRAMES) -> np.ndarray:
    """A plausible, deterministic curve: the training mean swept by half a deviation, f0 rising."""
    mean = model.input_mean.numpy().astype(np.float64)
    std = model.input_std.numpy().astype(np.float64)
    t = np.linspace(0, 1, frames)[:, None]
    d = np.maximum(mean + 0.5 * std * np.sin(2 * np.pi * t + np.arange(len(mean))), 1e-3)
    d[:, -1] = 80 + 120 * t[:, 0]
    return d.astype(np.float32)[None]


def sample_window(cfg) -> dict:
    """The manifest's description of the graph's sample window (its structural field)."""
    left, right = cfg.sample_window_frames()
    return {"input": SAMPLE_WINDOW_INPUT, "left_frames": left, "right_frames": right}


def write_golden(model: SincNsf, path: str) -> dict:
    cfg = model.cfg
    desc = golden_descriptors(model)
    phase, hn, ne = NoiseStream(GOLDEN_SEED).draw(desc.shape[1], cfg.hop_length, cfg.sines)
    with torch.no_grad():
        audio = model(torch.from_numpy(desc), torch.from_numpy(phase), torch.from_numpy(hn), torch.from_numpy(ne),
                      torch.zeros(1, dtype=torch.int64))[0].numpy()
    doc = {"seed": GOLDEN_SEED, "descriptors": desc[0].tolist(), "audio": [float(x) for x in audio],
           "rms": float(np.sqrt(np.mean(audio.astype(np.float64) ** 2)))}
    with open(path, "w") as f:
        json.dump(doc, f)
    return doc


def write_model_folder(model: SincNsf, outdir: str, model_id: str, name: str, version: str = "0.1.0",
                       description: str = "", licence: str = "UNLICENSED", author: str = "",
                       training: dict = None) -> dict:
    """Exports `model` into `outdir` (model.onnx, golden.json, manifest.json); returns the manifest."""
    os.makedirs(outdir, exist_ok=True)
    model = model.eval()
    cfg = model.cfg
    onnx_path = os.path.join(outdir, "model.onnx")
    export(model, onnx_path)
    passes = optimise(onnx_path, cfg.hop_length)
    golden_path = os.path.join(outdir, "golden.json")
    write_golden(model, golden_path)
    mean = [float(x) for x in model.input_mean]
    std = [float(x) for x in model.input_std]
    io = onnx_io(model)
    manifest = {
        "id": model_id, "name": name, "version": version, "description": description,
        "licence": licence, "author": author, "format": "onnx", "runtime": "sinc-nsf",
        "architecture": {"name": "hn-sinc-nsf", **cfg.to_dict(), "graph_passes": passes},
        "files": [
            {"path": "model.onnx", "sha256": _sha256(onnx_path), "bytes": os.path.getsize(onnx_path), "role": "onnx"},
            {"path": "golden.json", "sha256": _sha256(golden_path), "bytes": os.path.getsize(golden_path), "role": "golden"},
        ],
        "sample_rate": cfg.sample_rate, "hop_length": cfg.hop_length,
        # the checkpoints carry no training ranges: mean +- 3 deviations, floored at 0, stands in
        "descriptors": [{"name": n, "unit": UNITS[n], "train_min": max(0.0, m - 3 * s), "train_max": m + 3 * s}
                        for n, m, s in zip(DESCRIPTOR_ORDER, mean, std)],
        "normalisation": {"mean": mean, "std": std, "applied_in_graph": True},
        "onnx": {"opset": OPSET, **io, "receptive_field": {
            "left_frames": cfg.left_context_frames(), "right_frames": cfg.lookahead_frames(),
            "left_samples": cfg.left_context_samples(), "sample_window": sample_window(cfg)}},
        "golden": {"file": "golden.json", "tolerance": GOLDEN_TOLERANCE, "seed": GOLDEN_SEED, "frames": GOLDEN_FRAMES},
        "training": training or {},
    }
    with open(os.path.join(outdir, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    return manifest
