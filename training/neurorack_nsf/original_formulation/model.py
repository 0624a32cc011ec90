"""The whole hn-sinc-NSF in the original's formulation, with our SincNsf's inputs and outputs."""
import torch
from torch import nn
from ..config import NsfConfig
from .condition import CondModuleHnSincNSF
from .filter_module import FilterModuleHnSincNSF
from .source import SourceModuleHnNSF


class OriginalFormulationNsf(nn.Module):
    """forward(descriptors [B, T, D] raw, harmonic_phase [B, S] cycles, harmonic_noise [B, T*hop, S],
    noise_excitation [B, T*hop, 1]) -> audio [B, T*hop]: the same function as SincNsf(cfg) on the
    same weights (load them with weights.from_sinc_nsf or weights.from_original_checkpoint; the
    parameter names are the original checkpoint's). `cfg`, `input_mean` and `input_std` are there
    as on SincNsf, so a caller can treat the two alike."""

    def __init__(self, cfg: NsfConfig = NsfConfig()):
        super().__init__()
        self.cfg = cfg
        self.register_buffer("input_mean", torch.zeros(cfg.input_dim))
        self.register_buffer("input_std", torch.ones(cfg.input_dim))
        self.m_cond = CondModuleHnSincNSF(cfg.input_dim, cfg.hidden, cfg.hop_length, cfg.cond_kernel, cfg.cond_layers,
                                          cfg.hop_length * cfg.cut_f_smooth_hops, cfg.voiced_threshold)
        self.m_source = SourceModuleHnNSF(cfg.sample_rate, cfg.harmonic_num, cfg.sine_amp, cfg.noise_std, cfg.voiced_threshold)
        self.m_filter = FilterModuleHnSincNSF(cfg.hidden, cfg.sinc_order, cfg.filter_kernel, cfg.harmonic_blocks,
                                              cfg.harmonic_convs, cfg.noise_blocks, cfg.noise_convs, cfg.block_scale)

    def forward(self, descriptors, harmonic_phase, harmonic_noise, noise_excitation) -> torch.Tensor:
        f0 = descriptors[:, :, -1:]
        feat = (descriptors - self.input_mean) / self.input_std
        cond_feat, f0_upsamped, cut_f = self.m_cond(feat, f0)
        har_source, noi_source = self.m_source(f0_upsamped, harmonic_phase, harmonic_noise, noise_excitation)
        return self.m_filter(har_source, noi_source, cond_feat, cut_f).squeeze(-1)
