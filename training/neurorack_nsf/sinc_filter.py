"""Time-varying windowed-sinc low-pass and high-pass FIR filters driven by a cut-off per sample."""
import math
import torch
from torch import nn
import torch.nn.functional as F


class SincFilters(nn.Module):
    """Given cut-off [B, 1, L] (fraction of Nyquist), filters the harmonic branch with the low-pass and
    the noise branch with the high-pass of order `order`, each tap normalised for unit gain at 0 / Nyquist."""

    def __init__(self, order: int):
        super().__init__()
        self.half = (order - 1) // 2
        self.order = 2 * self.half + 1
        k = torch.arange(-self.half, self.half + 1, dtype=torch.float32)
        window = 0.54 + 0.46 * torch.cos(2 * math.pi * k / self.order)
        self.register_buffer("k_pi", (k * math.pi).view(1, -1, 1), persistent=False)
        self.register_buffer("window", window.view(1, -1, 1), persistent=False)
        self.register_buffer("alternate", torch.tensor([(-1.0) ** abs(i) for i in range(-self.half, self.half + 1)]).view(1, -1, 1), persistent=False)
        self.register_buffer("centre", (k == 0).float().view(1, -1, 1), persistent=False)

    def coefficients(self, cut_f: torch.Tensor):
        """[B, order, L] low-pass and high-pass taps for cut-off [B, 1, L]."""
        x = cut_f * self.k_pi
        safe = torch.where(x == 0, torch.ones_like(x), x)
        sinc = torch.where(x == 0, torch.ones_like(x), torch.sin(safe) / safe)
        lp = cut_f * sinc
        hp = (self.centre - lp) * self.window
        lp = lp * self.window
        lp = lp / lp.sum(1, keepdim=True)
        hp = hp / (hp * self.alternate).sum(1, keepdim=True)
        return lp, hp

    @staticmethod
    def apply_fir(signal: torch.Tensor, coef: torch.Tensor) -> torch.Tensor:
        """signal [B, 1, L], coef [B, order, L] (symmetric in the order axis) to [B, 1, L]. Causal, as
        the original: the output at n reads samples n-order+1..n, so the filtered signal lags by order//2."""
        order = coef.shape[1]
        padded = F.pad(signal, (order - 1, 0))
        # constant slice bounds keep the sample count symbolic in the exported graph
        taps = torch.cat([padded[:, :, i:i - order + 1] for i in range(order - 1)] + [padded[:, :, order - 1:]], dim=1)
        return (taps * coef).sum(1, keepdim=True)

    def forward(self, harmonic: torch.Tensor, noise: torch.Tensor, cut_f: torch.Tensor) -> torch.Tensor:
        lp, hp = self.coefficients(cut_f)
        return self.apply_fir(harmonic, lp) + self.apply_fir(noise, hp)
