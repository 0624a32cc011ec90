"""Condition module: frame-rate convolutions over the normalised descriptors, upsampled to samples."""
import torch
from torch import nn
from .config import NsfConfig
from .smoothing import RepeatSmooth, box_smooth


class ConditionModule(nn.Module):
    """Descriptors [B, D, T] (normalised) and raw f0 [B, 1, T] to the filter context [B, H, L], the
    smoothed cut-off frequency [B, 1, L] (fraction of Nyquist)."""

    def __init__(self, cfg: NsfConfig):
        super().__init__()
        self.cfg = cfg
        dims = [cfg.input_dim] + [cfg.hidden] * cfg.cond_layers
        self.convs = nn.ModuleList(
            nn.Conv1d(dims[i], dims[i + 1], cfg.cond_kernel, padding=cfg.cond_kernel // 2)
            for i in range(cfg.cond_layers))
        self.smooth = RepeatSmooth(cfg.hop_length, 2)

    def forward(self, feat: torch.Tensor, f0: torch.Tensor):
        h = feat
        for conv in self.convs:
            h = torch.tanh(conv(h))
        hop = self.cfg.hop_length
        # the last context channel is the normalised f0, smoothed like the hidden features; the last
        # hidden feature drives the cut-off. The smoother is per channel, so the channels are picked
        # at the frame rate, not copied at the sample rate.
        context = self.smooth(torch.cat([h[:, :-1], feat[:, -1:]], dim=1))
        f0_smooth = self.smooth(f0)
        voiced = (f0_smooth > self.cfg.voiced_threshold).float()
        cut_f = self.smooth(h[:, -1:]) * 0.2 + voiced * 0.4 + 0.3
        cut_f = box_smooth(cut_f, hop * self.cfg.cut_f_smooth_hops)
        return context, cut_f
