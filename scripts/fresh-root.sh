#!/usr/bin/env bash
# The fresh-machine test: makes a minimal Debian 12 root with mmdebstrap (from the apt sources
# this machine uses), copies a clean clone of HEAD into it, and runs the README's two commands
# inside it (chroot, as root), printing each command's time and the suite's result. What CI's
# machine kept from earlier sessions is not there, so a missing install step fails here.
# Needs root (chroot and mounts) and the network the apt sources name; takes about as long as a
# clean build plus the packages' download.
# Usage: bash scripts/fresh-root.sh [--keep] [ROOT]   (ROOT: a new folder; default under /var/tmp)
set -euo pipefail
cd "$(dirname "$0")/.."
keep=false
if [ "${1:-}" = --keep ]; then
  keep=true
  shift
fi
[ "$(id -u)" -eq 0 ] || { echo "fresh-root: needs root (mmdebstrap, chroot, mounts)" >&2; exit 1; }
bash scripts/install-deps.sh mmdebstrap
root=${1:-$(mktemp -d /var/tmp/ghostlens-fresh-root.XXXXXX)}
if [ -n "$(ls -A "$root" 2>/dev/null)" ]; then
  echo "fresh-root: $root is not empty" >&2
  exit 1
fi
mounts=()
cleanup() {
  local status=$?
  for ((i = ${#mounts[@]} - 1; i >= 0; --i)); do umount -l "${mounts[i]}" 2>/dev/null || true; done
  if $keep; then
    echo "fresh-root: kept $root"
  else
    rm -rf --one-file-system "$root"
  fi
  exit "$status"
}
trap cleanup EXIT

# The apt sources of this machine, as they are (deb822 or one-line files).
sources=()
for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources; do
  [ -s "$f" ] && sources+=("$f")
done
echo "== mmdebstrap --variant=minbase bookworm $root ${sources[*]}"
start=$(date +%s)
# minbase: Essential packages and apt, nothing else (no git, no compiler, no Python).
mmdebstrap --quiet --variant=minbase --include=ca-certificates bookworm "$root" "${sources[@]}"
echo "fresh-root: the root took $(($(date +%s) - start)) s ($(du -sh --one-file-system "$root" | cut -f1))"

# A clean clone of what is committed, not this working tree.
git clone --quiet --no-hardlinks "$PWD" "$root/root/ghostlens"
cp /etc/resolv.conf "$root/etc/resolv.conf"
for m in proc sys dev dev/pts; do
  case $m in
    proc) mount -t proc proc "$root/proc" ;;
    sys) mount -t sysfs sysfs "$root/sys" ;;
    dev) mount --bind /dev "$root/dev" ;;
    dev/pts) mount --bind /dev/pts "$root/dev/pts" ;;
  esac
  mounts+=("$root/$m")
done
mount -t tmpfs tmpfs "$root/tmp" && mounts+=("$root/tmp")
[ -d "$root/dev/shm" ] || mkdir -p "$root/dev/shm"

# Each README command as a newcomer types it, in a login shell of the root, with no display.
run_in_root() {
  local began status
  echo "== chroot: bash $1"
  began=$(date +%s)
  set +e
  chroot "$root" /usr/bin/env -i HOME=/root TERM=dumb PATH=/usr/sbin:/usr/bin:/sbin:/bin \
    LANG=C.UTF-8 bash -c "cd /root/ghostlens && bash $1" 2>&1 | tee "$root/root/$(basename "$1").log"
  status=${PIPESTATUS[0]}
  set -e
  times+=("bash $1: $(($(date +%s) - began)) s, exit $status")
  return "$status"
}
times=()
result=0
run_in_root scripts/run.sh || result=$?
[ "$result" -eq 0 ] && { run_in_root scripts/test.sh || result=$?; }
echo "== fresh-root: $(git rev-parse --short HEAD) in a minimal Debian 12 root"
printf '  %s\n' "${times[@]}"
if [ -f "$root/root/test.sh.log" ]; then
  grep -E "tests passed|tests failed|Total Test time" "$root/root/test.sh.log" | sed 's/^/  /'
fi
exit "$result"
