"""Growing a run: more neural filter blocks, appended so the model's function is unchanged at first,
or the level stage added after the network.

A new block starts with its last projection (`ff_3`) at zero, so it outputs its input unchanged
(`tanh(0) + signal`); training then lets it learn a correction. The level stage has no weights: the
grown model renders what the source did, rescaled to the asked RMS. The model, its EMA and the
optimiser state of every existing parameter are carried over, so a grown run resumes where the old one was."""
import os
import torch
from ..config import NsfConfig
from ..export_onnx import example_inputs
from ..level_stage import LevelStage
from ..model import SincNsf
from .checkpoint import architecture_of, load_checkpoint, save_checkpoint

GROWABLE = ("harmonic_blocks", "noise_blocks", "level_follow")
IDENTITY_TOLERANCE = 1e-6


class GrowError(ValueError):
    """A growth that cannot keep the model's function: another field, fewer blocks, or no change."""


def grown_config(cfg: NsfConfig, changes: dict) -> NsfConfig:
    if not changes:
        raise GrowError(f"nothing to grow: expected a larger block count or the level stage ({', '.join(GROWABLE)})")
    for key, value in changes.items():
        if key not in GROWABLE:
            raise GrowError(f"cannot grow `{key}`: only {', '.join(GROWABLE)} can grow while keeping the model's function")
        have = getattr(cfg, key)
        if key == "level_follow":
            if not isinstance(value, bool) or value < have:
                raise GrowError(f"`level_follow` can only be added: the run has {have}, asked {value!r}")
        elif not isinstance(value, int) or isinstance(value, bool) or value < have:
            raise GrowError(f"`{key}` can only grow: the run has {have}, asked {value!r}")
    if all(getattr(cfg, k) == v for k, v in changes.items()):
        raise GrowError(f"nothing to grow: the run already has {changes}")
    return NsfConfig.from_dict({**cfg.to_dict(), **changes})


def grown_model(old: SincNsf, cfg: NsfConfig, seed: int) -> SincNsf:
    """`cfg`'s model holding `old`'s weights; the added blocks are identities with random inner weights."""
    torch.manual_seed(seed)
    new = SincNsf(cfg)
    missing, unexpected = new.load_state_dict(old.state_dict(), strict=False)
    if unexpected:
        raise GrowError(f"the grown architecture lost weights: {', '.join(unexpected)}")
    added = {".".join(name.split(".")[:2]) for name in missing}  # e.g. noise_blocks.1
    with torch.no_grad():
        for prefix in added:
            new.get_submodule(prefix).ff_3.weight.zero_()
    return new


def _optimiser_state(old_opt: dict, old: SincNsf, new: SincNsf) -> dict:
    """Adam's state re-indexed by parameter name; the added parameters start with no state."""
    old_index = {name: i for i, (name, _) in enumerate(old.named_parameters())}
    names = [name for name, _ in new.named_parameters()]
    state = {j: old_opt["state"][old_index[name]] for j, name in enumerate(names) if old_index.get(name) in old_opt["state"]}
    groups = [{**old_opt["param_groups"][0], "params": list(range(len(names)))}]
    return {"state": state, "param_groups": groups}


def _max_difference(old: SincNsf, new: SincNsf, frames: int = 12) -> float:
    """Largest absolute difference between the grown model's render and the source's (followed by the
    level stage when the growth adds it), for the same random input."""
    inputs = example_inputs(old, frames)
    with torch.no_grad():
        expected = old.eval()(*inputs)
        if new.cfg.level_follow and not old.cfg.level_follow:
            expected = LevelStage(new.cfg.hop_length, new.cfg.level_max_gain_db)(expected, inputs[0][:, :, 0])
        return float((expected - new.eval()(*inputs)).abs().max())


def grow_run(source_run: str, target_run: str, changes: dict, seed: int = 0) -> dict:
    """Writes `target_run`/checkpoint.pt: the source run's last checkpoint grown by `changes`.
    Refuses a target that already holds a checkpoint; checks that the function is unchanged."""
    from .loop import CHECKPOINT
    target = os.path.join(target_run, CHECKPOINT)
    if os.path.exists(target):
        raise GrowError(f"{target} exists: grow into a new run folder, an existing run is never overwritten")
    state = load_checkpoint(os.path.join(source_run, CHECKPOINT))
    old_cfg = NsfConfig.from_dict(state["architecture"])
    cfg = grown_config(old_cfg, changes)
    models = {}
    for key in ("model", "ema"):
        old = SincNsf(old_cfg)
        old.load_state_dict(state[key])
        new = grown_model(old, cfg, seed)
        diff = _max_difference(old, new)
        if diff > IDENTITY_TOLERANCE:
            raise GrowError(f"the grown {key} weights render differently (max |difference| {diff:.3g}, expected <= {IDENTITY_TOLERANCE})")
        models[key] = (old, new)
    old, new = models["model"]
    growth = {"step": state["step"], "from": {k: getattr(old_cfg, k) for k in changes}, "to": dict(changes)}
    grown = {**state, "architecture": architecture_of(cfg), "model": new.state_dict(), "ema": models["ema"][1].state_dict(),
             "optimiser": _optimiser_state(state["optimiser"], old, new), "growth": state.get("growth", []) + [growth]}
    os.makedirs(target_run, exist_ok=True)
    save_checkpoint(target, grown)
    added = sum(p.numel() for p in new.parameters()) - sum(p.numel() for p in old.parameters())
    return {"run": os.path.abspath(target_run), "step": state["step"], "architecture": architecture_of(cfg), "added_parameters": added}
