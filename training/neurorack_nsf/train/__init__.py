"""Training of the Sinc-NSF on a dataset built by `neurorack dataset build`: data loading, losses,
EMA, checkpoints, logging and export to a model folder. The features are the host extractor's,
read from the dataset; nothing here recomputes descriptors."""
