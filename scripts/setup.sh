#!/usr/bin/env bash
# Sets up a fresh Debian 12 machine with Node 20 for Neurorack: system packages (canvas's cairo and
# pango, PortAudio for naudiodon, Debian's PyTorch and ONNX for the model tools, Chromium for the
# browser tests), npm dependencies, the naudiodon rebuild against the system PortAudio, and the build.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  build-essential pkg-config python3
  libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev libpixman-1-dev fonts-dejavu-core
  portaudio19-dev
  python3-torch python3-onnx python3-numpy
  chromium
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -q
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# naudiodon's own build fails on arm64 (its bundled PortAudio is x86-64/armhf only), so install
# without scripts, point naudiodon at the system PortAudio on every architecture, then build all.
echo "setup: installing npm dependencies"
npm ci --no-audit --no-fund --ignore-scripts
node scripts/patch-naudiodon.js --no-rebuild
npm rebuild
node scripts/patch-naudiodon.js --check

echo "setup: building"
npm run build
echo "setup: done. Start the virtual module with: npm start"
