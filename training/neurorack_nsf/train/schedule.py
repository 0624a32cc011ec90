"""The learning rate as a function of the step: constant, then an optional cosine cool-down.

A pure function of the step, so a resumed run (or one resumed with a longer --steps) continues the
schedule where the step count says, with nothing else to carry in the checkpoint."""
import math


class ScheduleError(ValueError):
    """The schedule's options contradict each other."""


def check_schedule(lr: float, lr_final: float | None, decay_from: int | None) -> None:
    """A run may stop before its cool-down starts (decay_from >= steps) and be resumed with more steps."""
    if lr <= 0 or not math.isfinite(lr):
        raise ScheduleError(f"expected --lr > 0, got {lr}")
    if lr_final is None:
        return
    if not (0 < lr_final <= lr):
        raise ScheduleError(f"expected 0 < --lr-final <= --lr ({lr}), got {lr_final}")
    if decay_from is None or decay_from < 0:
        raise ScheduleError(f"expected --lr-decay-from >= 0 (a step) when --lr-final is given, got {decay_from}")


def lr_at(step: int, lr: float, steps: int, lr_final: float | None = None, decay_from: int | None = None) -> float:
    """The rate for the update that makes step `step` + 1: `lr` until `decay_from`, then half a cosine
    down to `lr_final` at `steps`; `lr` throughout when no `lr_final` is given."""
    if lr_final is None or decay_from is None or step < decay_from or decay_from >= steps:
        return lr
    progress = min(1.0, (step - decay_from) / max(1, steps - decay_from))
    return lr_final + (lr - lr_final) * 0.5 * (1 + math.cos(math.pi * progress))
