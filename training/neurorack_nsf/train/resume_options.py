"""The options a run was trained with, for a resume that does not name them all again.

A trainer writes its options to the run's options.json at every start. Resuming (the run holds
checkpoint.pt), an option the command line does not give takes that stored value instead of the
trainer's default: a resume naming only --steps must not silently change the run's loss weights.
"""
import argparse
import json
import os

# Never carried over: where the data and the run are, and the architecture (the checkpoint has it).
NOT_CARRIED = ("data", "run", "config")


def stored_options(run):
    """The run's stored options when it holds a checkpoint to resume, else {}."""
    stored = os.path.join(run, "options.json")
    if not (os.path.exists(os.path.join(run, "checkpoint.pt")) and os.path.exists(stored)):
        return {}
    with open(stored) as f:
        return json.load(f)


def given_dests(parser, subparser, argv):
    """The destinations of the options argv gives explicitly (parsed again with no defaults)."""
    saved = [(action, action.default) for action in subparser._actions]
    for action, _ in saved:
        action.default = argparse.SUPPRESS
    try:
        return set(vars(parser.parse_args(argv)))
    finally:
        for action, default in saved:
            action.default = default
