"""Rewrites of the exported ONNX graph that ONNX Runtime does not do itself."""
import copy
import json
import numpy as np
import onnx
from onnx import numpy_helper, shape_inference

FOLDED_SCALES_KEY = "neurorack.folded_scales"
"""Metadata key: {scaled initializer: [original initializer, scale]}, so the weights can be read back."""


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


def fold_scale_into_conv(model: onnx.ModelProto) -> int:
    """Moves a multiplication by a constant scalar into the weights of the Convs that alone consume
    it: Conv(s * x) = Conv'(x) with W' = s * W (the bias is unchanged). ORT fuses a Mul after a Conv,
    not before one, and in the blocked layout a lone Mul costs a reorder out and back in. W' is a new
    initializer; the model's metadata (FOLDED_SCALES_KEY) says which weight and scale it holds.
    Returns the number of Muls removed."""
    graph = model.graph
    consts = _constants(model)
    inits = {init.name: init for init in graph.initializer}
    consumers = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)
    removed = []
    folded = {}
    for mul in graph.node:
        if mul.op_type != "Mul":
            continue
        scalar = [i for i in mul.input if i in consts and consts[i].size == 1]
        data = [i for i in mul.input if i not in consts]
        users = consumers.get(mul.output[0], [])
        if len(scalar) != 1 or len(data) != 1 or not users or mul.output[0] in {o.name for o in graph.output}:
            continue
        if any(u.op_type != "Conv" or list(u.input).count(mul.output[0]) != 1 or u.input[0] != mul.output[0]
               or u.input[1] not in inits for u in users):
            continue
        s = consts[scalar[0]].astype(np.float64).ravel()[0]
        for conv in users:
            w = numpy_helper.to_array(inits[conv.input[1]])
            name = f"{conv.input[1]}.scaled"
            k = 1
            while name in inits:
                name, k = f"{conv.input[1]}.scaled{k}", k + 1
            scaled = numpy_helper.from_array((w.astype(np.float64) * s).astype(w.dtype), name)
            graph.initializer.append(scaled)
            inits[name] = scaled
            folded[name] = [conv.input[1], float(s)]
            conv.input[1] = name
            conv.input[0] = data[0]
        removed.append(mul)
    for mul in removed:
        graph.node.remove(mul)
    _drop_dead_nodes(model)
    if folded:
        _record(model, FOLDED_SCALES_KEY, folded)
    return len(removed)


def _record(model: onnx.ModelProto, key: str, entries: dict) -> None:
    props = {p.key: p.value for p in model.metadata_props}
    merged = {**json.loads(props.get(key, "{}")), **entries}
    onnx.helper.set_model_props(model, {**props, key: json.dumps(merged, sort_keys=True)})


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


def _concrete_shapes(model: onnx.ModelProto, frames: int, sample_frames: int, hop: int) -> dict:
    """Every tensor's shape and element type when the frame axis "T" is `frames` and any other
    symbolic input axis is sample_frames * hop samples (the sample window, all of the frames or fewer)."""
    m = copy.deepcopy(model)
    for inp in m.graph.input:
        for d in inp.type.tensor_type.shape.dim:
            if d.dim_param:
                d.dim_value = frames if d.dim_param == "T" else sample_frames * hop
    del m.graph.value_info[:]
    m = shape_inference.infer_shapes(m, data_prop=True)
    shapes = {}
    for vi in list(m.graph.value_info) + list(m.graph.output):
        t = vi.type.tensor_type
        if t.HasField("shape"):
            shapes[vi.name] = ([d.dim_value if d.HasField("dim_value") else None for d in t.shape.dim], t.elem_type)
    return shapes


def name_symbolic_axes(model: onnx.ModelProto, hop: int, sample_frames=(1, 2, 7, 11), extra_frames=(2, 3, 2, 5)) -> int:
    """Declares the shape of every intermediate tensor whose axes are fixed, T frames or N * hop
    samples (the sample window), with those axes named as the inputs name them ("T", "samples").
    ONNX shape inference loses the names through padded convolutions, and without them ORT cannot
    prove that the two sides of a residual addition have the same shape: it then wraps every such
    Add of the blocked layout in Reshapes (three per Add). An axis is named only when concrete
    shape inference gives it exactly T (or N * hop) for every one of the trial sizes (N frames of
    samples in T = N + extra frames of descriptors, so the two never coincide); returns the number of
    tensors annotated."""
    samples = next((d.dim_param for i in model.graph.input for d in i.type.tensor_type.shape.dim
                    if d.dim_param and d.dim_param != "T"), "samples")
    frame_counts = [n + e for n, e in zip(sample_frames, extra_frames)]
    runs = [_concrete_shapes(model, t, n, hop) for t, n in zip(frame_counts, sample_frames)]
    declared = {vi.name for vi in model.graph.value_info} | {o.name for o in model.graph.output}
    count = 0
    for name, (first, elem) in runs[0].items():
        shapes = [r.get(name, (None, None))[0] for r in runs]
        if name in declared or any(s is None or len(s) != len(first) or None in s for s in shapes):
            continue
        dims = []
        for axis in zip(*shapes):
            if len(set(axis)) == 1:
                dims.append(axis[0])
            elif list(axis) == list(frame_counts):
                dims.append("T")
            elif list(axis) == [n * hop for n in sample_frames]:
                dims.append(samples)
            else:
                dims = None
                break
        if dims is not None:
            model.graph.value_info.append(onnx.helper.make_tensor_value_info(name, elem, dims))
            count += 1
    return count


def optimise(path: str, hop: int) -> dict:
    """Applies every pass to the ONNX file in place; returns what each did."""
    model = onnx.load(path)
    report = {"pads_folded_into_conv": fold_pad_into_conv(model),
              "scales_folded_into_conv": fold_scale_into_conv(model)}
    report["axes_named"] = name_symbolic_axes(model, hop)
    onnx.checker.check_model(model)
    onnx.save(model, path)
    return report
