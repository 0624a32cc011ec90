"""What every training loop here shares: the process group under torchrun, the device of a
process, the run's CSV log resumed at a checkpoint's step, optimiser state moved to the device."""
import csv
import os
import torch


def distributed():
    """(world size, rank): a gloo (CPU) or nccl (GPU) process group when torchrun started several."""
    world = int(os.environ.get("WORLD_SIZE", "1"))
    if world > 1 and not torch.distributed.is_initialized():
        torch.distributed.init_process_group("nccl" if torch.cuda.is_available() else "gloo")
    return world, (torch.distributed.get_rank() if world > 1 else 0)


def device_for(name: str, rank: int) -> torch.device:
    if name == "auto":
        name = "cuda" if torch.cuda.is_available() else "cpu"
    if name == "cuda":
        local = int(os.environ.get("LOCAL_RANK", rank))
        torch.cuda.set_device(local)
        return torch.device("cuda", local)
    return torch.device(name)


def optimiser_to(optimiser: torch.optim.Optimizer, device) -> None:
    for s in optimiser.state.values():
        for k, v in s.items():
            if torch.is_tensor(v):
                s[k] = v.to(device)


def open_log(path: str, fields: list, step: int, rank: int):
    """(file, csv writer) appending to the run's log on rank 0, (None, None) elsewhere. Rows logged
    after the checkpoint being resumed (`step`) are dropped, since they are replayed; a log of other
    columns (an older run) is kept aside as log.partN.csv and a new one started."""
    if rank != 0:
        return None, None
    if os.path.exists(path):
        with open(path) as f:
            rows = f.read().splitlines()
        if not rows or rows[0].split(",") != list(fields):
            base, part = os.path.splitext(path)[0], 1
            while os.path.exists(f"{base}.part{part}.csv"):
                part += 1
            os.rename(path, f"{base}.part{part}.csv")
        else:
            keep = [rows[0]] + [r for r in rows[1:] if r and int(r.split(",", 1)[0]) <= step]
            if len(keep) != len(rows):
                with open(path, "w") as f:
                    f.write("\n".join(keep) + "\n")
    new = not os.path.exists(path)
    file = open(path, "a", newline="")
    writer = csv.DictWriter(file, fields)
    if new:
        writer.writeheader()
    return file, writer


class NonFiniteLoss(RuntimeError):
    """The loss became NaN or infinite: the run diverged."""


def descend(optimiser: torch.optim.Optimizer, loss: torch.Tensor, parameters, lr: float, grad_clip: float, step: int, checkpoint: str) -> float:
    """One update: refuses a non-finite loss (the last checkpoint stays), back-propagates, sets the
    learning rate, clips the gradient norm and steps; returns the norm before clipping."""
    if not torch.isfinite(loss):
        raise NonFiniteLoss(f"step {step + 1}: the loss is {loss.item()}; the run diverged "
                            f"(the last checkpoint at {checkpoint} is kept; lower --lr and resume)")
    optimiser.zero_grad(set_to_none=True)
    loss.backward()
    for group in optimiser.param_groups:
        group["lr"] = lr
    norm = float(torch.nn.utils.clip_grad_norm_(parameters, grad_clip))
    optimiser.step()
    return norm
