"""The original's sequence layers: a length-keeping Conv1d over [B, L, C] tensors, the moving
average built on it, and the upsampling layer (nearest repeat, then two moving averages)."""
import torch
from torch import nn
import torch.nn.functional as F


class Conv1dKeepLength(nn.Conv1d):
    """[B, L, C_in] to [B, L, C_out]: permuted to [B, C, L], padded to keep the length (on the left
    only when causal, else split with the extra sample on the right), convolved, optionally tanh'd
    and permuted back, as the original's wrapper does for every convolution."""

    def __init__(self, input_dim: int, output_dim: int, dilation: int, kernel: int, causal: bool = False,
                 groups: int = 1, bias: bool = True, tanh: bool = True, pad_mode: str = "constant"):
        super().__init__(input_dim, output_dim, kernel, padding=0, dilation=dilation, groups=groups, bias=bias)
        self.pad_mode = pad_mode
        span = dilation * (kernel - 1)
        self.pad_le = span if causal else span // 2
        self.pad_ri = span - self.pad_le
        self.l_ac = nn.Tanh() if tanh else nn.Identity()

    def forward(self, data: torch.Tensor) -> torch.Tensor:
        # a unit height axis so "replicate" padding applies to the length axis only
        x = F.pad(data.permute(0, 2, 1).unsqueeze(2), (self.pad_le, self.pad_ri, 0, 0), mode=self.pad_mode).squeeze(2)
        return self.l_ac(super().forward(x)).permute(0, 2, 1)


class MovingAverage(Conv1dKeepLength):
    """Centred moving average of `window` samples per channel (a depthwise convolution with weights
    1/window; edges replicated)."""

    def __init__(self, feature_dim: int, window: int):
        super().__init__(feature_dim, feature_dim, 1, window, causal=False, groups=feature_dim, bias=False,
                         tanh=False, pad_mode="replicate")
        nn.init.constant_(self.weight, 1 / window)
        self.weight.requires_grad = False


class UpSampleLayer(nn.Module):
    """[B, T, C] to [B, T*factor, C]: nearest repeat, then, when `smoothing`, two moving averages of
    `factor` samples."""

    def __init__(self, feature_dim: int, factor: int, smoothing: bool):
        super().__init__()
        self.factor = factor
        self.l_ave1 = MovingAverage(feature_dim, factor) if smoothing else nn.Identity()
        self.l_ave2 = MovingAverage(feature_dim, factor) if smoothing else nn.Identity()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        up = F.interpolate(x.permute(0, 2, 1), scale_factor=self.factor, mode="nearest").permute(0, 2, 1)
        return self.l_ave1(self.l_ave2(up))
