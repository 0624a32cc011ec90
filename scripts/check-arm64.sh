#!/usr/bin/env bash
# The arm64 check: builds a Debian 12 arm64 root with mmdebstrap, runs the project's own set-up in it
# under qemu-user (the Node LTS from the npm registry, every native module built for arm64 against
# arm64 libraries, onnxruntime-node's arm64 binary loaded), then a smoke suite under emulation:
# doctor on the rpi5 profile with its devices emulated, the shipped model's golden vector (and a
# render compared with x86-64's), and a short replay whose WAV is compared with the x86-64 one.
#
# Prints one summary line per step with its time and writes a JSON report. Slow (see
# docs/deploying.md for timings): run it before each release, not in every CI run. Needs root (for
# mmdebstrap's root mode, chroot and the binfmt_misc mount), the Debian mirror and the npm registry,
# and this checkout set up with scripts/setup.sh (for the x86-64 reference).
#
# Usage: scripts/check-arm64.sh [--out DIR] [--fresh] [--keep] [--smoke-only]
#   --out DIR     report, logs and WAVs (default test-output/arm64)
#   --fresh       rebuild the Debian root even when a cached one exists
#   --keep        leave the working root in place afterwards (to look inside)
#   --smoke-only  reuse a root kept by an earlier --keep run, set up there: copy the working tree over
#                 it and run the smoke suite only (the report says the set-up was reused; dist/ is
#                 not rebuilt, so TypeScript changes need a full run)
# Environment: NEURORACK_ARM64_CACHE (cached roots, default ~/.cache/neurorack-arm64),
#   NEURORACK_ARM64_WORK (working root, default /var/tmp/neurorack-arm64),
#   NEURORACK_DEBIAN_MIRROR (default http://deb.debian.org/debian),
#   NEURORACK_WAV_TOLERANCE (largest sample difference allowed against x86-64, default 1e-3).
set -uo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD

OUT=test-output/arm64
FRESH=0
KEEP=0
SMOKE_ONLY=0
while [ $# -gt 0 ]; do
  case "$1" in
    --out) OUT=${2:?--out needs a folder}; shift ;;
    --fresh) FRESH=1 ;;
    --keep) KEEP=1 ;;
    --smoke-only) SMOKE_ONLY=1; KEEP=1 ;;
    *) echo "check-arm64: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
mkdir -p "$OUT/logs"
OUT=$(cd "$OUT" && pwd)
CACHE=${NEURORACK_ARM64_CACHE:-$HOME/.cache/neurorack-arm64}
WORK=${NEURORACK_ARM64_WORK:-/var/tmp/neurorack-arm64}
MIRROR=${NEURORACK_DEBIAN_MIRROR:-http://deb.debian.org/debian}
TOLERANCE=${NEURORACK_WAV_TOLERANCE:-1e-3}
ROOT=$WORK/root
APP=/opt/neurorack
STEPS=$OUT/steps.jsonl
: >"$STEPS"
T0=$(date +%s.%N)

[ "$(id -u)" -eq 0 ] || { echo "check-arm64: run as root (mmdebstrap root mode, chroot, binfmt_misc)" >&2; exit 2; }
HOST_NODE=$REPO/node_modules/.bin/node
[ -x "$HOST_NODE" ] && [ -f "$REPO/dist/core/cli/main.js" ] || {
  echo "check-arm64: set this checkout up first (./scripts/setup.sh): the x86-64 reference runs on it" >&2; exit 2; }

# step NAME "NEEDS" CMD...: runs CMD with its output in logs/NAME.log, prints and records one line
# (the detail is the log's last line). A step whose needed steps did not pass is skipped.
declare -A STATUS
step() {
  local name=$1 needs=$2; shift 2
  local log=$OUT/logs/$name.log start end secs rc detail n
  for n in $needs; do
    if [ "${STATUS[$n]:-}" != ok ]; then
      printf 'check-arm64: %-14s skipped  (needs %s)\n' "$name" "$n"
      STATUS[$name]=skipped
      python3 -c 'import json,sys; print(json.dumps({"step":sys.argv[1],"status":"skipped","needs":sys.argv[2]}))' "$name" "$n" >>"$STEPS"
      return 1
    fi
  done
  start=$(date +%s.%N)
  "$@" >"$log" 2>&1
  rc=$?
  end=$(date +%s.%N)
  secs=$(python3 -c "print(f'{$end-$start:.1f}')")
  detail=$(grep -v '^\s*$' "$log" | tail -n 1 | cut -c1-200)
  if [ $rc -eq 0 ]; then
    STATUS[$name]=ok
    printf 'check-arm64: %-14s ok      %8s s  %s\n' "$name" "$secs" "$detail"
  else
    STATUS[$name]=failed
    printf 'check-arm64: %-14s FAILED  %8s s  %s (rc %s, see %s)\n' "$name" "$secs" "$detail" "$rc" "$log"
  fi
  python3 -c 'import json,sys; print(json.dumps({"step":sys.argv[1],"status":"ok" if sys.argv[2]=="0" else "failed","seconds":float(sys.argv[3]),"rc":int(sys.argv[2]),"detail":sys.argv[4],"log":sys.argv[5]}))' \
    "$name" "$rc" "$secs" "$detail" "$log" >>"$STEPS"
  return $rc
}

in_root() { # runs a shell command in the arm64 root, in the project folder, with a clean environment
  chroot "$ROOT" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    nice -n 19 bash -c "cd $APP && $1"
}

mount_root() {
  mkdir -p "$ROOT/proc" "$ROOT/sys" "$ROOT/dev"
  mount -t proc proc "$ROOT/proc" && mount --rbind /sys "$ROOT/sys" && mount --rbind /dev "$ROOT/dev"
}
unmount_root() {
  local m
  for m in dev sys proc; do mountpoint -q "$ROOT/$m" && umount -R -l "$ROOT/$m"; done
  return 0
}
cleanup() {
  unmount_root
  [ "$KEEP" = 1 ] || rm -rf "$ROOT"
}
trap cleanup EXIT

host_tools() {
  local need=()
  command -v mmdebstrap >/dev/null || need+=(mmdebstrap)
  [ -e /usr/bin/qemu-aarch64-static ] || need+=(qemu-user-static)
  command -v update-binfmts >/dev/null || need+=(binfmt-support)
  command -v arch-test >/dev/null || need+=(arch-test)
  if [ ${#need[@]} -gt 0 ]; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${need[@]}" || return 1
  fi
  mountpoint -q /proc/sys/fs/binfmt_misc || mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || return 1
  [ -e /proc/sys/fs/binfmt_misc/qemu-aarch64 ] || update-binfmts --enable qemu-aarch64 || return 1
  arch-test arm64 && echo "mmdebstrap $(mmdebstrap --version | awk '{print $2}'), $(/usr/bin/qemu-aarch64-static --version | head -n 1)"
}

debian_root() {
  local packages key cached
  packages=$(grep -v '^#' scripts/arm64/root-packages.txt | grep -v '^\s*$' | paste -sd, -)
  key=$(printf 'bookworm arm64 %s' "$packages" | sha256sum | cut -c1-12)
  cached=$CACHE/rootfs-$key
  mkdir -p "$CACHE"
  if [ "$FRESH" = 1 ] || [ ! -d "$cached" ]; then
    rm -rf "$cached" "$cached.partial"
    mmdebstrap --arch=arm64 --variant=apt --include="$packages" bookworm "$cached.partial" "$MIRROR" || return 1
    mv "$cached.partial" "$cached"
    echo "built $cached"
  else
    echo "cached root $cached (--fresh rebuilds it)"
  fi
  rm -rf "$ROOT" && mkdir -p "$WORK" && cp -a "$cached" "$ROOT" || return 1
  cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
  # The root trusts the CAs this machine's administrator added (a TLS-inspecting proxy's, say).
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$ROOT/usr/local/share/ca-certificates/" &&
      chroot "$ROOT" /usr/sbin/update-ca-certificates >/dev/null || return 1
    echo "added this machine's local CAs: $(ls /usr/local/share/ca-certificates/*.crt | xargs -n1 basename | paste -sd' ')"
  fi
  echo "$(chroot "$ROOT" /usr/bin/uname -m) root: Debian $(cat "$ROOT/etc/debian_version"), glibc $(chroot "$ROOT" /usr/bin/ldd --version | head -n 1 | awk '{print $NF}'), $(du -sh "$ROOT" | cut -f1)"
}

copy_project() { # the working tree as git sees it (committed or not, ignored files left out)
  mkdir -p "$ROOT$APP"
  git ls-files -co --exclude-standard -z | tar --null -T - -cf - | tar -xf - -C "$ROOT$APP" || return 1
  echo "$(git ls-files -co --exclude-standard | wc -l) files at $APP ($(git rev-parse --short HEAD)$(git diff --quiet HEAD || echo ', with uncommitted changes'))"
}

# What the smoke suite runs, the same on both architectures. $1 is the node, $2 the output folder.
smoke_rack() { # the rpi5 profile with every device bound to its emulator
  python3 - "$1" <<'PY'
import json, sys
rack = json.load(open('core/profiles/rpi5.rack.json'))
rack['name'] = 'rpi5-emulated'
rack['description'] = 'The rpi5 profile with every device emulated (scripts/check-arm64.sh).'
rack.pop('$schema', None)
for device in rack['devices'].values():
    device['binding'] = 'emulated'
json.dump(rack, open(sys.argv[1], 'w'), indent=2)
PY
}
REPLAY_JSON='{"duration_s":3,"events":[{"t":0.2,"type":"gate","jack":1,"state":"high"},{"t":0.3,"type":"gate","jack":1,"state":"low"},{"t":1.0,"type":"cv","jack":1,"volts":2.5},{"t":1.4,"type":"gate","jack":1,"state":"high"},{"t":1.5,"type":"gate","jack":1,"state":"low"}]}'
RENDER_ARGS="--model models/sinc-nsf-impacts-v1 --bank cinematic-booms --entry 0 --seed 7"

x64_reference() {
  mkdir -p "$OUT/x64" && printf '%s' "$REPLAY_JSON" >"$OUT/replay.json" || return 1
  nice -n 19 "$HOST_NODE" bin/neurorack.js render $RENDER_ARGS --out "$OUT/x64/render.wav" || return 1
  nice -n 19 "$HOST_NODE" bin/neurorack.js run --profile test --replay "$OUT/replay.json" --record "$OUT/x64/replay.wav" || return 1
  echo "x86-64 reference on Node $("$HOST_NODE" -v): render.wav, replay.wav"
}

setup_in_root() { in_root './scripts/setup.sh --module'; }
native_in_root() {
  in_root 'node_modules/.bin/node scripts/check-native-modules.js --json' | tee "$OUT/native-modules.json" | tail -n 1 >/dev/null
  local rc=${PIPESTATUS[0]}
  in_root 'node_modules/.bin/node scripts/check-native-modules.js; echo canvas.node: $(readelf -h node_modules/canvas/build/Release/canvas.node | grep Machine)'
  return "$rc"
}
doctor_in_root() {
  smoke_rack "$ROOT$APP/rpi5-emulated.rack.json" || return 1
  in_root 'node_modules/.bin/node bin/neurorack.js doctor --rack rpi5-emulated.rack.json --json > /tmp/doctor.json; rc=$?; cat /tmp/doctor.json; exit $rc' >"$OUT/doctor.json"
  local rc=$?
  cat "$OUT/doctor.json"
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print("profile %s: %s" % (r["profile"], ", ".join("%s %s" % (d["kind"], d["status"]) for d in r["devices"])))' "$OUT/doctor.json"
  return "$rc"
}
golden_in_root() {
  mkdir -p "$OUT/arm64"
  in_root "node_modules/.bin/node bin/neurorack.js render $RENDER_ARGS --out /tmp/render.wav" || return 1
  cp "$ROOT/tmp/render.wav" "$OUT/arm64/render.wav"
  echo "golden vector reproduced (the model loads only when it does); render vs x86-64:"
  "$HOST_NODE" scripts/arm64/compare-wav.js "$OUT/x64/render.wav" "$OUT/arm64/render.wav" --tolerance "$TOLERANCE"
}
replay_in_root() {
  cp "$OUT/replay.json" "$ROOT/tmp/replay.json" || return 1
  in_root 'node_modules/.bin/node bin/neurorack.js run --profile test --replay /tmp/replay.json --record /tmp/replay.wav' || return 1
  cp "$ROOT/tmp/replay.wav" "$OUT/arm64/replay.wav"
  "$HOST_NODE" scripts/arm64/compare-wav.js "$OUT/x64/replay.wav" "$OUT/arm64/replay.wav" --tolerance "$TOLERANCE"
}

step host-tools "" host_tools
if [ "$SMOKE_ONLY" = 1 ]; then
  [ -x "$ROOT$APP/node_modules/.bin/node" ] || { echo "check-arm64: --smoke-only needs a root kept by an earlier run with --keep at $ROOT" >&2; exit 2; }
  STATUS[debian-root]=ok
fi
[ "$SMOKE_ONLY" = 1 ] || step debian-root "host-tools" debian_root
step copy-project "debian-root" copy_project
step x64-reference "" x64_reference
if [ "${STATUS[copy-project]:-}" = ok ]; then mount_root && STATUS[mounts]=ok; fi
if [ "$SMOKE_ONLY" = 1 ]; then
  printf 'check-arm64: %-14s reused   (--smoke-only: the set-up of the kept root)\n' setup
  python3 -c 'import json; print(json.dumps({"step":"setup","status":"reused"}))' >>"$STEPS"
  STATUS[setup]=ok
else
  step setup "mounts" setup_in_root
fi
step native-modules "setup" native_in_root
step doctor-rpi5 "setup" doctor_in_root
step golden-render "setup x64-reference" golden_in_root
step replay-wav "setup x64-reference" replay_in_root

TOTAL=$(python3 -c "print(f'{$(date +%s.%N)-$T0:.1f}')")
python3 - "$STEPS" "$OUT/arm64-report.json" "$TOTAL" "$TOLERANCE" <<'PY'
import json, platform, sys, datetime
steps = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
ok = all(s['status'] in ('ok', 'reused') for s in steps)
reused = any(s['status'] == 'reused' for s in steps)
report = {
    'check': 'scripts/check-arm64.sh',
    'finished_utc': datetime.datetime.now(datetime.timezone.utc).isoformat(timespec='seconds'),
    'host': {'machine': platform.machine(), 'cpus': __import__('os').cpu_count()},
    'ok': ok,
    'setup_reused': reused,
    'total_seconds': float(sys.argv[3]),
    'wav_tolerance': float(sys.argv[4]),
    'steps': steps,
}
json.dump(report, open(sys.argv[2], 'w'), indent=2)
print('check-arm64: %s in %s s; report %s' % ('PASSED' if ok else 'FAILED', sys.argv[3], sys.argv[2]))
sys.exit(0 if ok else 1)
PY
