"""The hn-sinc-NSF computed the way the original code (Xin Wang's project-NN-Pytorch-scripts
hn-sinc-NSF, adapted by Neurorack's `models/nsf/sinc_nsf.py`) formulates it, on the same weights as
our SincNsf: the PyTorch baseline that issue #5's figures refer to.

It exists to be timed and compared, not exported or trained: tensors stay [B, L, C] and are
permuted around every convolution, the upsampling is a nearest repeat followed by moving-average
convolutions at the sample rate, the sines come from cumulative sums over the upsampled f0, and the
sinc filters build an explicit [B, L, order] coefficient tensor and apply it tap by tap."""
from .model import OriginalFormulationNsf
from .weights import from_original_checkpoint, from_sinc_nsf

__all__ = ["OriginalFormulationNsf", "from_original_checkpoint", "from_sinc_nsf"]
