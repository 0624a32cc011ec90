"""The original's filter module: the harmonic and noise branches of neural filter blocks, then the
time-variant sinc low-pass and high-pass filters, summed."""
import torch
from torch import nn
from .neural_filter_block import NeuralFilterBlock
from .time_variant_fir import SincFilter, TimeVarFIRFilter


class FilterModuleHnSincNSF(nn.Module):
    """har_component, noi_component [B, L, 1], context [B, L, H] and cut_f [B, L, 1] to [B, L, 1]."""

    def __init__(self, hidden_size: int, sinc_order: int, kernel_size: int, har_blocks: int, har_convs: int,
                 noi_blocks: int, noi_convs: int, scale: float):
        super().__init__()
        self.l_har_blocks = nn.ModuleList(NeuralFilterBlock(1, hidden_size, kernel_size, har_convs, scale) for _ in range(har_blocks))
        self.l_noi_blocks = nn.ModuleList(NeuralFilterBlock(1, hidden_size, kernel_size, noi_convs, scale) for _ in range(noi_blocks))
        self.l_sinc_coef = SincFilter(sinc_order)
        self.l_tv_filtering = TimeVarFIRFilter()

    def forward(self, har_component, noi_component, cond_feat, cut_f) -> torch.Tensor:
        for block in self.l_har_blocks:
            har_component = block(har_component, cond_feat)
        for block in self.l_noi_blocks:
            noi_component = block(noi_component, cond_feat)
        lp_coef, hp_coef = self.l_sinc_coef(cut_f)
        return self.l_tv_filtering(har_component, lp_coef) + self.l_tv_filtering(noi_component, hp_coef)
