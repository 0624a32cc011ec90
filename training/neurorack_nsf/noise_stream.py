"""The host's seeded randomness (mulberry32 + Box-Muller), reproduced bit-for-bit where float64
maths agree, so golden vectors made here replay in the host."""
import math
import numpy as np


class NoiseStream:
    """Uniforms from mulberry32(seed); standard normals by Box-Muller in pairs (the second is kept).

    Order of draws for a render of T frames (the contract the host follows): `sines - 1` uniforms for
    harmonic_phase[1:] (harmonic_phase[0] = 0), then for every sample in time order `sines` normals
    (harmonic_noise[n, :]) followed by one normal (noise_excitation[n])."""

    def __init__(self, seed: int):
        self.state = seed & 0xFFFFFFFF
        self.spare = None

    def uniform(self) -> float:
        self.state = (self.state + 0x6D2B79F5) & 0xFFFFFFFF
        t = self.state
        t = ((t ^ (t >> 15)) * (t | 1)) & 0xFFFFFFFF
        t ^= (t + (((t ^ (t >> 7)) * (t | 61)) & 0xFFFFFFFF)) & 0xFFFFFFFF
        return ((t ^ (t >> 14)) & 0xFFFFFFFF) / 4294967296.0

    def normal(self) -> float:
        if self.spare is not None:
            z, self.spare = self.spare, None
            return z
        u1 = self.uniform()
        u2 = self.uniform()
        r = math.sqrt(-2.0 * math.log(1.0 - u1))
        self.spare = r * math.sin(2.0 * math.pi * u2)
        return r * math.cos(2.0 * math.pi * u2)

    def draw(self, frames: int, hop: int, sines: int):
        """(harmonic_phase [1, S], harmonic_noise [1, T*hop, S], noise_excitation [1, T*hop, 1]) float32."""
        phase = np.zeros((1, sines), dtype=np.float32)
        for s in range(1, sines):
            phase[0, s] = self.uniform()
        n = frames * hop
        both = np.empty((n, sines + 1), dtype=np.float32)
        for i in range(n):
            for s in range(sines + 1):
                both[i, s] = self.normal()
        return phase, both[None, :, :sines].copy(), both[None, :, sines:].copy()
