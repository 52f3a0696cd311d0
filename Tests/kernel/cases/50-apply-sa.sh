# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
#
# `xfrmkey diff` and `xfrmkey apply` with real SAs (needs a kernel with ESP: run under the
# VM harness). Proves that a file's SAs, once applied, read back in sync from the kernel's
# own dump, that a key change is a replace and a lifetime change an update, and that a
# refusal late in an apply restores the replaced SA with its old key. Keys come from
# files and must never be printed.

# The SA state (ip -s xfrm state) with times and counters masked, one line per SA, sorted.
apply_sa_contents() {
  ip -n "$NS_A" xfrm state | awk '/^src /{if (e) print e; e=$0; next} {e=e "|" $0}
    END{if (e) print e}' | sort
}

apply_sa_setup() {
  ip netns add "$NS_A"
  mkdir -p "$T/keys"
  key 16 1 >"$T/keys/out.enc"
  key 32 2 >"$T/keys/out.auth"
  key 16 3 >"$T/keys/in.enc"
  key 20 4 >"$T/keys/gcm"
  key 16 5 >"$T/keys/new.enc"
  chmod 600 "$T"/keys/*
  local k=$T/keys
  conf site <<EOF
add $A4 $B4 esp 0x1001 -m tunnel -u 100 -E aes-cbc file:$k/out.enc -A hmac-sha256 file:$k/out.auth ;
add $B4 $A4 esp 0x1002 -m tunnel -u 101 -E aes-cbc file:$k/in.enc -A hmac-sha256 file:$k/out.auth ;
add $A4 $B4 esp 0x1003 -m tunnel -u 102 -r 64 -E aes-gcm-16 file:$k/gcm ;
add $A4 $B4 ah 0x1004 -A hmac-sha1 $(key 20 6) ;
spdadd 10.1.0.0/24 10.2.0.0/24 any -P out ipsec esp/tunnel/$A4-$B4/unique:100 ;
spdadd 10.2.0.0/24 10.1.0.0/24 any -P in ipsec esp/tunnel/$B4-$A4/unique:101 ;
EOF
}

# Fails when any key in $T/keys appears in $T/output.
apply_sa_no_key_printed() {
  local keyfile
  for keyfile in "$T"/keys/*; do
    if grep -qi "$(sed 's/^0x//' "$keyfile")" "$T/output"; then
      fail "a key from $keyfile was printed"
    fi
  done
}

# xk ARGS...: xfrmkey in $NS_A; output to the log and to $T/output.
xk() {
  echo "+ xfrmkey $*" >&2
  ip netns exec "$NS_A" "$XFRMKEY" "$@" 2>&1 | tee -a "$T/output"
  return "${PIPESTATUS[0]}"
}

test_apply_sa_reads_back_in_sync_and_a_second_run_is_unchanged() {
  apply_sa_setup
  local site=$T/site.conf
  xk apply --scope all -f "$site" | tail -1 | grep -qx "changed: 7 added, 0 removed, 0 changed" ||
    fail "the first apply did not add the 4 SAs and 3 policies"
  xk diff -f "$site" || fail "diff after apply is not in sync (status $?)"
  [[ $(xk apply --scope all -f "$site") == unchanged ]] || fail "the second apply changed something"
  apply_sa_no_key_printed
}

test_apply_sa_replaces_on_key_change_and_updates_on_lifetime_change() {
  apply_sa_setup
  xk apply --scope all -f "$T/site.conf" >/dev/null
  sed -e "s|out.enc|new.enc|" -e "s|0x1003 -m tunnel|0x1003 -lh 3600 -m tunnel|" \
    "$T/site.conf" >"$T/v2.conf"
  local status=0
  xk diff -f "$T/v2.conf" >"$T/diff.txt" || status=$?
  cat "$T/diff.txt"
  ((status == 2)) || fail "diff exit status $status, expected 2"
  grep -q "replace: encryption key" "$T/diff.txt" || fail "no replace for the key change"
  grep -q "update: lifetime" "$T/diff.txt" || fail "no update for the lifetime change"
  xk apply --scope all -f "$T/v2.conf" >/dev/null || fail "apply of v2 failed"
  xk diff -f "$T/v2.conf" >/dev/null || fail "v2 not in sync after apply"
  ip -n "$NS_A" xfrm state | grep -q "$(sed 's/^0x//' "$T/keys/new.enc")" ||
    fail "the kernel does not hold the new key"
  apply_sa_no_key_printed
}

test_apply_sa_refused_late_restores_the_replaced_sa() {
  apply_sa_setup
  xk apply --scope all -f "$T/site.conf" >/dev/null
  apply_sa_contents >"$T/before"
  local bundle=""
  for _ in 1 2 3 4 5 6 7; do bundle+=" esp/transport//unique:103"; done
  {
    sed -e "s|out.enc|new.enc|" "$T/site.conf"
    echo "add $A4 $B4 esp 0x1005 -m tunnel -u 103 -E aes-cbc file:$T/keys/new.enc ;"
    echo "spdadd 10.7.0.0/24 10.8.0.0/24 any -P out ipsec$bundle ;"
  } >"$T/v3.conf"
  local status=0
  xk apply --scope all -f "$T/v3.conf" || status=$?
  ((status == 1)) || fail "apply exit status $status, expected 1"
  grep -q "v3.conf:8:1: error: kernel refused spdadd" "$T/output" ||
    fail "the refused statement is not named"
  apply_sa_contents >"$T/after"
  diff "$T/before" "$T/after" || fail "the SAD or its keys differ after the rollback"
  apply_sa_no_key_printed
}

test_apply_sa_every_shape_reads_back_in_sync() {
  ip netns add "$NS_A"
  local file
  file=$(conf shapes <<EOF
add $A4 $B4 esp 0x2001 -m transport -E aes-cbc $(key 16 11) -A hmac-sha1 $(key 20 12) ;
add $A4 $B4 esp 0x2002 -E 3des-cbc $(key 24 13) -A hmac-md5 $(key 16 14) ;
add $A4 $B4 esp 0x2003 -m tunnel -E aes-cbc $(key 32 15) -A hmac-sha512 $(key 64 16) ;
add $A4 $B4 esp 0x2004 -m tunnel -u 5 -E aes-gcm-12 $(key 36 17) ;
add $A4 $B4 esp 0x2005 -E aes-ccm-16 $(key 19 18) ;
add $A4 $B4 esp 0x2006 -E chacha20-poly1305 $(key 36 19) ;
add $A4 $B4 esp 0x2007 -E aes-cbc $(key 16 20) -A aes-xcbc-mac $(key 16 21) ;
add $A4 $B4 esp 0x2008 -E null -A hmac-sha256 $(key 32 22) ;
add $A4 $B4 esp 0x2009 -r 128 -E aes-cbc $(key 16 23) -A hmac-sha256 $(key 32 24) ;
add $A4 $B4 esp 0x200a -lh 3600 -ls 3000 -bh 100000 -bs 90000 -E aes-cbc $(key 16 25) ;
add $A4 $B4 ah 0x200b -A hmac-sha256 $(key 32 26) ;
add $A4 $B4 ah 0x200c -m tunnel -A hmac-sha384 $(key 48 27) ;
add $A4 $B4 ipcomp 0x200d -C deflate ;
add $A4[4500] $B4[4500] esp-udp 0x200e -m tunnel -E aes-cbc $(key 16 28) -A hmac-sha1 $(key 20 29) ;
add $A6 $B6 esp 0x200f -m tunnel -E aes-gcm-16 $(key 20 30) ;
add $A6 $B6 ah 0x2010 -A hmac-sha1 $(key 20 31) ;
add $A6 $B6 ipcomp 0x2011 -m tunnel -C deflate ;
add $A4 $B4 esp 0x2012 -mark 0x154/0x7c64 -E aes-cbc $(key 16 32) ;
add $A4 $B4 esp 0x2013 -mark 5/0 -E aes-cbc $(key 16 33) ;
EOF
)
  xk apply --scope all -f "$file" | tail -1 | grep -qx "changed: 19 added, 0 removed, 0 changed" ||
    fail "the apply did not add the 19 SAs"
  xk diff -f "$file" || fail "diff after apply is not in sync (status $?)"
  [[ $(xk apply --scope all -f "$file") == unchanged ]] || fail "the second apply changed something"
}

# The kernel advances an SA's replay counters with every packet: after traffic the SAs
# read back are still the file's (they used to be taken for other SAs, added again,
# refused with EEXIST and rolled back).
test_apply_sa_after_traffic_is_unchanged() {
  local ke=$(key 16 41) ka=$(key 32 42) re=$(key 16 43) ra=$(key 32 44)
  local sas="
add $A4 $B4 esp 0x3001 -m tunnel -u 31 -E aes-cbc $ke -A hmac-sha256 $ka ;
add $B4 $A4 esp 0x3002 -m tunnel -u 32 -E aes-cbc $re -A hmac-sha256 $ra ;"
  pair_up
  install_both "$sas" $A4/32 $B4/32 esp/tunnel/$A4-$B4/unique:31 esp/tunnel/$B4-$A4/unique:32
  ping_ok "$NS_A" $B4
  expect_sa_moved "$NS_A" $A4 $B4 esp 0x3001 3
  xk diff -f "$T/a.conf" || fail "diff after traffic is not in sync (status $?)"
  [[ $(xk apply --scope all -f "$T/a.conf") == unchanged ]] ||
    fail "an apply after traffic changed something"
}
