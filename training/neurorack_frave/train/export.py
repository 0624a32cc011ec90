"""Export of a FRAVE run to a model folder (never half-written), with its shipped timbres chosen
from the dataset's own procedural sounds: per category, the validation item of median length."""
import os
import re
import numpy as np
import torch
from neurorack_nsf.train.atomic_folder import write_folder_atomically
from neurorack_nsf.train.data import load_manifest
from ..config import FraveConfig
from ..model import Frave
from ..model_folder import DivergedModel, encode_items, principal_directions, write_model_folder
from .checkpoint import load_checkpoint


def frave_from_checkpoint(path: str, use_ema: bool = True):
    state = load_checkpoint(path)
    cfg = FraveConfig.from_dict(state["architecture"])
    frave = Frave(cfg, state["range"]["low"], state["range"]["high"], np.array(state["bin_edges"]))
    frave.load_state_dict(state["ema" if use_ema else "model"])
    bad = [n for n, t in frave.state_dict().items() if t.is_floating_point() and not torch.isfinite(t).all()]
    if bad:
        raise DivergedModel(f"{path}: refusing to export a diverged model: NaN or infinite values in {', '.join(bad[:5])}")
    return frave.eval(), state


def category_of(source: str) -> str:
    """`synth:metal:123` or `.../metal-0001.wav` to `metal`."""
    if source.startswith("synth:"):
        return source.split(":")[1]
    m = re.match(r"([a-z]+)-\d+\.wav$", os.path.basename(source))
    return m.group(1) if m else "other"


def dataset_timbres(folder: str, split: str = "validation"):
    """[(category, descriptors, audio, source)]: per category, the item of median length in `split`."""
    m = load_manifest(folder)
    by = {}
    for it in m["items"]:
        if it["split"] == split:
            by.setdefault(category_of(it["source"]), []).append(it)
    out = []
    for cat in sorted(by):
        items = sorted(by[cat], key=lambda it: (it["frames"], it["id"]))
        it = items[len(items) // 2]
        desc = np.load(os.path.join(folder, it["descriptors"]))
        audio = np.load(os.path.join(folder, it["audio"]))
        out.append((cat, desc, audio, it["source"]))
    return out


def validation_items(folder: str, limit: int = 200):
    m = load_manifest(folder)
    items = [it for it in m["items"] if it["split"] == "validation"][:limit]
    return [(np.load(os.path.join(folder, it["descriptors"])), np.load(os.path.join(folder, it["audio"]))) for it in items], m["stats"]


def timbre_source(src: str) -> str:
    """A shipped timbre's source as the model lists it: the sound's file name, not the folders it
    was read from on the trainer's machine."""
    return f"procedural: {os.path.basename(src)}"


def export_run(checkpoint: str, data: str, outdir: str, model_id: str, name: str, *, default_timbre: str = None,
               replace: bool = False, card=None, extra=None, use_ema: bool = True, **meta) -> dict:
    """Writes the model folder; `card(manifest)` returns its README, `extra(folder)` adds files."""
    frave, state = frave_from_checkpoint(checkpoint, use_ema)
    chosen = dataset_timbres(data)
    if default_timbre:
        chosen.sort(key=lambda t: t[0] != default_timbre)
    trajectories = encode_items(frave, [(d, a) for _, d, a, _ in chosen])
    timbres = [(cat, z, timbre_source(src)) for (cat, _, _, src), z in zip(chosen, trajectories)]
    val, stats = validation_items(data)
    pca = principal_directions(encode_items(frave, val), [d for d, _ in val])
    training = {"config": state["architecture"], "steps": state["step"], "train_hours": round(state.get("train_hours", 0.0), 4),
                "weights": "ema" if use_ema else "raw", "parameters": sum(p.numel() for p in frave.parameters()),
                "options": {k: v for k, v in state.get("options", {}).items() if k not in ("data", "run", "config")},
                "dataset": {"items": state["dataset"]["items"], "source": meta.pop("data_description", None) or state["dataset"]["path"]}}

    def fill(tmp):
        manifest = write_model_folder(frave, tmp, model_id, name, low=state["range"]["low"], high=state["range"]["high"],
                                      stats=stats, timbres=timbres, pca=pca, training=training, **meta)
        if card is not None:
            with open(os.path.join(tmp, "README.md"), "w") as f:
                f.write(card(manifest))
        if extra is not None:
            extra(tmp)
        return manifest

    return write_folder_atomically(outdir, fill, replace)
