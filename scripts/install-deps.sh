#!/usr/bin/env bash
# Installs the Debian packages xfrmkey builds and tests with, and any packages named as
# arguments, when any is missing. Idempotent.
#
# apt waits up to 5 minutes for another apt or dpkg run to let go of its lock (a fresh
# machine may still be running its own updates) and retries dropped downloads; when the
# install still fails, the package lists are refreshed once and it is tried again. A final
# failure prints the end of apt's output and exits 1.
set -euo pipefail

packages=(libmnl-dev libedit-dev pkg-config iproute2 strace "$@")
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
  echo "install-deps: missing ${missing[*]}; run as root or: apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt=(apt-get -o DPkg::Lock::Timeout=300 -o Acquire::Retries=3)
log=$(mktemp)
trap 'rm -f "$log"' EXIT
install() { "${apt[@]}" install -y --no-install-recommends "${missing[@]}" >>"$log" 2>&1; }

if ! install; then
  echo "install-deps: the install failed; refreshing the package lists once" >&2
  "${apt[@]}" update >>"$log" 2>&1 || true
  if ! install; then
    tail -n 20 "$log" >&2
    echo "install-deps: cannot install ${missing[*]} (is a Debian mirror reachable?)" >&2
    exit 1
  fi
fi
