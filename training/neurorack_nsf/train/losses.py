"""Losses: the original's multi-resolution log-spectral distance (hn-sinc-NSF) plus descriptor
losses computed differentiably from the output (frame RMS, spectral centroid, roll-off, bandwidth
and flatness on the host extractor's framing: 2048-sample Hann frames every 512 samples, centred)."""
import torch
import torch.nn.functional as F

# (fft size, hop, window length) of hn-sinc-NSF's three resolutions
STFT_RESOLUTIONS = ((512, 80, 320), (128, 40, 80), (2048, 640, 1920))
AMP_FLOOR = 1e-5


def _stft_power(x: torch.Tensor, n_fft: int, hop: int, win: int) -> torch.Tensor:
    window = torch.hann_window(win, device=x.device, dtype=x.dtype)
    spec = torch.stft(x, n_fft, hop, win, window=window, center=True, return_complex=True)
    return spec.real ** 2 + spec.imag ** 2


def multi_resolution_log_spectral(output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """Sum over resolutions of the mean squared difference of log power spectra (Wang & Yamagishi)."""
    loss = output.new_zeros(())
    for n_fft, hop, win in STFT_RESOLUTIONS:
        po = torch.log(_stft_power(output, n_fft, hop, win) + AMP_FLOOR)
        pt = torch.log(_stft_power(target, n_fft, hop, win) + AMP_FLOOR)
        loss = loss + F.mse_loss(po, pt) * 0.5
    return loss


def frame_rms(x: torch.Tensor, frame: int = 2048, hop: int = 512) -> torch.Tensor:
    """[B, L] to [B, L//hop] RMS of centred, zero-padded frames (the extractor's framing, last frame dropped)."""
    sq = F.pad(x * x, (frame // 2, frame // 2)).unsqueeze(1)
    mean = F.avg_pool1d(sq, frame, hop).squeeze(1)
    return torch.sqrt(mean[:, : x.shape[1] // hop] + 1e-12)


def _frame_spectrum(x: torch.Tensor, n_fft: int = 2048, hop: int = 512):
    """Magnitude [B, bins, frames] of centred, zero-padded Hann frames (the extractor's framing)."""
    window = torch.hann_window(n_fft, device=x.device, dtype=x.dtype)
    xp = F.pad(x.unsqueeze(1), (n_fft // 2, n_fft // 2)).squeeze(1)
    spec = torch.stft(xp, n_fft, hop, n_fft, window=window, center=False, return_complex=True)
    return spec.real ** 2 + spec.imag ** 2


ROLLOFF_SHARE = 0.85
DESCRIPTOR_TERMS = ["rms", "centroid", "rolloff", "bandwidth", "flatness", "dc", "rolloff_delta"]
"""The terms descriptor_losses returns, in the order the CSV log and the model card list them."""


def spectral_shape(x: torch.Tensor, n_fft: int = 2048, hop: int = 512, sample_rate: int = 22050):
    """[B, L] to (centroid Hz, bandwidth Hz, flatness, roll-off Hz) each [B, L//hop], as librosa
    defines them: centroid and bandwidth from the magnitude spectrum normalised per frame, flatness
    the ratio of geometric to arithmetic mean of the power spectrum (floored at 1e-10), roll-off
    the frequency below which 85% of the magnitude lies. librosa's roll-off is the frequency of the
    first bin whose cumulative share reaches 85%; here it is interpolated between that bin and the
    one before by where the share crosses 85%, so it has a gradient (and stays within a bin of
    librosa's)."""
    power = _frame_spectrum(x, n_fft, hop)
    mag = torch.sqrt(power + 1e-12)
    freqs = torch.linspace(0, sample_rate / 2, n_fft // 2 + 1, device=x.device, dtype=x.dtype).view(1, -1, 1)
    weights = mag / (mag.sum(1, keepdim=True) + 1e-8)
    cent = (weights * freqs).sum(1)
    bw = torch.sqrt((weights * (freqs - cent.unsqueeze(1)) ** 2).sum(1) + 1e-6)
    p = power.clamp(min=1e-10)
    flat = torch.exp(torch.log(p).mean(1)) / p.mean(1)
    share = weights.cumsum(1)
    k = (share < ROLLOFF_SHARE).sum(1, keepdim=True).clamp(1, share.shape[1] - 1)  # first bin at 85%
    hi, lo = share.gather(1, k), share.gather(1, k - 1)
    within = ((ROLLOFF_SHARE - lo) / (hi - lo).clamp(min=1e-8)).clamp(0, 1)
    rolloff = ((k - 1).to(x.dtype) + within).squeeze(1) * (sample_rate / n_fft)
    t = x.shape[1] // hop
    return cent[:, :t], bw[:, :t], flat[:, :t], rolloff[:, :t]


def spectral_centroid(x: torch.Tensor, n_fft: int = 2048, hop: int = 512, sample_rate: int = 22050) -> torch.Tensor:
    """[B, L] to [B, L//hop] magnitude-weighted mean frequency in Hz."""
    return spectral_shape(x, n_fft, hop, sample_rate)[0]


def frame_mean(x: torch.Tensor, frame: int = 2048, hop: int = 512) -> torch.Tensor:
    """[B, L] to [B, L//hop] mean of centred frames: the local DC level."""
    xp = F.pad(x, (frame // 2, frame // 2)).unsqueeze(1)
    return F.avg_pool1d(xp, frame, hop).squeeze(1)[:, : x.shape[1] // hop]


def descriptor_losses(output: torch.Tensor, descriptors: torch.Tensor, target: torch.Tensor = None, rms_floor: float = 1e-4,
                      per_item: bool = False) -> dict:
    """L1 distances between log descriptors of the output and the asked ones (raw values [B, T, 7]),
    over frames where the asked RMS is above 1% of the segment's peak (as the evaluation counts
    them): `rms`, `centroid`, `rolloff`, `bandwidth`, `flatness`; and `dc`, the local mean of the output
    against the target's relative to the asked RMS (a DC offset silences the zero-crossing rate); and
    `rolloff_delta`, the L1 distance between the frame-to-frame changes of log roll-off obtained and
    asked, over pairs of counted frames: blind to a constant offset, it scores the shape of the curve,
    which is what the evaluation's correlation measures, and it punishes roll-off that jitters where
    the asked curve is smooth.

    With `per_item`, each term is the mean over the batch of each item's own mean over its counted
    frames, so a batch split across processes (DDP) averages to the same loss as the whole batch."""
    asked_rms = descriptors[:, :, 0]
    mask = (asked_rms > 0.01 * asked_rms.amax(1, keepdim=True)).float()
    pairs = mask[:, 1:] * mask[:, :-1]

    def masked_mean(values, m):
        if per_item:
            return ((values * m).sum(1) / m.sum(1).clamp(min=1)).mean()
        return (values * m).sum() / m.sum().clamp(min=1)

    def log_gap(got, asked, floor):
        return torch.log(got + floor) - torch.log(asked + floor)

    def l1log(got, asked, floor):
        return masked_mean(log_gap(got, asked, floor).abs(), mask)

    def l1log_delta(got, asked, floor):
        gap = log_gap(got, asked, floor)
        return masked_mean((gap[:, 1:] - gap[:, :-1]).abs(), pairs)

    cent, bw, flat, rolloff = spectral_shape(output)
    out = {"rms": l1log(frame_rms(output), asked_rms, rms_floor),
           "centroid": l1log(cent, descriptors[:, :, 5], 1.0),
           "rolloff": l1log(rolloff, descriptors[:, :, 2], 1.0),
           "bandwidth": l1log(bw, descriptors[:, :, 4], 1.0),
           "flatness": l1log(flat, descriptors[:, :, 3], 1e-6),
           "rolloff_delta": l1log_delta(rolloff, descriptors[:, :, 2], 1.0)}
    ref = frame_mean(target) if target is not None else 0
    out["dc"] = masked_mean((frame_mean(output) - ref).abs() / (asked_rms + 1e-3), mask)
    return out
