"""Every size of the model in one dataclass; the defaults are the original Neurorack configuration."""
from dataclasses import dataclass, asdict, field
from typing import List
import math
from .level_stage import LEFT_HOPS, RIGHT_HOPS
from .descriptor_order import DESCRIPTOR_ORDER  # noqa: F401 (re-exported)



@dataclass
class NsfConfig:
    sample_rate: int = 22050
    hop_length: int = 512
    input_dim: int = 7  # descriptors, f0 last
    hidden: int = 64
    cond_layers: int = 3
    cond_kernel: int = 3
    harmonic_num: int = 16  # overtones: harmonic_num + 1 sines
    sine_amp: float = 0.1
    noise_std: float = 0.003
    voiced_threshold: float = 0.0
    harmonic_blocks: int = 5
    harmonic_convs: int = 10  # dilations 1, 2, 4, ... 2**(n-1)
    noise_blocks: int = 1
    noise_convs: int = 5
    filter_kernel: int = 3
    sinc_order: int = 31
    cut_f_smooth_hops: int = 4
    block_scale: float = 0.1
    level_follow: bool = False  # an explicit level stage makes the render's frame RMS follow the asked RMS
    level_max_gain_db: float = 20.0

    @property
    def sines(self) -> int:
        return self.harmonic_num + 1

    @property
    def half_order(self) -> int:
        return (self.sinc_order - 1) // 2

    def block_receptive(self, convs: int) -> int:
        """Samples of left context one causal neural filter block reads."""
        return (self.filter_kernel - 1) * (2 ** convs - 1)

    def left_context_samples(self) -> int:
        """Samples before an output sample that can change it (causal filter stack + FIR + cut-off smoother,
        and the level stage's frames)."""
        filt = max(self.harmonic_blocks * self.block_receptive(self.harmonic_convs),
                   self.noise_blocks * self.block_receptive(self.noise_convs))
        smooth = self.cut_f_smooth_hops * self.hop_length // 2 - 1
        return filt + self.half_order + smooth + self.level_hops()[0] * self.hop_length

    def frame_context(self) -> int:
        """Frames either side a frame-rate feature reads: the condition convolutions and the 3-frame interpolation."""
        return self.cond_layers * (self.cond_kernel // 2) + 1

    def left_context_frames(self) -> int:
        """Frames of left context a streaming renderer must feed so its output equals the offline render."""
        return math.ceil(self.left_context_samples() / self.hop_length) + self.frame_context() + 1

    def lookahead_frames(self) -> int:
        """Frames after a block that its last sample depends on (non-causal smoothing, FIR, condition convs,
        the level stage's frames)."""
        right = self.half_order + self.cut_f_smooth_hops * self.hop_length // 2 + self.level_hops()[1] * self.hop_length
        return math.ceil(right / self.hop_length) + self.frame_context()

    def sample_window_frames(self) -> tuple:
        """Frames (left, right) of the sample-rate part's own window around a block: its causal
        filters (neural and FIR) and the level stage; the conditioning reads the descriptors at the
        frame rate over the wider field above."""
        filt = max(self.harmonic_blocks * self.block_receptive(self.harmonic_convs),
                   self.noise_blocks * self.block_receptive(self.noise_convs))
        left, right = self.level_hops()
        return math.ceil((filt + 2 * self.half_order) / self.hop_length) + left, right

    def level_hops(self) -> tuple:
        """Hops of rendered audio before and after a hop that the level stage reads (none without it)."""
        return (LEFT_HOPS, RIGHT_HOPS) if self.level_follow else (0, 0)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "NsfConfig":
        names = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in names})
