"""Resumable checkpoints: model, EMA, optimiser, step, RNG states and the architecture they belong to."""
import json
import os
import torch
from ..config import NsfConfig


class ArchitectureMismatch(ValueError):
    """A checkpoint was made for another architecture than the one asked for."""


def architecture_of(cfg: NsfConfig) -> dict:
    return cfg.to_dict()


def save_checkpoint(path: str, state: dict) -> None:
    """Writes atomically (temp file then rename), so a crash never leaves a half checkpoint."""
    tmp = f"{path}.tmp-{os.getpid()}"
    torch.save(state, tmp)
    os.replace(tmp, path)


def load_checkpoint(path: str, cfg: NsfConfig = None) -> dict:
    """Loads a checkpoint; with `cfg`, refuses one whose architecture differs, naming each field."""
    state = torch.load(path, map_location="cpu")
    if "architecture" not in state or "model" not in state:
        raise ValueError(f"{path}: not a Neurorack training checkpoint (no architecture or model state)")
    if cfg is not None:
        # fields added since the checkpoint was written take their defaults (an older run stays resumable)
        want, have = architecture_of(cfg), {**NsfConfig().to_dict(), **state["architecture"]}
        diff = sorted(k for k in set(want) | set(have) if want.get(k) != have.get(k))
        if diff:
            detail = ", ".join(f"{k}: checkpoint {json.dumps(have.get(k))}, asked {json.dumps(want.get(k))}" for k in diff)
            raise ArchitectureMismatch(
                f"{path}: cannot resume: the checkpoint's architecture differs ({detail}); "
                "use the checkpoint's configuration or start a new run in another folder")
    return state
