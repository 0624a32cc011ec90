"""ONNX export with every piece of streaming state explicit: each cached convolution's past is an
input (`state_in_K`) and an output (`state_out_K`), so a call on N latent frames continues the
previous call exactly when it is given the previous call's states. Zeros start a sound.

  decoder.onnx: latent [1, T, latent], descriptors [1, T, 7] (host units), noise [1, bands, T*hop/bands],
                state_in_0..K-1  ->  audio [1, T*hop], state_out_0..K-1
  encoder.onnx: audio [1, T*hop], state_in_0..K-1  ->  latent [1, T, latent] (the posterior mean), state_out_0..K-1"""
import torch
import torch.nn as nn
from .causal_conv import StreamState, cached_convs, streaming, zero_state
from .model import Frave

OPSET = 17


class DecoderGraph(nn.Module):
    def __init__(self, frave: Frave):
        super().__init__()
        self.decoder = frave.decoder

    def forward(self, latent, descriptors, noise, *states):
        s = StreamState(states)
        with streaming(s):
            audio = self.decoder(latent, descriptors, noise)
        return (audio, *s.next)


class EncoderGraph(nn.Module):
    def __init__(self, frave: Frave):
        super().__init__()
        self.encoder = frave.encoder

    def forward(self, audio, *states):
        s = StreamState(states)
        with streaming(s):
            mean, _ = self.encoder(audio)
        return (mean, *s.next)


def state_specs(module: nn.Module):
    """[(input name, output name, shape)] of a graph's carried state, in call order."""
    return [(f"state_in_{i}", f"state_out_{i}", [1, c.cin, c.cache]) for i, c in enumerate(cached_convs(module))]


def decoder_io(frave: Frave) -> dict:
    cfg = frave.cfg
    per_band = cfg.hop_length // cfg.bands
    states = state_specs(frave.decoder)
    return {
        "inputs": [{"name": "latent", "dtype": "float32", "shape": [1, "T", cfg.latent_dim]},
                   {"name": "descriptors", "dtype": "float32", "shape": [1, "T", cfg.descriptors]},
                   {"name": "noise", "dtype": "float32", "shape": [1, cfg.bands, f"T*{per_band}"],
                    "description": "standard normal noise in the band domain"}]
                  + [{"name": i, "dtype": "float32", "shape": s} for i, _, s in states],
        "outputs": [{"name": "audio", "dtype": "float32", "shape": [1, f"T*{cfg.hop_length}"]}]
                   + [{"name": o, "dtype": "float32", "shape": s} for _, o, s in states],
        "state": [{"input": i, "output": o} for i, o, _ in states],
    }


def encoder_io(frave: Frave) -> dict:
    cfg = frave.cfg
    states = state_specs(frave.encoder)
    return {
        "inputs": [{"name": "audio", "dtype": "float32", "shape": [1, f"T*{cfg.hop_length}"]}]
                  + [{"name": i, "dtype": "float32", "shape": s} for i, _, s in states],
        "outputs": [{"name": "latent", "dtype": "float32", "shape": [1, "T", cfg.latent_dim]}]
                   + [{"name": o, "dtype": "float32", "shape": s} for _, o, s in states],
        "state": [{"input": i, "output": o} for i, o, _ in states],
    }


def _export(graph: nn.Module, args, io: dict, path: str, dynamic: dict) -> None:
    with torch.no_grad():
        torch.onnx.export(graph, tuple(args), path, opset_version=OPSET,
                          input_names=[t["name"] for t in io["inputs"]], output_names=[t["name"] for t in io["outputs"]],
                          dynamic_axes=dynamic, do_constant_folding=True)


def export_decoder(frave: Frave, path: str, frames: int = 4) -> None:
    cfg = frave.cfg
    frave = frave.eval()
    args = [torch.zeros(1, frames, cfg.latent_dim), torch.full((1, frames, cfg.descriptors), 0.1),
            torch.randn(1, cfg.bands, frames * cfg.hop_length // cfg.bands)] + zero_state(frave.decoder)
    _export(DecoderGraph(frave), args, decoder_io(frave), path,
            {"latent": {1: "T"}, "descriptors": {1: "T"}, "noise": {2: "Tn"}, "audio": {1: "samples"}})


def export_encoder(frave: Frave, path: str, frames: int = 4) -> None:
    cfg = frave.cfg
    frave = frave.eval()
    args = [torch.randn(1, frames * cfg.hop_length) * 0.1] + zero_state(frave.encoder)
    _export(EncoderGraph(frave), args, encoder_io(frave), path, {"audio": {1: "samples"}, "latent": {1: "T"}})


def receptive_field(frave: Frave, tolerance: float = 0.0, frames: int = 96, probe: int = 8) -> int:
    """Frames back a decoder output depends on: the last frame after `probe` whose audio changes by
    more than `tolerance` when the descriptors and latent of frame `probe` change (0: the structural
    field, as float arithmetic sees it)."""
    cfg = frave.cfg
    g = torch.Generator().manual_seed(3)
    z = torch.randn(1, frames, cfg.latent_dim, generator=g)
    d = torch.rand(1, frames, cfg.descriptors, generator=g) * torch.tensor([0.2, 0.3, 5000, 0.3, 2000, 3000, 400]) + 0.01
    n = torch.randn(1, cfg.bands, frames * cfg.hop_length // cfg.bands, generator=g)
    with torch.no_grad():
        a = frave.decoder(z, d, n)
        z2, d2 = z.clone(), d.clone()
        z2[0, probe] += 1.0
        d2[0, probe] *= 1.5
        b = frave.decoder(z2, d2, n)
    diff = (a - b).abs().view(frames, cfg.hop_length).amax(1)
    changed = [t for t in range(probe, frames) if diff[t] > tolerance]
    if changed and changed[-1] == frames - 1:
        raise ValueError(f"the receptive field reaches past {frames - probe} frames: probe with more frames")
    return (changed[-1] - probe) if changed else 0
