"""The model card (README.md) of an exported model folder."""
from ..descriptor_order import DESCRIPTOR_ORDER as ORDER
from .losses import DESCRIPTOR_TERMS

ORIGINAL = {"rms": 0.99, "centroid": 0.87, "rolloff": 0.91, "bandwidth": 0.75, "flatness": 0.76}


def _fmt(v, digits=3):
    return "n/a" if v is None else f"{v:.{digits}f}"


PLOT_FILE = "eval.png"
"""The evaluation plot's name in a model folder (`neurorack eval --plot`, exported with --eval-plot)."""


def _growth_line(growth: dict) -> str:
    blocks = [f"{k.replace('_', ' ')} {growth['from'][k]} -> {v}" for k, v in growth["to"].items() if k != "level_follow"]
    parts = [", ".join(blocks) + "; the added blocks started as identities"] if blocks else []
    if "level_follow" in growth["to"]:
        parts.append("the level stage added after the network")
    return f"- Grown at step {growth['step']:,} (`train.py grow`): {'; '.join(parts)}."


def model_card(model_id: str, name: str, licence: str, training: dict, evaluation: dict = None, notes: str = "",
               plot: bool = False) -> str:
    cfg = training["config"]
    lines = [f"# {name} (`{model_id}`)", "",
             "A descriptor-conditioned harmonic-plus-noise neural source-filter model with trainable sinc filters",
             "(hn-sinc-NSF), trained by the Neurorack project with `training/train.py`.", "",
             "## Licence", "", f"{licence}. The training data is procedural (the project's own generator); no third-party audio was used.", "",
             "## Architecture", "",
             f"hidden {cfg['hidden']}, {cfg['harmonic_blocks']} harmonic blocks x {cfg['harmonic_convs']} dilated convs, "
             f"{cfg['noise_blocks']} noise block{'s' if cfg['noise_blocks'] != 1 else ''} x {cfg['noise_convs']}, {cfg['harmonic_num'] + 1} sines, sinc order {cfg['sinc_order']}, "
             f"hop {cfg['hop_length']}, {cfg['sample_rate']} Hz; {training['parameters']:,} parameters"
             + (f"; a level stage (no weights) rescales the render so its frame RMS follows the asked RMS, gain at most "
                f"+{cfg['level_max_gain_db']:g} dB." if cfg.get("level_follow") else "."), "",
             "## Training", "",
             f"- Data: {training['dataset']['source']} ({training['dataset']['items']} training items long enough for one segment).",
             f"- Steps: {training['steps']}, {training['weights'].upper()} weights; "
             f"{training['train_hours']:.2f} hours of compute ({training['options'].get('device', 'auto')} device, "
             f"{training['options'].get('threads', 0) or 'default'} thread(s)).",
             *[_growth_line(g) for g in training.get("growth", [])],
             f"- Options: {', '.join(f'{k}={v}' for k, v in sorted(training['options'].items()))}.",
             "- Losses: the multi-resolution log-spectral distance of hn-sinc-NSF (FFT 512/128/2048) plus, on the host "
             "extractor's framing, L1 distances of log descriptors (weights at the end of training: "
             + ", ".join(f"{t} {training['options'].get(t + '_weight', 0)}" for t in DESCRIPTOR_TERMS)
             + "; `dc` compares the local mean, not a log; `rolloff_delta` the frame-to-frame changes of log roll-off).", ""]
    if evaluation:
        lines += ["## Evaluation", "",
                  f"`neurorack eval` on {evaluation.get('set_description', evaluation.get('set', 'the evaluation set'))} "
                  f"({evaluation.get('files', '?')} files, never trained on): Pearson correlation of log descriptor values, asked vs "
                  "obtained, over frames where the asked RMS is above 1% of its peak; median absolute log-ratio; "
                  "multi-resolution log-spectral distance to the original sound.", "",
                  "| descriptor | this model: corr | this model: median abs log-ratio | original checkpoint: corr (issue figure) |"
                  + (" original checkpoint: corr (our eval) |" if evaluation.get("original") else ""),
                  "| --- | --- | --- | --- |" + (" --- |" if evaluation.get("original") else "")]
        ours = evaluation["model"]["descriptors"]
        theirs = (evaluation.get("original") or {}).get("descriptors", {})
        for d in ORDER:
            row = f"| {d} | {_fmt(ours.get(d, {}).get('correlation'))} | {_fmt(ours.get(d, {}).get('medianAbsLogRatio'))} | {_fmt(ORIGINAL.get(d), 2) if d in ORIGINAL else 'n/a'} |"
            if evaluation.get("original"):
                row += f" {_fmt(theirs.get(d, {}).get('correlation'))} |"
            lines.append(row)
        lines += ["", f"Multi-resolution spectral distance: {_fmt(evaluation['model'].get('spectralDistance'))}"
                  + (f" (original checkpoint: {_fmt(evaluation['original'].get('spectralDistance'))})" if evaluation.get("original") else "") + ".", ""]
    if plot:
        lines += ["## Curves", "",
                  f"Asked (white) and obtained descriptor curves for every sound of the evaluation set, this model in orange"
                  + (" and the original checkpoint in blue" if evaluation and evaluation.get("original") else "")
                  + " (`neurorack eval --plot`; log scale, darker frames are not scored).", "",
                  f"![Asked and obtained descriptor curves, per sound and descriptor]({PLOT_FILE})", ""]
    if notes:
        lines += ["## Notes and limitations", "", notes.strip(), ""]
    return "\n".join(lines) + "\n"
