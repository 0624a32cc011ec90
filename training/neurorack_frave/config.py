"""The architecture of a FRAVE: everything a checkpoint must match to be resumed or exported."""
from dataclasses import dataclass, asdict, field


@dataclass(frozen=True)
class FraveConfig:
    sample_rate: int = 22050
    hop_length: int = 512            # one latent frame per descriptor frame
    bands: int = 16                  # PQMF bands: the decoder's last stage runs at sample_rate / bands
    pqmf_taps_per_band: int = 8      # prototype length = bands * taps_per_band
    latent_dim: int = 8
    descriptors: int = 7
    encoder_channels: tuple = (32, 64, 96, 128)
    encoder_strides: tuple = (2, 2, 2, 4)   # band rate to frame rate: product = hop / bands
    decoder_channels: tuple = (128, 96, 64, 48, 32)
    decoder_ratios: tuple = (2, 2, 2, 4)    # frame rate to band rate
    frame_convs: int = 3             # causal convolutions at the frame rate before upsampling
    kernel: int = 3
    fader_bins: int = 16

    def __post_init__(self):
        prod = 1
        for r in self.decoder_ratios:
            prod *= r
        if prod * self.bands != self.hop_length:
            raise ValueError(f"decoder ratios {self.decoder_ratios} x {self.bands} bands must equal the hop {self.hop_length}")
        prod = 1
        for s in self.encoder_strides:
            prod *= s
        if prod * self.bands != self.hop_length:
            raise ValueError(f"encoder strides {self.encoder_strides} x {self.bands} bands must equal the hop {self.hop_length}")
        if len(self.decoder_channels) != len(self.decoder_ratios) + 1:
            raise ValueError("decoder_channels needs one entry more than decoder_ratios")
        if len(self.encoder_channels) != len(self.encoder_strides):
            raise ValueError("encoder_channels needs one entry per encoder stride")

    def to_dict(self) -> dict:
        d = asdict(self)
        return {k: list(v) if isinstance(v, tuple) else v for k, v in d.items()}

    @staticmethod
    def from_dict(d: dict) -> "FraveConfig":
        known = set(FraveConfig.__dataclass_fields__)
        unknown = sorted(set(d) - known)
        if unknown:
            raise ValueError(f"unknown FRAVE configuration fields: {', '.join(unknown)}")
        return FraveConfig(**{k: tuple(v) if isinstance(v, list) else v for k, v in d.items()})
