#!/usr/bin/env node
/*
 * Compares two WAV files sample by sample (every channel, as floats in [-1, 1]) and prints one JSON
 * line: {ok, samples, rate, maxAbsDiff, rmsDiff, snrDb, tolerance}. ok when both have the same rate,
 * channel count and length and no sample differs by more than the tolerance. Exit 0 when ok, else 1.
 *
 * Usage: node scripts/arm64/compare-wav.js REFERENCE.wav OTHER.wav [--tolerance 1e-3]
 */
'use strict';
const fs = require('node:fs');
const { WaveFile } = require('wavefile');

function read(file) {
  const wav = new WaveFile(fs.readFileSync(file));
  wav.toBitDepth('32f');
  const rate = wav.fmt.sampleRate;
  const channels = wav.fmt.numChannels;
  const samples = wav.getSamples(true, Float64Array);
  return { rate, channels, samples };
}

const args = process.argv.slice(2);
const tolAt = args.indexOf('--tolerance');
const tolerance = tolAt >= 0 ? Number(args.splice(tolAt, 2)[1]) : 1e-3;
if (args.length !== 2 || !Number.isFinite(tolerance)) {
  console.error('usage: compare-wav.js REFERENCE.wav OTHER.wav [--tolerance X]');
  process.exit(2);
}
const [a, b] = args.map(read);
const report = { ok: false, tolerance, rate: a.rate, channels: a.channels, samples: a.samples.length };
if (a.rate !== b.rate || a.channels !== b.channels || a.samples.length !== b.samples.length) {
  report.mismatch = `reference ${a.rate} Hz x ${a.channels} x ${a.samples.length}, other ${b.rate} Hz x ${b.channels} x ${b.samples.length}`;
} else {
  let max = 0;
  let diffEnergy = 0;
  let energy = 0;
  for (let i = 0; i < a.samples.length; i++) {
    const d = Math.abs(a.samples[i] - b.samples[i]);
    if (d > max) max = d;
    diffEnergy += d * d;
    energy += a.samples[i] * a.samples[i];
  }
  report.maxAbsDiff = max;
  report.rmsDiff = Math.sqrt(diffEnergy / Math.max(1, a.samples.length));
  report.referenceRms = Math.sqrt(energy / Math.max(1, a.samples.length));
  report.snrDb = diffEnergy === 0 ? null : 10 * Math.log10(energy / diffEnergy);
  report.ok = energy > 0 && max <= tolerance;
  if (energy === 0) report.mismatch = 'the reference is silent: nothing to compare';
}
console.log(JSON.stringify(report));
process.exit(report.ok ? 0 : 1);
