#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# ##########################################################################################
# ##  THROWAWAY STAND-IN FOR XFRMKEY. NOT THE PRODUCT. NEVER THE DEFAULT.                  ##
# ##  Used ONLY when XFRMKEY_SHIM=1, to validate the kernel test cases before xfrmkey's    ##
# ##  parser and backend exist. It translates just the setkey statements those cases use ##
# ##  into `ip xfrm` commands and fails loudly on anything else. Delete it once xfrmkey   ##
# ##  passes the suite.                                                                    ##
# ##########################################################################################
#
# setkey-shim.sh -f FILE   run the statements in FILE
# setkey-shim.sh -D        dump the SAD in (roughly) setkey -D layout
#
# Semantics it copies from Linux setkey (RFC mode): `-P in` also installs a `fwd` twin,
# policies get priority 2147483648 (`prio def`), SA mode defaults to transport, `default`
# and `require` mean level required, `use` means optional. Tunnel-mode SAs get
# XFRM_STATE_AF_UNSPEC so they can carry the other address family (IPv6-in-IPv4).
set -euo pipefail

die() {
  echo "setkey-shim: $*" >&2
  exit 1
}

# setkey name -> kind, kernel name, ICV bits (mirrors Sources/IPsecModel/AlgorithmCatalogue).
algorithm() {
  case $1 in
    des-cbc) echo "enc cbc(des) -" ;;
    3des-cbc) echo "enc cbc(des3_ede) -" ;;
    null) echo "enc ecb(cipher_null) -" ;;
    blowfish-cbc) echo "enc cbc(blowfish) -" ;;
    cast128-cbc) echo "enc cbc(cast5) -" ;;
    twofish-cbc) echo "enc cbc(twofish) -" ;;
    aes-cbc | rijndael-cbc) echo "enc cbc(aes) -" ;;
    aes-ctr) echo "enc rfc3686(ctr(aes)) -" ;;
    camellia-cbc) echo "enc cbc(camellia) -" ;;
    hmac-md5) echo "auth hmac(md5) 96" ;;
    hmac-sha1) echo "auth hmac(sha1) 96" ;;
    hmac-sha256 | hmac-sha2-256) echo "auth hmac(sha256) 128" ;;
    hmac-sha384 | hmac-sha2-384) echo "auth hmac(sha384) 192" ;;
    hmac-sha512 | hmac-sha2-512) echo "auth hmac(sha512) 256" ;;
    hmac-ripemd160) echo "auth hmac(rmd160) 96" ;;
    aes-xcbc-mac) echo "auth xcbc(aes) 96" ;;
    aes-cmac) echo "auth cmac(aes) 96" ;;
    auth-null) echo "auth digest_null 0" ;;
    aes-gcm-16 | aes-gcm) echo "aead rfc4106(gcm(aes)) 128" ;;
    aes-gcm-12) echo "aead rfc4106(gcm(aes)) 96" ;;
    aes-gcm-8) echo "aead rfc4106(gcm(aes)) 64" ;;
    aes-ccm-16 | aes-ccm) echo "aead rfc4309(ccm(aes)) 128" ;;
    aes-ccm-12) echo "aead rfc4309(ccm(aes)) 96" ;;
    aes-ccm-8) echo "aead rfc4309(ccm(aes)) 64" ;;
    chacha20-poly1305) echo "aead rfc7539esp(chacha20,poly1305) 128" ;;
    aes-gmac | null-aes-gmac) echo "aead rfc4543(gcm(aes)) 128" ;;
    deflate | lzs | lzjh) echo "comp $1 -" ;;
    *) die "unsupported algorithm '$1'" ;;
  esac
}

# Splits "ADDR[PORT]" or "ADDR/PREFIX[PORT]" into addr/prefix and port.
split_port() {
  local word=$1
  ADDR=${word%%\[*}
  PORT=any
  [[ $word == *\[*\] ]] && PORT=${word#*\[} && PORT=${PORT%\]}
  return 0
}

# add [-4|-6] SRC [PORT] DST [PORT] PROTO SPI OPTIONS
sa_add() {
  local t=("$@") i=0 src dst proto spi mode=transport reqid=0 replay=0 cmd encap=''
  [[ ${t[0]} == -4 || ${t[0]} == -6 ]] && i=1
  split_port "${t[i]}" && src=$ADDR && i=$((i + 1))
  [[ ${t[i]} == \[*\] ]] && i=$((i + 1))
  split_port "${t[i]}" && dst=$ADDR && i=$((i + 1))
  [[ ${t[i]} == \[*\] ]] && i=$((i + 1))
  proto=${t[i]} spi=${t[i + 1]}
  i=$((i + 2))
  case $proto in
    esp | ah) ;;
    ipcomp) proto=comp ;;
    esp-udp) proto=esp encap="encap espinudp 4500 4500 0.0.0.0" ;;
    *) die "unsupported SA protocol '$proto'" ;;
  esac

  local algs=() limits=() kind name icv
  while ((i < ${#t[@]})); do
    case ${t[i]} in
      -m) mode=${t[i + 1]} && i=$((i + 2)) ;;
      -u) reqid=${t[i + 1]} && i=$((i + 2)) ;;
      -r) replay=${t[i + 1]} && i=$((i + 2)) ;;
      -lh) limits+=(limit time-hard "${t[i + 1]}") && i=$((i + 2)) ;;
      -ls) limits+=(limit time-soft "${t[i + 1]}") && i=$((i + 2)) ;;
      -bh) limits+=(limit byte-hard "${t[i + 1]}") && i=$((i + 2)) ;;
      -bs) limits+=(limit byte-soft "${t[i + 1]}") && i=$((i + 2)) ;;
      -E | -A)
        local alg=${t[i + 1]}
        [[ ${t[i]} == -A && $alg == null ]] && alg=auth-null
        read -r kind name icv <<<"$(algorithm "$alg")"
        local keymat=${t[i + 2]}
        if [[ ${t[i + 1]} == null ]]; then # the null algorithms take no key
          keymat='' && i=$((i - 1))
        else
          [[ $keymat == 0x* ]] || die "only 0x keys are supported, not '$keymat'"
        fi
        case $kind in
          enc) algs+=(enc "$name" "$keymat") ;;
          auth) algs+=(auth-trunc "$name" "$keymat" "$icv") ;;
          aead) algs+=(aead "$name" "$keymat" "$icv") ;;
          *) die "'$alg' is not usable with ${t[i]}" ;;
        esac
        i=$((i + 3))
        ;;
      -C) read -r kind name icv <<<"$(algorithm "${t[i + 1]}")" && algs+=(comp "$name") &&
        i=$((i + 2)) ;;
      *) die "unsupported SA option '${t[i]}'" ;;
    esac
  done
  [[ $mode == any ]] && mode=transport

  cmd=(ip xfrm state add src "$src" dst "$dst" proto "$proto" spi "$spi" mode "$mode"
    reqid "$reqid" replay-window "$replay" "${algs[@]}")
  [[ -n $encap ]] && cmd+=($encap)
  ((${#limits[@]})) && cmd+=("${limits[@]}")
  [[ $mode == tunnel ]] && cmd+=(flag af-unspec)
  run "${cmd[@]}"
}

# proto/mode/src-dst/level -> ip xfrm tmpl words
template() {
  local proto mode ends level src dst reqid=0 out=()
  IFS=/ read -r proto mode ends level <<<"$1"
  [[ $proto == ipcomp ]] && proto=comp
  if [[ -n $ends ]]; then
    src=${ends%-*} dst=${ends##*-}
    out+=(src "$src" dst "$dst")
  fi
  case $level in
    require | default | '') level=required ;;
    use) level=use ;;
    unique:*) reqid=${level#unique:} level=required ;;
    *) die "unsupported level '$level'" ;;
  esac
  out+=(proto "$proto" mode "$mode" reqid "$reqid" level "$level")
  echo "tmpl ${out[*]}"
}

# spdadd [-4|-6] SRC[PORT] DST[PORT] UPPER -P DIR ACTION [TEMPLATES]
sp_add() {
  local t=("$@") i=0 src sport dst dport upper dir action sel=() tmpls=() d
  [[ ${t[0]} == -4 || ${t[0]} == -6 ]] && i=1
  split_port "${t[i]}" && src=$ADDR sport=$PORT
  split_port "${t[i + 1]}" && dst=$ADDR dport=$PORT
  upper=${t[i + 2]}
  [[ ${t[i + 3]} == -P ]] || die "expected -P in spdadd"
  dir=${t[i + 4]} action=${t[i + 5]}
  i=$((i + 6))

  sel=(src "$src" dst "$dst")
  case $upper in
    any) ;;
    icmp6 | ipv6-icmp) sel+=(proto ipv6-icmp) ;;
    *) sel+=(proto "$upper") ;;
  esac
  [[ $sport != any ]] && sel+=(sport "$sport")
  [[ $dport != any ]] && sel+=(dport "$dport")

  case $action in
    discard) action=block ;;
    none) action=allow ;;
    ipsec)
      action=allow
      while ((i < ${#t[@]})); do
        read -ra words <<<"$(template "${t[i]}")"
        tmpls+=("${words[@]}")
        i=$((i + 1))
      done
      ;;
    *) die "unsupported policy action '$action'" ;;
  esac

  for d in "$dir" $([[ $dir == in ]] && echo fwd); do
    run ip xfrm policy add "${sel[@]}" dir "$d" priority 2147483648 action "$action" \
      "${tmpls[@]}"
  done
}

run() {
  echo "setkey-shim: $*" >&2
  "$@"
}

run_file() {
  local text statement words
  text=$(sed 's/#.*//' "$1" | tr '\n\t' '  ')
  while [[ $text == *\;* ]]; do
    statement=${text%%;*}
    text=${text#*;}
    read -ra words <<<"$statement"
    ((${#words[@]})) || continue
    case ${words[0]} in
      add) sa_add "${words[@]:1}" ;;
      spdadd) sp_add "${words[@]:1}" ;;
      flush) run ip xfrm state flush ;;
      spdflush) run ip xfrm policy flush ;;
      *) die "unsupported statement '${words[0]}'" ;;
    esac
  done
  [[ -z ${text// /} ]] || die "statement without ';' at the end of $1"
}

# `ip xfrm state` -> setkey -D layout (addresses, protocol line, keys in 8-digit groups).
dump_sad() {
  ip xfrm state | awk '
    function groups(hex,   s, k) {
      sub(/^0x/, "", hex); s = ""
      for (k = 1; k <= length(hex); k += 8) s = s " " substr(hex, k, 8)
      return s
    }
    function setkey_name(kernel, icv) {
      if (kernel == "cbc(aes)") return "aes-cbc"
      if (kernel == "cbc(des3_ede)") return "3des-cbc"
      if (kernel == "cbc(des)") return "des-cbc"
      if (kernel == "ecb(cipher_null)") return "null"
      if (kernel == "digest_null") return "null"
      if (kernel == "cbc(blowfish)") return "blowfish-cbc"
      if (kernel == "cbc(cast5)") return "cast128-cbc"
      if (kernel == "cbc(twofish)") return "twofish-cbc"
      if (kernel == "cbc(camellia)") return "camellia-cbc"
      if (kernel == "rfc3686(ctr(aes))") return "aes-ctr"
      if (kernel == "hmac(md5)") return "hmac-md5"
      if (kernel == "hmac(sha1)") return "hmac-sha1"
      if (kernel == "hmac(sha256)") return "hmac-sha256"
      if (kernel == "hmac(sha384)") return "hmac-sha384"
      if (kernel == "hmac(sha512)") return "hmac-sha512"
      if (kernel == "hmac(rmd160)") return "hmac-ripemd160"
      if (kernel == "xcbc(aes)") return "aes-xcbc-mac"
      if (kernel == "cmac(aes)") return "aes-cmac"
      if (kernel == "rfc4106(gcm(aes))") return "aes-gcm-" icv / 8
      if (kernel == "rfc4309(ccm(aes))") return "aes-ccm-" icv / 8
      if (kernel == "rfc7539esp(chacha20,poly1305)") return "chacha20-poly1305"
      if (kernel == "rfc4543(gcm(aes))") return "aes-gmac"
      return kernel
    }
    function flush_entry() {
      if (head == "") return
      print head; print proto_line
      if (e != "") print e
      if (a != "") print a
      if (c != "") print c
      printf "\tseq=0x00000000 replay=%s flags=0x00000000 state=mature \n", replay
      head = e = a = c = ""
    }
    /^src / { flush_entry(); head = $2 " " $4 " "; encap = ""; next }
    /^\tproto / {
      p = $2; spi = $4; reqid = $6; mode = $8
      split(spi, s, /[()]/); split(reqid, r, /[()]/)
      pending = sprintf("mode=%s spi=%s(%s) reqid=%s(%s)", mode, s[2], s[1], r[1], r[2])
      proto_line = "\t" (p == "comp" ? "ipcomp" : p) " " pending
      next
    }
    /^\treplay-window / { replay = $2; next }
    /^\tenc / { e = "\tE: " setkey_name($2) " " groups($3); next }
    /^\taead / { e = "\tE: " setkey_name($2, $NF) " " groups($3); next }
    /^\tauth-trunc / { a = "\tA: " setkey_name($2) " " groups($3); next }
    /^\tcomp / { c = "\tC: " $2; next }
    /^\tencap type espinudp/ { sub(/\tesp /, "\tesp-udp ", proto_line); next }
    END { flush_entry(); if (NR == 0) print "No SAD entries." }
  '
}

case ${1:-} in
  -f) (($# == 2)) || die "usage: setkey-shim.sh -f FILE"; run_file "$2" ;;
  -D) dump_sad ;;
  *) die "only -f FILE and -D are supported by this shim" ;;
esac
