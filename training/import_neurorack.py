#!/usr/bin/env python3
"""Imports an original Neurorack hn-sinc-NSF checkpoint into a host model folder.

usage: import_neurorack.py CHECKPOINT OUTDIR [--id ID] [--name NAME] [--parity-case PREFIX]
Exit status: 0 done (a JSON summary on stdout), 3 not a Neurorack checkpoint, 4 torch or onnx
missing, 1 anything else. Messages for people go to stderr."""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("checkpoint")
    p.add_argument("outdir")
    p.add_argument("--id", default="neurorack-original")
    p.add_argument("--name", default="Neurorack original (imported)")
    p.add_argument("--small", action="store_true", help="export a small random-weight config instead (benchmarks)")
    args = p.parse_args(argv)
    try:
        import torch  # noqa: F401
        import onnx  # noqa: F401
    except ImportError as err:
        print(f"PYTHON_DEPS_MISSING: {err}; install python3-torch and python3-onnx", file=sys.stderr)
        return 4
    from neurorack_nsf.original_checkpoint import NotNeurorackCheckpoint, load_original, to_sinc_nsf
    from neurorack_nsf.model_folder import write_model_folder
    try:
        orig = load_original(args.checkpoint)
        model = to_sinc_nsf(orig)
    except NotNeurorackCheckpoint as err:
        print(f"NOT_NEURORACK: {err}", file=sys.stderr)
        return 3
    manifest = write_model_folder(
        model, args.outdir, args.id, args.name,
        description=f"Imported from the original Neurorack checkpoint {os.path.basename(args.checkpoint)}.",
        licence="CC-BY-NC-SA-4.0", author="ACIDS-IRCAM (original Neurorack)",
        training={"source": os.path.basename(args.checkpoint), "parameters": sum(p.numel() for p in orig.parameters())})
    print(json.dumps({"outdir": os.path.abspath(args.outdir), "id": manifest["id"], "files": manifest["files"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
