#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# Tests/kernel/ci-setup.sh: installs everything the kernel test harness needs and prepares
# its kernel cache, so that `make test-kernel` (Tests/kernel/run-all.sh) then runs offline.
# Idempotent: a second run installs nothing and downloads nothing. Run as root.
#
#   - gcc and libc6-dev, to build the NAT-T helper (udp-encap-listen.c) on the host;
#   - perl (Debian's perl-base is essential; checked anyway), to read the algorithm catalogue;
#   - through `Tests/kernel/vm --setup-only`: qemu-system-x86, busybox-static, kmod,
#     xz-utils, iproute2, iputils-ping, tcpdump, socat; Debian's linux-image-amd64 kernel
#     unpacked into the cache (XFRMKEY_VM_CACHE, /var/lib/xfrmkey-vm), its vmlinux and the
#     initramfs. Nothing is installed into the host's /boot or /lib/modules.
set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
((EUID == 0)) || { echo "ci-setup: must run as root" >&2; exit 1; }

"$here/../../scripts/install-deps.sh" gcc libc6-dev ||
  { echo "ci-setup: cannot install gcc and libc6-dev" >&2; exit 1; }
command -v perl >/dev/null || { echo "ci-setup: perl is missing" >&2; exit 1; }

"$here/vm" --setup-only
