"""A SincNsf rebuilt from a host model folder: the architecture and input statistics from
manifest.json, the weights from the ONNX file's initializers (the exporter names them after the
state_dict; the source's merge weight is stored transposed as a MatMul operand; weights a graph
pass scaled are divided back, as its metadata records)."""
import json
import os
import numpy as np
import onnx
import torch
from onnx import numpy_helper
from .config import NsfConfig
from .graph_passes import FOLDED_SCALES_KEY
from .model import SincNsf


class WeightsNotFound(ValueError):
    """The ONNX file does not hold every weight under its state_dict name (e.g. a graph pass folded it)."""


def model_from_folder(folder: str) -> SincNsf:
    with open(os.path.join(folder, "manifest.json")) as f:
        manifest = json.load(f)
    cfg = NsfConfig.from_dict(manifest["architecture"])
    onnx_file = next(x["path"] for x in manifest["files"] if x.get("role", "onnx") == "onnx")
    proto = onnx.load(os.path.join(folder, onnx_file))
    graph = proto.graph
    inits = {i.name: numpy_helper.to_array(i) for i in graph.initializer}
    props = {p.key: p.value for p in proto.metadata_props}
    for scaled, (original, scale) in json.loads(props.get(FOLDED_SCALES_KEY, "{}")).items():
        if scaled in inits and original not in inits:
            inits[original] = (inits[scaled].astype(np.float64) / scale).astype(inits[scaled].dtype)
    model = SincNsf(cfg)
    state = model.state_dict()
    merge = "source.merge.weight"
    missing = []
    for name, value in state.items():
        if name in inits and tuple(inits[name].shape) == tuple(value.shape):
            state[name] = torch.from_numpy(np.array(inits[name]))
        elif name == merge:
            matmul_b = {n.input[1] for n in graph.node if n.op_type == "MatMul"}
            found = [inits[k] for k in matmul_b if k in inits and inits[k].shape == (cfg.sines, 1)]
            if len(found) != 1:
                missing.append(name)
            else:
                state[name] = torch.from_numpy(np.array(found[0]).T.copy())
        else:
            missing.append(name)
    if missing:
        raise WeightsNotFound(f"{folder}: no initializer for {', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}")
    model.load_state_dict(state)
    return model.eval()
