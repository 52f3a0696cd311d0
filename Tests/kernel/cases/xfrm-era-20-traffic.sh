# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
#
# Traffic over SAs only xfrm can express (issue 5): an AEAD suite with extended sequence
# numbers and a 1024-packet window, and a route-based setup with xfrm interfaces (if_id)
# and SA marks. Every SA and SP is installed by `$XFRMKEY -f`. Uses lib.sh.

test_xfrm_era_aead_esn_window_1024_traffic() {
  local k1 k2 sas
  k1=$(key 20 51)
  k2=$(key 20 52)
  sas="
add $A4 $B4 esp 0x9001 -m tunnel -u 31 -r 1024 -f esn -E aes-gcm-16 $k1 ;
add $B4 $A4 esp 0x9002 -m tunnel -u 32 -r 1024 -f esn -E aes-gcm-16 $k2 ;"
  pair_up
  install_both "$sas" $A4/32 $B4/32 esp/tunnel/$A4-$B4/unique:31 esp/tunnel/$B4-$A4/unique:32
  capture_start
  ping_ok "$NS_A" $B4
  tcp_ok $B4
  capture_stop
  expect_every_packet "^IP $A4 > $B4: ESP\(spi=0x00009001|^IP $B4 > $A4: ESP\(spi=0x00009002"
  expect_no_plaintext

  ip -n "$NS_B" -d xfrm state get src $A4 dst $B4 proto esp spi 0x9001 >"$T/state.txt"
  sed 's/^/    /' "$T/state.txt"
  grep -qE 'replay_window 1024' "$T/state.txt" || fail "the window is not 1024"
  grep -qE 'flag .*esn' "$T/state.txt" || fail "the ESN flag is missing"
  expect_sa_moved "$NS_B" $A4 $B4 esp 0x9001 3
}

# expect_marked_sa_moved NS SRC DST SPI MIN: expect_sa_moved for an SA with mark
# 0x10/0xf0, which ip only finds with its mark.
expect_marked_sa_moved() {
  local n
  n=$(ip -n "$1" -s xfrm state get src "$2" dst "$3" proto esp spi "$4" mark 0x10 mask 0xf0 |
    awk '/lifetime current:/ { getline; sub(/.*\(bytes\), */, ""); print $1 + 0; exit }')
  [[ -n $n ]] || fail "no marked SA $4 in $1"
  echo "SA esp spi $4 $2 -> $3 in $1: $n packets"
  ((n >= $5)) || fail "SA $4 in $1 counted $n packets, expected at least $5"
}

test_xfrm_era_route_based_if_id_and_marks() {
  pair_up
  # An xfrm interface (if_id 77) on each side; the inner addresses are routed into it.
  local ns local_in remote_in
  for ns in "$NS_A" "$NS_B"; do
    local_in=10.1.1.1 remote_in=10.2.2.2
    [[ $ns == "$NS_B" ]] && local_in=10.2.2.2 remote_in=10.1.1.1
    ip -n "$ns" link add ipsec0 type xfrm if_id 77 || skip "this kernel has no xfrm interfaces"
    ip -n "$ns" addr add $local_in/32 dev ipsec0
    ip -n "$ns" link set ipsec0 up
    ip -n "$ns" route add $remote_in/32 dev ipsec0 src $local_in
  done
  # B answers with the mark of the request (which its inbound SA's output mark set), so
  # its marked outbound policy and SA carry the reply.
  ip netns exec "$NS_B" sysctl -qw net.ipv4.fwmark_reflect=1

  # Outbound: policy and SA marked 0x10/0xf0, found for packets marked 0x10 (ping -m 16).
  # Inbound: ESP arrives unmarked, so the SA is unmarked; its output mark marks the
  # decrypted packet 0x10. Everything carries if_id 77.
  local k1 k2
  k1=$(key 20 61)
  k2=$(key 20 62)
  load "$NS_A" "$(conf a <<EOF
add $A4 $B4 esp 0x9101 -m tunnel -if-id 77 -mark 0x10/0xf0 -E aes-gcm-16 $k1 ;
add $B4 $A4 esp 0x9102 -m tunnel -if-id 77 -output-mark 0x10/0xf0 -E aes-gcm-16 $k2 ;
spdadd 10.1.1.1 10.2.2.2 any -mark 0x10/0xf0 -if-id 77
  -P out ipsec esp/tunnel/$A4-$B4/require ;
spdadd 10.2.2.2 10.1.1.1 any -if-id 77 -P in ipsec esp/tunnel/$B4-$A4/require ;
EOF
)"
  load "$NS_B" "$(conf b <<EOF
add $B4 $A4 esp 0x9102 -m tunnel -if-id 77 -mark 0x10/0xf0 -E aes-gcm-16 $k2 ;
add $A4 $B4 esp 0x9101 -m tunnel -if-id 77 -output-mark 0x10/0xf0 -E aes-gcm-16 $k1 ;
spdadd 10.2.2.2 10.1.1.1 any -mark 0x10/0xf0 -if-id 77
  -P out ipsec esp/tunnel/$B4-$A4/require ;
spdadd 10.1.1.1 10.2.2.2 any -if-id 77 -P in ipsec esp/tunnel/$A4-$B4/require ;
EOF
)"
  capture_start
  run ip netns exec "$NS_A" ping -c 3 -i 0.2 -W 3 -w 15 -m 16 10.2.2.2 ||
    fail "ping over the xfrm interfaces failed"
  capture_stop
  expect_every_packet "^IP $A4 > $B4: ESP\(spi=0x00009101|^IP $B4 > $A4: ESP\(spi=0x00009102"
  expect_marked_sa_moved "$NS_A" $A4 $B4 0x9101 3
  expect_sa_moved "$NS_B" $A4 $B4 esp 0x9101 3
  expect_marked_sa_moved "$NS_B" $B4 $A4 0x9102 3

  step "an unmarked packet finds no policy: nothing leaves unprotected"
  ping_fails "$NS_A" 10.2.2.2
}
