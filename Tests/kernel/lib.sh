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

# Waiting on conditions (wait_until, xfrm_listening, xfrm_drained), shared with the CLI
# tests. Under emulation on a busy host a process can take many seconds to start, so the
# deadline that bounds a failure is longer here.
WAIT_SECONDS=${WAIT_SECONDS:-90}
# shellcheck source=../cli/wait.sh
source "$KERNEL_TEST_DIR/../cli/wait.sh"

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

# install_both SAS NEAR FAR FORWARD BACKWARD: loads the same SAs into $NS_A and $NS_B, with
# policies for traffic between NEAR (a's side) and FAR (b's side): FORWARD protects a to b
# (a's out policy, b's in policy) and BACKWARD b to a (a's in, b's out). FORWARD and BACKWARD
# are setkey policy strings, e.g. "esp/tunnel/$A4-$B4/unique:11".
install_both() {
  local sas=$1 near=$2 far=$3 forward=$4 backward=$5
  load "$NS_A" "$(conf a <<EOF
$sas
spdadd $near $far any -P out ipsec $forward ;
spdadd $far $near any -P in ipsec $backward ;
EOF
)"
  load "$NS_B" "$(conf b <<EOF
$sas
spdadd $far $near any -P out ipsec $backward ;
spdadd $near $far any -P in ipsec $forward ;
EOF
)"
}

# MARK: - Namespaces

# pair_up: namespaces $NS_A and $NS_B joined by a veth (va, vb) with IPv4 and IPv6 addresses
# and permanent neighbour entries, so no ARP or neighbour discovery shows up in captures.
pair_up() {
  ip netns add "$NS_A"
  ip netns add "$NS_B"
  ip link add va netns "$NS_A" type veth peer name vb netns "$NS_B"
  # The addresses of va and vb, for the neighbour entries and capture_end.
  MAC_A=$(ip netns exec "$NS_A" cat /sys/class/net/va/address)
  MAC_B=$(ip netns exec "$NS_B" cat /sys/class/net/vb/address)
  # One ip process per namespace: every process start costs under TCG.
  ip -n "$NS_A" -batch - <<EOF
link set lo up
link set va up
addr add $A4/24 dev va
addr add $A6/64 dev va nodad
neigh replace $B4 lladdr $MAC_B dev va nud permanent
neigh replace $B6 lladdr $MAC_B dev va nud permanent
EOF
  ip -n "$NS_B" -batch - <<EOF
link set lo up
link set vb up
addr add $B4/24 dev vb
addr add $B6/64 dev vb nodad
neigh replace $A4 lladdr $MAC_A dev vb nud permanent
neigh replace $A6 lladdr $MAC_A dev vb nud permanent
EOF
}

# MARK: - Capture of what goes onto the wire

# Each side captures only what it sends (-Q out): on the receiving side, tunnel-mode packets
# are seen a second time after decapsulation, in the clear, though they never crossed the
# wire in the clear.

# --immediate-mode hands each packet to tcpdump as it comes (by default the kernel holds
# packets for up to a second), and -U writes each one to the file at once.

# capture_start: tcpdump on va (in $NS_A) and vb (in $NS_B); returns once both listen.
capture_start() {
  CAPTURE_PIDS=()
  local ns dev
  : >"$T/tcpdump-va.err"
  : >"$T/tcpdump-vb.err"
  for ns in "$NS_A" "$NS_B"; do
    dev=va
    [[ $ns == "$NS_B" ]] && dev=vb
    ip netns exec "$ns" tcpdump -i $dev -Q out -nn -U --immediate-mode -s 0 \
      -w "$T/capture-$dev.pcap" 'not arp and not ip6 multicast' 2>"$T/tcpdump-$dev.err" &
    CAPTURE_PIDS+=($!)
  done
  if ! wait_until "$WAIT_SECONDS" grep -q "listening on" "$T/tcpdump-va.err" ||
    ! wait_until "$WAIT_SECONDS" grep -q "listening on" "$T/tcpdump-vb.err"; then
    cat "$T"/tcpdump-v?.err >&2
    fail "tcpdump did not start"
  fi
}

# The frame that ends a capture: EtherType 0x88b5 (IEEE 802 local experimental), which
# nothing else sends and the kernel drops on arrival.
CAPTURE_END_TYPE=88b5
CAPTURE_END_TEXT=xfrmkey-capture-end

# capture_end NS DEV: sends the end frame out of DEV (va in $NS_A, vb in $NS_B) to its peer,
# through a raw socket.
capture_end() {
  local ns=$1 dev=$2 source=$MAC_A destination=$MAC_B hex frame='' i
  if [[ $dev == vb ]]; then source=$MAC_B destination=$MAC_A; fi
  hex=${destination//:/}${source//:/}$CAPTURE_END_TYPE
  hex+=$(printf '%s' "$CAPTURE_END_TEXT" | od -An -tx1 | tr -d ' \n')
  for ((i = 0; i < ${#hex}; i += 2)); do frame+="\\x${hex:i:2}"; done
  printf '%b' "$frame" | ip netns exec "$ns" socat -u - "INTERFACE:$dev"
}

# captured_end DEV: tcpdump has written the end frame of DEV, so every packet DEV sent
# before it is in the file too.
captured_end() {
  tcpdump -nn -r "$T/capture-$1.pcap" 2>/dev/null | grep -q "(0x$CAPTURE_END_TYPE)"
}

# capture_stop: sends an end frame out of each veth and waits until tcpdump has written it
# (so nothing sent before it is missing), then stops tcpdump; leaves the packets sent both
# ways, in time order, in $T/capture.txt (one per line), and with payloads as ASCII in
# $T/capture.ascii; prints them. The end frames are left out.
capture_stop() {
  capture_end "$NS_A" va
  capture_end "$NS_B" vb
  wait_until "$WAIT_SECONDS" captured_end va || echo "note: va's end frame was not captured"
  wait_until "$WAIT_SECONDS" captured_end vb || echo "note: vb's end frame was not captured"
  kill -INT "${CAPTURE_PIDS[@]}" 2>/dev/null || true
  wait "${CAPTURE_PIDS[@]}" 2>/dev/null || true
  local dev
  for dev in va vb; do tcpdump -nn -tt -A -r "$T/capture-$dev.pcap" 2>/dev/null; done \
    >"$T/capture.ascii"
  { grep -E '^[0-9]+\.[0-9]+ ' "$T/capture.ascii" || true; } |
    { grep -vF "(0x$CAPTURE_END_TYPE)" || true; } | sort -n | cut -d' ' -f2- \
    >"$T/capture.txt"
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

# ping_ok NS ADDR [PING-ARGS...]: three echo requests answered (-w bounds a failure only:
# ping ends as soon as it has the answers).
ping_ok() {
  local ns=$1 addr=$2
  shift 2
  run ip netns exec "$ns" ping -c 3 -i 0.2 -W 3 -w "$WAIT_SECONDS" "$@" "$addr" ||
    fail "ping $addr from $ns failed"
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
  ip netns exec "$NS_B" timeout $((3 * WAIT_SECONDS)) \
    socat -u "$listen:5001,reuseaddr" "OPEN:$T/received,creat" &
  local server=$!
  wait_until "$WAIT_SECONDS" tcp_listening "$NS_B" 5001 ||
    fail "the TCP listener in $NS_B did not start"
  echo "+ echo $MARKER | socat -u - $connect   (in $NS_A)"
  echo "$MARKER-$RANDOM" >"$T/sent"
  ip netns exec "$NS_A" timeout "$WAIT_SECONDS" socat -u "OPEN:$T/sent" "$connect" ||
    fail "TCP connect to $addr:5001 failed"
  wait "$server" || fail "the TCP listener in $NS_B failed"
  cmp -s "$T/sent" "$T/received" || fail "TCP data did not arrive intact"
  echo "(TCP exchange with $addr ok)"
}

# tcp_listening NS PORT: a socket in NS listens on TCP PORT.
tcp_listening() {
  ip netns exec "$1" ss -Hltn "sport = :$2" | grep -q .
}

# MARK: - Monitors (`$XFRMKEY -x`)

# start_monitor NAME ARGS...: `$XFRMKEY -x ARGS` in $NS_A, output in $T/NAME; pid in MONITORS.
MONITORS=()
start_monitor() {
  local name=$1
  shift
  ip netns exec "$NS_A" "$XFRMKEY" -x "$@" >"$T/$name" 2>"$T/$name.err" &
  MONITORS+=($!)
}

# monitors_listening COUNT GROUP...: waits until COUNT monitors in $NS_A joined the groups.
monitors_listening() {
  wait_until "$WAIT_SECONDS" xfrm_listening "$NS_A" "$@" ||
    echo "note: fewer than $1 monitors in $NS_A joined $* after $WAIT_SECONDS s"
}

# monitors_received FILE PATTERN [FILE PATTERN]...: waits until each FILE has a line
# matching PATTERN and the monitors have read their queues empty; only then may they be
# stopped, as a stop signal ends a monitor before what it has not read yet.
monitors_received() {
  local file pattern
  while (($#)); do
    file=$1 pattern=$2
    shift 2
    wait_until "$WAIT_SECONDS" grep -qE -- "$pattern" "$file" ||
      echo "note: nothing matched /$pattern/ in $file after $WAIT_SECONDS s"
  done
  wait_until "$WAIT_SECONDS" xfrm_drained "$NS_A" || echo "note: the monitors' queues are not empty"
}

# stop_monitors [SIGNAL]: SIGINT (or SIGNAL) to each monitor; each must exit 0.
stop_monitors() {
  local signal=${1:-INT} pid status
  for pid in "${MONITORS[@]}"; do
    kill "-$signal" "$pid"
    status=0
    wait "$pid" || status=$?
    ((status == 0)) || fail "monitor $pid exited with status $status on SIG$signal"
  done
  MONITORS=()
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
