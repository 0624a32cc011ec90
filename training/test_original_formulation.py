"""The original's formulation (neurorack_nsf.original_formulation) computes the same function as our
SincNsf on the same weights: on a small random configuration end to end, and on the original
checkpoint stage by stage, end to end, and against the checkpoint's own case-a output.
Run with: /usr/bin/python3 -m unittest discover training"""
import os
import unittest

try:
    import numpy as np
    import torch
    HAVE_TORCH = True
except ImportError:  # pragma: no cover - reported as a skip
    HAVE_TORCH = False

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "fixtures", "neurorack-original")
CHECKPOINT = os.path.join(FIXTURES, "model_nsf_sinc_ema_impacts_waveform_5.0.th")
TOLERANCE = 1e-4


def max_error(a, b) -> float:
    return (a - b).abs().max().item()


@unittest.skipUnless(HAVE_TORCH, "torch and numpy are not installed for this Python: use /usr/bin/python3 with python3-torch")
class SmallConfigurationTest(unittest.TestCase):
    def test_same_output_as_our_module_with_voiced_and_unvoiced_frames(self):
        from neurorack_nsf import NsfConfig, SincNsf
        from neurorack_nsf.export_onnx import example_inputs
        from neurorack_nsf.original_formulation import from_sinc_nsf
        cfg = NsfConfig(hidden=16, harmonic_blocks=2, harmonic_convs=4, noise_blocks=1, noise_convs=3, hop_length=64)
        torch.manual_seed(3)
        ours = SincNsf(cfg).eval()
        with torch.no_grad():
            ours.input_mean.copy_(torch.rand(cfg.input_dim) * 100)
            ours.input_std.copy_(torch.rand(cfg.input_dim) * 50 + 1)
        desc, phase, noise, excitation, _ = example_inputs(ours, frames=40, seed=5)
        desc[:, 12:20, -1] = 0  # unvoiced: noise source, lower cut-off
        with torch.no_grad():
            want = ours(desc, phase, noise, excitation)
            got = from_sinc_nsf(ours)(desc, phase, noise, excitation)
        self.assertEqual(got.shape, want.shape)
        self.assertGreater(want.abs().max().item(), 0.1)
        self.assertLess(max_error(got, want), TOLERANCE)


@unittest.skipUnless(HAVE_TORCH, "torch and numpy are not installed for this Python: use /usr/bin/python3 with python3-torch")
@unittest.skipUnless(os.path.exists(CHECKPOINT), f"no original checkpoint at {CHECKPOINT} (../shared fixtures absent)")
class OriginalCheckpointTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        from neurorack_nsf.original_checkpoint import load_original, to_sinc_nsf
        from neurorack_nsf.original_formulation import from_original_checkpoint
        torch.set_num_threads(1)
        orig = load_original(CHECKPOINT)
        cls.ours = to_sinc_nsf(orig)
        cls.original = from_original_checkpoint(orig)
        frames = 32
        n = frames * 512

        def read(name, shape):
            return torch.from_numpy(np.fromfile(os.path.join(FIXTURES, f"case-a.{name}.f32"), dtype="<f4").reshape(shape))
        cls.inputs = (read("descriptors", (1, frames, 7)), read("harmonic_phase", (1, 17)),
                      read("harmonic_noise", (1, n, 17)), read("noise_excitation", (1, n, 1)))
        cls.reference = read("audio", (1, n))
        with torch.no_grad():
            cls.ours_audio = cls.ours(*cls.inputs)
            cls.original_audio = cls.original(*cls.inputs)

    def test_weights_read_from_the_checkpoint_equal_those_copied_from_our_module(self):
        from neurorack_nsf.original_formulation import from_sinc_nsf
        want, got = self.original.state_dict(), from_sinc_nsf(self.ours).state_dict()
        self.assertEqual(set(want), set(got))
        for name in want:
            self.assertTrue(torch.equal(want[name], got[name]), name)

    def test_reproduces_the_checkpoint_output(self):
        self.assertLess(max_error(self.original_audio, self.reference), TOLERANCE)

    def test_each_stage_matches_our_module(self):
        desc, phase, noise, excitation = self.inputs
        ours, original = self.ours, self.original
        with torch.no_grad():
            f0 = desc[:, :, -1]
            context, cut_f = ours.condition(((desc - ours.input_mean) / ours.input_std).transpose(1, 2), f0.unsqueeze(1))
            harmonic = ours.source(f0, phase, noise)
            o_context, o_f0, o_cut_f = original.m_cond((desc - original.input_mean) / original.input_std, desc[:, :, -1:])
            o_harmonic, o_noise = original.m_source(o_f0, phase, noise, excitation)
            # the filter module on our module's context, cut-off and excitations
            filtered = original.m_filter(harmonic.transpose(1, 2), o_noise, context.transpose(1, 2), cut_f.transpose(1, 2))
        self.assertLess(max_error(o_context, context.transpose(1, 2)), TOLERANCE)
        self.assertLess(max_error(o_cut_f, cut_f.transpose(1, 2)), TOLERANCE)
        self.assertLess(max_error(o_harmonic, harmonic.transpose(1, 2)), TOLERANCE)
        self.assertLess(max_error(filtered.squeeze(-1), self.ours_audio), TOLERANCE)

    def test_end_to_end_matches_our_module_within_the_phase_rounding(self):
        """End to end the two differ by more than each stage does: the original sums the sine phase
        in float32 (a cumulative sum over samples), ours in float64, and this trained filter stack
        amplifies the ~4e-6 difference in its excitation about a hundredfold (our module is 5.4e-4
        from the checkpoint's own output, the original's formulation 1.8e-5)."""
        self.assertLess(max_error(self.original_audio, self.ours_audio), 1e-3)
        self.assertGreater(self.reference.abs().max().item(), 0.5)


if __name__ == "__main__":
    unittest.main()
