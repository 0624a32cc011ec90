"""Resumable FRAVE checkpoints, written atomically, refusing another architecture by name."""
import json
import torch
from neurorack_nsf.train.checkpoint import ArchitectureMismatch, save_checkpoint  # noqa: F401 (re-exported)
from ..config import FraveConfig


def load_checkpoint(path: str, cfg: FraveConfig = None) -> dict:
    state = torch.load(path, map_location="cpu")
    if state.get("kind") != "frave" or "architecture" not in state:
        raise ValueError(f"{path}: not a FRAVE training checkpoint (expected kind 'frave' and an architecture)")
    if cfg is not None:
        want, have = cfg.to_dict(), {**FraveConfig().to_dict(), **state["architecture"]}
        diff = sorted(k for k in set(want) | set(have) if want.get(k) != have.get(k))
        if diff:
            detail = ", ".join(f"{k}: checkpoint {json.dumps(have.get(k))}, asked {json.dumps(want.get(k))}" for k in diff)
            raise ArchitectureMismatch(f"{path}: cannot resume: the checkpoint's architecture differs ({detail}); "
                                       "use the checkpoint's configuration or start a new run in another folder")
    return state
