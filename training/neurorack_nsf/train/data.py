"""Reads a dataset folder written by `neurorack dataset build` (dataset.json + float32 .npy items)."""
import json
import os
import numpy as np
import torch
from ..descriptor_order import DESCRIPTOR_ORDER

DATASET_MANIFEST = "dataset.json"


class DatasetError(ValueError):
    """The dataset folder or its manifest is missing or not what the trainer expects."""


def load_manifest(folder: str) -> dict:
    path = os.path.join(folder, DATASET_MANIFEST)
    if not os.path.isfile(path):
        raise DatasetError(f"{path}: no dataset manifest; build one with `neurorack dataset build --out {folder} ...`")
    with open(path) as f:
        m = json.load(f)
    if m.get("format") != "neurorack-dataset" or m.get("version") != 1:
        raise DatasetError(f"{path}: not a neurorack-dataset version 1 manifest")
    if m.get("descriptorOrder") != DESCRIPTOR_ORDER or m.get("hopLength") != 512 or m.get("sampleRate") != 22050:
        raise DatasetError(f"{path}: expected 22050 Hz, hop 512 and descriptor order {DESCRIPTOR_ORDER}")
    return m


class OneShotSet:
    """The items of one split (float32 .npy, memory-mapped), cut into fixed-length random segments.

    A segment of `frames` frames pairs descriptors [frames, 7] with audio [frames * 512]; items
    shorter than a segment are left out. Impacts carry most of their character in the attack, so
    `onset_share` of the segments start at the item's first frame."""

    def __init__(self, folder: str, split: str = "train", frames: int = 24, onset_share: float = 0.5,
                 gain_db: tuple = (0.0, 0.0)):
        m = load_manifest(folder)
        self.manifest = m
        self.frames = frames
        self.hop = m["hopLength"]
        self.onset_share = onset_share
        self.gain_db = gain_db
        self.items = []
        for it in m["items"]:
            if it["split"] != split or it["frames"] < frames:
                continue
            # memory-mapped: a dataset of many hours costs page cache, not process memory
            audio = np.load(os.path.join(folder, it["audio"]), mmap_mode="r")
            desc = np.load(os.path.join(folder, it["descriptors"]), mmap_mode="r")
            if audio.dtype != np.float32 or desc.dtype != np.float32:
                raise DatasetError(f"{folder}: item {it['id']} is not float32")
            if desc.shape != (it["frames"], 7) or audio.shape[0] < it["frames"] * self.hop:
                raise DatasetError(f"{folder}: item {it['id']} does not match its manifest entry")
            self.items.append((desc, audio[: it["frames"] * self.hop]))
        if not self.items:
            raise DatasetError(f"{folder}: no {split} item has at least {frames} frames")
        self.stats = m["stats"]

    def __len__(self):
        return len(self.items)

    def batch(self, size: int, rng: np.random.Generator):
        """(descriptors [B, frames, 7], audio [B, frames*hop]) as float32 tensors.

        With a `gain_db` range, each segment is scaled by a random gain (uniform in dB) and its RMS
        column by the same factor: exact for every descriptor, since the others do not depend on
        level. It teaches the model the levels real sounds are played at, beyond the dataset's
        normalised ones, without recomputing any feature."""
        d = np.empty((size, self.frames, 7), np.float32)
        a = np.empty((size, self.frames * self.hop), np.float32)
        for b in range(size):
            desc, audio = self.items[rng.integers(len(self.items))]
            last = desc.shape[0] - self.frames
            start = 0 if (last == 0 or rng.random() < self.onset_share) else int(rng.integers(last + 1))
            d[b] = desc[start:start + self.frames]
            a[b] = audio[start * self.hop:(start + self.frames) * self.hop]

        if self.gain_db[1] > self.gain_db[0]:  # drawn after the crops, so the crops do not depend on it
            g = (10 ** (rng.uniform(self.gain_db[0], self.gain_db[1], size) / 20)).astype(np.float32)
            a *= g[:, None]
            d[:, :, 0] *= g[:, None]
        return torch.from_numpy(d), torch.from_numpy(a)
