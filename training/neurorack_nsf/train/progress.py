"""A one-line progress display (tqdm is not part of Debian's python3-torch set-up): step, loss,
throughput and time left; redrawn in place on a terminal, printed every `every` steps otherwise."""
import sys
import time


class ProgressLine:
    def __init__(self, total: int, start: int = 0, stream=sys.stderr, every: int = 25):
        self.total, self.start, self.stream, self.every = total, start, stream, every
        self.t0 = time.time()
        self.tty = hasattr(stream, "isatty") and stream.isatty()

    def update(self, step: int, loss: float, audio_s_per_s: float, extra: str = "") -> None:
        if not self.tty and step % self.every and step != self.total:
            return
        done = step - self.start
        rate = done / max(time.time() - self.t0, 1e-9)
        left = (self.total - step) / rate if rate > 0 else float("inf")
        width = 24
        filled = int(width * step / max(self.total, 1))
        line = (f"[{'#' * filled}{'.' * (width - filled)}] {step}/{self.total} loss {loss:.4f} "
                f"{rate:.2f} step/s {audio_s_per_s:.2f} audio-s/s eta {left / 60:.1f} min {extra}")
        self.stream.write(("\r" + line) if self.tty else line + "\n")
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
