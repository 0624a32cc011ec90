"""Export of a training run's EMA weights to a model folder, never half-written: the folder is
built beside the destination and renamed into place only when complete."""
import json
import math
import os
import torch
from ..config import NsfConfig
from ..model import SincNsf
from ..model_folder import write_model_folder
from .atomic_folder import ExportError, write_folder_atomically  # noqa: F401 (ExportError re-exported)
from .checkpoint import load_checkpoint


class DivergedModel(ValueError):
    """The weights hold NaN or infinite values: there is nothing sound to export."""


def model_from_checkpoint(path: str, use_ema: bool = True) -> SincNsf:
    state = load_checkpoint(path)
    model = SincNsf(NsfConfig.from_dict(state["architecture"]))
    model.load_state_dict(state["ema" if use_ema else "model"])
    return model.eval()


def check_finite(model: torch.nn.Module, where: str = "model") -> None:
    bad = [n for n, t in list(model.named_parameters()) + list(model.named_buffers()) if not torch.isfinite(t).all()]
    if bad:
        raise DivergedModel(f"{where}: refusing to export a diverged model: NaN or infinite values in "
                            f"{', '.join(bad[:5])}{' ...' if len(bad) > 5 else ''}")


def export_model_folder(model: SincNsf, outdir: str, model_id: str, name: str, *, version: str = "1.0.0",
                        description: str = "", licence: str = "CC0-1.0", author: str = "Neurorack contributors",
                        training: dict = None, card: str = None, replace: bool = False, extra_files: dict = None) -> dict:
    """Writes the model folder (model.onnx, golden.json, manifest.json, README.md model card) at
    `outdir`. The folder is assembled in a temporary sibling and renamed into place; on any failure
    the temporary folder is removed and an existing `outdir` is untouched. An existing `outdir` is
    replaced only with `replace`."""
    check_finite(model, outdir)

    def fill(tmp):
        manifest = write_model_folder(model, tmp, model_id, name, version=version, description=description,
                                      licence=licence, author=author, training=training or {})
        with open(os.path.join(tmp, "golden.json")) as f:
            golden = json.load(f)
        if not all(math.isfinite(x) for x in golden["audio"]):
            raise DivergedModel(f"{outdir}: refusing to export: the model renders NaN or infinite samples")
        if card is not None:
            with open(os.path.join(tmp, "README.md"), "w") as f:
                f.write(card)
        for rel, content in (extra_files or {}).items():  # text, or bytes for binary files
            with open(os.path.join(tmp, rel), "wb" if isinstance(content, bytes) else "w") as f:
                f.write(content)
        return manifest

    return write_folder_atomically(outdir, fill, replace)
