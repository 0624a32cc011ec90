"""Losses: the original's multi-resolution log-spectral distance (hn-sinc-NSF) plus two descriptor
losses computed differentiably from the output (frame RMS and spectral centroid on the host
extractor's framing: 2048-sample Hann frames every 512 samples, centred)."""
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


def spectral_centroid(x: torch.Tensor, n_fft: int = 2048, hop: int = 512, sample_rate: int = 22050) -> torch.Tensor:
    """[B, L] to [B, L//hop] magnitude-weighted mean frequency in Hz (Hann window, centred, zero padding)."""
    window = torch.hann_window(n_fft, device=x.device, dtype=x.dtype)
    xp = F.pad(x.unsqueeze(1), (n_fft // 2, n_fft // 2)).squeeze(1)
    spec = torch.stft(xp, n_fft, hop, n_fft, window=window, center=False, return_complex=True)
    mag = torch.sqrt(spec.real ** 2 + spec.imag ** 2 + 1e-12)
    freqs = torch.linspace(0, sample_rate / 2, n_fft // 2 + 1, device=x.device, dtype=x.dtype).view(1, -1, 1)
    cent = (mag * freqs).sum(1) / (mag.sum(1) + 1e-8)
    return cent[:, : x.shape[1] // hop]


def descriptor_losses(output: torch.Tensor, descriptors: torch.Tensor, rms_floor: float = 1e-4):
    """(log-RMS L1, log-centroid L1), each over frames where the asked RMS is above 1% of the
    segment's peak (as the evaluation counts them). `descriptors` are the raw asked values [B, T, 7]."""
    asked_rms = descriptors[:, :, 0]
    asked_cent = descriptors[:, :, 5]
    mask = (asked_rms > 0.01 * asked_rms.amax(1, keepdim=True)).float()
    n = mask.sum().clamp(min=1)
    rms = frame_rms(output)
    l_rms = ((torch.log(rms + rms_floor) - torch.log(asked_rms + rms_floor)).abs() * mask).sum() / n
    cent = spectral_centroid(output)
    l_cent = ((torch.log(cent + 1.0) - torch.log(asked_cent + 1.0)).abs() * mask).sum() / n
    return l_rms, l_cent
