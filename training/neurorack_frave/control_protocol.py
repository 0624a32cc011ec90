"""F-RAVE's control protocol, as we read it (Devis et al., ICASSP 2023, section 4): take a sound, encode
it, change 1, 2, 3 or 4 of its descriptor curves at once, decode with the sound's own latent, and
measure how closely each changed descriptor of the output follows its asked curve; their figure is
(r + 1) / 2 of Pearson's r (0.83 / 0.78 / 0.75 / 0.75 for 1 / 2 / 3 / 4 changed).

Here a changed curve is the same descriptor's curve of the next sound of the set (time-aligned,
held at its last value), so the asked change has a shape of its own rather than an offset, which a
correlation would not see. Descriptors are measured on the host extractor's framing (the training
losses' differentiable extractor, within a bin of librosa's), logs, over frames where the asked RMS
is above 1% of its peak, as `neurorack eval` counts them."""
import itertools
import numpy as np
import torch
from neurorack_nsf.descriptor_order import DESCRIPTOR_COLUMN
from neurorack_nsf.train.losses import frame_rms, spectral_shape
from .wav_io import read_wav

CHANGED = ["rms", "rolloff", "bandwidth", "centroid"]
COLUMN = DESCRIPTOR_COLUMN
PUBLISHED = {1: 0.83, 2: 0.78, 3: 0.75, 4: 0.75}


def measure(audio: np.ndarray) -> np.ndarray:
    """[frames, 7] descriptors of `audio` (zcr and f0 set to neutral values: not scored here)."""
    x = torch.from_numpy(np.array(audio, dtype=np.float32))[None]
    with torch.no_grad():
        cent, bw, flat, roll = spectral_shape(x)
        rms = frame_rms(x)
    z = torch.zeros_like(rms)
    return torch.stack([rms, z + 0.1, roll, flat, bw, cent, z + 100], 2)[0].numpy()


def _aligned(curve: np.ndarray, frames: int) -> np.ndarray:
    if len(curve) >= frames:
        return curve[:frames]
    return np.concatenate([curve, np.repeat(curve[-1:], frames - len(curve), 0)])


def run(frave, wavs, seed: int = 1) -> dict:
    """{k: mean (r+1)/2 over sounds and combinations}, with per-descriptor means for k = 1."""
    frave = frave.eval()
    sounds = []
    for p in wavs:
        a, rate = read_wav(p)
        if rate != frave.cfg.sample_rate:
            raise ValueError(f"{p}: expected {frave.cfg.sample_rate} Hz, got {rate}")
        n = len(a) // frave.cfg.hop_length
        a = a[: n * frave.cfg.hop_length]
        sounds.append((a, measure(a)))
    scores = {k: [] for k in range(1, 5)}
    single = {d: [] for d in CHANGED}
    g = torch.Generator().manual_seed(seed)
    for i, (audio, desc) in enumerate(sounds):
        other = sounds[(i + 1) % len(sounds)][1]
        frames = desc.shape[0]
        with torch.no_grad():
            latent = frave.encoder(torch.from_numpy(np.array(audio))[None])[0]
        noise = torch.randn(1, frave.cfg.bands, frames * frave.cfg.hop_length // frave.cfg.bands, generator=g)
        for k in range(1, 5):
            for combo in itertools.combinations(CHANGED, k):
                asked = desc.copy()
                for d in combo:
                    asked[:, COLUMN[d]] = _aligned(other[:, COLUMN[d]], frames)
                with torch.no_grad():
                    out = frave.decoder(latent, torch.from_numpy(asked)[None], noise)[0].numpy()
                got = measure(out)
                mask = asked[:, 0] > 0.01 * asked[:, 0].max()
                for d in combo:
                    x = np.log(asked[mask, COLUMN[d]] + 1e-6)
                    y = np.log(got[mask, COLUMN[d]] + 1e-6)
                    if x.std() > 0 and y.std() > 0:
                        s = (np.corrcoef(x, y)[0, 1] + 1) / 2
                        scores[k].append(s)
                        if k == 1:
                            single[d].append(s)
    return {"changed": {k: float(np.mean(v)) for k, v in scores.items()},
            "single": {d: float(np.mean(v)) for d, v in single.items()},
            "published": PUBLISHED, "sounds": len(sounds)}
