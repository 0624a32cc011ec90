"""The FRAVE networks: a causal encoder (audio to a latent trajectory, one frame per hop), a causal
decoder (latent + scaled descriptors + band-domain noise to audio) and the fader discriminator that
tries to read the descriptors back from the latent (trained adversarially so it cannot).

Every convolution of the encoder and the decoder is a CausalConv1d, declared in the order the
forward pass calls it, so `causal_conv.streaming` carries their pasts between calls."""
import torch
import torch.nn as nn
import torch.nn.functional as F
from .causal_conv import CausalConv1d
from .config import FraveConfig
from .descriptor_scale import DescriptorScale
from .pqmf import Pqmf, interleave

SLOPE = 0.2


class ResidualUnit(nn.Module):
    def __init__(self, channels: int, kernel: int, dilation: int):
        super().__init__()
        self.conv = CausalConv1d(channels, channels, kernel, dilation=dilation)
        self.mix = CausalConv1d(channels, channels, 1)

    def forward(self, x):
        return x + self.mix(F.leaky_relu(self.conv(F.leaky_relu(x, SLOPE)), SLOPE))


class Encoder(nn.Module):
    def __init__(self, cfg: FraveConfig, analysis: CausalConv1d):
        super().__init__()
        self.analysis = analysis
        chans = cfg.encoder_channels
        self.inp = CausalConv1d(cfg.bands, chans[0], 7)
        layers = []
        cin = chans[0]
        for cout, s in zip(chans, cfg.encoder_strides):
            layers += [ResidualUnit(cin, cfg.kernel, 1), Down(cin, cout, s)]
            cin = cout
        self.body = nn.Sequential(*layers)
        self.out = CausalConv1d(cin, 2 * cfg.latent_dim, cfg.kernel)

    def forward(self, audio: torch.Tensor):
        """[B, L] to (mean, log-variance), each [B, L / hop, latent]."""
        x = self.inp(self.analysis(audio.unsqueeze(1)))
        x = self.out(F.leaky_relu(self.body(x), SLOPE))
        mean, logvar = x.transpose(1, 2).chunk(2, dim=2)
        return mean, logvar.clamp(-12, 6)


class Down(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv = CausalConv1d(cin, cout, 2 * stride, stride=stride)

    def forward(self, x):
        return self.conv(F.leaky_relu(x, SLOPE))


class Up(nn.Module):
    """Nearest-neighbour upsampling (stateless) then a causal convolution at the higher rate."""

    def __init__(self, cin, cout, ratio):
        super().__init__()
        self.ratio = ratio
        self.conv = CausalConv1d(cin, cout, 2 * ratio + 1)

    def forward(self, x):
        return self.conv(torch.repeat_interleave(F.leaky_relu(x, SLOPE), self.ratio, dim=2))


class Decoder(nn.Module):
    def __init__(self, cfg: FraveConfig, synthesis: CausalConv1d, low, high):
        super().__init__()
        self.cfg = cfg
        self.scale = DescriptorScale(low, high)
        chans = cfg.decoder_channels
        self.inp = CausalConv1d(cfg.latent_dim + cfg.descriptors, chans[0], cfg.kernel)
        self.frame = nn.Sequential(*[ResidualUnit(chans[0], cfg.kernel, 2 ** i) for i in range(cfg.frame_convs)])
        ups = []
        for cin, cout, r in zip(chans[:-1], chans[1:], cfg.decoder_ratios):
            ups += [Up(cin, cout, r), ResidualUnit(cout, cfg.kernel, 1), ResidualUnit(cout, cfg.kernel, 3)]
        self.ups = nn.Sequential(*ups)
        last = chans[-1]
        self.wave = CausalConv1d(last, cfg.bands, cfg.kernel)
        self.amp = CausalConv1d(last, cfg.bands, cfg.kernel)
        self.noise_gain = CausalConv1d(last, cfg.bands, cfg.kernel)
        self.synthesis = synthesis

    def forward(self, latent: torch.Tensor, descriptors: torch.Tensor, noise: torch.Tensor) -> torch.Tensor:
        """latent [B, T, latent], descriptors [B, T, 7] in host units, noise [B, bands, T * hop / bands]
        (standard normal) to audio [B, T * hop]."""
        cond = torch.cat([latent, self.scale(descriptors)], dim=2).transpose(1, 2)
        x = self.frame(self.inp(cond))
        x = F.leaky_relu(self.ups(x), SLOPE)
        wave = self.wave(x) * torch.sigmoid(self.amp(x))
        bands = wave + noise * 2 * torch.sigmoid(self.noise_gain(x) - 4)
        return interleave(self.synthesis(bands))


class FaderDiscriminator(nn.Module):
    """Reads each descriptor's quantile bin from a latent frame and its two predecessors."""

    def __init__(self, cfg: FraveConfig, width: int = 128):
        super().__init__()
        self.cfg = cfg
        self.net = nn.Sequential(
            nn.Conv1d(cfg.latent_dim, width, 3), nn.LeakyReLU(SLOPE),
            nn.Conv1d(width, width, 1), nn.LeakyReLU(SLOPE),
            nn.Conv1d(width, cfg.descriptors * cfg.fader_bins, 1))

    def forward(self, latent: torch.Tensor) -> torch.Tensor:
        """[B, T, latent] to logits [B, 7, bins, T]."""
        x = self.net(F.pad(latent.transpose(1, 2), (2, 0)))
        return x.view(x.shape[0], self.cfg.descriptors, self.cfg.fader_bins, -1)


class Frave(nn.Module):
    def __init__(self, cfg: FraveConfig, low, high, bin_edges):
        super().__init__()
        self.cfg = cfg
        pqmf = Pqmf(cfg.bands, cfg.pqmf_taps_per_band)
        self.pqmf_cutoff = pqmf.cutoff
        self.encoder = Encoder(cfg, pqmf.analysis)
        self.decoder = Decoder(cfg, pqmf.synthesis, low, high)
        self.register_buffer("bin_edges", torch.as_tensor(bin_edges, dtype=torch.float32))

    def descriptor_bins(self, descriptors: torch.Tensor) -> torch.Tensor:
        """[B, T, 7] host units to class indices [B, 7, T]."""
        s = self.decoder.scale(descriptors).transpose(1, 2)  # [B, 7, T]
        return (s.unsqueeze(-1) > self.bin_edges.view(1, 7, 1, -1)).sum(-1)
