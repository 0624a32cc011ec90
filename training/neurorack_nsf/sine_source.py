"""Harmonic (sine) and noise excitation sources; the randomness is supplied by the caller."""
import torch
from torch import nn
from .config import NsfConfig


class SineSource(nn.Module):
    """f0 frames [B, T] (raw Hz, repeated over each hop) to the merged harmonic excitation [B, 1, L].

    harmonic_phase [B, S] is each sine's initial phase in cycles (the phase before sample 0 plus the
    first increment, as the original adds it to the first sample's increment); harmonic_noise
    [B, L, S] is standard normal."""

    def __init__(self, cfg: NsfConfig):
        super().__init__()
        self.cfg = cfg
        self.merge = nn.Linear(cfg.sines, 1)
        self.register_buffer("harmonics", torch.arange(1, cfg.sines + 1, dtype=torch.float32), persistent=False)
        self.register_buffer("steps", torch.arange(1, cfg.hop_length + 1, dtype=torch.float64).view(1, 1, -1, 1), persistent=False)

    def phase(self, f0: torch.Tensor, harmonic_phase: torch.Tensor, first=None, frames=None) -> torch.Tensor:
        """Phase in cycles [B, T, hop, S], float64 so long renders keep it exact; with `first` and
        `frames`, of those frames only (the phase still counts every frame before them)."""
        hop = self.cfg.hop_length
        rad = torch.remainder(f0.unsqueeze(-1) * self.harmonics / self.cfg.sample_rate, 1.0).double()  # [B, T, S]
        per_frame = rad * hop
        start = torch.cumsum(per_frame, dim=1) - per_frame + harmonic_phase.double().unsqueeze(1)
        start = start - torch.floor(start)
        if first is not None:
            start, rad = torch.narrow(start, 1, first, frames), torch.narrow(rad, 1, first, frames)
        return start.unsqueeze(2) + rad.unsqueeze(2) * self.steps

    def forward(self, f0: torch.Tensor, harmonic_phase: torch.Tensor, harmonic_noise: torch.Tensor, first=None, frames=None) -> torch.Tensor:
        """With `first` and `frames`: the excitation of frames [first, first + frames) only, which
        harmonic_noise then covers."""
        ph = self.phase(f0, harmonic_phase, first, frames)
        if first is not None:
            f0 = torch.narrow(f0, 1, first, frames)
        b, t = f0.shape
        cfg = self.cfg
        ph = (ph - torch.floor(ph)).float()
        sines = torch.sin(ph * (2 * torch.pi)) * cfg.sine_amp  # [B, T, hop, S]
        voiced = (f0 > cfg.voiced_threshold).float().view(b, t, 1, 1)
        noise_amp = voiced * cfg.noise_std + (1 - voiced) * (cfg.sine_amp / 3)
        noise = harmonic_noise.view(b, t, cfg.hop_length, cfg.sines)
        exc = sines * voiced + noise * noise_amp
        merged = torch.tanh(self.merge(exc))  # [B, T, hop, 1]
        # as long as the noise, said so the graph's shape inference knows it (name_symbolic_axes)
        return merged.reshape(harmonic_noise.shape[0], 1, harmonic_noise.shape[1])
