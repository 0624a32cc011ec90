"""The whole hn-sinc-NSF: descriptors and explicit randomness in, audio out."""
import torch
from torch import nn
import torch.nn.functional as F
from .config import NsfConfig
from .condition import ConditionModule
from .sine_source import SineSource
from .neural_filter import NeuralFilterBlock
from .sinc_filter import SincFilters
from .level_stage import LevelStage


class SincNsf(nn.Module):
    """forward(descriptors [B, T, D] raw, harmonic_phase [B, S] cycles, harmonic_noise [B, T*hop, S],
    noise_excitation [B, T*hop, 1]) -> audio [B, T*hop]. Input statistics are buffers (`input_mean`,
    `input_std`) so the model normalises raw descriptors itself."""

    def __init__(self, cfg: NsfConfig = NsfConfig()):
        super().__init__()
        self.cfg = cfg
        self.register_buffer("input_mean", torch.zeros(cfg.input_dim))
        self.register_buffer("input_std", torch.ones(cfg.input_dim))
        self.condition = ConditionModule(cfg)
        self.source = SineSource(cfg)
        self.harmonic_blocks = nn.ModuleList(
            NeuralFilterBlock(cfg.hidden, cfg.filter_kernel, cfg.harmonic_convs, cfg.block_scale) for _ in range(cfg.harmonic_blocks))
        self.noise_blocks = nn.ModuleList(
            NeuralFilterBlock(cfg.hidden, cfg.filter_kernel, cfg.noise_convs, cfg.block_scale) for _ in range(cfg.noise_blocks))
        self.sinc = SincFilters(cfg.sinc_order)
        self.level = LevelStage(cfg.hop_length, cfg.level_max_gain_db) if cfg.level_follow else None
        self.register_buffer("ones", torch.ones(cfg.hidden, 1, 1, 1), persistent=False)

    def forward(self, descriptors, harmonic_phase, harmonic_noise, noise_excitation, sample_start=None):
        """With `sample_start` (an int64 tensor [1], frames), the sample-rate part runs on a window of
        the descriptor window only: frames [sample_start, sample_start + N) where N is the length of
        harmonic_noise / noise_excitation in frames (they and the audio cover just that window). The
        frame-rate conditioning still reads every descriptor frame, so those samples are exactly the
        full render's; a streaming renderer then computes the filters only where its block needs
        them (the filters are causal: their lookahead is the conditioning's, at the frame rate)."""
        hop = self.cfg.hop_length
        feat = ((descriptors - self.input_mean) / self.input_std).transpose(1, 2)  # [B, D, T]
        f0 = descriptors[:, :, -1]
        context, cut_f = self.condition(feat, f0.unsqueeze(1))
        if sample_start is None:
            harmonic = self.source(f0, harmonic_phase, harmonic_noise)
            asked_rms = descriptors[:, :, 0]
        else:
            samples = harmonic_noise.shape[1]
            frames = samples // hop
            start = sample_start.reshape(())
            # reshaped to the noise's length so the graph's shape inference knows the filters'
            # tensors are that long (the graph pass names the axis; see name_symbolic_axes)
            b = context.shape[0]
            context = torch.narrow(context, 2, start * hop, samples).reshape(b, context.shape[1], samples)
            cut_f = torch.narrow(cut_f, 2, start * hop, samples).reshape(b, 1, samples)
            harmonic = self.source(f0, harmonic_phase, harmonic_noise, start, frames)
            asked_rms = torch.narrow(descriptors[:, :, 0], 1, start, frames)
        noise = noise_excitation.transpose(1, 2) * (self.cfg.sine_amp / 3)
        context, harmonic, noise = context.unsqueeze(2), harmonic.unsqueeze(2), noise.unsqueeze(2)
        if torch.onnx.is_in_onnx_export():
            # an identity depthwise 1x1 convolution hands the context to ORT in its blocked layout, so
            # the per-layer additions stay in that layout instead of reordering around every conv
            context = F.conv2d(context, self.ones, groups=self.cfg.hidden)
        for block in self.harmonic_blocks:
            harmonic = block(harmonic, context)
        for block in self.noise_blocks:
            noise = block(noise, context)
        audio = self.sinc(harmonic.squeeze(2), noise.squeeze(2), cut_f).squeeze(1)
        # the level stage is not trained through: training scores the network's own output, so the
        # network still learns the level and the stage only trims what is left (see LevelStage)
        return audio if self.level is None or self.training else self.level(audio, asked_rms)
