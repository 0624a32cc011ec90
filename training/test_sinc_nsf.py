"""Architecture checks: shapes, causality of the filter path, and the upsampling identity.
Run with: /usr/bin/python3 -m unittest discover training"""
import os
import tempfile
import unittest

import onnx
import torch
import torch.nn.functional as F

from neurorack_nsf import NsfConfig, SincNsf
from neurorack_nsf.export_onnx import example_inputs, export
from neurorack_nsf.graph_passes import optimise
from neurorack_nsf.model_folder import write_model_folder
from neurorack_nsf.neural_filter import NeuralFilterBlock
from neurorack_nsf.onnx_weights import model_from_folder
from neurorack_nsf.sinc_filter import SincFilters
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

    def test_sample_window_computes_the_full_render_s_samples(self):
        """With sample_start, the filters run on frames [start, start + N) only: past their own left
        context and short of the level stage's right frames, those samples are the full render's."""
        torch.manual_seed(0)
        model = SincNsf(SMALL).eval()
        frames, start, n = 24, 6, 14
        left, right = SMALL.sample_window_frames()
        self.assertLess(left, n - right)
        desc, phase, hn, ne, _ = example_inputs(model, frames=frames)
        hop = SMALL.hop_length
        with torch.no_grad():
            full = model(desc, phase, hn, ne)
            window = model(desc, phase, hn[:, start * hop:(start + n) * hop], ne[:, start * hop:(start + n) * hop],
                           torch.tensor([start]))
        self.assertEqual(tuple(window.shape), (1, n * hop))
        kept = slice(left * hop, (n - right) * hop)
        self.assertLess((window[:, kept] - full[:, start * hop:(start + n) * hop][:, kept]).abs().max().item(), 1e-6)
        self.assertFalse(torch.allclose(window[:, :hop], full[:, start * hop:(start + 1) * hop]), "the filters start cold at the window")

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

    def test_sinc_filters_equal_the_direct_time_varying_fir(self):
        torch.manual_seed(0)
        sinc = SincFilters(31)
        harmonic, noise = torch.randn(2, 1, 900), torch.randn(2, 1, 900)
        cut_f = 0.1 + 0.8 * torch.rand(2, 1, 900)
        lp, hp = sinc.coefficients(cut_f)

        def fir(signal, coef):  # output n reads samples n-30..n, tap i weighting sample n-30+i
            padded = F.pad(signal, (30, 0))
            return sum(coef[:, i:i + 1] * padded[:, :, i:i + 900] for i in range(31))
        with torch.no_grad():
            fast = sinc(harmonic, noise, cut_f)
        direct = fir(harmonic, lp) + fir(noise, hp)
        self.assertLess((fast - direct).abs().max().item(), 1e-5)
        self.assertGreater(direct.abs().max().item(), 0.1)

    def test_graph_passes_fold_scales_and_name_the_sample_axis(self):
        torch.manual_seed(0)
        cfg = NsfConfig(hidden=16, harmonic_blocks=2, harmonic_convs=3, noise_blocks=1, noise_convs=2)
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "model.onnx")
            export(SincNsf(cfg).eval(), path)
            report = optimise(path, cfg.hop_length)
            model = onnx.load(path)
        self.assertEqual(report["scales_folded_into_conv"], cfg.harmonic_blocks + cfg.noise_blocks)
        self.assertEqual(report["pads_folded_into_conv"], 2 * 3 + 2)
        producers = {o: n for n in model.graph.node for o in n.output}
        for conv in (n for n in model.graph.node if n.op_type == "Conv"):
            self.assertNotEqual(getattr(producers.get(conv.input[0]), "op_type", None), "Mul", conv.name)
        named = {vi.name: [d.dim_param or d.dim_value for d in vi.type.tensor_type.shape.dim] for vi in model.graph.value_info}
        residual = [n for n in model.graph.node if n.op_type == "Add" and n.name.startswith("/harmonic_blocks.0/")]
        self.assertTrue(residual)
        for add in residual:
            self.assertIn(named.get(add.output[0]), ([1, cfg.hidden, 1, "samples"], [1, 1, 1, "samples"]), add.name)
        self.assertGreaterEqual(sum(named.get(a.output[0], [0])[1] == cfg.hidden for a in residual), 2 * 3)

    def test_weights_read_back_from_an_exported_model_folder(self):
        torch.manual_seed(1)
        cfg = NsfConfig(hidden=16, harmonic_blocks=1, harmonic_convs=3, noise_blocks=1, noise_convs=2, hop_length=64)
        model = SincNsf(cfg).eval()
        with torch.no_grad():
            model.input_mean.copy_(torch.rand(cfg.input_dim))
        with tempfile.TemporaryDirectory() as tmp:
            write_model_folder(model, tmp, "t", "t")
            back = model_from_folder(tmp)
        want, got = model.state_dict(), back.state_dict()
        self.assertEqual(set(want), set(got))
        for name in want:
            self.assertLess((want[name] - got[name]).abs().max().item(), 1e-6, name)

    def test_receptive_field_is_positive(self):
        cfg = NsfConfig()
        self.assertEqual(cfg.block_receptive(10), 2046)
        self.assertGreater(cfg.left_context_frames(), cfg.left_context_samples() // cfg.hop_length)


if __name__ == "__main__":
    unittest.main()
