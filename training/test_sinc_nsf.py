"""Architecture checks: shapes, causality of the filter path, and the upsampling identity.
Run with: /usr/bin/python3 -m unittest discover training"""
import unittest

import torch

from neurorack_nsf import NsfConfig, SincNsf
from neurorack_nsf.export_onnx import example_inputs
from neurorack_nsf.neural_filter import NeuralFilterBlock
from neurorack_nsf.smoothing import RepeatSmooth

SMALL = NsfConfig(hidden=16, harmonic_blocks=2, harmonic_convs=4, noise_blocks=1, noise_convs=3, hop_length=64)


class ArchitectureTest(unittest.TestCase):
    def test_shapes(self):
        torch.manual_seed(0)
        model = SincNsf(SMALL).eval()
        inputs = example_inputs(model, frames=5)
        with torch.no_grad():
            y = model(*inputs)
        self.assertEqual(tuple(y.shape), (1, 5 * SMALL.hop_length))
        self.assertTrue(torch.isfinite(y).all())

    def test_filter_block_is_causal(self):
        torch.manual_seed(0)
        block = NeuralFilterBlock(16, 3, 4).eval()
        x = torch.randn(1, 1, 1, 200)
        ctx = torch.randn(1, 16, 1, 200)
        with torch.no_grad():
            a = block(x, ctx)
            x2 = x.clone()
            x2[..., 150:] += 1.0
            b = block(x2, ctx)
        self.assertTrue(torch.equal(a[..., :150], b[..., :150]))
        self.assertFalse(torch.equal(a[..., 150:], b[..., 150:]))

    def test_repeat_smooth_matches_two_moving_averages(self):
        hop = 8
        x = torch.randn(1, 3, 6)
        up = torch.repeat_interleave(x, hop, dim=2)
        ref = up
        for _ in range(2):
            padded = torch.nn.functional.pad(ref.unsqueeze(2), (hop // 2 - 1, hop // 2, 0, 0), mode="replicate").squeeze(2)
            ref = torch.nn.functional.conv1d(padded, torch.ones(3, 1, hop) / hop, groups=3)
        self.assertTrue(torch.allclose(RepeatSmooth(hop)(x), ref, atol=1e-6))

    def test_receptive_field_is_positive(self):
        cfg = NsfConfig()
        self.assertEqual(cfg.block_receptive(10), 2046)
        self.assertGreater(cfg.left_context_frames(), cfg.left_context_samples() // cfg.hop_length)


if __name__ == "__main__":
    unittest.main()
