# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
#
# Helpers for the kernel test cases, sourced by guest-suite.sh inside the VM. Every case runs
# in its own subshell with `set -euo pipefail`, a temp dir $T, and the names $NS_A/$NS_B for
# the namespaces it may create; the suite deletes them afterwards even when the case fails.
#
# Addresses are from the documentation ranges: 192.0.2.0/24 and 2001:db8::/64 on the veth,
# 2001:db8:1::/64 and 2001:db8:2::/64 behind a and b for the IPv6-in-IPv4 tunnel.

A4=192.0.2.1
B4=192.0.2.2
A6=2001:db8::1
B6=2001:db8::2

# The marker sent over TCP: it must arrive, and it must never be visible on the wire.
MARKER=xfrmkey-plaintext-marker

# MARK: - Failing loudly

# fail MESSAGE...: ends the case with a message (the suite prints the case's whole output).
fail() {
  echo "FAILED: $*" >&2
  exit 1
}

# skip REASON...: ends the case as skipped.
skip() {
  echo "SKIPPED: $*"
  exit 77
}

# step TEXT: a line in the case's log, so a failure shows how far it got.
step() { echo "--- $*"; }

# run CMD...: echoes a command and runs it, keeping its output in the log.
run() {
  echo "+ $*"
  "$@"
}

# MARK: - Keys and configs

# key BYTES SEED: a deterministic 0x-prefixed hex key of BYTES bytes.
key() {
  local bytes=$1 seed=$2 hex='' i
  for ((i = 0; i < bytes; i++)); do hex+=$(printf '%02x' $(((seed * 37 + i * 11 + 5) % 256))); done
  echo "0x$hex"
}

# conf NAME: writes stdin to $T/NAME.conf and prints the path.
conf() {
  cat >"$T/$1.conf"
  echo "$T/$1.conf"
}

# load NS FILE: installs a setkey file in NS with the tool under test, showing both.
load() {
  local ns=$1 file=$2
  echo "+ ip netns exec $ns $XFRMKEY -f $file   # $file:"
  sed 's/^/    | /' "$file"
  ip netns exec "$ns" "$XFRMKEY" -f "$file" || fail "$XFRMKEY -f $file failed in $ns (status $?)"
}

# MARK: - Namespaces

# pair_up: namespaces $NS_A and $NS_B joined by a veth (va, vb) with IPv4 and IPv6 addresses
# and permanent neighbour entries, so no ARP or neighbour discovery shows up in captures.
pair_up() {
  ip netns add "$NS_A"
  ip netns add "$NS_B"
  ip link add va netns "$NS_A" type veth peer name vb netns "$NS_B"
  local ns dev
  for ns in "$NS_A" "$NS_B"; do
    dev=va
    [[ $ns == "$NS_B" ]] && dev=vb
    ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.accept_dad=0 \
      net.ipv6.conf.default.accept_dad=0 net.ipv6.conf.$dev.router_solicitations=0
    ip -n "$ns" link set lo up
    ip -n "$ns" link set "$dev" up
  done
  ip -n "$NS_A" addr add $A4/24 dev va
  ip -n "$NS_B" addr add $B4/24 dev vb
  ip -n "$NS_A" addr add $A6/64 dev va nodad
  ip -n "$NS_B" addr add $B6/64 dev vb nodad

  local mac_a mac_b
  mac_a=$(ip -n "$NS_A" -br link show dev va | awk '{ print $3 }')
  mac_b=$(ip -n "$NS_B" -br link show dev vb | awk '{ print $3 }')
  ip -n "$NS_A" neigh replace $B4 lladdr "$mac_b" dev va nud permanent
  ip -n "$NS_A" neigh replace $B6 lladdr "$mac_b" dev va nud permanent
  ip -n "$NS_B" neigh replace $A4 lladdr "$mac_a" dev vb nud permanent
  ip -n "$NS_B" neigh replace $A6 lladdr "$mac_a" dev vb nud permanent
}

# MARK: - Capture of what goes onto the wire

# Each side captures only what it sends (-Q out): on the receiving side, tunnel-mode packets
# are seen a second time after decapsulation, in the clear, though they never crossed the
# wire in the clear.

# capture_start: tcpdump on va (in $NS_A) and vb (in $NS_B); returns once both listen.
capture_start() {
  CAPTURE_PIDS=()
  local ns dev i
  for ns in "$NS_A" "$NS_B"; do
    dev=va
    [[ $ns == "$NS_B" ]] && dev=vb
    ip netns exec "$ns" tcpdump -i $dev -Q out -nn -U -s 0 -w "$T/capture-$dev.pcap" \
      'not arp and not ip6 multicast' 2>"$T/tcpdump-$dev.err" &
    CAPTURE_PIDS+=($!)
  done
  for ((i = 0; i < 100; i++)); do
    (($(cat "$T"/tcpdump-v?.err | grep -c 'listening on') == 2)) && return 0
    sleep 0.1
  done
  cat "$T"/tcpdump-v?.err >&2
  fail "tcpdump did not start"
}

# capture_stop: stops tcpdump; leaves the packets sent both ways, in time order, in
# $T/capture.txt (one per line), and with payloads as ASCII in $T/capture.ascii; prints them.
capture_stop() {
  sleep 0.3
  kill -INT "${CAPTURE_PIDS[@]}" 2>/dev/null || true
  wait "${CAPTURE_PIDS[@]}" 2>/dev/null || true
  local dev
  for dev in va vb; do tcpdump -nn -tt -r "$T/capture-$dev.pcap" 2>/dev/null; done |
    sort -n | cut -d' ' -f2- >"$T/capture.txt"
  for dev in va vb; do tcpdump -nn -A -r "$T/capture-$dev.pcap" 2>/dev/null; done \
    >"$T/capture.ascii"
  echo "sent on va and vb ($(wc -l <"$T/capture.txt") packets):"
  sed 's/^/    /' "$T/capture.txt"
}

# expect_captured REGEX: at least one captured packet matches.
expect_captured() {
  grep -qE "$1" "$T/capture.txt" || fail "no captured packet matches /$1/"
}

# expect_every_packet REGEX: the capture is not empty and every packet matches.
expect_every_packet() {
  [[ -s $T/capture.txt ]] || fail "nothing was captured on the wire"
  if grep -vE "$1" "$T/capture.txt" | grep -q .; then
    fail "packets on the wire without /$1/: $(grep -vE "$1" "$T/capture.txt" | head -n 3)"
  fi
}

# expect_not_captured REGEX: no captured packet matches.
expect_not_captured() {
  if grep -qE "$1" "$T/capture.txt"; then
    fail "captured packets match /$1/: $(grep -E "$1" "$T/capture.txt" | head -n 3)"
  fi
}

# expect_no_plaintext: the TCP marker never appears in any payload on the wire.
expect_no_plaintext() {
  if grep -q "$MARKER" "$T/capture.ascii"; then fail "the plaintext marker is on the wire"; fi
}

# MARK: - Traffic

# ping_ok NS ADDR [PING-ARGS...]: three echo requests, all answered.
ping_ok() {
  local ns=$1 addr=$2
  shift 2
  run ip netns exec "$ns" ping -c 3 -i 0.2 -W 3 -w 15 "$@" "$addr" || fail "ping $addr from $ns failed"
}

# ping_fails NS ADDR: no echo request is answered.
ping_fails() {
  if run ip netns exec "$1" ping -c 2 -i 0.2 -W 2 -w 3 "$2"; then
    fail "ping $2 from $1 got answers"
  fi
  echo "(ping failed, as expected)"
}

# tcp_ok ADDR: sends the marker from $NS_A to a listener in $NS_B on port 5001; it must arrive.
tcp_ok() {
  local addr=$1 listen=TCP4-LISTEN connect
  connect="TCP4:$addr:5001"
  if [[ $addr == *:* ]]; then
    listen=TCP6-LISTEN
    connect="TCP6:[$addr]:5001"
  fi
  rm -f "$T/received"
  ip netns exec "$NS_B" timeout 30 socat -u "$listen:5001,reuseaddr" "OPEN:$T/received,creat" &
  local server=$! i
  for ((i = 0; i < 100; i++)); do
    ip netns exec "$NS_B" ss -Hltn 'sport = :5001' | grep -q . && break
    sleep 0.1
  done
  echo "+ echo $MARKER | socat -u - $connect   (in $NS_A)"
  echo "$MARKER-$RANDOM" >"$T/sent"
  ip netns exec "$NS_A" timeout 20 socat -u "OPEN:$T/sent" "$connect" ||
    fail "TCP connect to $addr:5001 failed"
  wait "$server" || fail "the TCP listener in $NS_B failed"
  cmp -s "$T/sent" "$T/received" || fail "TCP data did not arrive intact"
  echo "(TCP exchange with $addr ok)"
}

# MARK: - Kernel state

# sa_packets NS SRC DST PROTO SPI: the SA's packet counter.
sa_packets() {
  ip -n "$1" -s xfrm state get src "$2" dst "$3" proto "$4" spi "$5" |
    awk '/lifetime current:/ { getline; sub(/.*\(bytes\), */, ""); print $1 + 0; exit }'
}

# expect_sa_moved NS SRC DST PROTO SPI MIN: the SA exists and counted at least MIN packets.
expect_sa_moved() {
  local n
  n=$(sa_packets "$@") || fail "no SA $4 $5 $2 -> $3 in $1"
  [[ -n $n ]] || fail "no SA $4 $5 $2 -> $3 in $1"
  echo "SA $4 spi $5 $2 -> $3 in $1: $n packets"
  ((n >= $6)) || fail "SA $4 spi $5 in $1 counted $n packets, expected at least $6"
}

# xfrm_stat NS NAME: a counter from /proc/net/xfrm_stat (e.g. XfrmOutPolBlock).
xfrm_stat() {
  ip netns exec "$1" awk -v n="$2" '$1 == n { print $2 }' /proc/net/xfrm_stat
}

# show_state NS...: the SAD and SPD of each namespace, for the log.
show_state() {
  local ns
  for ns; do
    echo "ip -s xfrm state / policy in $ns:"
    ip -n "$ns" -s xfrm state | sed 's/^/    /'
    ip -n "$ns" xfrm policy | sed 's/^/    /'
  done
}
