"""The original's source module: sines over the sample-rate f0 by cumulative sums, plus noise,
merged into one excitation; its random draws are supplied by the caller."""
import math
import torch
from torch import nn


class SineGen(nn.Module):
    """f0 [B, L, 1] (Hz, at the sample rate) to harmonics [B, L, S] (S = harmonic_num + 1).

    The phase of each sine is a float32 cumulative sum of its per-sample increments (f0 * h / sr,
    modulo 1) with `harmonic_phase` [B, S] (cycles) added to the first sample's increment; a second
    cumulative sum first finds the samples where the running phase passes a whole cycle and takes 1
    off there, so the summed phase stays small. Unvoiced samples (f0 <= threshold) carry no sine;
    `harmonic_noise` [B, L, S] (standard normal) is added, scaled by noise_std where voiced and
    sine_amp / 3 where not."""

    def __init__(self, sample_rate: int, harmonic_num: int, sine_amp: float, noise_std: float, voiced_threshold: float):
        super().__init__()
        self.sampling_rate = sample_rate
        self.dim = harmonic_num + 1
        self.sine_amp = sine_amp
        self.noise_std = noise_std
        self.voiced_threshold = voiced_threshold

    def f02sine(self, f0_values: torch.Tensor, harmonic_phase: torch.Tensor) -> torch.Tensor:
        rad_values = (f0_values / self.sampling_rate) % 1
        rad_values[:, 0, :] = rad_values[:, 0, :] + harmonic_phase
        wrapped = torch.cumsum(rad_values, dim=1) % 1
        shift = torch.zeros_like(rad_values)
        shift[:, 1:, :] = ((wrapped[:, 1:, :] - wrapped[:, :-1, :]) < 0) * -1.0
        return torch.sin(torch.cumsum(rad_values + shift, dim=1) * (2 * math.pi))

    def forward(self, f0: torch.Tensor, harmonic_phase: torch.Tensor, harmonic_noise: torch.Tensor) -> torch.Tensor:
        f0_buf = f0 * torch.arange(1, self.dim + 1, dtype=f0.dtype, device=f0.device)
        sines = self.f02sine(f0_buf, harmonic_phase) * self.sine_amp
        uv = (f0 > self.voiced_threshold).to(f0.dtype)
        noise_amp = uv * self.noise_std + (1 - uv) * self.sine_amp / 3
        return sines * uv + noise_amp * harmonic_noise


class SourceModuleHnNSF(nn.Module):
    """f0 [B, L, 1] to the harmonic excitation tanh(linear(sines)) [B, L, 1] and the noise-branch
    excitation `noise_excitation` [B, L, 1] (standard normal) scaled by sine_amp / 3."""

    def __init__(self, sample_rate: int, harmonic_num: int, sine_amp: float, noise_std: float, voiced_threshold: float):
        super().__init__()
        self.sine_amp = sine_amp
        self.l_sin_gen = SineGen(sample_rate, harmonic_num, sine_amp, noise_std, voiced_threshold)
        self.l_linear = nn.Linear(harmonic_num + 1, 1)
        self.l_tanh = nn.Tanh()

    def forward(self, f0, harmonic_phase, harmonic_noise, noise_excitation):
        sine_merge = self.l_tanh(self.l_linear(self.l_sin_gen(f0, harmonic_phase, harmonic_noise)))
        return sine_merge, noise_excitation * self.sine_amp / 3
