"""FRAVE: the filter bank, exact streaming of encoder and decoder, the receptive field the manifest
states, training that resumes and refuses another architecture, DDP over two processes agreeing
with one, and an export whose golden vector and timbres the host can replay.

Run: /usr/bin/python3 -m unittest discover -s training/tests -t training"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

try:
    import numpy as np
    import torch
    HAVE_TORCH = True
except ImportError:  # pragma: no cover - reported as a skip
    HAVE_TORCH = False

from tests.test_train import write_tiny_dataset  # noqa: E402

TRAINING = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TINY = {"encoder_channels": [4, 4, 4, 4], "decoder_channels": [8, 8, 8, 8, 8], "frame_convs": 1, "latent_dim": 2, "fader_bins": 4}
LOW = [1e-3, 0.01, 100, 1e-4, 100, 100, 50]
HIGH = [0.5, 0.5, 10000, 1, 4000, 8000, 2000]


def tiny_frave(seed=0, **changes):
    from neurorack_frave.config import FraveConfig
    from neurorack_frave.model import Frave
    torch.manual_seed(seed)
    cfg = FraveConfig.from_dict({**TINY, **changes})
    return Frave(cfg, LOW, HIGH, np.zeros((7, cfg.fader_bins - 1))).eval()


def random_inputs(frave, frames, seed=1):
    g = torch.Generator().manual_seed(seed)
    cfg = frave.cfg
    z = torch.randn(1, frames, cfg.latent_dim, generator=g)
    d = torch.rand(1, frames, 7, generator=g) * torch.tensor(HIGH)
    n = torch.randn(1, cfg.bands, frames * cfg.hop_length // cfg.bands, generator=g)
    return z, d, n


@unittest.skipUnless(HAVE_TORCH, "torch and numpy are not installed for this Python: the training tests need /usr/bin/python3 with python3-torch")
class FraveModelTest(unittest.TestCase):
    def setUp(self):
        torch.set_num_threads(1)

    def test_the_filter_bank_reconstructs_white_noise(self):
        from neurorack_frave.pqmf import Pqmf, reconstruction
        pqmf = Pqmf(16, 8)
        snr, delay = reconstruction(pqmf, 1024, seed=5)
        self.assertGreater(snr, 45.0)
        self.assertEqual(delay, 16 * 8 - 16)
        # a cut-off far from the designed one reconstructs worse: the search is doing its job
        self.assertLess(reconstruction(Pqmf(16, 8, cutoff=pqmf.cutoff * 0.8), 1024, seed=5)[0], snr - 10)

    def test_decoder_calls_carrying_state_equal_one_offline_call(self):
        from neurorack_frave.model_folder import decode_in_calls
        frave = tiny_frave()
        z, d, n = random_inputs(frave, 40)
        with torch.no_grad():
            offline = frave.decoder(z, d, n)
        streamed = decode_in_calls(frave, z, d, n, (1, 3, 2, 10, 24))
        self.assertLess(float((streamed - offline).abs().max()), 1e-5)
        # without the state (each call starting from zeros) it is not the same sound
        cut = torch.cat([decode_in_calls(frave, z[:, :20], d[:, :20], n[:, :, :640], (20,)),
                         decode_in_calls(frave, z[:, 20:], d[:, 20:], n[:, :, 640:], (20,))], 1)
        self.assertGreater(float((cut - offline).abs().max()), 1e-3)

    def test_encoder_calls_carrying_state_equal_one_offline_call(self):
        from neurorack_frave.causal_conv import StreamState, streaming, zero_state
        frave = tiny_frave()
        audio = torch.randn(1, 30 * 512) * 0.1
        with torch.no_grad():
            offline = frave.encoder(audio)[0]
            state, parts, t = zero_state(frave.encoder), [], 0
            for n in (2, 7, 21):
                s = StreamState(state)
                with streaming(s):
                    parts.append(frave.encoder(audio[:, t * 512:(t + n) * 512])[0])
                state, t = s.next, t + n
        self.assertLess(float((torch.cat(parts, 1) - offline).abs().max()), 1e-5)

    def test_a_frame_moves_no_output_past_the_receptive_field(self):
        from neurorack_frave.export_onnx import receptive_field
        frave = tiny_frave()
        field = receptive_field(frave, 0.0)
        self.assertGreater(field, 0)
        z, d, n = random_inputs(frave, 64)
        z2, d2 = z.clone(), d.clone()
        z2[0, 10] += 2.0
        d2[0, 10] *= 0.5
        with torch.no_grad():
            a, b = frave.decoder(z, d, n).view(64, 512), frave.decoder(z2, d2, n).view(64, 512)
        moved = (a - b).abs().amax(1)
        self.assertTrue(bool((moved[:10] == 0).all()), "a causal decoder: nothing before the frame moves")
        self.assertGreater(float(moved[10]), 0.0)
        self.assertTrue(bool((moved[10 + field + 1:] == 0).all()))
        self.assertGreater(float(moved[10 + field]), 0.0)

    def test_descriptors_are_clamped_to_the_training_range(self):
        from neurorack_frave.descriptor_scale import DescriptorScale
        scale = DescriptorScale(LOW, HIGH)
        inside = torch.tensor(LOW)[None, None] * 1.5
        far = torch.tensor(HIGH)[None, None] * 100
        self.assertTrue(bool((scale(inside).abs() < 1).all()))
        self.assertTrue(bool((scale(far) == 1).all()))
        self.assertTrue(bool((scale(torch.zeros(1, 1, 7)) == -1).all()))


def write_wav(path, samples, rate=22050, float32=True, extra_chunk=True):
    import struct
    data = np.asarray(samples, "<f4").tobytes() if float32 else (np.clip(samples, -1, 1) * 32767).astype("<i2").tobytes()
    fmt = struct.pack("<HHIIHH", 3 if float32 else 1, 1, rate, rate * (4 if float32 else 2), 4 if float32 else 2, 32 if float32 else 16)
    chunks = b"fmt " + struct.pack("<I", len(fmt)) + fmt
    if extra_chunk:
        chunks += b"PEAK" + struct.pack("<I", 3) + b"abc" + b"\0"  # odd size: padded
    chunks += b"data" + struct.pack("<I", len(data)) + data
    with open(path, "wb") as f:
        f.write(b"RIFF" + struct.pack("<I", 4 + len(chunks)) + b"WAVE" + chunks)


@unittest.skipUnless(HAVE_TORCH, "torch and numpy are not installed for this Python")
class FraveEvaluationTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="neurorack-frave-eval-")
        torch.set_num_threads(1)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_wav_reader_skips_unknown_chunks_and_refuses_other_formats(self):
        from neurorack_frave.wav_io import WavError, read_wav
        x = np.sin(np.arange(1000) / 10).astype(np.float32) * 0.5
        write_wav(os.path.join(self.tmp, "f.wav"), x)
        write_wav(os.path.join(self.tmp, "i.wav"), x, float32=False, extra_chunk=False)
        a, rate = read_wav(os.path.join(self.tmp, "f.wav"))
        self.assertEqual(rate, 22050)
        np.testing.assert_array_equal(a, x)
        b, _ = read_wav(os.path.join(self.tmp, "i.wav"))
        self.assertLess(float(np.abs(b - x).max()), 1e-4)
        with open(os.path.join(self.tmp, "bad.wav"), "wb") as f:
            f.write(b"RIFF\0\0\0\0JUNK")
        with self.assertRaises(WavError):
            read_wav(os.path.join(self.tmp, "bad.wav"))

    def test_control_protocol_scores_a_model_that_follows_and_one_that_ignores(self):
        """A decoder replaced by one that plays the asked RMS on noise scores near 1 for RMS; one that
        plays the same steady noise whatever it is asked scores near chance (0.5)."""
        from neurorack_frave import control_protocol
        rng = np.random.default_rng(0)
        wavs = []
        for i in range(3):
            t = np.arange(22050) / 22050
            x = (np.exp(-t * (3 + 4 * i)) * rng.standard_normal(22050) * 0.3).astype(np.float32)
            wavs.append(os.path.join(self.tmp, f"s{i}.wav"))
            write_wav(wavs[-1], x)
        frave = tiny_frave()

        class Following(torch.nn.Module):
            def forward(self, latent, desc, noise):
                env = torch.repeat_interleave(desc[:, :, 0], 512, dim=1)
                return env * torch.randn(env.shape, generator=torch.Generator().manual_seed(0)) * 1.0

        frave.decoder = Following()
        result = control_protocol.run(frave, wavs)
        self.assertEqual(set(result["changed"]), {1, 2, 3, 4})
        self.assertGreater(result["single"]["rms"], 0.95)
        for v in result["changed"].values():
            self.assertTrue(0.0 <= v <= 1.0)

        class Ignoring(torch.nn.Module):
            def forward(self, latent, desc, noise):
                n = desc.shape[1] * 512
                return 0.1 * torch.randn(1, n, generator=torch.Generator().manual_seed(1))

        frave.decoder = Ignoring()
        self.assertLess(control_protocol.run(frave, wavs)["single"]["rms"], 0.8)


@unittest.skipUnless(HAVE_TORCH, "torch and numpy are not installed for this Python")
class FraveTrainingTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="neurorack-frave-test-")
        self.data = os.path.join(self.tmp, "data")
        write_tiny_dataset(self.data)
        torch.set_num_threads(1)

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def options(self, run, steps, **kw):
        from neurorack_frave.train.loop import FraveOptions
        base = dict(data=self.data, run=run, steps=steps, batch=2, segment_frames=8, checkpoint_every=2, validate_every=2,
                    threads=1, device="cpu", config=dict(TINY), fader_start=0, fader_warmup=2, kl_warmup=2)
        base.update(kw)
        return FraveOptions(**base)

    def test_trains_logs_resumes_and_refuses_another_architecture(self):
        from neurorack_frave.train.loop import train
        from neurorack_nsf.train.checkpoint import ArchitectureMismatch
        run = os.path.join(self.tmp, "run")
        first = train(self.options(run, 4))
        self.assertEqual(first["step"], 4)
        ckpt = torch.load(os.path.join(run, "checkpoint.pt"), map_location="cpu")
        self.assertEqual(ckpt["kind"], "frave")
        second = train(self.options(run, 6))
        self.assertEqual(second["step"], 6)
        with open(os.path.join(run, "log.csv")) as f:
            steps = [int(r.split(",")[0]) for r in f.read().splitlines()[1:]]
        self.assertEqual(steps, [1, 2, 3, 4, 5, 6])
        with self.assertRaises(ArchitectureMismatch) as err:
            train(self.options(run, 8, config={**TINY, "latent_dim": 3}))
        self.assertIn("latent_dim", str(err.exception))

    def test_two_ddp_processes_agree_with_one_process(self):
        """torchrun with two CPU processes (gloo), one item each, against one process with both: after
        one step, Adam's first moment is (1 - beta1) x the synchronised gradient, so the optimiser states
        of the two runs compare the gradients themselves (the weights would not: Adam's first updates
        are about lr x sign(gradient)). In float64: in float32 an untrained model's gradients differ
        by about 1% between a batch of two and two batches of one, from rounding alone."""
        common = ["--data", self.data, "--steps", "1", "--segment-frames", "8", "--threads", "1", "--device", "cpu",
                  "--config", json.dumps(TINY), "--swap-share", "0", "--fader-start", "0", "--fader-warmup", "1",
                  "--kl-warmup", "1", "--checkpoint-every", "1", "--validate-every", "1000", "--dtype", "float64"]
        env = {**os.environ, "OMP_NUM_THREADS": "1"}
        one = os.path.join(self.tmp, "one")
        two = os.path.join(self.tmp, "two")
        r1 = subprocess.run([sys.executable, os.path.join(TRAINING, "frave.py"), "train", "--run", one, "--batch", "2", *common],
                            capture_output=True, text=True, env=env, timeout=300)
        self.assertEqual(r1.returncode, 0, r1.stderr[-2000:])
        torchrun = shutil.which("torchrun") or "/usr/bin/torchrun"
        # "-r 1 -t 1": Debian's torch 1.13 on Python 3.11 parses torchrun's default "0" for both to None
        # (IntFlag no longer lists a zero member) and stops before starting a worker
        r2 = subprocess.run([torchrun, "--standalone", "--nproc_per_node", "2", "-r", "1", "-t", "1", os.path.join(TRAINING, "frave.py"), "train",
                             "--run", two, "--batch", "1", *common], capture_output=True, text=True, env=env, timeout=300)
        self.assertEqual(r2.returncode, 0, r2.stderr[-2000:])
        a = torch.load(os.path.join(one, "checkpoint.pt"), map_location="cpu")
        b = torch.load(os.path.join(two, "checkpoint.pt"), map_location="cpu")
        self.assertEqual(json.load(open(os.path.join(two, "options.json")))["world_size"], 2)
        compared = 0
        for key in ("optimiser", "optimiser_disc"):
            largest = max(float(sa["exp_avg"].abs().max()) for sa in a[key]["state"].values())
            for i, sa in a[key]["state"].items():
                ga, gb = sa["exp_avg"], b[key]["state"][i]["exp_avg"]
                scale = float(ga.abs().max())
                self.assertGreater(scale, 0.0, f"{key} parameter {i} got no gradient")
                self.assertLess(float((ga - gb).abs().max()), 1e-9 * scale + 1e-12 * largest, f"{key} parameter {i}: gradients differ")
                compared += 1
        self.assertGreater(compared, 20)
        # one process with only the first item does not agree: the comparison can fail
        solo = os.path.join(self.tmp, "solo")
        r3 = subprocess.run([sys.executable, os.path.join(TRAINING, "frave.py"), "train", "--run", solo, "--batch", "1", *common],
                            capture_output=True, text=True, env=env, timeout=300)
        self.assertEqual(r3.returncode, 0, r3.stderr[-2000:])
        c = torch.load(os.path.join(solo, "checkpoint.pt"), map_location="cpu")
        worst = max(float((sa["exp_avg"] - c["optimiser"]["state"][i]["exp_avg"]).abs().max()) / float(sa["exp_avg"].abs().max())
                    for i, sa in a["optimiser"]["state"].items())
        self.assertGreater(worst, 0.3)

    def test_export_writes_a_folder_whose_golden_streams_and_refuses_nan(self):
        from neurorack_frave.train.export import export_run
        from neurorack_frave.model_folder import DivergedModel
        from neurorack_frave.train.loop import train
        import onnx
        run = os.path.join(self.tmp, "run")
        train(self.options(run, 2))
        out = os.path.join(self.tmp, "model")
        m = export_run(os.path.join(run, "checkpoint.pt"), self.data, out, "frave-test", "FRAVE test")
        self.assertEqual(m["runtime"], "frave")
        self.assertEqual(m["onnx"]["receptive_field"]["right_frames"], 0)
        self.assertEqual(len(m["onnx"]["state"]), len([i for i in m["onnx"]["inputs"] if i["name"].startswith("state_in_")]))
        self.assertLess(m["golden"]["stream_vs_offline_max_error"], 1e-5)
        for f in m["files"]:
            self.assertTrue(os.path.isfile(os.path.join(out, f["path"])), f["path"])
        for g in ("decoder.onnx", "encoder.onnx"):
            onnx.checker.check_model(onnx.load(os.path.join(out, g)))
        timbre = json.load(open(os.path.join(out, m["timbres"][0]["file"])))
        self.assertEqual(timbre["format"], "neurorack-timbre")
        self.assertNotIn("/", timbre["source"])
        from neurorack_frave.train.export import timbre_source
        self.assertEqual(timbre_source("/work/data/frave-extra/boom-1129.wav"), "procedural: boom-1129.wav", "the sound's name, not the trainer's folders")
        self.assertEqual(len(timbre["latent"][0]), TINY["latent_dim"])
        # NaN weights: refused, the existing folder untouched
        ckpt = os.path.join(run, "checkpoint.pt")
        state = torch.load(ckpt, map_location="cpu")
        first = next(k for k, v in state["ema"].items() if v.is_floating_point() and v.numel() > 1)
        state["ema"][first][0] = float("nan")
        torch.save(state, ckpt)
        before = open(os.path.join(out, "manifest.json")).read()
        with self.assertRaises(DivergedModel):
            export_run(ckpt, self.data, out, "frave-test", "FRAVE test", replace=True)
        self.assertEqual(open(os.path.join(out, "manifest.json")).read(), before)


class FraveResumeOptionsTest(unittest.TestCase):
    """`frave.py train` resuming a run keeps the run's own options for every flag not given."""

    def options(self, run, *flags):
        import frave
        return frave._options(frave.build_parser().parse_args(["train", "--data", "/nowhere", "--run", run, *flags]))

    def test_a_resume_keeps_the_runs_loss_weights_unless_given_again(self):
        run = tempfile.mkdtemp(prefix="frave-resume-")
        self.addCleanup(shutil.rmtree, run, ignore_errors=True)
        stored = {"rms_weight": 2.0, "centroid_weight": 2.0, "rolloff_weight": 2.0, "flatness_weight": 0.3,
                  "checkpoint_every": 100, "gain_db": [-6.0, 3.0], "steps": 5000, "data": "/elsewhere", "config": {"latent_dim": 4}}
        with open(os.path.join(run, "options.json"), "w") as f:
            json.dump(stored, f)
        fresh = self.options(run, "--rolloff-weight", "4")
        self.assertEqual((fresh.rms_weight, fresh.rolloff_weight, fresh.gain_db), (1.0, 4.0, (-12.0, 10.0)),
                         "no checkpoint yet: a new run takes the trainer's defaults")
        open(os.path.join(run, "checkpoint.pt"), "wb").close()
        resumed = self.options(run, "--rolloff-weight", "4", "--steps", "9000")
        self.assertEqual(resumed.rms_weight, 2.0)
        self.assertEqual(resumed.centroid_weight, 2.0)
        self.assertEqual(resumed.flatness_weight, 0.3)
        self.assertEqual(resumed.checkpoint_every, 100)
        self.assertEqual(resumed.gain_db, (-6.0, 3.0))
        self.assertEqual((resumed.rolloff_weight, resumed.steps), (4.0, 9000), "flags given now win")
        self.assertEqual((resumed.data, resumed.config), ("/nowhere", {}), "the data folder and the architecture are never carried")
        self.assertEqual(resumed.bandwidth_weight, 1.0, "an option the run never stored takes the default")


if __name__ == "__main__":
    unittest.main()
