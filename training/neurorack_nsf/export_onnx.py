"""ONNX export with the host's contract: descriptors [1,T,D], harmonic_phase [1,S],
harmonic_noise [1,N*hop,S], noise_excitation [1,N*hop,1], sample_start [1] (int64) -> audio
[1,N*hop]; opset 17, T and N dynamic. The sample-rate inputs and the audio cover frames
[sample_start, sample_start + N) of the descriptor window (all of it: sample_start 0, N = T)."""
import torch
from .model import SincNsf

INPUT_NAMES = ["descriptors", "harmonic_phase", "harmonic_noise", "noise_excitation", "sample_start"]
OUTPUT_NAMES = ["audio"]
OPSET = 17


SAMPLE_WINDOW_INPUT = "sample_start"


def example_inputs(model: SincNsf, frames: int = 4, seed: int = 0, sample_start: int = 0, sample_frames: int = None):
    """Random, plausible inputs; the randomness covers frames [sample_start, sample_start + sample_frames)."""
    cfg = model.cfg
    g = torch.Generator().manual_seed(seed)
    n = (frames - sample_start if sample_frames is None else sample_frames) * cfg.hop_length
    desc = torch.rand(1, frames, cfg.input_dim, generator=g) * model.input_std + model.input_mean
    desc[:, :, -1] = 50 + 400 * torch.rand(1, frames, generator=g)
    phase = torch.rand(1, cfg.sines, generator=g)
    phase[:, 0] = 0
    return (desc, phase, torch.randn(1, n, cfg.sines, generator=g), torch.randn(1, n, 1, generator=g),
            torch.tensor([sample_start], dtype=torch.int64))


def onnx_io(model: SincNsf):
    """The contract as it goes into the manifest: names, dtypes, shapes with symbolic T."""
    cfg = model.cfg
    samples = f"N*{cfg.hop_length}"
    return {
        "inputs": [
            {"name": "descriptors", "dtype": "float32", "shape": [1, "T", cfg.input_dim]},
            {"name": "harmonic_phase", "dtype": "float32", "shape": [1, cfg.sines]},
            {"name": "harmonic_noise", "dtype": "float32", "shape": [1, samples, cfg.sines]},
            {"name": "noise_excitation", "dtype": "float32", "shape": [1, samples, 1]},
            {"name": SAMPLE_WINDOW_INPUT, "dtype": "int64", "shape": [1]},
        ],
        "outputs": [{"name": "audio", "dtype": "float32", "shape": [1, samples]}],
    }


def export(model: SincNsf, path: str, frames: int = 8) -> None:
    model = model.eval()
    with torch.no_grad():
        # traced with a window inside the descriptors, so no size is taken for a constant
        torch.onnx.export(
            model, example_inputs(model, frames, sample_start=2, sample_frames=frames - 3), path, opset_version=OPSET,
            input_names=INPUT_NAMES, output_names=OUTPUT_NAMES,
            dynamic_axes={"descriptors": {1: "T"}, "harmonic_noise": {1: "samples"},
                          "noise_excitation": {1: "samples"}, "audio": {1: "samples"}},
            do_constant_folding=True)
