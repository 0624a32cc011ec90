"""Growing a run: added blocks keep the function, carry the optimiser, train on; bad growths are refused.

Run: /usr/bin/python3 -m unittest discover -s training/tests -t training"""
import json
import os
import shutil
import tempfile
import unittest

from tests.test_train import HAVE_TORCH, TINY, write_tiny_dataset

if HAVE_TORCH:
    import torch


@unittest.skipUnless(HAVE_TORCH, "torch and numpy are not installed for this Python: the training tests need /usr/bin/python3 with python3-torch")
class GrowRunTest(unittest.TestCase):
    def setUp(self):
        from neurorack_nsf.train.loop import TrainOptions, train
        self.tmp = tempfile.mkdtemp(prefix="neurorack-grow-test-")
        self.data = os.path.join(self.tmp, "data")
        self.source = os.path.join(self.tmp, "run")
        self.target = os.path.join(self.tmp, "grown")
        write_tiny_dataset(self.data)
        torch.set_num_threads(1)
        self.options = lambda run, steps, config=None: TrainOptions(
            data=self.data, run=run, steps=steps, batch=2, segment_frames=8, checkpoint_every=2, validate_every=2, threads=1,
            device="cpu", config=config or {}, lr=1e-3)
        train(self.options(self.source, 4, dict(TINY)))

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def checkpoint(self, run):
        from neurorack_nsf.train.checkpoint import load_checkpoint
        return load_checkpoint(os.path.join(run, "checkpoint.pt"))

    def render(self, run):
        from neurorack_nsf.export_onnx import example_inputs
        from neurorack_nsf.train.export import model_from_checkpoint
        model = model_from_checkpoint(os.path.join(run, "checkpoint.pt"))
        with torch.no_grad():
            return model(*example_inputs(model, frames=6, seed=3))

    def test_added_blocks_render_the_same_and_then_learn(self):
        from neurorack_nsf.train.grow import grow_run
        from neurorack_nsf.train.loop import train
        summary = grow_run(self.source, self.target, {"harmonic_blocks": 2, "noise_blocks": 2})
        self.assertGreater(summary["added_parameters"], 0)
        before, after = self.checkpoint(self.source), self.checkpoint(self.target)
        self.assertEqual((after["architecture"]["harmonic_blocks"], after["architecture"]["noise_blocks"]), (2, 2))
        self.assertEqual(after["step"], before["step"])
        self.assertEqual(after["growth"], [{"step": 4, "from": {"harmonic_blocks": 1, "noise_blocks": 1}, "to": {"harmonic_blocks": 2, "noise_blocks": 2}}])
        self.assertLess(float((self.render(self.source) - self.render(self.target)).abs().max()), 1e-6)
        # the optimiser's moments of an existing weight are carried over, by name
        name = "noise_blocks.0.ff_3.weight"
        old_index = [n for n, _ in self._named(before)].index(name)
        new_index = [n for n, _ in self._named(after)].index(name)
        self.assertTrue(torch.equal(after["optimiser"]["state"][new_index]["exp_avg"], before["optimiser"]["state"][old_index]["exp_avg"]))
        self.assertFalse(after["model"]["noise_blocks.1.ff_3.weight"].any())
        train(self.options(self.target, 8))
        self.assertTrue(self.checkpoint(self.target)["model"]["noise_blocks.1.ff_3.weight"].any(), "the added block should start learning")
        self.assertEqual(self.checkpoint(self.source)["step"], 4, "the source run is left as it was")
        import train as train_cli
        out = os.path.join(self.tmp, "grown-model")
        self.assertEqual(train_cli.main(["export", "--run", self.target, "--out", out, "--id", "grown", "--name", "Grown"]), 0)
        with open(os.path.join(out, "manifest.json")) as f:
            self.assertEqual(json.load(f)["training"]["growth"][0]["to"], {"harmonic_blocks": 2, "noise_blocks": 2})
        with open(os.path.join(out, "README.md")) as f:
            card = f.read()
        self.assertIn("2 harmonic blocks x 2 dilated convs, 2 noise blocks x 2", card)
        self.assertIn("Grown at step 4 (`train.py grow`): harmonic blocks 1 -> 2, noise blocks 1 -> 2", card)

    def _named(self, state):
        from neurorack_nsf.config import NsfConfig
        from neurorack_nsf.model import SincNsf
        return list(SincNsf(NsfConfig.from_dict(state["architecture"])).named_parameters())

    def test_growths_that_cannot_keep_the_function_are_refused(self):
        from neurorack_nsf.train.grow import GrowError, grow_run
        for changes, message in (({"hidden": 8}, "cannot grow `hidden`"), ({"noise_blocks": 0}, "can only grow: the run has 1, asked 0"),
                                 ({"noise_blocks": 1}, "nothing to grow"), ({}, "nothing to grow: expected a larger block count")):
            with self.assertRaises(GrowError) as ctx:
                grow_run(self.source, self.target, changes)
            self.assertIn(message, str(ctx.exception))
        self.assertFalse(os.path.exists(os.path.join(self.target, "checkpoint.pt")))

    def test_the_level_stage_is_added_with_the_network_unchanged(self):
        from neurorack_nsf.config import NsfConfig
        from neurorack_nsf.export_onnx import example_inputs
        from neurorack_nsf.level_stage import LevelStage
        from neurorack_nsf.train.export import model_from_checkpoint
        from neurorack_nsf.train.grow import GrowError, grow_run
        self.assertEqual(grow_run(self.source, self.target, {"level_follow": True})["added_parameters"], 0)
        after = self.checkpoint(self.target)
        self.assertTrue(after["architecture"]["level_follow"])
        self.assertEqual(after["growth"], [{"step": 4, "from": {"level_follow": False}, "to": {"level_follow": True}}])
        old, new = (model_from_checkpoint(os.path.join(run, "checkpoint.pt")) for run in (self.source, self.target))
        inputs = example_inputs(old, frames=6, seed=3)
        with torch.no_grad():
            rescaled = LevelStage(512, 20.0)(old(*inputs), inputs[0][:, :, 0])
            self.assertLess(float((new(*inputs) - rescaled).abs().max()), 1e-6)
            self.assertGreater(float((new(*inputs) - old(*inputs)).abs().max()), 1e-4, "the stage should change the level")
        with self.assertRaises(GrowError) as ctx:
            grow_run(self.target, os.path.join(self.tmp, "again"), {"level_follow": False})
        self.assertIn("`level_follow` can only be added", str(ctx.exception))
        import train as train_cli
        out = os.path.join(self.tmp, "level-model")
        self.assertEqual(train_cli.main(["export", "--run", self.target, "--out", out, "--id", "level", "--name", "Level"]), 0)
        with open(os.path.join(out, "manifest.json")) as f:
            field = json.load(f)["onnx"]["receptive_field"]
        cfg = NsfConfig.from_dict({**after["architecture"], "level_follow": False})
        self.assertEqual((field["left_frames"], field["right_frames"]), (cfg.left_context_frames() + 2, cfg.lookahead_frames() + 2))
        with open(os.path.join(out, "README.md")) as f:
            card = f.read()
        self.assertIn("a level stage (no weights) rescales the render so its frame RMS follows the asked RMS", card)
        self.assertIn("Grown at step 4 (`train.py grow`): the level stage added after the network.", card)

    def test_a_checkpoint_from_before_the_level_stage_still_resumes(self):
        from neurorack_nsf.train.checkpoint import save_checkpoint
        from neurorack_nsf.train.loop import train
        state = self.checkpoint(self.source)
        for field in ("level_follow", "level_max_gain_db"):
            del state["architecture"][field]
        save_checkpoint(os.path.join(self.source, "checkpoint.pt"), state)
        train(self.options(self.source, 6))
        self.assertEqual(self.checkpoint(self.source)["step"], 6)

    def test_an_existing_run_is_never_overwritten(self):
        import train as train_cli
        self.assertEqual(train_cli.main(["grow", "--from", self.source, "--run", self.target, "--noise-blocks", "2"]), 0)
        written = os.path.getmtime(os.path.join(self.target, "checkpoint.pt"))
        self.assertEqual(train_cli.main(["grow", "--from", self.source, "--run", self.target, "--noise-blocks", "3"]), 2)
        self.assertEqual(os.path.getmtime(os.path.join(self.target, "checkpoint.pt")), written)
        self.assertEqual(self.checkpoint(self.target)["architecture"]["noise_blocks"], 2)


if __name__ == "__main__":
    unittest.main()
