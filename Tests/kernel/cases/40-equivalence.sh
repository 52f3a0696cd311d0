# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
#
# One configuration loaded twice: by `$XFRMKEY -f` in namespace a, and by the equivalent
# `ip xfrm` commands in namespace b. The SAD and SPD dumps (`ip -s xfrm state/policy`) must be
# identical once timestamps and policy indexes are masked and entries are put in one order.
#
# The `ip xfrm` side spells out what Linux setkey means: SA mode `any` is transport, `-P in`
# gets a `fwd` twin (RFC mode), policies get priority 2147483648 (`prio def`), `unique:N` is
# level required with reqid N, `use` is level use, templates allow all algorithms (masks
# ffffffff). Tunnel-mode SAs carry `flag af-unspec` (XFRM_STATE_AF_UNSPEC): without it a
# tunnel SA cannot carry the other family, and the esp-tunnel-ipv6-in-ipv4 case fails.

# normalize < DUMP: masks timestamps and indexes, then sorts whole entries.
normalize() {
  sed -E -e 's/[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}/DATE/g' \
    -e 's/index [0-9]+/index N/' |
    awk '/^[^ \t]/ && entry != "" { print entry; entry = "" }
      { gsub(/\t/, "\\t"); entry = entry $0 "\\n" }
      END { if (entry != "") print entry }' |
    sort | sed 's/\\n/\n/g; s/\\t/\t/g'
}

test_xfrmkey_matches_ip_xfrm() {
  local k1=$(key 16 61) a1=$(key 32 62) k2=$(key 24 63) a2=$(key 20 64) a3=$(key 64 65)
  local g5=$(key 20 66) k6=$(key 16 67) a6=$(key 20 68)
  ip netns add "$NS_A"
  ip netns add "$NS_B"

  load "$NS_A" "$(conf setkey <<EOF
# SAs: modes, reqid, replay window, lifetimes, every SA protocol, AEAD, NAT-T, IPv6.
add $A4 $B4 esp 0x2001 -m tunnel -u 7 -r 32 -E aes-cbc $k1 -A hmac-sha256 $a1 ;
add $B4 $A4 esp 0x2002 -m transport -E 3des-cbc $k2 -A hmac-sha1 $a2 -lh 3600 -ls 2400 ;
add $A4 $B4 ah 0x2003 -A hmac-sha512 $a3 ;
add $A4 $B4 ipcomp 0x2004 -C deflate ;
add $A6 $B6 esp 0x2005 -m tunnel -u 9 -E aes-gcm-16 $g5 ;
add $A4 [4500] $B4 [4500] esp-udp 0x2006 -m transport -E aes-cbc $k6 -A hmac-sha1 $a6 ;

# SPs: tunnel and transport templates, levels, bundles, ports, protocols, discard, none.
spdadd $A4/32 $B4/32 any -P out ipsec esp/tunnel/$A4-$B4/unique:7 ;
spdadd $B4/32 $A4/32 any -P in ipsec esp/tunnel/$B4-$A4/require ;
spdadd 198.51.100.0/24[22] 203.0.113.0/24 tcp -P out ipsec
  ipcomp/transport//use esp/transport//require ;
spdadd 2001:db8::/64 2001:db8:1::/64 icmp6 -P out discard ;
spdadd 192.0.2.0/24 198.51.100.0/24[53] udp -P out none ;
spdadd 2001:db8:1::/64 2001:db8:2::/64 any -P out ipsec
  esp/tunnel/$A6-$B6/unique:9 ah/transport//require ;
EOF
)"

  local p='priority 2147483648'
  cat >"$T/ip.batch" <<EOF
xfrm state add src $A4 dst $B4 proto esp spi 0x2001 mode tunnel reqid 7 replay-window 32 enc cbc(aes) $k1 auth-trunc hmac(sha256) $a1 128 flag af-unspec
xfrm state add src $B4 dst $A4 proto esp spi 0x2002 mode transport enc cbc(des3_ede) $k2 auth-trunc hmac(sha1) $a2 96 limit time-hard 3600 limit time-soft 2400
xfrm state add src $A4 dst $B4 proto ah spi 0x2003 mode transport auth-trunc hmac(sha512) $a3 256
xfrm state add src $A4 dst $B4 proto comp spi 0x2004 mode transport comp deflate
xfrm state add src $A6 dst $B6 proto esp spi 0x2005 mode tunnel reqid 9 aead rfc4106(gcm(aes)) $g5 128 flag af-unspec
xfrm state add src $A4 dst $B4 proto esp spi 0x2006 mode transport enc cbc(aes) $k6 auth-trunc hmac(sha1) $a6 96 encap espinudp 4500 4500 0.0.0.0
xfrm policy add src $A4/32 dst $B4/32 dir out $p tmpl src $A4 dst $B4 proto esp mode tunnel reqid 7 level required
xfrm policy add src $B4/32 dst $A4/32 dir in $p tmpl src $B4 dst $A4 proto esp mode tunnel level required
xfrm policy add src $B4/32 dst $A4/32 dir fwd $p tmpl src $B4 dst $A4 proto esp mode tunnel level required
xfrm policy add src 198.51.100.0/24 dst 203.0.113.0/24 proto tcp sport 22 dir out $p tmpl proto comp mode transport level use tmpl proto esp mode transport level required
xfrm policy add src 2001:db8::/64 dst 2001:db8:1::/64 proto ipv6-icmp dir out $p action block
xfrm policy add src 192.0.2.0/24 dst 198.51.100.0/24 proto udp dport 53 dir out $p action allow
xfrm policy add src 2001:db8:1::/64 dst 2001:db8:2::/64 dir out $p tmpl src $A6 dst $B6 proto esp mode tunnel reqid 9 level required tmpl proto ah mode transport level required
EOF
  echo "+ ip -n $NS_B -batch $T/ip.batch"
  sed 's/^/    | /' "$T/ip.batch"
  ip -n "$NS_B" -batch "$T/ip.batch" || fail "ip -batch refused the reference commands"

  local what differ=0
  for what in state policy; do
    ip -n "$NS_A" -s xfrm $what | normalize >"$T/$what.xfrmkey"
    ip -n "$NS_B" -s xfrm $what | normalize >"$T/$what.ip"
    if diff -u "$T/$what.ip" "$T/$what.xfrmkey" >"$T/$what.diff"; then
      echo "ip -s xfrm $what: identical ($(grep -c $'^[^ \t]' "$T/$what.ip") entries)"
    else
      echo "ip -s xfrm $what differs (--- ip xfrm, +++ $XFRMKEY):"
      cat "$T/$what.diff"
      differ=1
    fi
  done
  ((differ == 0)) || fail "the kernel state differs between ip xfrm and $XFRMKEY"
}
