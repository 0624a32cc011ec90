"""The original's sinc filters: an explicit windowed-sinc low-pass and high-pass coefficient tensor
per sample, applied by a time-variant FIR filter one tap at a time."""
import math
import torch
from torch import nn
import torch.nn.functional as F


class SincFilter(nn.Module):
    """cut_f [B, L, 1] (fraction of Nyquist) to low-pass and high-pass coefficients [B, L, order]
    (order made odd), Hamming-windowed, normalised for unit gain at 0 and at Nyquist."""

    def __init__(self, filter_order: int):
        super().__init__()
        self.half_k = (filter_order - 1) // 2
        self.order = 2 * self.half_k + 1

    def hamming_w(self, n_index: torch.Tensor) -> torch.Tensor:
        return 0.54 + 0.46 * torch.cos(2 * math.pi * n_index / self.order)

    def sinc(self, x: torch.Tensor) -> torch.Tensor:
        """sin(pi x) / (pi x) over the last axis, whose middle element (time index 0) is 1."""
        h = self.half_k
        y = torch.zeros_like(x)
        y[:, :, :h] = torch.sin(math.pi * x[:, :, :h]) / (math.pi * x[:, :, :h])
        y[:, :, h + 1:] = torch.sin(math.pi * x[:, :, h + 1:]) / (math.pi * x[:, :, h + 1:])
        y[:, :, h] = 1
        return y

    def forward(self, cut_f: torch.Tensor):
        with torch.no_grad():
            index = torch.arange(-self.half_k, self.half_k + 1, dtype=cut_f.dtype, device=cut_f.device)
            index = index.repeat(cut_f.shape[0], cut_f.shape[1], 1)  # [B, L, order]
            alternate = torch.pow(-1.0, index)
        lp_coef = cut_f * self.sinc(cut_f * index) * self.hamming_w(index)
        hp_coef = (self.sinc(index) - cut_f * self.sinc(cut_f * index)) * self.hamming_w(index)
        lp_coef = lp_coef / torch.sum(lp_coef, dim=2, keepdim=True)
        hp_coef = hp_coef / torch.sum(hp_coef * alternate, dim=2, keepdim=True)
        return lp_coef, hp_coef


class TimeVarFIRFilter(nn.Module):
    """signal [B, L, 1] and coefficients [B, L, K] to [B, L, 1] with
    output[n] = sum_k signal[n - k] * coef[n, k] (samples before 0 read as zeros): the signal is
    padded with K - 1 zeros at the end, and each tap rolls it by k and weights it."""

    def forward(self, signal: torch.Tensor, f_coef: torch.Tensor) -> torch.Tensor:
        length = signal.shape[1]
        order = f_coef.shape[-1]
        padded = F.pad(signal, (0, 0, 0, order - 1))
        y = torch.zeros_like(signal)
        for k in range(order):
            y += torch.roll(padded, k, dims=1)[:, :length, :] * f_coef[:, :, k:k + 1]
        return y
