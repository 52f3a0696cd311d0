#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# Tests/kernel/run-all.sh [--xfrmkey PATH] [--filter REGEX] [--verbose]
#
# The kernel test suite (`make test-kernel`): run from the package root, as root. Boots ONE
# VM (Tests/kernel/vm) and runs Tests/kernel/guest-suite.sh in it against the host-built
# xfrmkey (default .build/debug/xfrmkey, seen in the guest through the host root). Per-case
# logs and captures land in .build/kernel-tests/. Exit status: 0 all passed, 1 a case failed,
# 125 the VM failed, 2 usage.
#
# XFRMKEY_SHIM=1 tests Tests/kernel/setkey-shim.sh instead of xfrmkey: only to validate the
# cases themselves while xfrmkey cannot run them yet.
set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
RUN_ALL_START=$(date +%s.%N)
xfrmkey=.build/debug/xfrmkey filter=. verbose=0

usage() {
  echo "usage: Tests/kernel/run-all.sh [--xfrmkey PATH] [--filter REGEX] [--verbose]" >&2
  exit 2
}
while (($#)); do
  case $1 in
    --xfrmkey) (($# >= 2)) || usage; xfrmkey=$2; shift 2 ;;
    --filter) (($# >= 2)) || usage; filter=$2; shift 2 ;;
    --verbose) verbose=1; shift ;;
    *) usage ;;
  esac
done
((EUID == 0)) || { echo "run-all: must run as root (the VM needs it)" >&2; exit 2; }

if [[ ${XFRMKEY_SHIM:-0} == 1 ]]; then
  xfrmkey=$here/setkey-shim.sh
  echo "run-all: *** XFRMKEY_SHIM=1: testing the throwaway setkey-shim.sh, NOT xfrmkey ***" >&2
fi
[[ -x $xfrmkey ]] || {
  echo "run-all: $xfrmkey is not an executable; build it first (swift build)" >&2
  exit 2
}
xfrmkey=$(readlink -f "$xfrmkey")

# The NAT-T cases need a UDP socket with UDP_ENCAP_ESPINUDP on each end: a small C helper,
# built here (the guest has no compiler to spare) into the cache, which the guest sees.
cache=${XFRMKEY_VM_CACHE:-/var/lib/xfrmkey-vm}
helper=$cache/bin/udp-encap-listen
mkdir -p "$cache/bin"
if [[ ! -x $helper || $here/udp-encap-listen.c -nt $helper ]]; then
  cc=$(command -v gcc || command -v cc || true)
  if [[ -z $cc ]]; then
    echo "run-all: no C compiler for udp-encap-listen.c (apt-get install gcc)" >&2
    exit 2
  fi
  "$cc" -O2 -Wall -Werror -o "$helper.tmp" "$here/udp-encap-listen.c"
  mv "$helper.tmp" "$helper"
fi

results=$PWD/.build/kernel-tests
rm -rf "$results"
mkdir -p "$results"

export XFRMKEY=$xfrmkey UDP_ENCAP_LISTEN=$helper KERNEL_TEST_RESULTS=$results
export KERNEL_TEST_VERBOSE=$verbose KERNEL_TEST_PACKAGE=$PWD RUN_ALL_START
status=0
"$here/vm" "$here/guest-suite.sh" "$filter" || status=$?
if ((status == 125)); then
  echo "FAIL vm: the VM failed before the suite finished (see the console tail above)"
  echo "0 passed, 1 failed"
fi
exit "$status"
