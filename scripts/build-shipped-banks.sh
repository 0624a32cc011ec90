#!/usr/bin/env bash
# Rebuilds the shipped descriptor banks (descriptor-banks/*/bank.json) from the procedural impact
# generator, with the project's own `bank create`. Deterministic: the generator is seeded and the
# extractor is exact, so a rerun reproduces the committed files byte for byte (check with git diff).
# The WAVs go to a temporary folder and are deleted; only bank.json files are kept.
#   usage: scripts/build-shipped-banks.sh            (builds first)
#          SKIP_BUILD=1 scripts/build-shipped-banks.sh
set -euo pipefail
cd "$(dirname "$0")/.."
[ "${SKIP_BUILD:-}" = 1 ] || npm run build
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# id | display name | batch seed | categories cycled | count | description
build_bank() {
  local id="$1" name="$2" seed="$3" categories="$4" count="$5" description="$6"
  node bin/neurorack.js synth-impacts --count "$count" --seed "$seed" --category "$categories" --out "$tmp/$id" >&2
  node bin/neurorack.js bank create "$id" "$tmp/$id"/*.wav --out "descriptor-banks/$id" \
    --name "$name" --author "Neurorack contributors" --licence CC0-1.0 --bank-version 1.0.0 \
    --description "$description" --force
}

build_bank metal-and-glass "Metal and glass" 1001 metal,glass 12 \
  "Struck bars, bells, plates, glass clinks and shatters from the Neurorack procedural impact generator."
build_bank wood-and-skins "Wood and skins" 2002 wood,membrane 12 \
  "Wooden bars, planks and blocks, toms, kicks, snares and hand drums from the Neurorack procedural impact generator."
build_bank cinematic-booms "Cinematic booms" 3003 boom,debris,boom,noise 12 \
  "Sub drops, explosions and thuds with long tails, debris showers and noise bursts from the Neurorack procedural impact generator."
