"""The original's condition module: frame-rate convolutions on [B, T, C], upsampled to the sample
rate with moving averages, and the smoothed cut-off frequency of the sinc filters."""
import torch
from torch import nn
from .layers import Conv1dKeepLength, MovingAverage, UpSampleLayer


class CondModuleHnSincNSF(nn.Module):
    """Normalised descriptors [B, T, D] and raw f0 [B, T, 1] to the context [B, L, H] (the hidden
    features but the last, then the normalised f0, each upsampled and smoothed), the f0 repeated to
    the sample rate [B, L, 1] and the cut-off [B, L, 1].

    The cut-off is 0.3 + 0.2 * (last hidden feature, upsampled and smoothed) + 0.4 where voiced,
    then a moving average of `cut_f_smooth` samples. Voiced is judged on the raw f0 upsampled and
    smoothed like the features (l_upsamp_f0_uv), as our SincNsf does (the checkpoint's own case
    cannot tell this from the public code's unsmoothed f0: its f0 is voiced throughout)."""

    def __init__(self, input_dim: int, output_dim: int, up_sample: int, cnn_kernel_s: int, layers: int,
                 cut_f_smooth: int, voiced_threshold: float):
        super().__init__()
        self.output_dim = output_dim
        self.voiced_threshold = voiced_threshold
        dims = [input_dim] + [output_dim] * layers
        self.l_conv1ds = nn.ModuleList(Conv1dKeepLength(dims[i], dims[i + 1], 1, cnn_kernel_s) for i in range(layers))
        self.l_upsamp = UpSampleLayer(output_dim, up_sample, True)
        self.l_upsamp_f0_hi = UpSampleLayer(1, up_sample, True)
        self.l_upsamp_F0 = UpSampleLayer(1, up_sample, False)
        self.l_upsamp_f0_uv = UpSampleLayer(1, up_sample, True)
        self.l_cut_f_smooth = MovingAverage(1, cut_f_smooth)

    def get_cut_f(self, hidden_feat: torch.Tensor, f0: torch.Tensor) -> torch.Tensor:
        uv = torch.ones_like(f0) * (f0 > self.voiced_threshold)
        return hidden_feat * 0.2 + uv * 0.4 + 0.3

    def forward(self, feature: torch.Tensor, f0: torch.Tensor):
        tmp = feature
        for l_conv in self.l_conv1ds:
            tmp = l_conv(tmp)
        tmp = self.l_upsamp(tmp)
        context = torch.cat([tmp[:, :, :self.output_dim - 1], self.l_upsamp_f0_hi(feature[:, :, -1:])], dim=2)
        hidden_cut_f = tmp[:, :, self.output_dim - 1:]
        f0_upsamp = self.l_upsamp_F0(f0)
        cut_f = self.get_cut_f(hidden_cut_f, self.l_upsamp_f0_uv(f0))
        return context, f0_upsamp, self.l_cut_f_smooth(cut_f)
