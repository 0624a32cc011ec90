#!/usr/bin/env bash
# Releases a training run as the shipped default model, models/sinc-nsf-impacts-v1:
#   1. exports the run to a staging folder;
#   2. scores it with `neurorack eval` on the held-out real impacts of ../shared/fixtures (the
#      original checkpoint beside it), drawing the curves;
#   3. exports the run again into models/ with those figures and that picture in the model card,
#      keeping the manifest's description and data description.
# models/ changes only in step 3, atomically (train.py export --replace); a failure before leaves it
# as it was. Afterwards: npm test, npm run bench:model -- --models shipped --threads 1, and the
# card's Speed paragraph.
#
#   scripts/release-shipped-model.sh RUN_DIR VERSION NOTES.md
set -euo pipefail

if [ $# -ne 3 ]; then
  echo "usage: $0 RUN_DIR VERSION NOTES.md" >&2
  exit 2
fi
run=$1 version=$2 notes=$3
root=$(cd "$(dirname "$0")/.." && pwd)
python=${NEURORACK_PYTHON:-/usr/bin/python3}
model_id=sinc-nsf-impacts-v1
target="$root/models/$model_id"
fixtures="$root/../shared/fixtures/descriptors"
for f in "$run/checkpoint.pt" "$notes" "$target/manifest.json"; do
  [ -f "$f" ] || { echo "error: expected $f" >&2; exit 2; }
done
[ -d "$fixtures" ] || { echo "error: expected the evaluation set at $fixtures" >&2; exit 2; }
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "error: expected a version like 1.5.0, got $version" >&2; exit 2; }

manifest_field() { node -e "const m = require(process.argv[1]); console.log(process.argv[2].split('.').reduce((o, k) => o[k], m))" "$target/manifest.json" "$1"; }
description=$(manifest_field description)
data_description=$(manifest_field training.dataset.source)

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export_run() {
  (cd "$root/training" && "$python" train.py export --run "$run" --id "$model_id" --name "Sinc-NSF impacts v1" --version "$version" \
    --description "$description" --data-description "$data_description" "$@")
}

echo "1/3 staging export" >&2
export_run --out "$work/stage"
echo "2/3 evaluation on the held-out impacts (a minute or two)" >&2
node "$root/bin/neurorack.js" eval "$work/stage" --set "$fixtures" --match '^impact-.*\.wav$' --json --plot "$work/eval.png" > "$work/eval.json"
node -e "
  const fs = require('fs'); const f = process.argv[1]; const d = JSON.parse(fs.readFileSync(f, 'utf8'));
  d.set_description = 'the held-out real cinematic impacts impact-NN.wav of the test fixtures';
  fs.writeFileSync(f, JSON.stringify(d, null, 1));" "$work/eval.json"
echo "3/3 export into $target" >&2
export_run --out "$target" --replace --eval-json "$work/eval.json" --eval-plot "$work/eval.png" --notes "$(cat "$notes")"
node -e "
  const d = require(process.argv[1]); const m = d.model.descriptors, o = d.original && d.original.descriptors;
  for (const k of ['rms', 'rolloff', 'flatness', 'bandwidth', 'centroid'])
    console.log(k.padEnd(10), m[k].correlation.toFixed(3), o ? '(original ' + o[k].correlation.toFixed(3) + ')' : '');
  console.log('spectral distance', d.model.spectralDistance.toFixed(2), 'dB', d.original ? '(original ' + d.original.spectralDistance.toFixed(2) + ')' : '');" "$work/eval.json"
