#!/usr/bin/env bash
# Loads every Examples/*.conf with xfrmkey into a throwaway network namespace, prints the
# SAD (-D) and SPD (-DP) the kernel then holds, and lets the namespace vanish.
# Where this kernel cannot hold ESP SAs, the demo runs itself under the project's qemu VM.
set -euo pipefail
cd "$(dirname "$0")/.."
xfrmkey=$(realpath "${1:-.build/debug/xfrmkey}")

if [ "$(id -u)" -ne 0 ]; then
  echo "demo: needs root (network namespaces and xfrm)" >&2
  exit 77
fi

# Can this kernel hold an ESP SA? Probe inside a namespace that dies with the probe.
probe='ip xfrm state add src 192.0.2.1 dst 192.0.2.2 proto esp spi 1 mode transport'
probe+=' enc "cbc(aes)" 0x000102030405060708090a0b0c0d0e0f'
if ! unshare -n sh -c "$probe" 2>/dev/null; then
  if [ "${XFRMKEY_IN_VM:-0}" = 1 ]; then
    echo "demo: even the VM kernel cannot hold ESP SAs" >&2
    exit 1
  fi
  echo "demo: this kernel has no ESP; running the demo under the kernel VM (Tests/kernel/vm)"
  echo "demo: QEMU emulates the CPU: the boot takes some seconds with no output, each step ~1 s"
  exec env XFRMKEY_IN_VM=1 Tests/kernel/vm scripts/demo.sh "$xfrmkey"
fi

# The body runs in a fresh namespace of its own: nothing touches the machine's SPD/SAD.
exec unshare -n bash -s "$xfrmkey" <<'BODY'
set -euo pipefail
xfrmkey=$1
for example in Examples/*.conf; do
  echo "== xfrmkey -f $example"
  "$xfrmkey" -f "$example"
done
echo
echo "== xfrmkey -D"
"$xfrmkey" -D
echo
echo "== xfrmkey -DP"
"$xfrmkey" -DP
echo
echo "== xfrmkey -F; xfrmkey -FP (the namespace is discarded on exit anyway)"
"$xfrmkey" -F
"$xfrmkey" -FP
"$xfrmkey" -D
"$xfrmkey" -DP
BODY
