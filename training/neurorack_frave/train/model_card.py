"""The model card (README.md) of an exported FRAVE folder, in the same form as the sinc-NSF's:
licence, architecture, data, schedule, measured control and speed, curves picture, limitations."""

from neurorack_nsf.descriptor_order import DESCRIPTOR_ORDER as ORDER

TARGETS = {"rms": 0.95, "rolloff": 0.75, "bandwidth": 0.75, "centroid": 0.75}
PLOT_FILE = "eval.png"


def _fmt(v, digits=3):
    return "n/a" if v is None else f"{v:.{digits}f}"


def model_card(manifest: dict, evaluation: dict = None, notes: str = "", plot: bool = False, data_description: str = "") -> str:
    cfg = manifest["architecture"]
    tr = manifest.get("training", {})
    field = manifest["onnx"]["receptive_field"]
    lines = [f"# {manifest['name']} (`{manifest['id']}`)", "",
             "A streaming, descriptor-conditioned RAVE (FRAVE, after Devis et al., ICASSP 2023) trained by the Neurorack "
             "project with `training/frave.py`: a causal encoder turns sound into a latent trajectory (one frame per 512 "
             "samples), and a causal decoder turns a latent trajectory and the seven descriptor curves into sound, call "
             "after call with its convolution state carried (`decoder.onnx`, `encoder.onnx`).", "",
             "## Licence", "", f"{manifest['licence']}. The training data is procedural (the project's own generator); "
             "no third-party audio was used, and the shipped timbres are encoded from the same procedural sounds.", "",
             "## Architecture", "",
             f"{cfg['bands']}-band PQMF ({cfg['bands'] * cfg['pqmf_taps_per_band']} taps); encoder channels {cfg['encoder_channels']} "
             f"(strides {cfg['encoder_strides']}); decoder channels {cfg['decoder_channels']} (upsampling {cfg['decoder_ratios']}), "
             f"latent {cfg['latent_dim']} dimensions; {cfg['sample_rate']} Hz, hop {cfg['hop_length']}; "
             f"{tr.get('parameters', 0):,} parameters (encoder and decoder). Every convolution is causal: the decoder has no "
             f"look-ahead, a structural receptive field of {field['left_frames']} frames back ({field['effective']['left_frames']} "
             f"where a frame still moves a sample by 1e-5), and an algorithmic delay of {manifest['streaming']['delay_samples']} "
             "samples (the filter bank's). The decoder takes the descriptors in host units, as logs mapped to [-1, 1] by the "
             "training range below and clamped there.", "",
             "## Training range", "", "| descriptor | low | high |", "| --- | --- | --- |",
             *[f"| {d['name']} | {d['train_min']:.4g} | {d['train_max']:.4g} |" for d in manifest["descriptors"]], "",
             "## Training", "",
             f"- Data: {data_description or tr.get('dataset', {}).get('source', '?')} ({tr.get('dataset', {}).get('items', '?')} training items).",
             f"- Steps: {tr.get('steps', 0):,}, {str(tr.get('weights', 'ema')).upper()} weights; {tr.get('train_hours', 0):.2f} hours of compute.",
             f"- Options: {', '.join(f'{k}={v}' for k, v in sorted(tr.get('options', {}).items()))}.",
             "- Losses: RAVE's multi-scale spectral distance (FFT 2048 to 128) against the original; L1 distances of log "
             "descriptors on the host extractor's framing (the sinc-NSF's terms); the same descriptor terms for a share of "
             "each batch decoded again from another item's latent (the descriptors, not the latent, must set the sound); "
             "the VAE's KL term; and the fader term, which pushes a classifier of each descriptor's quantile bin from the "
             "latent towards chance while that classifier trains against it.", ""]
    if evaluation:
        ours = evaluation["model"]["descriptors"]
        lines += ["## Evaluation", "",
                  f"`neurorack eval` on {evaluation.get('set_description', 'the held-out real impacts')} "
                  f"({evaluation.get('files', '?')} files, never trained on), asked curves rendered with the default timbre "
                  f"(`{manifest['timbres'][0]['name']}`): Pearson correlation of log descriptor values, asked vs obtained, over "
                  "frames where the asked RMS is above 1% of its peak.", "",
                  "| descriptor | corr | median abs log-ratio | target |", "| --- | --- | --- | --- |"]
        for d in ORDER:
            lines.append(f"| {d} | {_fmt(ours.get(d, {}).get('correlation'))} | {_fmt(ours.get(d, {}).get('medianAbsLogRatio'))} | "
                         f"{_fmt(TARGETS.get(d), 2) if d in TARGETS else ''} |")
        lines.append("")
    if plot:
        lines += ["## Curves", "", "Asked (white) and obtained descriptor curves for every sound of the evaluation set "
                  "(`neurorack eval --plot`; log scale, darker frames are not scored).", "",
                  f"![Asked and obtained descriptor curves, per sound and descriptor]({PLOT_FILE})", ""]
    if notes:
        lines += ["## Notes and limitations", "", notes.strip(), ""]
    return "\n".join(lines) + "\n"
