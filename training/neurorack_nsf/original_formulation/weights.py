"""Loading OriginalFormulationNsf with the exact weights of a SincNsf or of an original checkpoint."""
import torch
from ..model import SincNsf
from ..original_checkpoint import config_of
from .model import OriginalFormulationNsf

# smoothers of our SincNsf's semantics that the original checkpoint has no weights for (constant 1/window)
_NOT_IN_CHECKPOINT = {"m_cond.l_upsamp_f0_uv.l_ave1.weight", "m_cond.l_upsamp_f0_uv.l_ave2.weight"}
# output statistics the original's forward never applies
_UNUSED = {"output_mean", "output_std"}


def from_sinc_nsf(model: SincNsf) -> OriginalFormulationNsf:
    """An OriginalFormulationNsf of model.cfg holding copies of model's weights and statistics."""
    out = OriginalFormulationNsf(model.cfg).eval()
    with torch.no_grad():
        out.input_mean.copy_(model.input_mean)
        out.input_std.copy_(model.input_std)
        for theirs, ours in zip(out.m_cond.l_conv1ds, model.condition.convs):
            theirs.weight.copy_(ours.weight)
            theirs.bias.copy_(ours.bias)
        out.m_source.l_linear.weight.copy_(model.source.merge.weight)
        out.m_source.l_linear.bias.copy_(model.source.merge.bias)
        pairs = list(zip(out.m_filter.l_har_blocks, model.harmonic_blocks)) + list(zip(out.m_filter.l_noi_blocks, model.noise_blocks))
        for theirs, ours in pairs:
            theirs.l_ff_1.weight.copy_(ours.ff_1.weight.flatten(1))
            theirs.l_ff_2.weight.copy_(ours.ff_2.weight.flatten(1))
            theirs.l_ff_3.weight.copy_(ours.ff_3.weight.flatten(1))
            theirs.scale.fill_(ours.scale)
            for c_theirs, c_ours in zip(theirs.l_convs, ours.convs):
                c_theirs.weight.copy_(c_ours.weight.squeeze(2))
    return out


def from_original_checkpoint(orig: torch.nn.Module) -> OriginalFormulationNsf:
    """An OriginalFormulationNsf loaded straight from the state dict of an original checkpoint's
    module tree (original_checkpoint.load_original), parameter name for parameter name; raises
    ValueError when names other than the expected ones are missing or left over."""
    out = OriginalFormulationNsf(config_of(orig)).eval()
    state = {k: v.reshape(out.state_dict()[k].shape) if k in ("input_mean", "input_std") else v
             for k, v in orig.state_dict().items() if k not in _UNUSED}
    result = out.load_state_dict(state, strict=False)
    if set(result.missing_keys) != _NOT_IN_CHECKPOINT or result.unexpected_keys:
        raise ValueError(f"checkpoint does not match the original formulation: missing {result.missing_keys}, "
                         f"unexpected {result.unexpected_keys}")
    return out
