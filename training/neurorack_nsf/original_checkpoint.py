"""Reads an original Neurorack hn-sinc-NSF checkpoint (a whole-model pickle whose classes live in
`models.nsf.sinc_nsf`) without its source code, into a SincNsf."""
import contextlib
import sys
import types
import torch
from .config import NsfConfig
from .model import SincNsf

ORIGINAL_MODULE = "models.nsf.sinc_nsf"


class NotNeurorackCheckpoint(ValueError):
    """The file is not an original Neurorack hn-sinc-NSF checkpoint."""


class _Placeholder(torch.nn.Module):
    """Stands in for an original class: holds the pickled attributes, parameters and sub-modules."""


@contextlib.contextmanager
def _placeholder_modules(prefix: str = "models"):
    """Installs importable stand-ins for `models.*` while unpickling, then removes them."""
    classes = {}

    def make(module_name):
        mod = types.ModuleType(module_name)

        def getattr_(name):
            key = (module_name, name)
            if key not in classes:
                classes[key] = type(name, (_Placeholder,), {"__module__": module_name})
            return classes[key]
        mod.__getattr__ = getattr_
        mod.__path__ = []
        return mod

    names = ["models", "models.nsf", ORIGINAL_MODULE]
    saved = {n: sys.modules.get(n) for n in names}
    for n in names:
        sys.modules[n] = make(n)
    try:
        yield
    finally:
        for n, m in saved.items():
            if m is None:
                sys.modules.pop(n, None)
            else:
                sys.modules[n] = m


def load_original(path: str) -> torch.nn.Module:
    """The unpickled module tree (placeholder classes), or NotNeurorackCheckpoint."""
    try:
        with _placeholder_modules():
            obj = torch.load(path, map_location="cpu")
    except Exception as err:  # noqa: BLE001 - any unpickling failure means "not a checkpoint we read"
        raise NotNeurorackCheckpoint(f"cannot read {path} as a PyTorch checkpoint: {err}") from err
    if not isinstance(obj, torch.nn.Module) or type(obj).__module__ != ORIGINAL_MODULE or type(obj).__name__ != "Model":
        raise NotNeurorackCheckpoint(f"{path} does not hold a {ORIGINAL_MODULE}.Model (found {type(obj).__module__}.{type(obj).__name__})")
    for attr in ("m_cond", "m_source", "m_filter", "input_mean", "input_std"):
        if not hasattr(obj, attr):
            raise NotNeurorackCheckpoint(f"{path}: the model has no '{attr}': not an hn-sinc-NSF Neurorack model")
    return obj


def config_of(orig: torch.nn.Module) -> NsfConfig:
    """Our configuration for the original model's attributes and tensor shapes."""
    cond = orig.m_cond
    filt = orig.m_filter
    sine = orig.m_source.l_sin_gen
    return NsfConfig(
        sample_rate=int(orig.sampling_rate), hop_length=int(orig.upsamp_rate), input_dim=int(orig.input_dim),
        hidden=int(orig.hidden_dim), cond_layers=len(cond.l_conv1ds), cond_kernel=int(orig.cnn_kernel_s),
        harmonic_num=int(orig.harmonic_num), sine_amp=float(sine.sine_amp), noise_std=float(sine.noise_std),
        voiced_threshold=float(sine.voiced_threshold), harmonic_blocks=len(filt.l_har_blocks),
        harmonic_convs=int(filt.l_har_blocks[0].conv_num), noise_blocks=len(filt.l_noi_blocks),
        noise_convs=int(filt.l_noi_blocks[0].conv_num) if len(filt.l_noi_blocks) else 0,
        filter_kernel=int(filt.kernel_size), sinc_order=int(filt.sinc_order),
        cut_f_smooth_hops=int(cond.cut_f_smooth) // int(orig.upsamp_rate),
        block_scale=float(filt.l_har_blocks[0].scale.item()))


def _linear_as_conv(w: torch.Tensor) -> torch.Tensor:
    return w.detach().clone().unsqueeze(-1).unsqueeze(-1)


def to_sinc_nsf(orig: torch.nn.Module) -> SincNsf:
    """Copies the original's weights and statistics into our architecture."""
    cfg = config_of(orig)
    model = SincNsf(cfg).eval()
    with torch.no_grad():
        model.input_mean.copy_(orig.input_mean.detach().flatten())
        model.input_std.copy_(orig.input_std.detach().flatten())
        for ours, theirs in zip(model.condition.convs, orig.m_cond.l_conv1ds):
            ours.weight.copy_(theirs.weight)
            ours.bias.copy_(theirs.bias)
        model.source.merge.weight.copy_(orig.m_source.l_linear.weight)
        model.source.merge.bias.copy_(orig.m_source.l_linear.bias)
        pairs = list(zip(model.harmonic_blocks, orig.m_filter.l_har_blocks)) + list(zip(model.noise_blocks, orig.m_filter.l_noi_blocks))
        for ours, theirs in pairs:
            ours.ff_1.weight.copy_(_linear_as_conv(theirs.l_ff_1.weight))
            ours.ff_2.weight.copy_(_linear_as_conv(theirs.l_ff_2.weight))
            ours.ff_3.weight.copy_(_linear_as_conv(theirs.l_ff_3.weight))
            ours.scale = float(theirs.scale.item())
            for c_ours, c_theirs in zip(ours.convs, theirs.l_convs):
                c_ours.weight.copy_(c_theirs.weight.unsqueeze(2))
    return model
