"""Neurorack's hn-sinc-NSF: a descriptor-conditioned harmonic-plus-noise neural source-filter model
with time-varying windowed-sinc filters (after Wang and Yamagishi), written for ONNX export."""
from .config import NsfConfig
from .model import SincNsf

__all__ = ["NsfConfig", "SincNsf"]
