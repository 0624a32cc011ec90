"""Neural filter block: a causal stack of dilated convolutions conditioned by the context."""
import torch
from torch import nn
import torch.nn.functional as F


class _CausalPad(torch.autograd.Function):
    """Left zero-padding of the last axis of a 4-D tensor, exported as a Pad with constant widths so
    the graph pass can move it into the following Conv."""

    @staticmethod
    def forward(ctx, x, left: int):  # noqa: D401 - autograd signature
        return F.pad(x, (left, 0))

    @staticmethod
    def backward(ctx, grad):
        return grad[..., ctx.left:] if hasattr(ctx, "left") else grad, None

    @staticmethod
    def symbolic(g, x, left: int):
        pads = g.op("Constant", value_t=torch.tensor([0, 0, 0, left, 0, 0, 0, 0], dtype=torch.int64))
        return g.op("Pad", x, pads, mode_s="constant")


def causal_pad(x: torch.Tensor, left: int) -> torch.Tensor:
    if torch.onnx.is_in_onnx_export():
        return _CausalPad.apply(x, left)
    return F.pad(x, (left, 0))


class NeuralFilterBlock(nn.Module):
    """Signal [B, 1, 1, L] and context [B, H, 1, L] to a filtered signal [B, 1, 1, L]; causal in time.

    Tensors carry a unit height axis so ONNX Runtime runs the convolutions with its blocked (NCHWc)
    2-D kernels, which fuse the activation and skip im2col."""

    def __init__(self, hidden: int, kernel: int, convs: int, scale: float = 0.1):
        super().__init__()
        self.dilations = [2 ** i for i in range(convs)]
        self.kernel = kernel
        self.ff_1 = nn.Conv2d(1, hidden, 1, bias=False)
        self.convs = nn.ModuleList(nn.Conv2d(hidden, hidden, (1, kernel), dilation=(1, d), bias=False) for d in self.dilations)
        self.ff_2 = nn.Conv2d(hidden, hidden // 4, 1, bias=False)
        self.ff_3 = nn.Conv2d(hidden // 4, 1, 1, bias=False)
        self.scale = scale

    def forward(self, signal: torch.Tensor, context: torch.Tensor) -> torch.Tensor:
        h = torch.tanh(self.ff_1(signal))
        for conv, d in zip(self.convs, self.dilations):
            h = h + torch.tanh(conv(causal_pad(h, (self.kernel - 1) * d))) + context
        h = torch.tanh(self.ff_2(h * self.scale))
        h = torch.tanh(self.ff_3(h))
        return h + signal
