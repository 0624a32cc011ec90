"""Upsampling by repetition followed by moving averages, computed without sample-rate convolutions."""
import numpy as np
import torch
from torch import nn


def repeat_smooth_weights(hop: int, passes: int = 2) -> np.ndarray:
    """[hop, 3] weights: repeating frames `hop` times then applying `passes` centred moving averages
    of length `hop` (left pad hop//2-1, replicate edges) gives, at sample j*hop + r, a mix of frames
    j-1, j, j+1 with weights W[r]."""
    box = np.ones(hop) / hop
    kern = np.array([1.0])
    for _ in range(passes):
        kern = np.convolve(kern, box)
    # kern[i] is the weight of sample n + offset(i), offset = i - passes*(hop//2 - 1)... derived per pass
    left = passes * (hop // 2 - 1)  # each pass reads [n - (hop/2-1), n + hop/2]
    w = np.zeros((hop, 3))
    for r in range(hop):
        for i, g in enumerate(kern):
            m = r + i - left
            k = m // hop + 1
            assert 0 <= k <= 2, "support wider than 3 frames"
            w[r, k] += g
    return w


class RepeatSmooth(nn.Module):
    """Frame-rate [B, C, T] to sample-rate [B, C, T*hop]: repetition then two moving averages (edges
    replicated), as a 3-frame interpolation."""

    def __init__(self, hop: int, passes: int = 2):
        super().__init__()
        self.hop = hop
        w = repeat_smooth_weights(hop, passes) if passes > 0 else np.eye(3)[[1] * hop]
        self.register_buffer("weight", torch.tensor(w, dtype=torch.float32).t().contiguous(), persistent=False)  # [3, hop]

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        b, c, t = x.shape
        xp = torch.cat([x[:, :, :1], x, x[:, :, -1:]], dim=2)
        stacked = torch.stack([xp[:, :, :-2], xp[:, :, 1:-1], xp[:, :, 2:]], dim=3)  # [B, C, T, 3]
        return torch.matmul(stacked, self.weight).reshape(b, c, t * self.hop)


def box_smooth(x: torch.Tensor, length: int) -> torch.Tensor:
    """Centred moving average of `length` samples over the last axis of [B, 1, L], edges replicated
    (left pad length//2-1), via a float64 running sum."""
    left = length // 2 - 1
    right = length - 1 - left
    xp = torch.cat([x[:, :, :1].expand(-1, -1, left), x, x[:, :, -1:].expand(-1, -1, right)], dim=2)
    s = torch.cumsum(xp.double(), dim=2)
    s = torch.cat([torch.zeros_like(s[:, :, :1]), s], dim=2)
    return ((s[:, :, length:] - s[:, :, :-length]) / length).float()
