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
  : >"$T/probe.batch"
  : >"$T/candidates.conf"
  : >"$T/candidates"
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
        ip_alg=(enc "$kernel" "${k:-\"\"}" auth-trunc 'hmac(sha1)' "$sha" 96)
        expected=("enc $kernel $k ($bits bits)")
        ;;
      authentication)
        sa="-E aes-cbc $aes -A $name $k"
        ip_alg=(enc 'cbc(aes)' "$aes" auth-trunc "$kernel" "${k:-\"\"}" "$icv")
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

    local replay=32 replay_opt='-r 32' setkey_proto=$proto
    [[ $proto == comp ]] && replay=0 replay_opt='' setkey_proto=ipcomp
    echo "xfrm state add src $A4 dst $B4 proto $proto spi $spi mode $mode reqid $reqid" \
      "replay-window $replay ${ip_alg[*]} $IP_LIMITS" >>"$T/probe.batch"
    echo "add $A4 $B4 $setkey_proto $spi -m $mode -u $reqid $replay_opt $sa $LIFETIMES ;" \
      >>"$T/candidates.conf"
    {
      printf '%s|%s|%s|%s|%s|%s|%s' "$name" "$kernel" "$names" "$proto" "$spi" "$mode" "$reqid"
      printf '|%s' "${expected[@]}"
      echo
    } >>"$T/candidates"
  done <"$T/catalogue.txt"

  # probed: how many SAs the probe namespace holds (IPComp tunnel mode adds an IPIP SA of its
  # own, which is not counted).
  probed() { ip -n "$NS_B" xfrm state | awk '$1 == "proto" && $2 ~ /^(esp|ah|comp)$/' | wc -l; }

  # Few ip processes probe them all: `ip -batch` stops at the first SA the kernel refuses;
  # the SAD count tells which line that was, and the probe goes on after it.
  local total start=1 before after refused=' ' confs
  total=$(wc -l <"$T/probe.batch")
  : >"$T/probe.err"
  while ((start <= total)); do
    before=$(probed)
    tail -n +$start "$T/probe.batch" | ip -n "$NS_B" -batch - 2>>"$T/probe.err" && break
    after=$(probed)
    start=$((start + after - before))
    refused+="$start "
    start=$((start + 1))
  done
  local line=0
  mapfile -t confs <"$T/candidates.conf"
  while IFS='|' read -r name kernel rest; do
    line=$((line + 1))
    if [[ $refused == *" $line "* ]]; then
      lacking+=("$name ($kernel)")
      continue
    fi
    echo "${confs[line - 1]}" >>"$T/all.conf"
    echo "$name|$rest" >>"$T/expected"
  done <"$T/candidates"
  [[ -s $T/probe.err ]] && { echo "ip xfrm refused:"; sed 's/^/    /' "$T/probe.err"; }

  echo "catalogue entries without a Linux name: ${absent[*]:-none}"
  echo "refused by this kernel (left out): ${#lacking[@]}"
  ((${#lacking[@]} == 0)) || printf '    %s\n' "${lacking[@]}"
  [[ -s $T/expected ]] || fail "the kernel accepted none of the catalogue's algorithms"

  load "$NS_A" "$T/all.conf"
  ip netns exec "$NS_A" "$XFRMKEY" -D >"$T/dump-D" 2>&1 || fail "$XFRMKEY -D failed"

  # Split both dumps into one file per SPI, then compare with shell string tests only.
  mkdir "$T/sa" "$T/D"
  ip -n "$NS_A" -s xfrm state | awk -v dir="$T/sa" '
    /^src / { file = "" }
    /^\tproto / { split($4, s, "("); file = dir "/" s[1] }
    file != "" { print > file }'
  awk -v dir="$T/D" '
    /^[^\t]/ { head = $0; file = ""; next }
    /spi=[0-9]+\(0x/ { match($0, /\(0x[0-9a-f]+\)/); file = dir "/" substr($0, RSTART + 1, RLENGTH - 2)
      print head > file }
    file != "" { print > file }' "$T/dump-D"

  local mismatches=0 checked=0 fields line got entry want alias named
  while IFS='|' read -r name names proto spi mode reqid fields; do
    checked=$((checked + 1))
    local hex
    hex=$(printf '0x%08x' "$spi")
    if [[ ! -f $T/sa/$hex ]]; then
      echo "MISMATCH $name: no SA with spi $hex"
      mismatches=$((mismatches + 1))
      continue
    fi
    got=$(<"$T/sa/$hex")
    local ok=1 wants=()
    wants+=("$(printf 'proto %s spi %s(%d) reqid %d(0x%08x) mode %s' \
      $proto $hex $spi $reqid $reqid $mode)")
    [[ $proto == esp ]] && wants+=("replay-window 32 ")
    wants+=("expire add: soft 2400(sec), hard 3600(sec)")
    wants+=("limit: soft 800000(bytes), hard 1000000(bytes)")
    IFS='|' read -ra lines <<<"$fields"
    wants+=("${lines[@]}")
    for want in "${wants[@]}"; do
      [[ $got == *"$want"* ]] && continue
      echo "MISMATCH $name: no '$want' in ip xfrm state:"
      echo "$got" | sed 's/^/    /'
      ok=0 mismatches=$((mismatches + 1))
    done

    # The same SA in the -D dump: its entry has the SPI, mode, reqid and a setkey name.
    if [[ ! -f $T/D/$hex ]]; then
      echo "MISMATCH $name: no entry with spi=$spi($hex) in $XFRMKEY -D"
      ok=0 mismatches=$((mismatches + 1))
    else
      entry=$(<"$T/D/$hex")
      for want in "mode=$mode" "$(printf 'reqid=%d(0x%08x)' $reqid $reqid)"; do
        [[ $entry == *"$want"* ]] && continue
        echo "MISMATCH $name: -D entry lacks '$want':"
        echo "$entry" | sed 's/^/    /'
        ok=0 mismatches=$((mismatches + 1))
      done
      named=0
      for alias in ${names//,/ }; do
        [[ $entry =~ (^|[^a-z0-9-])$alias([^a-z0-9-]|$) ]] && named=1
      done
      if ((named == 0)); then
        echo "MISMATCH $name: -D entry names none of '$names':"
        echo "$entry" | sed 's/^/    /'
        ok=0 mismatches=$((mismatches + 1))
      fi
    fi
    ((ok)) && echo "ok $name ($proto spi $hex, $mode)"
  done <"$T/expected"

  echo "$checked algorithms checked, $mismatches mismatches"
  ((mismatches == 0)) || fail "$mismatches fields differ from what was asked"
}
