"""Rewrites of the exported ONNX graph that ONNX Runtime does not do itself."""
import numpy as np
import onnx
from onnx import numpy_helper


def _attr(node, name, default=None):
    for a in node.attribute:
        if a.name == name:
            return onnx.helper.get_attribute_value(a)
    return default


def _slice(x, starts, ends, axes=None, steps=None):
    axes = range(len(starts)) if axes is None else axes
    steps = [1] * len(starts) if steps is None else steps
    index = [slice(None)] * x.ndim
    for s, e, a, st in zip(starts, ends, axes, steps):
        index[int(a)] = slice(int(s), int(e), int(st))
    return x[tuple(index)]


_EVAL = {
    "Cast": lambda n, x: x[0].astype(onnx.helper.tensor_dtype_to_np_dtype(_attr(n, "to"))),
    "Reshape": lambda n, x: x[0].reshape(x[1]),
    "Transpose": lambda n, x: np.transpose(x[0], _attr(n, "perm")),
    "Concat": lambda n, x: np.concatenate(x, axis=_attr(n, "axis")),
    "Slice": lambda n, x: _slice(*x),
    "Unsqueeze": lambda n, x: np.expand_dims(x[0], tuple(int(a) for a in x[1])),
    "Squeeze": lambda n, x: np.squeeze(x[0], tuple(int(a) for a in x[1])) if len(x) > 1 else np.squeeze(x[0]),
    "ConstantOfShape": lambda n, x: np.full(tuple(x[0]), numpy_helper.to_array(_attr(n, "value")).ravel()[0] if _attr(n, "value") is not None else 0.0),
}


def _constants(model: onnx.ModelProto) -> dict:
    """Values computable without inputs (initializers, Constants and the small shape arithmetic the
    exporter leaves behind, e.g. pad widths); nodes are in topological order."""
    values = {init.name: numpy_helper.to_array(init) for init in model.graph.initializer}
    for node in model.graph.node:
        if node.op_type == "Constant":
            t = _attr(node, "value")
            if t is not None:
                values[node.output[0]] = numpy_helper.to_array(t)
        elif node.op_type in _EVAL and all(not i or i in values for i in node.input):
            try:
                values[node.output[0]] = np.asarray(_EVAL[node.op_type](node, [values[i] for i in node.input if i]))
            except Exception:  # noqa: BLE001 - an op we cannot evaluate stays dynamic
                pass
    return values


def fold_pad_into_conv(model: onnx.ModelProto) -> int:
    """Merges a zero-constant Pad on the spatial axes into the Conv that alone consumes it (Conv takes
    asymmetric pads; a separate Pad costs a copy and breaks ORT's blocked-layout chain). Returns the
    number of Pads removed."""
    graph = model.graph
    consts = _constants(model)
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    removed = []
    for pad in graph.node:
        if pad.op_type != "Pad":
            continue
        mode = next((a.s.decode() for a in pad.attribute if a.name == "mode"), "constant")
        users = consumers.get(pad.output[0], [])
        if mode != "constant" or len(users) != 1 or users[0].op_type != "Conv" or users[0].input[0] != pad.output[0]:
            continue
        if pad.input[1] not in consts or (len(pad.input) > 2 and pad.input[2] and float(consts.get(pad.input[2], np.zeros(1)).ravel()[0]) != 0.0):
            continue
        pads = consts[pad.input[1]].astype(np.int64).ravel()
        rank = len(pads) // 2
        if pads[0] or pads[1] or pads[rank] or pads[rank + 1] or (pads < 0).any():
            continue  # batch or channel padding cannot move into Conv
        conv = users[0]
        spatial = rank - 2
        extra = [int(p) for p in pads[2:rank]] + [int(p) for p in pads[rank + 2:]]
        old = next((a for a in conv.attribute if a.name == "pads"), None)
        base = list(old.ints) if old is not None else [0] * (2 * spatial)
        merged = [a + b for a, b in zip(base, extra)]
        if old is not None:
            conv.attribute.remove(old)
        conv.attribute.append(onnx.helper.make_attribute("pads", merged))
        conv.input[0] = pad.input[0]
        removed.append(pad)
    for pad in removed:
        graph.node.remove(pad)
    _drop_dead_nodes(model)
    return len(removed)


def _drop_dead_nodes(model: onnx.ModelProto) -> None:
    graph = model.graph
    while True:
        used = {name for node in graph.node for name in node.input} | {o.name for o in graph.output}
        dead = [n for n in graph.node if not any(o in used for o in n.output)]
        if not dead:
            break
        for n in dead:
            graph.node.remove(n)
    used = {name for node in graph.node for name in node.input}
    for init in [i for i in graph.initializer if i.name not in used]:
        graph.initializer.remove(init)


def optimise(path: str) -> dict:
    """Applies every pass to the ONNX file in place; returns what each did."""
    model = onnx.load(path)
    report = {"pads_folded_into_conv": fold_pad_into_conv(model)}
    onnx.checker.check_model(model)
    onnx.save(model, path)
    return report
