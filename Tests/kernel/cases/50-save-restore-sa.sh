# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
#
# `xfrmkey --save` round trip for SAs (the host kernel has no ESP, so this runs in the VM;
# policies are covered on the host by Tests/DumpFormatTests/PolicyRoundTripTests). SAs of
# every shape are made with `ip xfrm state add` and with `xfrmkey -f`, saved, flushed and
# restored with `xfrmkey -k -f`; `ip -s xfrm state` must read the same before and after
# (times aside) and a second save must print the same text. Seeded: SAVE_SEED repeats a run.
# The JSON dumps are left in $T as *.json; DumpFormatTests validates them against the schema.
#
# Uses the case conventions of guest-suite.sh: $XFRMKEY, $T, $NS_A, and lib.sh's helpers.

# The generators avoid command substitution: every fork costs much under the VM's TCG.

# pick WORDS...: one of the words, in $REPLY.
pick() {
  local words=("$@")
  REPLY=${words[$((RANDOM % ${#words[@]}))]}
}

# hexkey BYTES SEED: a deterministic 0x-prefixed key in $REPLY (lib.sh's key, fork-free).
hexkey() {
  local hex='' i byte
  for ((i = 0; i < $1; i++)); do
    printf -v byte '%02x' $((($2 * 37 + i * 11 + 5) % 256))
    hex+=$byte
  done
  REPLY=0x$hex
}

# ip_state SERIAL: one `xfrm state add ...` line for ip -batch, of a random shape.
ip_state() {
  local n=$1 v6=$((RANDOM % 10 < 3)) src dst k1 k2
  if ((v6)); then src=2001:db8:a::$((n + 1)) dst=2001:db8:b::$((n % 7 + 1))
  else src=10.1.$((n / 250)).$((n % 250 + 1)) dst=10.2.0.$((n % 7 + 1)); fi
  local spi=$((0x10000 + n)) words="xfrm state add src $src dst $dst" kind=$((RANDOM % 7))
  case $kind in
    0) hexkey 16 $n; k1=$REPLY; hexkey 32 $n; k2=$REPLY; pick 96 128
       words+=" proto esp spi $spi enc cbc(aes) $k1 auth-trunc hmac(sha256) $k2 $REPLY" ;;
    1) hexkey 20 $n; k1=$REPLY; pick 64 96 128
       words+=" proto esp spi $spi aead rfc4106(gcm(aes)) $k1 $REPLY" ;;
    2) hexkey 24 $n; k1=$REPLY; hexkey 20 $n
       words+=" proto esp spi $spi enc cbc(des3_ede) $k1 auth hmac(sha1) $REPLY" ;;
    3) hexkey 36 $n
       words+=" proto esp spi $spi aead rfc7539esp(chacha20,poly1305) $REPLY 128" ;;
    4) hexkey 32 $n; k1=$REPLY; pick 96 128
       words+=" proto ah spi $spi auth-trunc hmac(sha256) $k1 $REPLY" ;;
    5) words+=" proto comp spi $((0x100 + n)) comp deflate" ;;
    *) hexkey 32 $n; k1=$REPLY; hexkey 20 $n
       words+=" proto esp spi $spi enc cbc(aes) $k1 auth hmac(sha1) $REPLY"
       ((v6)) || words+=" encap espinudp $((4500 + RANDOM % 3)) 4500 0.0.0.0" ;;
  esac
  pick transport tunnel; words+=" mode $REPLY"
  pick 0 $((RANDOM + 1)) $((RANDOM * 65536 + 17)); words+=" reqid $REPLY"
  # Replay state is for ESP and AH only.
  ((kind == 5)) || case $((RANDOM % 4)) in
    0) pick 0 4 32; words+=" replay-window $REPLY" ;;
    1) pick 64 128 1024 4096; words+=" replay-window $REPLY flag esn" ;;
  esac
  if ((RANDOM % 3 == 0)); then
    pick noecn decap-dscp nopmtudisc wildrecv align4; words+=" flag $REPLY"
  fi
  if ((RANDOM % 3 == 0)); then
    if ((v6)); then words+=" sel src 2001:db8:c::/48 dst 2001:db8:d::/64 proto tcp dport 443"
    else
      words+=" sel src 10.9.$((RANDOM % 250)).0/24 dst 10.8.0.0/16"
      words+=" proto udp sport $((1 + RANDOM))"
    fi
  fi
  local limit
  for limit in time-soft time-hard time-use-soft time-use-hard byte-soft byte-hard \
    packet-soft packet-hard; do
    ((RANDOM % 5 == 0)) && words+=" limit $limit $((1000 + RANDOM))"
  done
  echo "$words"
}

# xfrmkey_state SERIAL: one setkey `add` statement of a random shape.
xfrmkey_state() {
  local n=$1 v6=$((RANDOM % 10 < 3)) src dst k1
  if ((v6)); then src=2001:db8:e::$((n + 1)) dst=2001:db8:f::$((n % 5 + 1))
  else src=10.3.$((n / 250)).$((n % 250 + 1)) dst=10.4.0.$((n % 5 + 1)); fi
  local spi=$((0x20000 + n)) words="add $src $dst" kind=$((RANDOM % 6))
  case $kind in
    0) hexkey 16 $n; k1=$REPLY; hexkey 64 $n
       words+=" esp $spi -E aes-cbc $k1 -A hmac-sha512 $REPLY" ;;
    1) hexkey 36 $n; k1=$REPLY; pick aes-gcm-16 aes-gcm-12 aes-gcm-8
       words+=" esp $spi -E $REPLY $k1" ;;
    2) hexkey 20 $n; k1=$REPLY; hexkey 16 $n
       words+=" esp $spi -E aes-ctr $k1 -A aes-xcbc-mac $REPLY" ;;
    3) hexkey 20 $n; words+=" ah $spi -A hmac-sha1 $REPLY" ;;
    4) words+=" ipcomp $((0x200 + n)) -C deflate" ;;
    *) if ((v6)); then words+=" esp $spi"; else
         words="add $src[4500] $dst[$((4500 + RANDOM % 2))] esp-udp $spi"; fi
       hexkey 16 $n; k1=$REPLY; hexkey 32 $n
       words+=" -E aes-cbc $k1 -A hmac-sha256 $REPLY" ;;
  esac
  pick any transport tunnel; words+=" -m $REPLY"
  ((RANDOM % 2)) && words+=" -u $((1 + RANDOM))"
  if ((kind != 4 && RANDOM % 3 == 0)); then pick 8 32; words+=" -r $REPLY"; fi
  ((RANDOM % 4 == 0)) && words+=" -lh $((3600 + RANDOM)) -ls $((1800 + RANDOM))"
  ((RANDOM % 4 == 0)) && words+=" -bh $((1 << 30)) -bs $((1 << 29))"
  echo "$words ;"
}

# normalized_states NS: `ip -s xfrm state` with the add/use times blanked, and the SPI of
# the IPv6-in-IPv6 states the kernel adds itself for IPComp tunnels (proto 41): it comes
# from a kernel-wide counter, so a re-created one gets the next number.
normalized_states() {
  ip -n "$1" -s xfrm state | sed -E 's/(add|use) ([0-9]{4}-[0-9-]+ [0-9:]+|-)/\1 TIME/g
    /proto 41 spi/ s/spi 0x[0-9a-f]+\([0-9]+\)/spi KERNEL/'
}

test_saved_sas_restore_identically() {
  RANDOM=${SAVE_SEED:-2026}
  step "seed ${SAVE_SEED:-2026}"
  ip netns add "$NS_A"
  local n
  for ((n = 0; n < 40; n++)); do ip_state $n; done >"$T/ip.batch"
  for ((n = 0; n < 40; n++)); do xfrmkey_state $n; done >"$T/made.conf"
  run ip -n "$NS_A" -batch "$T/ip.batch" || fail "ip -batch refused a generated SA"
  load "$NS_A" "$T/made.conf"
  normalized_states "$NS_A" >"$T/before.txt"
  (($(grep -c '^src ' "$T/before.txt") >= 80)) || fail "expected 80 SAs, see before.txt"

  # Checked against the schema by DumpFormatTests/KernelDumpFileTests on the host.
  ip netns exec "$NS_A" "$XFRMKEY" -D -j >"$T/sad.json" || fail "-D -j failed"
  step "save, flush, restore"
  ip netns exec "$NS_A" "$XFRMKEY" --save >"$T/saved.conf" || fail "--save failed (status $?)"
  sed -E 's/0x[0-9a-f]{16,}/0xKEY/g; s/^/    | /; 40q' "$T/saved.conf"
  ip netns exec "$NS_A" "$XFRMKEY" -F || fail "-F failed"
  [[ -z $(ip -n "$NS_A" xfrm state) ]] || fail "the SAD is not empty after -F"
  ip netns exec "$NS_A" "$XFRMKEY" -k -f "$T/saved.conf" || fail "restore failed (status $?)"

  normalized_states "$NS_A" >"$T/after.txt"
  diff -u "$T/before.txt" "$T/after.txt" || fail "the restored SAD differs (above)"
  ip netns exec "$NS_A" "$XFRMKEY" --save >"$T/saved-again.conf"
  diff -u "$T/saved.conf" "$T/saved-again.conf" || fail "a second save differs"
}

test_sa_json_dump_is_an_array_of_sa_objects() {
  ip netns add "$NS_A"
  [[ $(ip netns exec "$NS_A" "$XFRMKEY" -D -j) == "[]" ]] || fail "empty SAD is not []"
  RANDOM=7
  local n
  for ((n = 0; n < 10; n++)); do xfrmkey_state $n; done >"$T/made.conf"
  load "$NS_A" "$T/made.conf"
  ip netns exec "$NS_A" "$XFRMKEY" -D -j >"$T/dump.json"
  ip netns exec "$NS_A" "$XFRMKEY" -D -j --hide-keys >"$T/hidden.json"
  /usr/bin/python3 -c 'import json, sys
d = json.load(open(sys.argv[1])); h = json.load(open(sys.argv[2]))
assert len(d) == 10 and all(e["kind"] == "sa" for e in d), d
assert all(isinstance(e["spi"], int) for e in d)
keys = [a["key"] for e in h for a in (e["encryption"], e["authentication"], e["aead"]) if a]
assert keys and all(k is None for k in keys), keys' "$T/dump.json" "$T/hidden.json" ||
    fail "JSON dump checks failed"
}
