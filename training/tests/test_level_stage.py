"""The level stage: measures RMS on the extractor's frames, makes the render follow the asked RMS, caps
its gain, acts in eval mode only, and keeps a window render with the configured context equal to the
whole render.

Run: /usr/bin/python3 -m unittest discover -s training/tests -t training"""
import math
import unittest

from tests.test_train import HAVE_TORCH

if HAVE_TORCH:
    import numpy as np
    import torch


def centred_frame_rms(audio: "np.ndarray", frames: int, hop: int = 512, length: int = 2048) -> "np.ndarray":
    """librosa.feature.rms with center=True and zero padding, written out frame by frame."""
    padded = np.concatenate([np.zeros(length // 2), audio, np.zeros(length // 2)])
    return np.array([math.sqrt(np.mean(padded[t * hop: t * hop + length] ** 2)) for t in range(frames)])


@unittest.skipUnless(HAVE_TORCH, "torch and numpy are not installed for this Python: the training tests need /usr/bin/python3 with python3-torch")
class LevelStageTest(unittest.TestCase):
    def setUp(self):
        from neurorack_nsf.level_stage import LevelStage
        torch.manual_seed(0)
        self.stage = LevelStage(512, max_gain_db=20.0)
        self.frames = 40
        t = torch.arange(self.frames * 512) / 22050
        # a decaying tone whose own level is wrong: it decays twice as slowly as asked, with a slow wobble
        self.audio = (0.3 * torch.exp(-t / 0.4) * (1 + 0.3 * torch.sin(2 * math.pi * 1.5 * t)) * torch.sin(2 * math.pi * 180 * t)).unsqueeze(0)
        self.asked = (0.2 * torch.exp(-torch.arange(self.frames) * 512 / 22050 / 0.2)).unsqueeze(0)

    def test_measures_rms_on_the_extractors_centred_frames(self):
        want = centred_frame_rms(self.audio[0].double().numpy(), self.frames)
        got = self.stage.measured_rms(self.audio)[0].double().numpy()
        np.testing.assert_allclose(got, want, rtol=1e-4)

    def test_the_render_follows_the_asked_rms(self):
        before = centred_frame_rms(self.audio[0].double().numpy(), self.frames)
        after = centred_frame_rms(self.stage(self.audio, self.asked)[0].double().numpy(), self.frames)
        asked = self.asked[0].double().numpy()
        # frames whose window lies inside the tone, two hops clear of its abrupt start (one pass of
        # gains cannot undo a window that straddles the onset) and of its end
        inner = slice(4, self.frames - 3)
        gap = lambda got: np.abs(np.log(got / asked))[inner]  # noqa: E731
        self.assertGreater(gap(before).max(), 0.5, "the test tone should start off the asked curve")
        self.assertLess(gap(after).max(), 0.05, f"after the stage the level is within 5% of the asked RMS: {gap(after).max():.3f}")

    def test_gain_is_capped_and_silence_asked_is_silence(self):
        quiet = 1e-3 * self.audio
        loud = torch.full_like(self.asked, 0.5)
        out = self.stage(quiet, loud)
        self.assertLessEqual(float(out.abs().max()), 10.0 * float(quiet.abs().max()) * (1 + 1e-5))
        self.assertEqual(float(self.stage(self.audio, torch.zeros_like(self.asked)).abs().max()), 0.0)

    def test_a_window_with_the_configured_context_renders_the_same_samples(self):
        from neurorack_nsf import NsfConfig, SincNsf
        from neurorack_nsf.level_stage import LEFT_HOPS, RIGHT_HOPS
        cfg = NsfConfig(hidden=16, harmonic_blocks=1, harmonic_convs=4, noise_blocks=1, noise_convs=3, hop_length=64, level_follow=True)
        model = SincNsf(cfg).eval()
        frames, hop = 60, cfg.hop_length
        g = torch.Generator().manual_seed(1)
        desc = torch.rand(1, frames, cfg.input_dim, generator=g) * model.input_std + model.input_mean
        desc[:, :, 0] = 0.05 + 0.2 * torch.rand(1, frames, generator=g)
        desc[:, :, -1] = 0  # unvoiced: the sines are silent, so a window needs no phase carried into it
        phase = torch.zeros(1, cfg.sines)
        hn, ex = torch.randn(1, frames * hop, cfg.sines, generator=g), torch.randn(1, frames * hop, 1, generator=g)
        with torch.no_grad():
            whole = model(desc, phase, hn, ex)

            def window(a: int, b: int, left: int, right: int) -> torch.Tensor:
                w0, w1 = max(0, a - left), min(frames, b + right)
                out = model(desc[:, w0:w1], phase, hn[:, w0 * hop:w1 * hop], ex[:, w0 * hop:w1 * hop])
                return out[:, (a - w0) * hop:(b - w0) * hop]

            a, b = 25, 33
            self.assertEqual(cfg.level_hops(), (LEFT_HOPS, RIGHT_HOPS))
            left, right = cfg.left_context_frames(), cfg.lookahead_frames()
            self.assertLess(float((window(a, b, left, right) - whole[:, a * hop:b * hop]).abs().max()), 1e-5)

    def test_training_scores_the_network_and_eval_mode_applies_the_stage(self):
        from neurorack_nsf import NsfConfig, SincNsf
        from neurorack_nsf.export_onnx import example_inputs
        small = dict(hidden=8, harmonic_blocks=1, harmonic_convs=3, noise_blocks=1, noise_convs=2)
        with_stage, without = SincNsf(NsfConfig(**small, level_follow=True)), SincNsf(NsfConfig(**small))
        without.load_state_dict(with_stage.state_dict())
        inputs = example_inputs(without, frames=6, seed=2)
        with torch.no_grad():
            network = without.eval()(*inputs)
            self.assertTrue(torch.equal(with_stage.train()(*inputs), network))
            self.assertTrue(torch.equal(with_stage.eval()(*inputs), self.stage(network, inputs[0][:, :, 0])))
            self.assertGreater(float((with_stage(*inputs) - network).abs().max()), 1e-4)

    def test_the_stage_reads_exactly_its_declared_hops(self):
        from neurorack_nsf.level_stage import LEFT_HOPS, RIGHT_HOPS
        hop, a, b = 512, 12, 20
        whole = self.stage(self.audio, self.asked)[:, a * hop:b * hop]

        def window(left: int, right: int) -> torch.Tensor:
            out = self.stage(self.audio[:, (a - left) * hop:(b + right) * hop], self.asked[:, a - left:b + right])
            return out[:, left * hop:(left + b - a) * hop]

        self.assertLess(float((window(LEFT_HOPS, RIGHT_HOPS) - whole).abs().max()), 1e-6)
        for left, right in ((LEFT_HOPS - 1, RIGHT_HOPS), (LEFT_HOPS, RIGHT_HOPS - 1)):
            self.assertGreater(float((window(left, right) - whole).abs().max()), 1e-4, f"{left} hops left, {right} right should not be enough")


if __name__ == "__main__":
    unittest.main()
