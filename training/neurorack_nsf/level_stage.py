"""An explicit level stage: scales the rendered audio so that its frame RMS follows the asked RMS curve."""
import torch
from torch import nn
import torch.nn.functional as F

FRAME_HOPS = 4
"""A descriptor frame is 2048 samples, four hops: frame t covers hops t-2, t-1, t and t+1 (librosa's centring)."""

LEFT_HOPS, RIGHT_HOPS = 2, 2
"""Hops of rendered audio either side of a hop that its gain reads: frame t reaches back two hops, and
the interpolation towards frame t+1 reaches forward to hop t+2."""


class LevelStage(nn.Module):
    """forward(audio [B, T*hop], asked_rms [B, T]) -> audio [B, T*hop].

    Measures the render's RMS on the descriptor extractor's frames (2048 samples centred on t*hop,
    zeros outside), takes gain_t = asked_t / measured_t, capped at `max_gain_db`, and multiplies the
    audio by the gains interpolated linearly between frame centres. The network keeps the spectral
    shape and, as trained, the level too; the stage then trims what is left, so the level the
    performer asks for is met by construction. It has no weights, so it can be switched on for a
    trained model (as `level_follow` in its architecture).

    SincNsf runs it in eval mode only (export, evaluation, the host); training and its validation
    score the network's own output. Trained through it, the level is a free direction for the
    network: one attempt (5,000 steps from 1.9.0's run, the learning rate raised from 1e-5 to 4e-5
    at the same time) lost held-out roll-off, 0.907 to 0.899. On the validation segments the stage
    raises the log-spectral loss (6.9 to 8.9 at step 240,100) while it lowers the held-out spectral
    distance, likely because lifting a render that is too quiet also lifts its wrong bins above the
    loss's floor."""

    def __init__(self, hop: int, max_gain_db: float, floor: float = 1e-6):
        super().__init__()
        self.hop = hop
        self.max_gain = 10.0 ** (max_gain_db / 20.0)
        self.floor = floor
        self.register_buffer("ramp", torch.arange(hop, dtype=torch.float32) / hop, persistent=False)
        self.register_buffer("frame_sum", torch.ones(1, 1, FRAME_HOPS), persistent=False)

    def measured_rms(self, audio: torch.Tensor) -> torch.Tensor:
        """[B, T*hop] -> [B, T]: RMS over each centred 2048-sample frame."""
        b = audio.shape[0]
        energy = (audio * audio).reshape(b, 1, -1, self.hop).sum(3)  # [B, 1, T] per hop
        framed = F.conv1d(F.pad(energy, (LEFT_HOPS, FRAME_HOPS - 1 - LEFT_HOPS)), self.frame_sum)
        return torch.sqrt(framed.squeeze(1) / (FRAME_HOPS * self.hop) + self.floor * self.floor)

    def forward(self, audio: torch.Tensor, asked_rms: torch.Tensor) -> torch.Tensor:
        b = audio.shape[0]
        gain = torch.clamp(asked_rms.clamp(min=0) / self.measured_rms(audio), max=self.max_gain)  # [B, T]
        following = torch.cat([gain[:, 1:], gain[:, -1:]], dim=1)
        per_sample = gain.unsqueeze(2) * (1 - self.ramp) + following.unsqueeze(2) * self.ramp  # [B, T, hop]
        return audio * per_sample.reshape(b, -1)
