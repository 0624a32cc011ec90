"""Causal convolutions whose past can be carried between calls (cached convolutions, as in
cached_conv / RAVE's streaming mode, but with the cache as an explicit tensor so an ONNX graph
takes it as an input and returns it as an output).

Each CausalConv1d sees `cache` samples of its input's past: (kernel - 1) * dilation for a plain
convolution, kernel - stride for a strided one. Outside a StreamState the past is zeros (training,
offline renders); inside one, each convolution takes its past from the state in call order and
leaves its new past there, so a call on N frames continues the previous call exactly."""
import contextlib
import torch
import torch.nn as nn
import torch.nn.functional as F

_active = []


class StreamState:
    """The carried pasts of every causal convolution of a module, in call order."""

    def __init__(self, pasts):
        self.pasts = list(pasts)
        self.next = []
        self._i = 0

    def take(self, conv: "CausalConv1d", x: torch.Tensor) -> torch.Tensor:
        past = self.pasts[self._i]
        self._i += 1
        return past

    def give(self, past: torch.Tensor) -> None:
        self.next.append(past)

    def check_used_all(self) -> None:
        if self._i != len(self.pasts):
            raise ValueError(f"the stream state holds {len(self.pasts)} pasts but {self._i} convolutions used one")


@contextlib.contextmanager
def streaming(state: StreamState):
    _active.append(state)
    try:
        yield state
    finally:
        _active.pop()
    state.check_used_all()


class CausalConv1d(nn.Module):
    def __init__(self, cin: int, cout: int, kernel: int, stride: int = 1, dilation: int = 1, bias: bool = True):
        super().__init__()
        if stride > 1 and dilation != 1:
            raise ValueError("a strided causal convolution cannot be dilated")
        if stride > 1 and kernel < stride:
            raise ValueError("a strided causal convolution needs kernel >= stride")
        self.conv = nn.Conv1d(cin, cout, kernel, stride=stride, dilation=dilation, bias=bias)
        self.cin, self.stride = cin, stride
        self.cache = (kernel - 1) * dilation if stride == 1 else kernel - stride

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.cache == 0:
            return self.conv(x)
        if _active:
            state = _active[-1]
            past = state.take(self, x)
            xp = torch.cat([past, x], dim=2)
            state.give(xp[:, :, -self.cache:])  # a negative start: the exported graph slices by the real length
        else:
            xp = F.pad(x, (self.cache, 0))
        return self.conv(xp)


def cached_convs(module: nn.Module):
    """The causal convolutions with a past, in the order a forward pass calls them (module order:
    every model here calls its convolutions in the order it declares them)."""
    return [m for m in module.modules() if isinstance(m, CausalConv1d) and m.cache > 0]


def zero_state(module: nn.Module, batch: int = 1, dtype=torch.float32):
    return [torch.zeros(batch, c.cin, c.cache, dtype=dtype) for c in cached_convs(module)]
