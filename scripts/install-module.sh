#!/usr/bin/env bash
# Installs Neurorack on a Raspberry Pi 5 running Raspberry Pi OS Bookworm 64-bit, from this checkout:
# the Debian packages and the Node LTS (scripts/setup.sh --module), I2C, SPI and the PCM5102 DAC
# overlay in the boot config, the service user in the device groups, the state folder and the
# systemd unit (rpi5 profile, realtime limits, watchdog, journal). Run it as root from a clone.
#
# Usage: sudo scripts/install-module.sh [--dry-run] [--user NAME] [--dir PATH] [--state-dir PATH]
#          [--profile NAME] [--overlay NAME] [--boot-config FILE] [--os-release FILE]
#   --dry-run       list every change, make none (any user, any machine)
#   --overlay       the DAC's device-tree overlay (default hifiberry-dac, PCM5102A)
#   --boot-config   default /boot/firmware/config.txt (Bookworm), else /boot/config.txt
#   --os-release    which OS this is (default /etc/os-release; for testing the checks)
# Exit codes: 0 installed (or dry run listed), 2 a check failed (each says what is wrong and the fix).
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=$PWD

DRY=0 USER_NAME=neurorack APP=/opt/neurorack STATE=/var/lib/neurorack PROFILE=rpi5 OVERLAY=hifiberry-dac
BOOT_CONFIG="" OS_RELEASE=/etc/os-release
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) DRY=1 ;;
    --user) USER_NAME=${2:?}; shift ;;
    --dir) APP=${2:?}; shift ;;
    --state-dir) STATE=${2:?}; shift ;;
    --profile) PROFILE=${2:?}; shift ;;
    --overlay) OVERLAY=${2:?}; shift ;;
    --boot-config) BOOT_CONFIG=${2:?}; shift ;;
    --os-release) OS_RELEASE=${2:?}; shift ;;
    *) echo "install-module: unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
if [ -z "$BOOT_CONFIG" ]; then
  BOOT_CONFIG=/boot/firmware/config.txt
  [ -f "$BOOT_CONFIG" ] || [ ! -f /boot/config.txt ] || BOOT_CONFIG=/boot/config.txt
fi
UNIT=/etc/systemd/system/neurorack.service
GROUPS_NEEDED=(i2c spi gpio audio)
PROBLEMS=0
CHANGES=0

problem() { # what is wrong; how to fix it
  echo "install-module: problem: $1" >&2
  echo "install-module:   fix: $2" >&2
  PROBLEMS=$((PROBLEMS + 1))
}
change() { # DESCRIPTION CMD...: one change, listed in a dry run, made otherwise
  local what=$1; shift
  CHANGES=$((CHANGES + 1))
  if [ "$DRY" = 1 ]; then
    printf 'install-module: would %s\n    $ %s\n' "$what" "$*"
  else
    printf 'install-module: %s\n' "$what"
    "$@"
  fi
}

# --- checks: everything that would stop the install, all reported before anything changes ---
os_id=$(. "$OS_RELEASE" 2>/dev/null; echo "${ID:-unknown} ${VERSION_CODENAME:-unknown}")
case "$os_id" in
  "debian bookworm" | "raspbian bookworm") ;;
  *) problem "this is $os_id ($OS_RELEASE), expected Raspberry Pi OS Bookworm (debian bookworm)" \
       "flash Raspberry Pi OS Lite (64-bit, Bookworm) with Raspberry Pi Imager" ;;
esac
arch=${NEURORACK_UNAME_M:-$(uname -m)}  # NEURORACK_UNAME_M: for testing the checks
[ "$arch" = aarch64 ] || problem "this kernel is $arch, expected aarch64" "use the 64-bit Raspberry Pi OS image (and arm_64bit=1 in $BOOT_CONFIG)"
[ -f "$BOOT_CONFIG" ] || problem "no boot config at $BOOT_CONFIG" "mount the boot partition (Bookworm: /boot/firmware) or pass --boot-config FILE"
if [ "$DRY" = 0 ]; then
  [ "$(id -u)" -eq 0 ] || problem "not running as root" "sudo $0 $*"
  for d in /etc /opt /var/lib "$(dirname "$BOOT_CONFIG")"; do
    if [ -d "$d" ] && ! ( tmp=$(mktemp -p "$d" .neurorack-write-test.XXXXXX 2>/dev/null) && rm -f "$tmp" ); then
      problem "$d is read-only" "remount it read-write (sudo mount -o remount,rw /; an overlay root must be disabled in raspi-config > Performance > Overlay File System)"
    fi
  done
fi
if [ "$PROBLEMS" -gt 0 ] && [ "$DRY" = 0 ]; then
  echo "install-module: $PROBLEMS problem(s); nothing was changed" >&2
  exit 2
fi

# --- the changes ---
# 1. Code, packages and the Node LTS.
change "copy this checkout to $APP (tracked and untracked files, ignored ones left out)" \
  bash -c "mkdir -p '$APP' && git -C '$SRC' ls-files -co --exclude-standard -z | tar -C '$SRC' --null -T - -cf - | tar -xf - -C '$APP'"
change "install the Debian packages, the Node LTS and the native modules, and build (scripts/setup.sh --module)" \
  "$APP/scripts/setup.sh" --module

# 2. Boot config: I2C, SPI and the DAC overlay (each line only when it is not there yet).
want_lines=("dtparam=i2c_arm=on" "dtparam=spi=on" "dtoverlay=$OVERLAY")
for line in "${want_lines[@]}"; do
  if ! grep -qxF "$line" "$BOOT_CONFIG" 2>/dev/null; then
    change "add '$line' to $BOOT_CONFIG (takes effect after a reboot)" \
      bash -c "cp -n '$BOOT_CONFIG' '$BOOT_CONFIG.neurorack-backup' && printf '%s\n' '$line' >> '$BOOT_CONFIG'"
  fi
done
if ! grep -qxF "i2c-dev" /etc/modules-load.d/neurorack.conf 2>/dev/null; then
  change "load i2c-dev at boot (/dev/i2c-1 for the ADCs and the encoder)" \
    bash -c "printf 'i2c-dev\n' > /etc/modules-load.d/neurorack.conf"
fi

# 3. The service user and its groups.
if ! id "$USER_NAME" >/dev/null 2>&1; then
  change "create the system user $USER_NAME (home $STATE, no login)" \
    useradd --system --home-dir "$STATE" --no-create-home --shell /usr/sbin/nologin --user-group "$USER_NAME"
fi
for g in "${GROUPS_NEEDED[@]}"; do
  if ! getent group "$g" >/dev/null; then
    change "create the group $g (Raspberry Pi OS has it; its udev rules give it the device nodes)" groupadd --system "$g"
  fi
  if ! id -nG "$USER_NAME" 2>/dev/null | tr ' ' '\n' | grep -qx "$g"; then
    change "add $USER_NAME to the group $g" usermod -aG "$g" "$USER_NAME"
  fi
done

# 4. State and the unit.
change "create $STATE for settings, calibration, banks and models (owned by $USER_NAME, mode 0750)" \
  install -d -o "$USER_NAME" -g "$USER_NAME" -m 0750 "$STATE"
change "write the systemd unit $UNIT (neurorack service print)" \
  bash -c "'$APP/node_modules/.bin/node' '$APP/bin/neurorack.js' service print --user '$USER_NAME' --dir '$APP' --state-dir '$STATE' --profile '$PROFILE' > '$UNIT'"
change "check the unit" systemd-analyze verify "$UNIT"
change "reload systemd and enable the service at boot" \
  bash -c "systemctl daemon-reload && systemctl enable neurorack.service"

if [ "$DRY" = 1 ]; then
  echo "install-module: dry run: $CHANGES change(s) listed, none made; $PROBLEMS problem(s) found"
  [ "$PROBLEMS" -eq 0 ] || exit 2
else
  echo "install-module: done ($CHANGES changes). Reboot to load the overlays; then: systemctl status neurorack; journalctl -u neurorack -f; $APP/node_modules/.bin/node $APP/bin/neurorack.js doctor --profile $PROFILE"
fi
