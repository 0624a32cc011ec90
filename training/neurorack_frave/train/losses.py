"""FRAVE's losses: RAVE's multi-scale spectral distance, the VAE's KL term and the fader's
cross-entropy; the descriptor terms are the sinc-NSF's (neurorack_nsf.train.losses), so both
models are scored on the host extractor's framing."""
import torch
import torch.nn.functional as F

SCALES = (2048, 1024, 512, 256, 128)


def _magnitude(x: torch.Tensor, n_fft: int) -> torch.Tensor:
    window = torch.hann_window(n_fft, device=x.device, dtype=x.dtype)
    spec = torch.stft(x, n_fft, n_fft // 4, n_fft, window=window, center=True, return_complex=True)
    return torch.sqrt(spec.real ** 2 + spec.imag ** 2 + 1e-10)


def multiscale_spectral(output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """RAVE's distance: per scale, the relative Frobenius distance of magnitudes plus the mean
    absolute distance of log magnitudes, summed over scales; each item scored on its own and the
    items averaged (so a batch split across DDP processes averages to the same loss)."""
    loss = output.new_zeros(())
    for n in SCALES:
        mo, mt = _magnitude(output, n), _magnitude(target, n)
        rel = torch.linalg.norm((mo - mt).flatten(1), dim=1) / torch.linalg.norm(mt.flatten(1), dim=1).clamp(min=1e-6)
        loss = loss + rel.mean() + (torch.log(mo + 1e-7) - torch.log(mt + 1e-7)).abs().mean()
    return loss


def kl_divergence(mean: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """KL(q(z|x) || N(0, 1)), summed over latent dimensions, averaged over frames."""
    return 0.5 * (mean ** 2 + logvar.exp() - logvar - 1).sum(-1).mean()


def fader_cross_entropy(logits: torch.Tensor, bins: torch.Tensor) -> torch.Tensor:
    """logits [B, 7, bins, T], bins [B, 7, T] to the mean cross-entropy over descriptors and frames."""
    b, d, k, t = logits.shape
    return F.cross_entropy(logits.permute(0, 1, 3, 2).reshape(-1, k), bins.reshape(-1))


def ramp(step: int, start: int, length: int) -> float:
    """0 before `start`, then linearly to 1 over `length` steps (a warm-up weight)."""
    if step < start:
        return 0.0
    return 1.0 if length <= 0 else min(1.0, (step - start) / length)
