"""The original's neural filter block: Linear layers on [B, L, C] around a stack of causal dilated
convolutions, each wrapped in its own permutes."""
import torch
from torch import nn
from .layers import Conv1dKeepLength


class NeuralFilterBlock(nn.Module):
    """signal [B, L, 1] and context [B, L, H] to signal [B, L, 1]: expand by l_ff_1 (tanh), add
    tanh(dilated conv) and the context per layer (dilations 1, 2, 4, ...), scale, compress by
    l_ff_2 and l_ff_3 (tanh each) and add the input back."""

    def __init__(self, signal_size: int, hidden_size: int, kernel_size: int, conv_num: int, scale: float = 0.1):
        super().__init__()
        self.conv_num = conv_num
        self.l_ff_1 = nn.Linear(signal_size, hidden_size, bias=False)
        self.l_ff_1_tanh = nn.Tanh()
        self.l_convs = nn.ModuleList(
            Conv1dKeepLength(hidden_size, hidden_size, 2 ** i, kernel_size, causal=True, bias=False) for i in range(conv_num))
        self.l_ff_2 = nn.Linear(hidden_size, hidden_size // 4, bias=False)
        self.l_ff_2_tanh = nn.Tanh()
        self.l_ff_3 = nn.Linear(hidden_size // 4, signal_size, bias=False)
        self.l_ff_3_tanh = nn.Tanh()
        self.scale = nn.Parameter(torch.tensor([scale]), requires_grad=False)

    def forward(self, signal: torch.Tensor, context: torch.Tensor) -> torch.Tensor:
        hidden = self.l_ff_1_tanh(self.l_ff_1(signal))
        for l_conv in self.l_convs:
            hidden = hidden + l_conv(hidden) + context
        hidden = hidden * self.scale
        hidden = self.l_ff_2_tanh(self.l_ff_2(hidden))
        hidden = self.l_ff_3_tanh(self.l_ff_3(hidden))
        return hidden + signal
