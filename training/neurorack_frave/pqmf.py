"""A pseudo-quadrature mirror filter bank (PQMF, as RAVE uses) in causal, streamable form.

The bands are a cosine modulation of one Kaiser-windowed low-pass prototype of `bands *
taps_per_band` taps, whose cut-off is chosen for the smallest reconstruction error. Analysis is a
strided causal convolution (audio to `bands` channels at sample_rate / bands); synthesis is a causal
convolution of the bands into the `bands` polyphase components of the output, interleaved: both
carry their past like any other CausalConv1d, so the filter bank streams exactly."""
import math
import numpy as np
import torch
import torch.nn as nn
from .causal_conv import CausalConv1d


def _prototype(taps: int, cutoff: float, beta: float) -> np.ndarray:
    n = np.arange(taps) - (taps - 1) / 2
    h = cutoff * np.sinc(cutoff * n)  # cutoff as a fraction of Nyquist
    return h * np.kaiser(taps, beta)


def _banks(bands: int, taps: int, cutoff: float, beta: float):
    h = _prototype(taps, cutoff, beta)
    n = np.arange(taps) - (taps - 1) / 2
    k = np.arange(bands)[:, None]
    arg = (2 * k + 1) * math.pi / (2 * bands) * n[None, :]
    sign = ((-1) ** k) * math.pi / 4
    return 2 * h * np.cos(arg + sign), 2 * h * np.cos(arg - sign)  # analysis, synthesis [bands, taps]


def reconstruction(pqmf: "Pqmf", seconds_of_bands: int = 1024, seed: int = 0):
    """(SNR in dB, delay in samples) of analysis then synthesis of white noise."""
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(1, pqmf.bands * seconds_of_bands, generator=g)
    with torch.no_grad():
        y = pqmf.forward_synthesis(pqmf.forward_analysis(x))
    delay = pqmf.taps - pqmf.bands
    err = ((y[0, delay:] - x[0, : x.shape[1] - delay]) ** 2).mean() / (x ** 2).mean()
    return float(-10 * torch.log10(err)), delay


def design(bands: int, taps: int, beta: float = 9.0) -> float:
    """The prototype cut-off (fraction of Nyquist) with the best reconstruction, by a coarse then a
    fine search around the usual 0.57 / bands."""
    def snr(c):
        return reconstruction(Pqmf(bands, taps // bands, float(c), beta), 256)[0]
    best = max(np.linspace(0.4, 0.8, 41) / bands, key=snr)
    return float(max(np.linspace(best - 0.005 / bands, best + 0.005 / bands, 11), key=snr))


class Pqmf(nn.Module):
    def __init__(self, bands: int, taps_per_band: int, cutoff: float = None, beta: float = 9.0):
        super().__init__()
        taps = bands * taps_per_band
        if cutoff is None:
            cutoff = design(bands, taps, beta)
        self.bands, self.taps, self.cutoff = bands, taps, cutoff
        ana, syn = _banks(bands, taps, cutoff, beta)
        self.analysis = CausalConv1d(1, bands, taps, stride=bands, bias=False)
        # cross-correlation in torch: analysis weights are the filters reversed
        self.analysis.conv.weight.data.copy_(torch.tensor(ana[:, ::-1].copy(), dtype=torch.float32).unsqueeze(1))
        per = taps // bands
        w = np.zeros((bands, bands, per))
        for p in range(bands):
            for t in range(per):
                w[p, :, t] = bands * syn[:, p + (per - 1 - t) * bands]
        self.synthesis = CausalConv1d(bands, bands, per, bias=False)
        self.synthesis.conv.weight.data.copy_(torch.tensor(w, dtype=torch.float32))
        for p in self.parameters():
            p.requires_grad_(False)

    def forward_analysis(self, audio: torch.Tensor) -> torch.Tensor:
        """[B, L] (L a multiple of bands) to [B, bands, L / bands]."""
        return self.analysis(audio.unsqueeze(1))

    def forward_synthesis(self, bands: torch.Tensor) -> torch.Tensor:
        """[B, bands, Q] to [B, Q * bands]: the polyphase components, interleaved."""
        return interleave(self.synthesis(bands))


def interleave(polyphase: torch.Tensor) -> torch.Tensor:
    """[B, M, Q] polyphase components to [B, Q * M] samples."""
    return polyphase.transpose(1, 2).reshape(polyphase.shape[0], -1)
