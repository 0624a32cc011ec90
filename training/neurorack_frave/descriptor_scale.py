"""The descriptors as the decoder sees them: log values (with a floor per descriptor) mapped to
[-1, 1] by the training set's range (its 0.5th and 99.5th percentiles), clamped there. The range is
the model's training range: the manifest carries it and the host shows when a CV leaves it."""
import numpy as np
import torch
import torch.nn as nn

from neurorack_nsf.descriptor_order import DESCRIPTOR_ORDER

LOG_FLOORS = [1e-4, 1e-4, 1.0, 1e-6, 1.0, 1.0, 1.0]
PERCENTILES = (0.5, 99.5)


def training_range(descriptor_arrays, rms_share: float = 0.01):
    """(low, high) per descriptor in host units: the percentiles of the frames of every item whose
    RMS is above `rms_share` of that item's peak (the frames the evaluation scores)."""
    frames = []
    for d in descriptor_arrays:
        d = np.asarray(d, dtype=np.float64)
        frames.append(d[d[:, 0] > rms_share * d[:, 0].max()])
    allf = np.concatenate(frames)
    logs = np.log(allf + np.array(LOG_FLOORS))
    lo, hi = np.percentile(logs, PERCENTILES[0], axis=0), np.percentile(logs, PERCENTILES[1], axis=0)
    hi = np.maximum(hi, lo + 1e-3)
    return (np.exp(lo) - LOG_FLOORS).tolist(), (np.exp(hi) - LOG_FLOORS).tolist()


def quantile_edges(descriptor_arrays, low, high, bins: int):
    """The inner edges [7, bins - 1] of equally populated bins of each scaled descriptor: the fader
    discriminator's classes."""
    scale = DescriptorScale(low, high)
    d = torch.tensor(np.concatenate([np.asarray(a, np.float32) for a in descriptor_arrays]))
    s = scale(d.unsqueeze(0))[0].numpy()
    q = np.linspace(0, 100, bins + 1)[1:-1]
    return np.percentile(s, q, axis=0).T.copy()


class DescriptorScale(nn.Module):
    def __init__(self, low, high):
        super().__init__()
        floors = torch.tensor(LOG_FLOORS, dtype=torch.float32)
        self.register_buffer("floors", floors)
        self.register_buffer("log_low", torch.log(torch.tensor(low, dtype=torch.float32) + floors))
        self.register_buffer("log_high", torch.log(torch.tensor(high, dtype=torch.float32) + floors))

    def forward(self, descriptors: torch.Tensor) -> torch.Tensor:
        """[B, T, 7] host units to [B, T, 7] in [-1, 1]."""
        logs = torch.log(descriptors.clamp(min=0) + self.floors)
        return (2 * (logs - self.log_low) / (self.log_high - self.log_low) - 1).clamp(-1, 1)
