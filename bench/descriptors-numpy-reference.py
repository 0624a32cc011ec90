#!/usr/bin/env python3
"""NumPy stand-in for librosa 0.9.2's descriptor code, for speed comparison only.

NOT librosa: librosa cannot be installed here. This re-implements, vectorised over frames the way
librosa does it (util.frame views, np.fft.rfft STFT, FFT-based yin), the seven descriptors of
PARAMETERS.md. librosa itself adds argument checking and caching on top, so it is no faster.

Usage: descriptors-numpy-reference.py SIGNAL.f32 [REPEATS]
  SIGNAL.f32: raw little-endian float32 mono samples at 22050 Hz.
Prints JSON: {"seconds_best": s, "seconds_all": [...], "frames": [[7 values], ...]}.
"""
import json
import sys
import time

import numpy as np

SR, N_FFT, HOP = 22050, 2048, 512


def frame(y):
    n = 1 + (len(y) - N_FFT) // HOP
    return np.lib.stride_tricks.as_strided(y, shape=(N_FFT, n), strides=(y.itemsize, HOP * y.itemsize))


def descriptors(y):
    x = frame(np.pad(y, N_FFT // 2, mode="constant"))
    rms = np.sqrt(np.mean(np.abs(x) ** 2, axis=0))

    xe = frame(np.pad(y, N_FFT // 2, mode="edge")).copy()
    xe[np.abs(xe) <= 1e-10] = 0
    sign = np.signbit(xe)
    zcr = np.sum(sign[1:] != sign[:-1], axis=0) / N_FFT

    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)
    S = np.abs(np.fft.rfft(window[:, None] * x, axis=0))
    freq = np.arange(S.shape[0]) * SR / N_FFT
    cum = np.cumsum(S, axis=0)
    ind = np.where(cum < 0.85 * cum[-1], np.nan, 1)
    rolloff = np.nanmin(ind * freq[:, None], axis=0)
    P = np.maximum(1e-10, S ** 2)
    flatness = np.exp(np.mean(np.log(P), axis=0)) / np.mean(P, axis=0)
    norm = S.sum(axis=0)
    norm[norm < np.finfo(np.float32).tiny] = 1
    q = S / norm
    centroid = np.sum(freq[:, None] * q, axis=0)
    bandwidth = np.sqrt(np.sum(q * (freq[:, None] - centroid) ** 2, axis=0))

    f0 = yin(x)
    return np.stack([rms, zcr, rolloff, flatness, bandwidth, centroid, f0], axis=1)


def yin(x, win=N_FFT // 2, min_period=4, max_period=441):
    tiny = np.finfo(np.float64).tiny
    a = np.fft.rfft(x, N_FFT, axis=0)
    b = np.fft.rfft(x[win:0:-1, :], N_FFT, axis=0)
    acf = np.fft.irfft(a * b, N_FFT, axis=0)[win:]
    acf[np.abs(acf) < 1e-6] = 0
    energy = np.cumsum(x.astype(np.float64) ** 2, axis=0)
    energy = energy[win:, :] - energy[:-win, :]
    energy[np.abs(energy) < 1e-6] = 0
    d = energy[0, :] + energy - 2 * acf
    cmean = np.cumsum(d[1:max_period + 1, :], axis=0) / np.arange(1, max_period + 1)[:, None]
    c = d[min_period:max_period + 1, :] / (cmean[min_period - 1:max_period, :] + tiny)

    shifts = np.zeros_like(c)
    pa = (c[:-2] + c[2:] - 2 * c[1:-1]) / 2
    pb = (c[2:] - c[:-2]) / 2
    shifts[1:-1] = -pb / (2 * pa + tiny)
    shifts[np.abs(shifts) > 1] = 0

    padded = np.concatenate([c, c[-1:]], axis=0)
    trough = np.zeros_like(c, dtype=bool)
    trough[1:] = (c[1:] < c[:-1]) & (c[1:] <= padded[2:])
    trough[0] = c[0] < c[1]
    ok = trough & (c < 0.1)
    period = np.argmax(ok, axis=0)
    none = ~ok.any(axis=0)
    period[none] = np.argmin(c, axis=0)[none]
    cols = np.arange(c.shape[1])
    return SR / (min_period + period + shifts[period, cols])


def main():
    y = np.fromfile(sys.argv[1], dtype="<f4")
    repeats = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        m = descriptors(y)
        times.append(time.perf_counter() - t0)
    m = np.nan_to_num(m, nan=1.0)[:-1]
    print(json.dumps({"seconds_best": min(times), "seconds_all": times, "frames": m.tolist()}))


if __name__ == "__main__":
    main()
