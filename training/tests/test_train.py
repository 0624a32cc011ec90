"""Training pipeline: a few steps on a tiny configuration, resuming, refusing a changed
architecture, refusing to export NaN weights, never overwriting a model folder on a failed export.

Run: /usr/bin/python3 -m unittest discover -s training/tests -t training"""
import csv
import contextlib
import io
import json
import math
import os
import shutil
import sys
import tempfile
import unittest
from unittest import mock

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

try:
    import numpy as np
    import torch
    from neurorack_nsf.descriptor_order import DESCRIPTOR_ORDER
    HAVE_TORCH = True
except ImportError:  # pragma: no cover - reported as a skip
    HAVE_TORCH = False

TINY = {"hidden": 4, "harmonic_blocks": 1, "harmonic_convs": 2, "noise_blocks": 1, "noise_convs": 2, "harmonic_num": 2, "cond_layers": 1}


def write_tiny_dataset(folder: str, items: int = 4, frames: int = 10) -> None:
    """A dataset folder in the layout `neurorack dataset build` writes (decaying tones, plausible descriptors)."""
    os.makedirs(os.path.join(folder, "items"), exist_ok=True)
    rng = np.random.default_rng(0)
    entries = []
    for i in range(items):
        n = frames * 512
        t = np.arange(n) / 22050
        audio = (0.3 * np.exp(-t * 8) * np.sin(2 * math.pi * (200 + 50 * i) * t) + 0.01 * rng.standard_normal(n)).astype(np.float32)
        desc = np.stack([np.full(frames, v) for v in (0.1, 0.05, 3000, 0.01, 1200, 1500, 200 + 50 * i)], 1).astype(np.float32)
        desc[:, 0] *= np.exp(-np.arange(frames) * 0.2)
        item_id = f"{i:016x}"
        np.save(os.path.join(folder, "items", f"{item_id}.audio.npy"), audio)
        np.save(os.path.join(folder, "items", f"{item_id}.descriptors.npy"), desc)
        entries.append({"id": item_id, "hash": item_id * 4, "source": f"test:{i}", "split": "validation" if i == 0 else "train",
                        "samples": n, "durationS": n / 22050, "frames": frames,
                        "audio": f"items/{item_id}.audio.npy", "descriptors": f"items/{item_id}.descriptors.npy"})
    manifest = {"format": "neurorack-dataset", "version": 1, "sampleRate": 22050, "hopLength": 512,
                "descriptorOrder": DESCRIPTOR_ORDER,
                "items": entries, "skipped": [],
                "stats": {"mean": [0.05, 0.05, 3000, 0.01, 1200, 1500, 300], "std": [0.05, 0.01, 500, 0.01, 300, 300, 100],
                          "min": [0] * 7, "max": [1] * 7, "frames": items * frames}}
    with open(os.path.join(folder, "dataset.json"), "w") as f:
        json.dump(manifest, f)


@unittest.skipUnless(HAVE_TORCH, "torch and numpy are not installed for this Python: the training tests need /usr/bin/python3 with python3-torch")
class TrainingPipelineTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="neurorack-train-test-")
        self.data = os.path.join(self.tmp, "data")
        self.run_dir = os.path.join(self.tmp, "run")
        write_tiny_dataset(self.data)
        torch.set_num_threads(1)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def train(self, steps, config=TINY, **kw):
        from neurorack_nsf.train.loop import TrainOptions, train
        opts = TrainOptions(data=self.data, run=self.run_dir, steps=steps, batch=2, segment_frames=8, checkpoint_every=2,
                            validate_every=2, threads=1, device="cpu", config=dict(config) if config is not None else {}, **kw)
        return train(opts)

    def test_trains_logs_and_resumes(self):
        s = self.train(3)
        self.assertEqual(s["step"], 3)
        self.assertTrue(math.isfinite(s["loss"]))
        ckpt = os.path.join(self.run_dir, "checkpoint.pt")
        self.assertTrue(os.path.isfile(ckpt))
        with open(os.path.join(self.run_dir, "log.csv")) as f:
            rows = f.read().strip().splitlines()
        self.assertEqual(rows[0].split(",")[:3], ["step", "loss", "spectral"])
        self.assertEqual(len(rows), 1 + 3)
        # resuming without --config takes the checkpoint's architecture and continues from step 3
        s = self.train(5, config=None)
        self.assertEqual(s["step"], 5)
        state = torch.load(ckpt)
        self.assertEqual(state["step"], 5)
        with open(os.path.join(self.run_dir, "log.csv")) as f:
            self.assertEqual([r.split(",")[0] for r in f.read().strip().splitlines()[1:]], ["1", "2", "3", "4", "5"])

    def test_resume_drops_log_rows_after_the_checkpoint(self):
        self.train(2)
        with open(os.path.join(self.run_dir, "log.csv"), "a") as f:
            f.write("3," + ",".join(["1"] * 18) + "\n")  # a step logged by a run killed before its checkpoint
        self.train(4, config=None)
        with open(os.path.join(self.run_dir, "log.csv")) as f:
            self.assertEqual([r.split(",")[0] for r in f.read().strip().splitlines()[1:]], ["1", "2", "3", "4"])

    def test_resume_takes_the_new_learning_rate(self):
        self.train(2, lr=1e-3)
        self.train(3, config=None, lr=1e-4)
        state = torch.load(os.path.join(self.run_dir, "checkpoint.pt"))
        self.assertEqual(state["optimiser"]["param_groups"][0]["lr"], 1e-4)

    def test_a_resume_from_the_cli_keeps_the_runs_options_unless_given_again(self):
        import train as cli
        base = ["train", "--data", self.data, "--run", self.run_dir, "--batch", "2", "--segment-frames", "8",
                "--checkpoint-every", "2", "--validate-every", "2", "--threads", "1", "--device", "cpu", "--config", json.dumps(TINY)]
        with contextlib.redirect_stdout(io.StringIO()):
            self.assertEqual(cli.main(base + ["--steps", "2", "--rms-weight", "3", "--centroid-weight", "0.25", "--gain-db-min", "-3", "--gain-db-max", "2"]), 0)
        resume = [a for a in base if a not in ("--config", json.dumps(TINY))]
        with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()) as err:
            self.assertEqual(cli.main(resume + ["--steps", "3", "--centroid-weight", "0.5"]), 0)
        with open(os.path.join(self.run_dir, "options.json")) as f:
            used = json.load(f)
        self.assertEqual(used["rms_weight"], 3.0, "not given again: the run's own")
        self.assertEqual(used["gain_db"], [-3.0, 2.0])
        self.assertEqual(used["centroid_weight"], 0.5, "given again: the new one")
        self.assertEqual(used["steps"], 3)
        self.assertIn("rms_weight=3.0", err.getvalue(), "the resume says what it carried over")

    def test_cool_down_sets_and_logs_the_rate_of_every_step(self):
        from neurorack_nsf.train.schedule import lr_at
        self.train(2, lr=1e-3, lr_final=1e-5, lr_decay_from=2)
        self.train(5, config=None, lr=1e-3, lr_final=1e-5, lr_decay_from=2)  # resumed: the schedule goes on from step 2
        with open(os.path.join(self.run_dir, "log.csv")) as f:
            rates = [float(r["lr"]) for r in csv.DictReader(f)]
        expected = [lr_at(k, 1e-3, 5, 1e-5, 2) for k in range(5)]
        for got, want in zip(rates, expected):
            self.assertAlmostEqual(got, want, delta=want * 1e-3)
        self.assertEqual(len(rates), 5)
        self.assertEqual(rates[:3], [1e-3] * 3)
        self.assertTrue(rates[2] > rates[3] > rates[4] > 1e-5, f"expected a falling rate after step 3, got {rates}")
        state = torch.load(os.path.join(self.run_dir, "checkpoint.pt"))
        self.assertAlmostEqual(state["optimiser"]["param_groups"][0]["lr"], expected[-1], delta=1e-9)

    def test_schedule_shape_and_bad_options(self):
        from neurorack_nsf.train.schedule import ScheduleError, check_schedule, lr_at
        self.assertEqual(lr_at(50, 1e-3, 100), 1e-3)
        self.assertEqual(lr_at(10, 1e-3, 100, 1e-5, 20), 1e-3)
        self.assertAlmostEqual(lr_at(60, 1e-3, 100, 1e-5, 20), (1e-3 + 1e-5) / 2)
        self.assertAlmostEqual(lr_at(100, 1e-3, 100, 1e-5, 20), 1e-5)
        self.assertAlmostEqual(lr_at(150, 1e-3, 100, 1e-5, 20), 1e-5)
        self.assertEqual(lr_at(30, 1e-3, 40, 1e-5, 50), 1e-3)  # a portion of a run that stops before its cool-down
        for lr, final, start, message in [(1e-3, 2e-3, 10, "--lr-final <= --lr"), (1e-3, 1e-5, None, "--lr-decay-from"),
                                          (1e-3, 1e-5, -1, "--lr-decay-from"), (0.0, None, None, "--lr > 0")]:
            with self.assertRaises(ScheduleError) as ctx:
                check_schedule(lr, final, start)
            self.assertIn(message, str(ctx.exception))

    def test_cli_exit_status_for_a_bad_schedule(self):
        import train as train_cli
        code = train_cli.main(["train", "--data", self.data, "--run", self.run_dir, "--steps", "3", "--threads", "1",
                               "--lr", "1e-4", "--lr-final", "1e-3", "--lr-decay-from", "1", "--config", json.dumps(TINY)])
        self.assertEqual(code, 2)
        self.assertFalse(os.path.exists(os.path.join(self.run_dir, "checkpoint.pt")))

    def test_resume_with_changed_architecture_is_refused(self):
        from neurorack_nsf.train.checkpoint import ArchitectureMismatch
        self.train(2)
        before = os.path.getmtime(os.path.join(self.run_dir, "checkpoint.pt"))
        with self.assertRaises(ArchitectureMismatch) as ctx:
            self.train(4, config={**TINY, "hidden": 8})
        self.assertIn("hidden: checkpoint 4, asked 8", str(ctx.exception))
        self.assertEqual(os.path.getmtime(os.path.join(self.run_dir, "checkpoint.pt")), before)

    def test_cli_exit_status_for_changed_architecture(self):
        import train as train_cli
        self.train(2)
        code = train_cli.main(["train", "--data", self.data, "--run", self.run_dir, "--steps", "3", "--threads", "1",
                               "--config", json.dumps({**TINY, "sinc_order": 15})])
        self.assertEqual(code, 2)

    def test_export_writes_a_model_folder(self):
        import train as train_cli
        self.train(2)
        out = os.path.join(self.tmp, "models", "tiny-model")
        code = train_cli.main(["export", "--run", self.run_dir, "--out", out, "--id", "tiny-model", "--name", "Tiny"])
        self.assertEqual(code, 0)
        for f in ("manifest.json", "model.onnx", "golden.json", "README.md"):
            self.assertTrue(os.path.isfile(os.path.join(out, f)), f)
        manifest = json.load(open(os.path.join(out, "manifest.json")))
        self.assertEqual(manifest["training"]["steps"], 2)
        self.assertEqual(manifest["architecture"]["hidden"], 4)
        self.assertEqual(sorted(os.listdir(os.path.dirname(out))), ["tiny-model"])  # no temp folder left

    def test_export_ships_the_eval_plot_and_shows_it_in_the_card(self):
        import train as train_cli
        self.train(2)
        plot = os.path.join(self.tmp, "curves.png")
        png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
        with open(plot, "wb") as f:
            f.write(png)
        out = os.path.join(self.tmp, "models", "plotted")
        self.assertEqual(train_cli.main(["export", "--run", self.run_dir, "--out", out, "--id", "plotted", "--name", "P", "--eval-plot", plot]), 0)
        with open(os.path.join(out, "eval.png"), "rb") as f:
            self.assertEqual(f.read(), png)
        with open(os.path.join(out, "README.md")) as f:
            self.assertIn("](eval.png)", f.read())

    def test_export_refuses_an_eval_plot_that_is_not_a_png_and_writes_nothing(self):
        import train as train_cli
        self.train(2)
        fake = os.path.join(self.tmp, "curves.png")
        with open(fake, "w") as f:
            f.write("not an image")
        out = os.path.join(self.tmp, "models", "never")
        for bad in (fake, os.path.join(self.tmp, "missing.png")):
            with self.assertRaises(SystemExit) as ctx, mock.patch("sys.stderr"):
                train_cli.main(["export", "--run", self.run_dir, "--out", out, "--id", "never", "--name", "N", "--eval-plot", bad])
            self.assertEqual(ctx.exception.code, 2)
        self.assertFalse(os.path.exists(os.path.dirname(out)))

    def test_export_of_nan_weights_is_refused_and_keeps_the_existing_folder(self):
        from neurorack_nsf.train.export import DivergedModel, export_model_folder, model_from_checkpoint
        self.train(2)
        model = model_from_checkpoint(os.path.join(self.run_dir, "checkpoint.pt"))
        out = os.path.join(self.tmp, "models", "kept")
        os.makedirs(out)
        with open(os.path.join(out, "manifest.json"), "w") as f:
            f.write("previous")
        with torch.no_grad():
            next(model.parameters()).fill_(float("nan"))
        with self.assertRaises(DivergedModel) as ctx:
            export_model_folder(model, out, "kept", "Kept", replace=True)
        self.assertIn("diverged", str(ctx.exception))
        self.assertEqual(open(os.path.join(out, "manifest.json")).read(), "previous")
        self.assertEqual(sorted(os.listdir(os.path.dirname(out))), ["kept"])

    def test_failed_export_never_overwrites(self):
        from neurorack_nsf.train import export as export_mod
        self.train(2)
        model = export_mod.model_from_checkpoint(os.path.join(self.run_dir, "checkpoint.pt"))
        out = os.path.join(self.tmp, "models", "kept")
        os.makedirs(out)
        with open(os.path.join(out, "manifest.json"), "w") as f:
            f.write("previous")
        with mock.patch.object(export_mod, "write_model_folder", side_effect=RuntimeError("disk full")):
            with self.assertRaises(RuntimeError):
                export_mod.export_model_folder(model, out, "kept", "Kept", replace=True)
        self.assertEqual(open(os.path.join(out, "manifest.json")).read(), "previous")
        self.assertEqual(sorted(os.listdir(os.path.dirname(out))), ["kept"])
        # without --replace an existing folder is refused outright
        with self.assertRaises(export_mod.ExportError):
            export_mod.export_model_folder(model, out, "kept", "Kept")

    def test_a_diverging_run_stops_with_a_clear_error(self):
        from neurorack_nsf.train import loop
        with mock.patch.object(loop, "multi_resolution_log_spectral", return_value=torch.tensor(float("nan"))):
            with self.assertRaises(loop.NonFiniteLoss) as ctx:
                self.train(2)
        self.assertIn("diverged", str(ctx.exception))

    def test_gain_augmentation_scales_audio_and_rms_together(self):
        from neurorack_nsf.train.data import OneShotSet
        plain = OneShotSet(self.data, "train", 8)
        aug = OneShotSet(self.data, "train", 8, gain_db=(-12, 12))
        d0, a0 = plain.batch(6, np.random.default_rng(5))
        d1, a1 = aug.batch(6, np.random.default_rng(5))
        g = (a1.abs().amax(1) / a0.abs().amax(1))
        self.assertTrue(((g > 0.2) & (g < 4.1)).all())
        self.assertFalse(torch.allclose(g, torch.ones_like(g)))
        torch.testing.assert_close(d1[:, :, 0], d0[:, :, 0] * g[:, None])
        torch.testing.assert_close(d1[:, :, 1:], d0[:, :, 1:])

    def test_descriptor_losses_follow_the_extractor_framing(self):
        from neurorack_nsf.train.losses import frame_rms, spectral_centroid
        n = 8 * 512
        t = torch.arange(n) / 22050
        x = (0.5 * torch.sin(2 * math.pi * 1000 * t)).unsqueeze(0)
        rms = frame_rms(x)
        self.assertEqual(rms.shape, (1, 8))
        self.assertAlmostEqual(float(rms[0, 4]), 0.5 / math.sqrt(2), places=3)
        cent = spectral_centroid(x)
        self.assertEqual(cent.shape, (1, 8))
        self.assertLess(abs(float(cent[0, 4]) - 1000), 60)

    def test_rolloff_stays_within_a_bin_of_librosas_and_has_a_gradient(self):
        from neurorack_nsf.train.losses import spectral_shape, _frame_spectrum
        gen = torch.Generator().manual_seed(3)
        n = 8 * 512
        t = torch.arange(n) / 22050
        tones = sum(torch.sin(2 * math.pi * f * t) / (k + 1) for k, f in enumerate((300, 900, 2500, 6000)))
        for x in (tones.unsqueeze(0), 0.1 * torch.randn(1, n, generator=gen)):
            mag = torch.sqrt(_frame_spectrum(x))
            share = mag.cumsum(1) / mag.sum(1, keepdim=True)
            hard = (share < 0.85).sum(1).float() * (22050 / 2048)
            soft = spectral_shape(x)[3]
            gap = (hard[:, :8] - soft).abs()
            self.assertLessEqual(float(gap.max()), 22050 / 2048 + 1e-3)  # within one bin of librosa's
        # and the gradient reaches the audio
        x = tones.unsqueeze(0).clone().requires_grad_(True)
        spectral_shape(x)[3].sum().backward()
        self.assertGreater(float(x.grad.abs().sum()), 0)

    def test_rolloff_delta_ignores_an_offset_and_scores_jitter(self):
        from neurorack_nsf.train.losses import descriptor_losses, spectral_shape
        gen = torch.Generator().manual_seed(4)
        n = 12 * 512
        decay = torch.exp(-torch.arange(n) / 4000.0)
        x = 0.3 * torch.randn(1, n, generator=gen) * decay
        rolloff = spectral_shape(x)[3]
        desc = torch.ones(1, 12, 7)
        desc[0, :, 0] = torch.sqrt(torch.mean(x.view(12, 512) ** 2, 1))
        desc[0, :, 2] = 2 * rolloff[0]  # the same shape, an octave higher
        offset = descriptor_losses(x, desc)
        self.assertGreater(float(offset["rolloff"]), 0.6)  # log 2 per frame
        self.assertLess(float(offset["rolloff_delta"]), 0.01)
        desc[0, 1::2, 2] *= 1.5  # every other frame asks higher: a jitter the output does not have
        jitter = descriptor_losses(x, desc)
        self.assertGreater(float(jitter["rolloff_delta"]), 0.35)  # log 1.5 per pair


if __name__ == "__main__":
    unittest.main()
