#!/bin/bash
# SPDX-License-Identifier: Apache-2.0
#
# capture.sh - recaptures the golden netlink vectors in this folder from iproute2's `ip xfrm`.
#
# Usage (as root):   Tests/XfrmBackendTests/Vectors/capture.sh [NAME...]
#   No NAME: every vector in the table at the bottom is recaptured; otherwise only those.
#   Each command runs in a fresh, empty network namespace (`unshare -n`) under
#   `strace -e write=all`; the first netlink message it sends (or the Nth, see `pick`)
#   becomes NAME.vec here. SA commands fail on kernels without ESP/AH/IPComp ("Requested
#   type not found"), but ip has sent its request by then, which is all a vector needs.
#   A vector with a `setup` that such a kernel refuses (delsa-deleteall-esp) is skipped;
#   capture it in the IPsec kernel VM, from this folder (the cwd is shared with the host):
#     /work/shared/kernelvm/run-in-kernel ./capture.sh delsa-deleteall-esp
# Needs: bash, strace, unshare (util-linux), iproute2 `ip`, awk. Never touches the host's
#   own SPD/SAD: nothing runs outside the throw-away namespace.
# File format: '#' header lines (command, versions, setkey equivalent, ignored byte
#   ranges, message type, notes), then the message as lowercase hex, 16 bytes a line.
#   nlmsg_seq and nlmsg_pid (bytes 8-15 of the header) vary per run: tests ignore them.
# Adding a vector: add one `vector` call to the table; the name's first word (up to the
#   first '-') is the xfrm message the command must send, and that is checked here.
# Vectors are committed; rerun this only to refresh them (e.g. for a newer iproute2) and
#   review the diff: the notes in the table describe the bytes of iproute2 6.1.

set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
iproute=$(ip -V | sed -n 's/.*iproute2-\([0-9.]*\).*/\1/p')
kernel=$(uname -r)
stamp=$(date -u +%Y-%m-%dT%H:%MZ)
wanted=" $* "
failures=0

# Message type numbers and names, from linux/xfrm.h.
declare -A types=(
  [newsa]=16 [delsa]=17 [getsa]=18 [newpolicy]=19 [delpolicy]=20 [getpolicy]=21
  [allocspi]=22 [updpolicy]=25 [updsa]=26 [flushsa]=28 [flushpolicy]=29
)

# Prints the bytes of the Nth ($2) sendmsg/sendto in strace output file $1, one hex byte a
# line; the buffers of that one call are concatenated.
nth_message() {
  awk -v want="$2" '
    /^(sendmsg|sendto)\(/ { calls++; if (calls > want) exit; next }
    calls == want && /^ \| [0-9a-f]+  / { print substr($0, 11, 49); next }
  ' "$1" | tr -s ' ' '\n' | grep -v '^$' || true
}

# Writes NAME.vec: header lines, then the bytes 16 a line.
write_vector() {
  local name=$1 setkey=$2 command=$3 type=$4 flags=$5
  shift 5
  local file="$here/$name.vec"
  {
    echo "# command: ip xfrm $command"
    if [[ -n $this_setup ]]; then echo "# setup: $this_setup"; fi
    if ((this_pick != 1)); then echo "# message: $this_pick (of those the command sent)"; fi
    echo "# iproute2: $iproute   kernel: $kernel   captured: $stamp"
    if [[ $setkey != - ]]; then echo "# setkey: $setkey"; fi
    echo "# ignore: 8-15   (nlmsg_seq, nlmsg_pid; inclusive byte offsets)"
    printf '# type: %s (%d)   flags: 0x%04x\n' "${name%%-*}" "$type" "$flags"
    local note
    for note in "${notes[@]}"; do echo "# note: $note"; done
  } >"$file"
  printf '%s\n' "$@" | paste -d ' ' - - - - - - - - - - - - - - - - \
    | sed 's/ *$//' >>"$file"
  echo "$name: $# bytes"
}

# vector NAME 'setkey statement, or -' 'ip xfrm arguments (shell-quoted)' ['note' ...]
# Two optional settings apply to the next vector only:
#   setup='ip xfrm ...; ...'   run first, in the same namespace (e.g. an SA to delete)
#   pick=N                      keep the command's Nth netlink message instead of the first
# A setup the kernel refuses (no ESP on the host) skips the vector with a hint.
setup=
pick=1
vector() {
  local name=$1 setkey=$2 args=$3 this_setup=$setup this_pick=$pick
  shift 3
  notes=("$@")
  setup=
  pick=1
  if [[ $wanted != "  " && $wanted != *" $name "* ]]; then return 0; fi

  local trace status=0
  trace=$(mktemp)
  unshare -n bash -c "${this_setup:-true} || exit 99
    strace -qq -o '$trace' -e trace=sendmsg,sendto -e write=all -s 0 ip xfrm $args" \
    >/dev/null 2>&1 || status=$?
  if ((status == 99)); then
    echo "$name: skipped, setup refused; run under a kernel with IPsec:" \
      "/work/shared/kernelvm/run-in-kernel ./capture.sh $name" >&2
    rm -f "$trace"
    return 0
  fi
  # A here-string, not <(...): the kernelvm guest has no /dev/fd.
  local -a bytes=()
  read -r -a bytes <<<"$(nth_message "$trace" "$this_pick" | tr '\n' ' ')"
  rm -f "$trace"
  if ((${#bytes[@]} < 16)); then
    echo "$name: no netlink message number $this_pick captured" >&2
    failures=$((failures + 1))
    return 0
  fi

  # Check the header: nlmsg_len (host order, little-endian here) and the promised type.
  local length=$((16#${bytes[3]}${bytes[2]}${bytes[1]}${bytes[0]}))
  local type=$((16#${bytes[5]}${bytes[4]}))
  local flags=$((16#${bytes[7]}${bytes[6]}))
  local expected=${types[${name%%-*}]:-unknown}
  if ((length != ${#bytes[@]})) || [[ $type != "$expected" ]]; then
    echo "$name: type $type, nlmsg_len $length, ${#bytes[@]} bytes; want type $expected" >&2
    failures=$((failures + 1))
    return 0
  fi
  write_vector "$name" "$setkey" "$args" "$type" "$flags" "${bytes[@]}"
}

# Fake keys: obviously patterned, never real.
K16=0x000102030405060708090a0b0c0d0e0f
K20=0x000102030405060708090a0b0c0d0e0f10111213
K32=0x000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f
A=192.0.2.1
B=198.51.100.1

# Notes shared by many vectors.
TMPL_MASKS="tmpl aalgos/ealgos/calgos are 0xffffffff (all algorithms); with xfrm_user the \
kernel only sets allalgs when all three are ~0, so send them as ip does. PF_KEY-era dumps \
(linux-setkey/*.policy) show 0 masks because af_key sets allalgs itself."
POL_LFT="policy lft byte/packet limits are XFRM_INF (0xff..ff): LifetimeLimits 0 = no limit; \
time limits stay 0; curlft is all zero."
POL_PRIO="ip's default priority is 0; setkey's is 0x80000000 (prio def), so the command \
passes 'priority 2147483648' to be setkey's statement exactly."
SEL_FAMILY="selector family AF_INET (2) at byte 56, prefixlen_d/prefixlen_s at 58/59."
SA_LFT="SA lft byte/packet limits are XFRM_INF; time limits 0; curlft and stats zero."
SA_SEL="SA selector (bytes 16-71) is all zero, family 0 included: ip sends an empty sel \
unless 'sel' is given; model selector nil must encode as 56 zero bytes."
SA_FAMILY="xfrm_usersa_info family = AF_INET; id.spi big-endian; reqid, family host order."
AUTH_TRUNC="authentication goes in XFRMA_ALG_AUTH_TRUNC (struct xfrm_algo_auth: name[64], \
key_len bits, trunc_len bits, key), not XFRMA_ALG_AUTH as 'ip ... auth' would send."

# --- policies -------------------------------------------------------------------------------
vector newpolicy-out-tcp-esp-transport \
  "spdadd $A/32[1234] $B/32[80] tcp -P out ipsec esp/transport//require ;" \
  "policy add src $A/32 dst $B/32 proto tcp sport 1234 dport 80 dir out \
priority 2147483648 tmpl proto esp mode transport level required" \
  "$POL_PRIO" "$POL_LFT" "$SEL_FAMILY" \
  "ports big-endian with mask 0xffff when given; 0/0 when any." "$TMPL_MASKS" \
  "tmpl without addresses: daddr/saddr zero, tmpl family = selector family (AF_INET)." \
  "level required = optional 0; share 0 (XFRM_SHARE_ANY); reqid 0; mode 0 transport."

vector newpolicy-tunnel-priority \
  "spdadd 192.0.2.0/24 198.51.100.0/24 any -P out prio def + 1000 ipsec \
esp/tunnel/192.0.2.254-198.51.100.254/require ;" \
  "policy add src 192.0.2.0/24 dst 198.51.100.0/24 dir out priority 2147482648 \
tmpl src 192.0.2.254 dst 198.51.100.254 proto esp mode tunnel level required" \
  "priority 0x7ffffc18 = setkey 'prio def + 1000' (ipsec-tools subtracts the offset)." \
  "$POL_LFT" "upper protocol any: selector proto 0, ports and masks 0." "$TMPL_MASKS" \
  "tunnel tmpl: id.daddr and saddr set, family AF_INET, mode 1 (tunnel)."

vector newpolicy-in-block \
  "spdadd 192.0.2.0/24 198.51.100.0/24 any -P in discard ;" \
  "policy add src 192.0.2.0/24 dst 198.51.100.0/24 dir in priority 2147483648 action block" \
  "$POL_PRIO" "$POL_LFT" "action 1 (XFRM_POLICY_BLOCK), dir 0 (in), no XFRMA_TMPL." \
  "setkey in its default RFC mode would also add a fwd twin: a second message."

vector newpolicy-ipv6-icmp6-type-code \
  "spdadd 2001:db8::1/128 2001:db8::2/128 icmp6 135,0 -P out ipsec esp/transport//require ;" \
  "policy add src 2001:db8::1/128 dst 2001:db8::2/128 proto ipv6-icmp type 135 code 0 \
dir out priority 2147483648 tmpl proto esp mode transport level required" \
  "$POL_PRIO" "$POL_LFT" "selector family AF_INET6 (10), proto 58." \
  "ICMP type goes in sport (0x0087, big-endian) and code in dport, each with mask 0xffff; \
code 0 is sent as dport 0 mask 0xffff. PF_KEY derives masks from the port value, so setkey \
on Linux would have had dport_mask 0 for code 0 (any code): a semantic difference." \
  "$TMPL_MASKS" "tmpl family AF_INET6 (from the selector)."

vector newpolicy-two-templates \
  "spdadd 192.0.2.0/24 198.51.100.0/24 any -P out ipsec \
ipcomp/tunnel/192.0.2.254-198.51.100.254/use esp/transport//require ;" \
  "policy add src 192.0.2.0/24 dst 198.51.100.0/24 dir out priority 2147483648 \
tmpl src 192.0.2.254 dst 198.51.100.254 proto comp mode tunnel level use \
tmpl proto esp mode transport level required" \
  "$POL_PRIO" "$POL_LFT" \
  "one XFRMA_TMPL attribute holding both xfrm_user_tmpl (len 4 + 2 * 64), in the order \
written: ipcomp first." \
  "ipcomp tmpl: proto 108, mode 1, optional 1 (level use); esp tmpl: optional 0." \
  "$TMPL_MASKS"

vector newpolicy-fwd-esp-tunnel \
  "spdadd 198.51.100.0/24 192.0.2.0/24 any -P fwd ipsec \
esp/tunnel/198.51.100.254-192.0.2.254/require ;" \
  "policy add src 198.51.100.0/24 dst 192.0.2.0/24 dir fwd priority 2147483648 \
tmpl src 198.51.100.254 dst 192.0.2.254 proto esp mode tunnel level required" \
  "$POL_PRIO" "$POL_LFT" "dir 2 (XFRM_POLICY_FWD): what setkey's RFC mode adds as the twin \
of an 'in' policy, same selector and templates." "$TMPL_MASKS"

vector newpolicy-unique-reqid \
  "spdadd $A/32 $B/32 any -P out ipsec esp/transport//unique:5 ;" \
  "policy add src $A/32 dst $B/32 dir out priority 2147483648 \
tmpl proto esp mode transport reqid 5 level required" \
  "$POL_PRIO" "$POL_LFT" \
  "unique:5 is a required template with reqid 5 (host order); share stays 0 \
(XFRM_SHARE_ANY): Linux af_key never set share for unique either." "$TMPL_MASKS"

vector newpolicy-out-none \
  "spdadd $A/32 $B/32 any -P out none ;" \
  "policy add src $A/32 dst $B/32 dir out priority 2147483648 action allow" \
  "$POL_PRIO" "$POL_LFT" \
  "action 0 (XFRM_POLICY_ALLOW) and no XFRMA_TMPL: traffic passes in the clear."

vector updpolicy-in-esp-transport \
  "spdupdate $A/32 $B/32 any -P in ipsec esp/transport//require ;" \
  "policy update src $A/32 dst $B/32 dir in priority 2147483648 \
tmpl proto esp mode transport level required" \
  "$POL_PRIO" "$POL_LFT" "same body as a new policy; only the message type differs." \
  "$TMPL_MASKS" "setkey's RFC mode would also update the fwd twin."

vector delpolicy-out-tcp \
  "spddelete $A/32[1234] $B/32[80] tcp -P out ;" \
  "policy delete src $A/32 dst $B/32 proto tcp sport 1234 dport 80 dir out" \
  "struct xfrm_userpolicy_id: sel (56), index 0 (4), dir 1 (1), 3 bytes padding." \
  "$SEL_FAMILY"

vector getpolicy-out-tcp \
  "-" \
  "policy get src $A/32 dst $B/32 proto tcp sport 1234 dport 80 dir out" \
  "setkey has no statement for a single policy; body as delpolicy, flags REQUEST only." \
  "$SEL_FAMILY"

vector flushpolicy-all \
  "spdflush ;" \
  "policy flush" \
  "no payload and no XFRMA_POLICY_TYPE: the main policy type is flushed."

vector getpolicy-dump \
  "spddump ;" \
  "policy list" \
  "a bare dump request: header only, flags REQUEST|DUMP (0x0301)."

vector newpolicy-secctx \
  "spdadd $A/32 $B/32 any -P out -ctx 1 1 \"system_u:object_r:ipsec_spd_t:s0\" \
ipsec esp/transport//require ;" \
  "policy add src $A/32 dst $B/32 dir out priority 2147483648 \
ctx system_u:object_r:ipsec_spd_t:s0 tmpl proto esp mode transport level required" \
  "$POL_PRIO" "$POL_LFT" \
  "XFRMA_TMPL first, then XFRMA_SEC_CTX; struct xfrm_user_sec_ctx len = 8 + ctx_len, \
exttype 8, ctx_alg 1, ctx_doi 1 (ip fixes both at 1), ctx_len COUNTS the NUL (33 for the \
32-character string, which is sent NUL-terminated); nla_len is unpadded (45), nlmsg_len \
padded to 4." \
  "$TMPL_MASKS"

# --- SAs ------------------------------------------------------------------------------------
vector newsa-esp-aes-sha1-transport \
  "add $A $B esp 0x1000 -m transport -u 7 -r 32 -E aes-cbc $K16 -A hmac-sha1 $K20 ;" \
  "state add src $A dst $B proto esp spi 0x1000 reqid 7 mode transport replay-window 32 \
enc 'cbc(aes)' $K16 auth-trunc 'hmac(sha1)' $K20 96" \
  "$SA_SEL" "$SA_FAMILY" "$SA_LFT" \
  "replay_window 32 fits the u8 field: no XFRMA_REPLAY_ESN_VAL." \
  "XFRMA_ALG_CRYPT (struct xfrm_algo, key_len in bits) then XFRMA_ALG_AUTH_TRUNC: ip keeps \
command-line order, and the command gives them in xfrmkey's order." "$AUTH_TRUNC"

vector newsa-esp-replay-window-128 \
  "add $A $B esp 0x1001 -m transport -r 128 -E aes-cbc $K16 -A hmac-sha1 $K20 ;" \
  "state add src $A dst $B proto esp spi 0x1001 mode transport replay-window 128 \
enc 'cbc(aes)' $K16 auth-trunc 'hmac(sha1)' $K20 96" \
  "$SA_SEL" "$SA_LFT" \
  "a window above 32 leaves xsinfo.replay_window 0 and sends XFRMA_REPLAY_ESN_VAL \
(struct xfrm_replay_state_esn: bmp_len = window / 32, counters 0, replay_window) WITHOUT the \
bitmap words; the kernel accepts the bare struct. No XFRM_STATE_ESN flag." \
  "setkey's -r counts packets; Linux af_key clamps it to 32 (the legacy bitmap), as \
xfrm_user does for xsinfo.replay_window: only XFRMA_REPLAY_ESN_VAL carries more."

vector newsa-esp-ipv6 \
  "add 2001:db8::1 2001:db8::2 esp 0x1100 -m transport -E aes-cbc $K16 -A hmac-sha1 $K20 ;" \
  "state add src 2001:db8::1 dst 2001:db8::2 proto esp spi 0x1100 mode transport \
enc 'cbc(aes)' $K16 auth-trunc 'hmac(sha1)' $K20 96" \
  "$SA_SEL" "$SA_LFT" "xfrm_usersa_info family AF_INET6 (10); addresses use all 16 bytes."

vector newsa-aead-gcm-tunnel \
  "add $A $B esp 0x2000 -m tunnel -E aes-gcm-16 $K20 ;" \
  "state add src $A dst $B proto esp spi 0x2000 mode tunnel \
aead 'rfc4106(gcm(aes))' $K20 128" \
  "$SA_SEL" "$SA_LFT" \
  "XFRMA_ALG_AEAD (struct xfrm_algo_aead: name[64], key_len 160 bits incl. 4-byte salt, \
icv_len 128 bits, key); mode 1 (tunnel)."

vector newsa-ah-sha256 \
  "add $A $B ah 0x3000 -m transport -A hmac-sha256 $K32 ;" \
  "state add src $A dst $B proto ah spi 0x3000 mode transport \
auth-trunc 'hmac(sha256)' $K32 128" \
  "$SA_SEL" "$SA_LFT" "proto 51." "$AUTH_TRUNC" \
  "trunc_len 128 (RFC 4868). Linux PF_KEY used the kernel's pfkey table, which truncates \
hmac(sha256) to 96 bits: Linux setkey SAs had 96 here."

vector newsa-ipcomp-deflate \
  "add $A $B ipcomp 0x4000 -m tunnel -C deflate ;" \
  "state add src $A dst $B proto comp spi 0x4000 mode tunnel comp deflate" \
  "$SA_SEL" "$SA_LFT" \
  "proto 108; spi carries the CPI, big-endian in 32 bits (0x00004000)." \
  "XFRMA_ALG_COMP: struct xfrm_algo with name 'deflate', key_len 0, no key bytes." \
  "setkey without -R also uses the given CPI; ip has no 'rawcpi' flag byte here."

vector newsa-esp-espinudp \
  "add $A[4500] $B[4500] esp-udp 0x5000 -m transport -E aes-cbc $K16 -A hmac-sha1 $K20 ;" \
  "state add src $A dst $B proto esp spi 0x5000 mode transport \
enc 'cbc(aes)' $K16 auth-trunc 'hmac(sha1)' $K20 96 encap espinudp 4500 4500 0.0.0.0" \
  "$SA_SEL" "$SA_LFT" \
  "XFRMA_ENCAP (struct xfrm_encap_tmpl): encap_type 2 (UDP_ENCAP_ESPINUDP, host order u16), \
sport/dport big-endian (0x1194), 2 padding bytes, encap_oa 0.0.0.0 (16 bytes)." \
  "attribute order: ALG_CRYPT, ALG_AUTH_TRUNC, ENCAP." "$AUTH_TRUNC"

vector newsa-esp-lifetime \
  "add $A $B esp 0x6000 -m transport -lh 100 -ls 80 -bh 1000000 -bs 800000 \
-E aes-cbc $K16 -A hmac-sha1 $K20 ;" \
  "state add src $A dst $B proto esp spi 0x6000 mode transport \
enc 'cbc(aes)' $K16 auth-trunc 'hmac(sha1)' $K20 96 \
limit time-soft 80 limit time-hard 100 limit byte-soft 800000 limit byte-hard 1000000" \
  "$SA_SEL" \
  "lft: soft/hard byte limits 800000/1000000, packet limits XFRM_INF, add-expires \
soft 80 hard 100, use-expires 0 (setkey's -ls/-lh set only the add time)."

vector newsa-esp-secctx \
  "add $A $B esp 0x7000 -m transport -ctx 1 1 \"system_u:object_r:ipsec_spd_t:s0\" \
-E aes-cbc $K16 -A hmac-sha1 $K20 ;" \
  "state add src $A dst $B proto esp spi 0x7000 mode transport \
enc 'cbc(aes)' $K16 auth-trunc 'hmac(sha1)' $K20 96 ctx system_u:object_r:ipsec_spd_t:s0" \
  "$SA_SEL" "$SA_LFT" \
  "XFRMA_SEC_CTX last: len 8 + ctx_len, exttype 8, ctx_alg 1, ctx_doi 1 (fixed by ip), \
ctx_len counts the terminating NUL (33); nla_len unpadded (45), nlmsg_len padded to 4."

vector newsa-esp-every-attribute \
  "add $A[4500] $B[4500] esp-udp 0x8000 -m tunnel -u 9 -r 256 -lh 100 -ls 80 \
-ctx 1 1 \"system_u:object_r:ipsec_spd_t:s0\" -E aes-cbc $K16 -A hmac-sha1 $K20 ;" \
  "state add src $A dst $B proto esp spi 0x8000 reqid 9 mode tunnel replay-window 256 \
enc 'cbc(aes)' $K16 auth-trunc 'hmac(sha1)' $K20 96 encap espinudp 4500 4500 0.0.0.0 \
ctx system_u:object_r:ipsec_spd_t:s0 limit time-soft 80 limit time-hard 100" \
  "$SA_SEL" \
  "ATTRIBUTE ORDER: ip writes XFRMA_ALG_*, XFRMA_ENCAP and XFRMA_SEC_CTX in command-line \
order, then XFRMA_REPLAY_ESN_VAL last; this command is written in xfrmkey's order (CRYPT, \
AUTH_TRUNC, ENCAP, SEC_CTX, REPLAY_ESN_VAL), so the bytes pin that order." \
  "window 256: xsinfo.replay_window 0, XFRMA_REPLAY_ESN_VAL with bmp_len 8 and no bitmap." \
  "lft: add-expires soft 80 hard 100; byte and packet limits XFRM_INF."

vector updsa-esp-aes-sha1-transport \
  "update $A $B esp 0x1000 -m transport -u 7 -r 32 -E aes-cbc $K16 -A hmac-sha1 $K20 ;" \
  "state update src $A dst $B proto esp spi 0x1000 reqid 7 mode transport replay-window 32 \
enc 'cbc(aes)' $K16 auth-trunc 'hmac(sha1)' $K20 96" \
  "same body as newsa-esp-aes-sha1-transport; only the message type differs." "$AUTH_TRUNC"

vector delsa-esp \
  "delete $A $B esp 0x1000 ;" \
  "state delete src $A dst $B proto esp spi 0x1000" \
  "struct xfrm_usersa_id: daddr (16), spi big-endian, family 2 (host order), proto 50, \
1 padding byte; then XFRMA_SRCADDR (16-byte xfrm_address_t)."

vector getsa-esp \
  "get $A $B esp 0x1000 ;" \
  "state get src $A dst $B proto esp spi 0x1000" \
  "body as delsa-esp; flags REQUEST only."

vector flushsa-all \
  "flush ;" \
  "state flush" \
  "struct xfrm_usersa_flush is ONE byte: nlmsg_len 17, not padded. proto 0 matches every \
xfrm protocol; PF_KEY's flush-all used IPSEC_PROTO_ANY (255), which matches only ESP, AH and \
IPComp: same effect for everything setkey can add."

vector flushsa-esp \
  "flush esp ;" \
  "state flush proto esp" \
  "nlmsg_len 17 (unpadded one-byte body), proto 50."

vector getsa-dump \
  "dump ;" \
  "state list" \
  "ip 6.1 adds an all-zero XFRMA_ADDRESS_FILTER (26, 36-byte body: family 0, prefix \
lengths 0), which matches every SA: equivalent to the bare dump in getsa-dump-deleteall."

vector getsa-dump-esp \
  "dump esp ;" \
  "state list proto esp" \
  "ip asks the kernel to filter: XFRMA_PROTO (25, u8 50; nla_len 5, padded to 8) before \
the all-zero XFRMA_ADDRESS_FILTER. PF_KEY's dump of one satype filtered in the kernel too."

vector getsa-dump-deleteall \
  "deleteall $A $B esp ;" \
  "state deleteall src $A dst $B proto esp" \
  "the first message of deleteall: a bare dump (header only, REQUEST|DUMP); ip then \
sends one DELSA per matching SA (none here: the namespace is empty)."

setup="ip xfrm state add src $A dst $B proto esp spi 0x1000 mode transport \
enc 'cbc(aes)' $K16 auth-trunc 'hmac(sha1)' $K20 96"
pick=2
vector delsa-deleteall-esp \
  "deleteall $A $B esp ;" \
  "state deleteall src $A dst $B proto esp" \
  "the SECOND message of deleteall, sent after the dump found the one SA of the setup: \
a DELSA built from the dumped state. Needs a kernel with ESP (kernelvm)." \
  "body as delsa-esp (xfrm_usersa_id + XFRMA_SRCADDR)."

vector allocspi-esp-range \
  "-" \
  "state allocspi src $A dst $B proto esp mode transport reqid 7 min 0x100 max 0x1ff" \
  "struct xfrm_userspi_info: xfrm_usersa_info (224; id.spi 0, reqid 7, family 2, mode 0, \
lft all ZERO, unlike an add: no XFRM_INF), then min and max in host order." \
  "setkey's getspi names one SPI: Command.getSPI with range min...max sends it the same way." \
  "$SA_SEL"

exit $((failures > 0))
