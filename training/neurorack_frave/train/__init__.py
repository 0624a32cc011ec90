"""Training FRAVE: the loop (CPU, GPU or DDP through torchrun), its losses and checkpoints."""
