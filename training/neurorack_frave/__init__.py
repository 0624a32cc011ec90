"""FRAVE for Neurorack: a small streaming, descriptor-conditioned RAVE (Devis et al., ICASSP 2023)
whose decoder takes a latent trajectory and the host's seven descriptor curves, built from causal
convolutions so a render can go on block by block with its state carried between calls."""
