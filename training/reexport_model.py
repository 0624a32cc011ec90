#!/usr/bin/env python3
"""Re-exports a model folder with the current export code (graph passes, filter formulation), for
the same weights: they are read back from its ONNX file. The golden vector is rendered again by
PyTorch; the manifest keeps every field but the files, the golden vector, the passes applied and
the graph's inputs and outputs (a measured effective field stays);
the model card and other files are carried over. The folder is replaced atomically.

usage: reexport_model.py MODEL_DIR [--out DIR]
Prints the old and new files as JSON."""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("model_dir")
    p.add_argument("--out", help="write here instead of replacing MODEL_DIR")
    args = p.parse_args(argv)
    from neurorack_nsf.onnx_weights import model_from_folder
    from neurorack_nsf.train.export import export_model_folder
    src = os.path.abspath(args.model_dir)
    with open(os.path.join(src, "manifest.json")) as f:
        old = json.load(f)
    model = model_from_folder(src)
    listed = {x["path"] for x in old["files"]} | {"manifest.json"}
    extra = {}
    for name in sorted(os.listdir(src)):
        if name not in listed and os.path.isfile(os.path.join(src, name)):
            with open(os.path.join(src, name), "rb") as f:  # the card, its pictures: carried byte for byte
                extra[name] = f.read()
    out = os.path.abspath(args.out or src)
    fresh = export_model_folder(model, out, old["id"], old["name"], version=old["version"],
                                description=old.get("description", ""), licence=old["licence"],
                                author=old.get("author", ""), training=old.get("training", {}),
                                replace=True, extra_files=extra)
    manifest = dict(old)
    manifest["files"] = fresh["files"]
    manifest["golden"] = fresh["golden"]
    manifest["architecture"] = {**old["architecture"], "graph_passes": fresh["architecture"]["graph_passes"]}
    # the graph's inputs and its sample window come from the export; a measured effective field stays
    field = {**fresh["onnx"]["receptive_field"], **old["onnx"].get("receptive_field", {})}
    window = {**fresh["onnx"]["receptive_field"]["sample_window"], **field.get("sample_window", {})}
    manifest["onnx"] = {**old["onnx"], "inputs": fresh["onnx"]["inputs"], "outputs": fresh["onnx"]["outputs"],
                        "receptive_field": {**field, "sample_window": window}}
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")
    print(json.dumps({"old": old["files"], "new": manifest["files"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
