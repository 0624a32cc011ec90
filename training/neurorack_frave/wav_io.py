"""A minimal WAV reader for evaluation sounds: mono or the first channel of 16-bit PCM or 32-bit
float, unknown chunks (fact, PEAK, LIST) skipped."""
import struct
import numpy as np


class WavError(ValueError):
    """Not a WAV file this reader understands."""


def read_wav(path: str):
    """(samples float32, sample rate)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise WavError(f"{path}: not a RIFF/WAVE file")
    fmt, body, i = None, None, 12
    while i + 8 <= len(data):
        cid, n = data[i:i + 4], struct.unpack("<I", data[i + 4:i + 8])[0]
        if cid == b"fmt ":
            fmt = struct.unpack("<HHIIHH", data[i + 8:i + 24])
        elif cid == b"data":
            body = data[i + 8:i + 8 + n]
        i += 8 + n + (n & 1)
    if fmt is None or body is None:
        raise WavError(f"{path}: no fmt or data chunk")
    tag, channels, rate, _, _, bits = fmt
    if tag == 3 and bits == 32:
        x = np.frombuffer(body[: len(body) // 4 * 4], "<f4")
    elif tag == 1 and bits == 16:
        x = np.frombuffer(body[: len(body) // 2 * 2], "<i2").astype(np.float32) / 32768
    else:
        raise WavError(f"{path}: expected 16-bit PCM or 32-bit float, got format {tag} with {bits} bits")
    return np.ascontiguousarray(x[::channels], dtype=np.float32), rate
