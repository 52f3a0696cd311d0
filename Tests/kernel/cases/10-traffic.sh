# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
#
# Real traffic between namespaces a and b, with SAs and SPs installed only by `$XFRMKEY -f`
# (one setkey file per side, see install_both). Each case passes when ping and a TCP exchange
# get through, the SAs counted the packets, and the capture of what each side sends shows
# only protected packets.

# exchange DST WIRE-REGEX [PING-ARGS...]: pings DST from a, sends the TCP marker, and checks
# that every captured packet matches WIRE-REGEX and none carries plaintext ICMP or TCP.
exchange() {
  local dst=$1 wire=$2
  shift 2
  capture_start
  ping_ok "$NS_A" "$dst" "$@"
  tcp_ok "$dst"
  capture_stop
  expect_every_packet "$wire"
  expect_not_captured 'ICMP|Flags \['
  expect_no_plaintext
}

test_esp_tunnel_ipv4() {
  local ke=$(key 16 1) ka=$(key 32 2) re=$(key 16 3) ra=$(key 32 4)
  local sas="
add $A4 $B4 esp 0x1001 -m tunnel -u 11 -E aes-cbc $ke -A hmac-sha256 $ka ;
add $B4 $A4 esp 0x1002 -m tunnel -u 12 -E aes-cbc $re -A hmac-sha256 $ra ;"
  pair_up
  install_both "$sas" $A4/32 $B4/32 esp/tunnel/$A4-$B4/unique:11 esp/tunnel/$B4-$A4/unique:12
  exchange $B4 "^IP $A4 > $B4: ESP\(spi=0x00001001|^IP $B4 > $A4: ESP\(spi=0x00001002"
  expect_sa_moved "$NS_A" $A4 $B4 esp 0x1001 3
  expect_sa_moved "$NS_B" $A4 $B4 esp 0x1001 3
  expect_sa_moved "$NS_B" $B4 $A4 esp 0x1002 3
  expect_sa_moved "$NS_A" $B4 $A4 esp 0x1002 3
}

test_esp_transport_ipv4() {
  local ke=$(key 24 5) ka=$(key 20 6) re=$(key 24 7) ra=$(key 20 8)
  local sas="
add $A4 $B4 esp 0x1101 -m transport -E 3des-cbc $ke -A hmac-sha1 $ka ;
add $B4 $A4 esp 0x1102 -E 3des-cbc $re -A hmac-sha1 $ra ;"
  pair_up
  install_both "$sas" $A4 $B4 esp/transport//require esp/transport//require
  exchange $B4 "^IP $A4 > $B4: ESP\(spi=0x00001101|^IP $B4 > $A4: ESP\(spi=0x00001102"
  expect_sa_moved "$NS_A" $A4 $B4 esp 0x1101 3
  expect_sa_moved "$NS_B" $A4 $B4 esp 0x1101 3
  expect_sa_moved "$NS_A" $B4 $A4 esp 0x1102 3
}

test_esp_tunnel_ipv6() {
  local ke=$(key 32 9) ka=$(key 64 10) re=$(key 32 11) ra=$(key 64 12)
  local sas="
add $A6 $B6 esp 0x1201 -m tunnel -u 21 -E aes-cbc $ke -A hmac-sha512 $ka ;
add $B6 $A6 esp 0x1202 -m tunnel -u 22 -E aes-cbc $re -A hmac-sha512 $ra ;"
  pair_up
  install_both "$sas" $A6/128 $B6/128 esp/tunnel/$A6-$B6/unique:21 esp/tunnel/$B6-$A6/unique:22
  exchange $B6 "^IP6 $A6 > $B6: ESP\(spi=0x00001201|^IP6 $B6 > $A6: ESP\(spi=0x00001202"
  expect_sa_moved "$NS_A" $A6 $B6 esp 0x1201 3
  expect_sa_moved "$NS_B" $A6 $B6 esp 0x1201 3
  expect_sa_moved "$NS_A" $B6 $A6 esp 0x1202 3
}

test_esp_transport_ipv6() {
  local ke=$(key 16 13) ka=$(key 32 14) re=$(key 16 15) ra=$(key 32 16)
  local sas="
add $A6 $B6 esp 0x1251 -m transport -E aes-cbc $ke -A hmac-sha256 $ka ;
add $B6 $A6 esp 0x1252 -m transport -E aes-cbc $re -A hmac-sha256 $ra ;"
  pair_up
  install_both "$sas" $A6 $B6 esp/transport//require esp/transport//require
  exchange $B6 "^IP6 $A6 > $B6: ESP\(spi=0x00001251|^IP6 $B6 > $A6: ESP\(spi=0x00001252"
  expect_sa_moved "$NS_A" $A6 $B6 esp 0x1251 3
  expect_sa_moved "$NS_B" $A6 $B6 esp 0x1251 3
  expect_sa_moved "$NS_A" $B6 $A6 esp 0x1252 3
}

# IPv6 networks behind a and b, joined by an IPv4 ESP tunnel between the veth addresses.
test_esp_tunnel_ipv6_in_ipv4() {
  local ke=$(key 16 17) ka=$(key 20 18) re=$(key 16 19) ra=$(key 20 20)
  local net_a=2001:db8:1:: net_b=2001:db8:2::
  local sas="
add $A4 $B4 esp 0x1301 -m tunnel -u 31 -E aes-cbc $ke -A hmac-sha1 $ka ;
add $B4 $A4 esp 0x1302 -m tunnel -u 32 -E aes-cbc $re -A hmac-sha1 $ra ;"
  pair_up
  ip -n "$NS_A" addr add ${net_a}1/128 dev lo
  ip -n "$NS_B" addr add ${net_b}1/128 dev lo
  ip -n "$NS_A" route add $net_b/64 dev va src ${net_a}1
  ip -n "$NS_B" route add $net_a/64 dev vb src ${net_b}1
  install_both "$sas" $net_a/64 $net_b/64 esp/tunnel/$A4-$B4/unique:31 esp/tunnel/$B4-$A4/unique:32
  exchange ${net_b}1 "^IP $A4 > $B4: ESP\(spi=0x00001301|^IP $B4 > $A4: ESP\(spi=0x00001302"
  expect_sa_moved "$NS_A" $A4 $B4 esp 0x1301 3
  expect_sa_moved "$NS_B" $A4 $B4 esp 0x1301 3
  expect_sa_moved "$NS_A" $B4 $A4 esp 0x1302 3
}

# AH authenticates but does not encrypt: the ICMP and TCP inside are visible, but every
# packet on the wire must carry AH.
test_ah_transport_ipv4() {
  local ka=$(key 32 21) ra=$(key 32 22)
  local sas="
add $A4 $B4 ah 0x1401 -m transport -A hmac-sha256 $ka ;
add $B4 $A4 ah 0x1402 -A hmac-sha256 $ra ;"
  pair_up
  install_both "$sas" $A4 $B4 ah/transport//require ah/transport//require
  capture_start
  ping_ok "$NS_A" $B4
  tcp_ok $B4
  capture_stop
  expect_every_packet "^IP $A4 > $B4: AH\(spi=0x00001401|^IP $B4 > $A4: AH\(spi=0x00001402"
  expect_captured 'AH\(spi=0x00001401,[^)]*\): ICMP echo request'
  expect_sa_moved "$NS_A" $A4 $B4 ah 0x1401 3
  expect_sa_moved "$NS_B" $A4 $B4 ah 0x1401 3
  expect_sa_moved "$NS_A" $B4 $A4 ah 0x1402 3
}

# A bundle: ESP inside, AH outside (setkey lists the innermost first).
test_ah_esp_bundle_ipv4() {
  local ke=$(key 16 23) ka=$(key 20 24) re=$(key 16 25) ra=$(key 20 26)
  local ha=$(key 32 27) hr=$(key 32 28)
  local sas="
add $A4 $B4 esp 0x1501 -m transport -E aes-cbc $ke -A hmac-sha1 $ka ;
add $B4 $A4 esp 0x1502 -m transport -E aes-cbc $re -A hmac-sha1 $ra ;
add $A4 $B4 ah 0x1511 -m transport -A hmac-sha256 $ha ;
add $B4 $A4 ah 0x1512 -m transport -A hmac-sha256 $hr ;"
  pair_up
  install_both "$sas" $A4 $B4 "esp/transport//require ah/transport//require" \
    "esp/transport//require ah/transport//require"
  local forth="^IP $A4 > $B4: AH\(spi=0x00001511,[^)]*\): ESP\(spi=0x00001501"
  local back="^IP $B4 > $A4: AH\(spi=0x00001512,[^)]*\): ESP\(spi=0x00001502"
  exchange $B4 "$forth|$back"
  expect_sa_moved "$NS_A" $A4 $B4 esp 0x1501 3
  expect_sa_moved "$NS_A" $A4 $B4 ah 0x1511 3
  expect_sa_moved "$NS_B" $A4 $B4 esp 0x1501 3
  expect_sa_moved "$NS_B" $A4 $B4 ah 0x1511 3
  expect_sa_moved "$NS_A" $B4 $A4 ah 0x1512 3
}

# IPComp inside ESP. Pings of 1000 repetitive bytes make compression worth it, so the IPComp
# SAs count packets; small packets go uncompressed, which the `use` level allows.
test_ipcomp_esp_ipv4() {
  local ke=$(key 16 29) ka=$(key 20 30) re=$(key 16 31) ra=$(key 20 32)
  local sas="
add $A4 $B4 esp 0x1601 -m transport -E aes-cbc $ke -A hmac-sha1 $ka ;
add $B4 $A4 esp 0x1602 -m transport -E aes-cbc $re -A hmac-sha1 $ra ;
add $A4 $B4 ipcomp 0x4601 -m transport -C deflate ;
add $B4 $A4 ipcomp 0x4602 -m transport -C deflate ;"
  pair_up
  install_both "$sas" $A4 $B4 "ipcomp/transport//use esp/transport//require" \
    "ipcomp/transport//use esp/transport//require"
  exchange $B4 "^IP $A4 > $B4: ESP\(spi=0x00001601|^IP $B4 > $A4: ESP\(spi=0x00001602" \
    -s 1000 -p 61
  expect_sa_moved "$NS_A" $A4 $B4 esp 0x1601 3
  expect_sa_moved "$NS_A" $A4 $B4 comp 0x4601 3
  expect_sa_moved "$NS_B" $A4 $B4 comp 0x4601 3
  expect_sa_moved "$NS_A" $B4 $A4 comp 0x4602 3
}

test_esp_aead_gcm_ipv4() {
  local ko=$(key 20 33) kr=$(key 20 34)
  local sas="
add $A4 $B4 esp 0x1701 -m tunnel -u 71 -E aes-gcm-16 $ko ;
add $B4 $A4 esp 0x1702 -m tunnel -u 72 -E aes-gcm-16 $kr ;"
  pair_up
  install_both "$sas" $A4/32 $B4/32 esp/tunnel/$A4-$B4/unique:71 esp/tunnel/$B4-$A4/unique:72
  exchange $B4 "^IP $A4 > $B4: ESP\(spi=0x00001701|^IP $B4 > $A4: ESP\(spi=0x00001702"
  expect_sa_moved "$NS_A" $A4 $B4 esp 0x1701 3
  expect_sa_moved "$NS_B" $A4 $B4 esp 0x1701 3
  expect_sa_moved "$NS_A" $B4 $A4 esp 0x1702 3
}

# NAT traversal: ESP in UDP on port 4500, received through a UDP_ENCAP_ESPINUDP socket on
# each side (what an IKE daemon would hold open).
test_esp_udp_natt_ipv4() {
  [[ -x ${UDP_ENCAP_LISTEN:-} ]] || fail "UDP_ENCAP_LISTEN is not set (run-all.sh builds it)"
  local ke=$(key 16 35) ka=$(key 20 36) re=$(key 16 37) ra=$(key 20 38) ns
  local sas="
add $A4 [4500] $B4 [4500] esp-udp 0x1801 -m transport -E aes-cbc $ke -A hmac-sha1 $ka ;
add $B4 [4500] $A4 [4500] esp-udp 0x1802 -m transport -E aes-cbc $re -A hmac-sha1 $ra ;"
  pair_up
  for ns in "$NS_A" "$NS_B"; do
    ip netns exec "$ns" "$UDP_ENCAP_LISTEN" 4500 >"$T/encap-$ns.out" 2>&1 &
  done
  encap_ready() { (($(cat "$T"/encap-*.out | grep -c ready || true) == 2)); }
  wait_until "$WAIT_SECONDS" encap_ready || true
  cat "$T"/encap-*.out
  encap_ready || fail "the UDP encap sockets did not open"
  install_both "$sas" $A4 $B4 esp/transport//require esp/transport//require
  ip -n "$NS_A" xfrm state | grep -q 'encap type espinudp sport 4500 dport 4500' ||
    fail "the SA in $NS_A has no ESP-in-UDP encapsulation"
  local forth="^IP $A4\.4500 > $B4\.4500: UDP-encap: ESP\(spi=0x00001801"
  local back="^IP $B4\.4500 > $A4\.4500: UDP-encap: ESP\(spi=0x00001802"
  exchange $B4 "$forth|$back"
  expect_sa_moved "$NS_A" $A4 $B4 esp 0x1801 3
  expect_sa_moved "$NS_B" $A4 $B4 esp 0x1801 3
  expect_sa_moved "$NS_A" $B4 $A4 esp 0x1802 3
}
