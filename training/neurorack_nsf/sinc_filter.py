"""Time-varying windowed-sinc low-pass and high-pass FIR filters driven by a cut-off per sample."""
import math
import torch
from torch import nn
import torch.nn.functional as F


class SincFilters(nn.Module):
    """Given cut-off [B, 1, L] (fraction of Nyquist), filters the harmonic branch with the low-pass and
    the noise branch with the high-pass of order `order`, each tap normalised for unit gain at 0 / Nyquist.

    The taps (`coefficients`) are symmetric and, for k != 0, lp_k = w_k sin(k pi f) / (k pi) and
    hp_k = -lp_k, with lp_0 = w_0 f and hp_0 = w_0 (1 - f) (w: Hamming window). So with the 17 rows
    g = [sin(k pi f) for k = 1..half, f, 1 - f] per sample, both the filtered sums and the
    normalising gains are linear in g: the filter is one constant grouped convolution of the two
    signals (the symmetric tap pairs summed and weighted by w_k / (k pi)), a product with g summed
    over the rows, and a constant 1x1 convolution of g for the gains. That is one sine per tap pair
    instead of a sine, a division and a select per tap, and no [order, L] tap tensor."""

    def __init__(self, order: int):
        super().__init__()
        self.half = (order - 1) // 2
        self.order = 2 * self.half + 1
        half = self.half
        k = torch.arange(-half, half + 1, dtype=torch.float64)
        window = 0.54 + 0.46 * torch.cos(2 * math.pi * k / self.order)
        self.register_buffer("k_pi", (k * math.pi).float().view(1, -1, 1), persistent=False)
        self.register_buffer("window", window.float().view(1, -1, 1), persistent=False)
        self.register_buffer("alternate", torch.tensor([(-1.0) ** abs(i) for i in range(-half, half + 1)]).view(1, -1, 1), persistent=False)
        self.register_buffer("centre", (k == 0).float().view(1, -1, 1), persistent=False)
        j = torch.arange(1, half + 1, dtype=torch.float64)
        a = window[half + 1:] / (j * math.pi)  # weight of the pair (k, -k), k = 1..half
        rows = half + 2
        taps = torch.zeros(2 * rows, 1, self.order, dtype=torch.float64)
        for i in range(half):
            # causal: the output at n reads n - order + 1 .. n, centred on n - half
            taps[i, 0, half - 1 - i] = taps[i, 0, half + 1 + i] = a[i]
            taps[rows + i, 0, half - 1 - i] = taps[rows + i, 0, half + 1 + i] = -a[i]
        taps[half, 0, half] = window[half]  # low-pass centre, times f
        taps[2 * rows - 1, 0, half] = window[half]  # high-pass centre, times 1 - f
        gains = torch.zeros(2, rows, 1, dtype=torch.float64)
        gains[0, :half, 0] = 2 * a
        gains[0, half, 0] = window[half]
        gains[1, :half, 0] = -2 * a * (-1.0) ** j
        gains[1, half + 1, 0] = window[half]
        self.register_buffer("pair_pi", (j * math.pi).float().view(1, -1, 1), persistent=False)
        self.register_buffer("taps", taps.float(), persistent=False)
        self.register_buffer("gains", gains.float(), persistent=False)

    def coefficients(self, cut_f: torch.Tensor):
        """[B, order, L] low-pass and high-pass taps for cut-off [B, 1, L] (the filter's definition;
        forward computes the same filter without materialising them)."""
        x = cut_f * self.k_pi
        safe = torch.where(x == 0, torch.ones_like(x), x)
        sinc = torch.where(x == 0, torch.ones_like(x), torch.sin(safe) / safe)
        lp = cut_f * sinc
        hp = (self.centre - lp) * self.window
        lp = lp * self.window
        lp = lp / lp.sum(1, keepdim=True)
        hp = hp / (hp * self.alternate).sum(1, keepdim=True)
        return lp, hp

    def forward(self, harmonic: torch.Tensor, noise: torch.Tensor, cut_f: torch.Tensor) -> torch.Tensor:
        """harmonic, noise [B, 1, L] and cut_f [B, 1, L] to [B, 1, L]. Causal, as the original: the
        output at n reads samples n-order+1..n, so the filtered signal lags by order//2."""
        b = harmonic.shape[0]
        g = torch.cat([torch.sin(cut_f * self.pair_pi), cut_f, 1 - cut_f], dim=1)  # [B, half + 2, L]
        x = F.pad(torch.cat([harmonic, noise], dim=1), (self.order - 1, 0))
        q = F.conv1d(x, self.taps, groups=2)  # [B, 2 * (half + 2), L]
        num = (q.view(b, 2, self.half + 2, -1) * g.unsqueeze(1)).sum(2)  # [B, 2, L]
        return (num / F.conv1d(g, self.gains)).sum(1, keepdim=True)
