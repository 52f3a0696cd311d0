# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
#
# Every algorithm of Sources/IPsecModel/AlgorithmCatalogue.swift that this kernel has: one SA
# each, all installed by a single `$XFRMKEY -f`, then read back with `ip xfrm state get` and
# `$XFRMKEY -D`. "The kernel has it" means `ip xfrm state add` accepts the same SA in a probe
# namespace; what it refuses is listed and left out.

# The options every SA gets, and what `ip xfrm state` shows for them.
LIFETIMES="-lh 3600 -ls 2400 -bh 1000000 -bs 800000"
IP_LIMITS="limit time-hard 3600 limit time-soft 2400 limit byte-hard 1000000 limit byte-soft 800000"

# expect_line SA-NAME TEXT: TEXT is one line of $T/got (the SA as the kernel reports it).
expect_line() {
  grep -qF -- "$2" "$T/got" && return 0
  echo "MISMATCH $1: no line with '$2' in:"
  sed 's/^/    /' "$T/got"
  mismatches=$((mismatches + 1))
  return 1
}

test_every_catalogue_algorithm() {
  local catalogue=${KERNEL_TEST_PACKAGE:-$PWD}/Sources/IPsecModel/AlgorithmCatalogue.swift
  [[ -f $catalogue ]] || fail "no algorithm catalogue at $catalogue"
  perl "$KERNEL_TEST_DIR/catalogue.pl" <"$catalogue" >"$T/catalogue.txt" ||
    fail "cannot read the algorithm catalogue"
  ip netns add "$NS_A" # the tool under test
  ip netns add "$NS_B" # the ip xfrm probe

  local kind names kernel bits icv name n=0 spi proto mode reqid k sa ip_alg
  local aes=$(key 16 90) sha=$(key 20 91) lacking=() absent=()
  : >"$T/all.conf"
  : >"$T/expected"
  while read -r kind names kernel bits icv; do
    name=${names%%,*}
    if [[ $kernel == nil ]]; then
      absent+=("$name")
      continue
    fi
    n=$((n + 1))
    mode=transport
    ((n % 2)) && mode=tunnel
    reqid=$((200 + n)) proto=esp spi=$((0x2100 + n))
    k=$(key $((bits / 8)) $((50 + n)))
    ((bits)) || k=''

    # sa: the setkey options; ip_alg: the same for ip xfrm; expected: the algorithm's lines.
    case $kind in
      encryption)
        sa="-E $name $k -A hmac-sha1 $sha"
        ip_alg=(enc "$kernel" "$k" auth-trunc 'hmac(sha1)' "$sha" 96)
        expected=("enc $kernel $k ($bits bits)")
        ;;
      authentication)
        sa="-E aes-cbc $aes -A $name $k"
        ip_alg=(enc 'cbc(aes)' "$aes" auth-trunc "$kernel" "$k" "$icv")
        expected=("auth-trunc $kernel $k ($bits bits) $icv")
        ;;
      aead)
        sa="-E $name $k"
        ip_alg=(aead "$kernel" "$k" "$icv")
        expected=("aead $kernel $k ($bits bits) $icv")
        ;;
      compression)
        proto=comp spi=$((0x4100 + n))
        sa="-C $name"
        ip_alg=(comp "$kernel")
        expected=("comp $kernel")
        ;;
      *) fail "unknown kind '$kind' in the catalogue" ;;
    esac
    [[ -z $k ]] && expected[0]="${expected[0]%% *} $kernel " # no key, and ip prints none

    local replay=32 replay_opt='-r 32'
    [[ $proto == comp ]] && replay=0 replay_opt=''
    if ! ip -n "$NS_B" xfrm state add src $A4 dst $B4 proto $proto spi $spi mode $mode \
      reqid $reqid replay-window $replay "${ip_alg[@]}" $IP_LIMITS 2>"$T/probe.err"; then
      lacking+=("$name ($kernel: $(head -n 1 "$T/probe.err"))")
      continue
    fi

    local setkey_proto=$proto
    [[ $proto == comp ]] && setkey_proto=ipcomp
    echo "add $A4 $B4 $setkey_proto $spi -m $mode -u $reqid $replay_opt $sa $LIFETIMES ;" \
      >>"$T/all.conf"
    {
      printf '%s|%s|%s|%s|%s|%s' "$name" "$names" "$proto" "$spi" "$mode" "$reqid"
      printf '|%s' "${expected[@]}"
      echo
    } >>"$T/expected"
  done <"$T/catalogue.txt"

  echo "catalogue entries without a Linux name: ${absent[*]:-none}"
  echo "refused by this kernel (left out): ${#lacking[@]}"
  ((${#lacking[@]} == 0)) || printf '    %s\n' "${lacking[@]}"
  [[ -s $T/expected ]] || fail "the kernel accepted none of the catalogue's algorithms"

  load "$NS_A" "$T/all.conf"
  ip netns exec "$NS_A" "$XFRMKEY" -D >"$T/dump-D" 2>&1 || fail "$XFRMKEY -D failed"

  local mismatches=0 checked=0 fields names_list line entry
  while IFS='|' read -r name names proto spi mode reqid fields; do
    checked=$((checked + 1))
    if ! ip -n "$NS_A" xfrm state get src $A4 dst $B4 proto $proto spi $spi >"$T/got" 2>&1; then
      echo "MISMATCH $name: no SA with spi $spi"
      mismatches=$((mismatches + 1))
      continue
    fi
    local ok=1
    expect_line "$name" "$(printf 'proto %s spi 0x%08x(%d) reqid %d(0x%08x) mode %s' \
      $proto $spi $spi $reqid $reqid $mode)" || ok=0
    [[ $proto == esp ]] && { expect_line "$name" "replay-window 32 " || ok=0; }
    expect_line "$name" "expire add: soft 2400(sec), hard 3600(sec)" || ok=0
    expect_line "$name" "limit: soft 800000(bytes), hard 1000000(bytes)" || ok=0
    IFS='|' read -ra lines <<<"$fields"
    for line in "${lines[@]}"; do expect_line "$name" "$line" || ok=0; done

    # The same SA in the -D dump: its entry has the SPI, mode, reqid and a setkey name.
    entry=$(awk -v spi="spi=$spi(" '
      /^[^\t]/ { if (found) exit; block = "" }
      { block = block $0 "\n"; if (index($0, spi)) found = 1 }
      END { if (found) printf "%s", block }' "$T/dump-D")
    if [[ -z $entry ]]; then
      echo "MISMATCH $name: no entry with spi=$spi( in $XFRMKEY -D"
      ok=0 mismatches=$((mismatches + 1))
    else
      local want
      for want in "mode=$mode" "$(printf 'reqid=%d(0x%08x)' $reqid $reqid)"; do
        grep -qF -- "$want" <<<"$entry" && continue
        echo "MISMATCH $name: -D entry lacks '$want':"
        echo "$entry" | sed 's/^/    /'
        ok=0 mismatches=$((mismatches + 1))
      done
      if ! grep -qwE -- "$(tr ',' '|' <<<"$names")" <<<"$entry"; then
        echo "MISMATCH $name: -D entry names none of '$names':"
        echo "$entry" | sed 's/^/    /'
        ok=0 mismatches=$((mismatches + 1))
      fi
    fi
    ((ok)) && echo "ok $name ($proto spi $spi, $mode)"
  done <"$T/expected"

  echo "$checked algorithms checked, $mismatches mismatches"
  ((mismatches == 0)) || fail "$mismatches fields differ from what was asked"
}
