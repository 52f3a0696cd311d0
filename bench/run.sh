#!/usr/bin/env bash
# `make bench`: a benchmark, not a test (it never fails on a slow result). In fresh network
# namespaces, for each N it measures:
#   - loading N policies with xfrmkey -f, with `ip -batch` on the equivalent commands and
#     with bench/spd-load (libmnl, large batches: the kernel's own cost);
#   - parsing them only (xfrmkey -n -f), as time and statements per second;
#   - dumping them with xfrmkey -DP, -j -DP and --save (when the binary has those options),
#     `ip xfrm policy` and spd-load;
#   - the startup of xfrmkey -DP and `ip xfrm policy` on an empty SPD;
# and the peak memory of every xfrmkey run. It prints medians of BENCH_RUNS runs, ratios
# to the kernel's own cost, and the issue's targets against the largest N.
#
# SAs need ESP, which the host kernel lacks: BENCH_VM=1 runs the same rows for SAs inside
# the kernel VM harness (Tests/kernel/vm; TCG emulation, so compare ratios, not seconds).
#
#   bench/run.sh [XFRMKEY]         BENCH_SIZES="1000 10000 100000" BENCH_RUNS=3
#                                  BENCH_VM=1 BENCH_VM_SIZES="1000 10000"
#   bench/run.sh --sa [XFRMKEY]    the SA rows only, where the kernel has ESP (the VM runs this)
set -euo pipefail
cd "$(dirname "$0")/.."
kind=sp
if [ "${1:-}" = --sa ]; then kind=sa; shift; fi
xfrmkey=$(realpath "${1:-.build/release/xfrmkey}")
sizes=${BENCH_SIZES:-1000 10000 100000}
runs=${BENCH_RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ "$(id -u)" = 0 ] || { echo "bench: needs root (network namespaces)" >&2; exit 77; }
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
gcc -O2 -Wall -o "$work/spd-load" bench/spd-load.c -lmnl
loader="$work/spd-load"
if [ "$kind" = sa ]; then
  # In the VM the package sits on 9p: time a copy in the guest's own memory, and load the
  # ESP and crypto modules once, so neither lands in the first row.
  cp "$xfrmkey" "$work/xfrmkey"
  xfrmkey="$work/xfrmkey"
  unshare -n "$loader" sa-load 1 >/dev/null 2>&1 || true
  unshare -n "$xfrmkey" -DP >/dev/null 2>&1 || true
fi

# The entries spd-load.c sends. Policy i: out, 10.A.B.C/32 -> 10.128.B.C/32 any, esp
# transport require. SA i: 10.A.B.C -> 10.128.B.C, esp, SPI 0x1000 + i, transport,
# aes-cbc 128 + hmac-sha256 (128-bit ICV, xfrmkey's default as in RFC 4868).
write_inputs() {
  local n=$1
  awk -v n="$n" -v kind="$kind" -v out="$work" 'BEGIN {
    ekey = "0x"; for (k = 0; k < 16; k++) ekey = ekey "11"
    akey = "0x"; for (k = 0; k < 32; k++) akey = akey "22"
    for (i = 0; i < n; i++) {
      a = int(i / 65536) % 256; b = int(i / 256) % 256; c = i % 256; a2 = 128 + (a % 128)
      src = sprintf("10.%d.%d.%d", a, b, c); dst = sprintf("10.%d.%d.%d", a2, b, c)
      if (kind == "sp") {
        printf "spdadd %s/32 %s/32 any -P out ipsec esp/transport//require ;\n",
          src, dst > (out "/setkey.conf")
        printf "xfrm policy add src %s/32 dst %s/32 dir out priority 2147483648 " \
          "tmpl proto esp mode transport level required\n", src, dst > (out "/ip.batch")
      } else {
        printf "add %s %s esp 0x%x -m transport -E aes-cbc %s -A hmac-sha256 %s ;\n",
          src, dst, 4096 + i, ekey, akey > (out "/setkey.conf")
        printf "xfrm state add src %s dst %s proto esp spi 0x%x mode transport " \
          "enc cbc(aes) %s auth-trunc hmac(sha256) %s 128\n",
          src, dst, 4096 + i, ekey, akey > (out "/ip.batch")
      }
    }
  }'
}

# Runs "SETUP; CMD" in a fresh namespace and prints CMD's wall microseconds, peak RSS (KiB)
# and CPU seconds (user + system). A command that fails prints "fail".
measure() {
  local setup=$1 command=$2
  unshare -n bash -c "$setup
    start=\$(date +%s%N)
    /usr/bin/time -f '%M %U %S' -o '$work/rss' $command >/dev/null 2>'$work/err' || exit 1
    end=\$(date +%s%N)
    echo \$(( (end - start) / 1000 )) \$(tail -n 1 '$work/rss')" || echo fail
}

# Median over $runs runs; prints "seconds rss cpu" ("- - -" when the command failed). The
# CPU column is the median run's; on a busy machine it is steadier than the wall time.
median_of() {
  local setup=$1 command=$2 results
  results=$(for _ in $(seq "$runs"); do measure "$setup" "$command"; done)
  if grep -q fail <<<"$results"; then
    echo "bench: failed: $command: $(head -c 300 "$work/err")" >&2
    echo "- - -"
    return
  fi
  sort -n <<<"$results" | awk '{ t[NR] = $1; m[NR] = $2; c[NR] = $3 + $4 } END {
    k = int((NR + 1) / 2); printf "%.3f %d %.2f\n", t[k] / 1e6, m[k], c[k] }'
}

# True when the binary knows an option (a usage error exits 64).
supports() {
  local status=0
  unshare -n "$xfrmkey" "$@" >/dev/null 2>&1 || status=$?
  [ "$status" != 64 ]
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "-" && b > 0) printf "%.2fx", a / b; else print "-" }'; }
row() { printf '%-8s %-30s %9s %6s %10s %9s  %s\n' "$@"; }

if [ "$kind" = sp ]; then
  table=policy; dump_flag=-DP; ip_dump="ip xfrm policy"; c_load=load; c_dump=dump
else
  table=state; dump_flag=-D; ip_dump="ip xfrm state"; c_load=sa-load; c_dump=sa-dump
fi
json=false; save=false
if supports -j "$dump_flag"; then json=true; fi
if supports --save; then save=true; fi

row N operation seconds cpu peak-KiB ratio note
for n in $sizes; do
  write_inputs "$n"
  read -r k_load _ k_load_cpu < <(median_of "" "$loader $c_load $n")
  read -r x_load x_load_rss x_load_cpu < <(median_of "" "$xfrmkey -f $work/setkey.conf")
  read -r ip_load _ ip_load_cpu < <(median_of "" "ip -batch $work/ip.batch")
  read -r x_parse x_parse_rss x_parse_cpu < <(median_of "" "$xfrmkey -n -f $work/setkey.conf")
  filled="$loader $c_load $n >/dev/null"
  read -r k_dump _ k_dump_cpu < <(median_of "$filled" "$loader $c_dump")
  read -r x_dump x_dump_rss x_dump_cpu < <(median_of "$filled" "$xfrmkey $dump_flag")
  read -r ip_dump_s _ ip_dump_cpu < <(median_of "$filled" "$ip_dump")

  row "$n" "load: spd-load (kernel)" "$k_load" "$k_load_cpu" - 1.00x ""
  row "$n" "load: xfrmkey -f" "$x_load" "$x_load_cpu" "$x_load_rss" \
    "$(ratio "$x_load" "$k_load")" "ip -batch / this: $(ratio "$ip_load" "$x_load")"
  row "$n" "load: ip -batch" "$ip_load" "$ip_load_cpu" - "$(ratio "$ip_load" "$k_load")" ""
  row "$n" "parse: xfrmkey -n -f" "$x_parse" "$x_parse_cpu" "$x_parse_rss" - \
    "$(awk -v n="$n" -v t="$x_parse" 'BEGIN { if (t > 0) printf "%.0f statements/s", n / t }')"
  row "$n" "dump: spd-load (kernel)" "$k_dump" "$k_dump_cpu" - 1.00x ""
  row "$n" "dump: xfrmkey $dump_flag" "$x_dump" "$x_dump_cpu" "$x_dump_rss" \
    "$(ratio "$x_dump" "$k_dump")" "this / $ip_dump: $(ratio "$x_dump" "$ip_dump_s")"
  if $json; then
    read -r x_json x_json_rss x_json_cpu < <(median_of "$filled" "$xfrmkey -j $dump_flag")
    row "$n" "dump: xfrmkey -j $dump_flag" "$x_json" "$x_json_cpu" "$x_json_rss" \
      "$(ratio "$x_json" "$k_dump")" "this / $ip_dump: $(ratio "$x_json" "$ip_dump_s")"
  else
    row "$n" "dump: xfrmkey -j $dump_flag" - - - - "skipped: this xfrmkey has no -j"
  fi
  if $save; then
    read -r x_save x_save_rss x_save_cpu < <(median_of "$filled" "$xfrmkey --save")
    row "$n" "dump: xfrmkey --save" "$x_save" "$x_save_cpu" "$x_save_rss" \
      "$(ratio "$x_save" "$k_dump")" "SAD and SPD"
  else
    row "$n" "dump: xfrmkey --save" - - - - "skipped: this xfrmkey has no --save"
  fi
  row "$n" "dump: $ip_dump" "$ip_dump_s" "$ip_dump_cpu" - "$(ratio "$ip_dump_s" "$k_dump")" ""

  # Kept for the targets, which read the largest N and compare memory with the smallest.
  echo "$n $k_load $x_load $ip_load $x_dump $ip_dump_s $x_dump_rss ${x_json:--}" \
    >>"$work/summary"
done

read -r empty_x _ empty_x_cpu < <(median_of "" "$xfrmkey $dump_flag")
read -r empty_ip _ empty_ip_cpu < <(median_of "" "$ip_dump")
row 0 "startup: xfrmkey $dump_flag" "$empty_x" "$empty_x_cpu" - \
  "$(ratio "$empty_x" "$empty_ip")" "of $ip_dump on an empty $table table"
row 0 "startup: $ip_dump" "$empty_ip" "$empty_ip_cpu" - 1.00x ""

# The targets of issue 6, read off the largest N (memory: largest against smallest).
awk -v kind="$kind" -v sx="$empty_x" -v sip="$empty_ip" '
  NR == 1 { small_rss = $7 }
  { n = $1; kl = $2; xl = $3; il = $4; xd = $5; id = $6; rss = $7; xj = $8 }
  function verdict(ok) { return ok ? "met" : "MISSED" }
  END {
    if (n == "" || xl == "-" || kl == "-" || il == "-" || xd == "-" || id == "-") exit
    if (kl <= 0 || xl <= 0 || id <= 0 || small_rss <= 0 || sip <= 0) exit
    printf "# targets (N=%s, %s):\n", n, kind == "sp" ? "policies" : "SAs"
    printf "#   load <= 1.3x kernel: %.2fx %s; >= 3x faster than ip -batch: %.2fx %s\n",
      xl / kl, verdict(xl / kl <= 1.3), il / xl, verdict(il / xl >= 3)
    printf "#   text dump <= ip: %.2fx %s", xd / id, verdict(xd <= id)
    if (xj != "-") printf "; JSON <= 1.5x ip: %.2fx %s", xj / id, verdict(xj / id <= 1.5)
    printf "\n#   dump peak memory N=%s / first N: %.2fx %s; startup <= 2x ip: %.2fx %s\n",
      n, rss / small_rss, verdict(rss / small_rss <= 2), sx / sip, verdict(sx / sip <= 2)
  }' "$work/summary"
echo "# $(uname -r), $(nproc) cores, load $(cut -d' ' -f1 /proc/loadavg)," \
  "$(date -u +%Y-%m-%dT%H:%MZ); medians of $runs runs; cpu = user + system seconds"

# SAs in the kernel VM, on request (the host kernel has no ESP).
if [ "$kind" = sp ]; then
  if [ "${BENCH_VM:-0}" = 1 ] && [ -x Tests/kernel/vm ]; then
    echo
    echo "# SAs, inside the kernel VM (Tests/kernel/vm, TCG: compare ratios, not seconds)"
    BENCH_SIZES=${BENCH_VM_SIZES:-1000 10000} Tests/kernel/vm bench/run.sh --sa "$xfrmkey"
  elif [ "${BENCH_VM:-0}" = 1 ]; then
    echo "# SAs: skipped, Tests/kernel/vm is not in this tree"
  else
    echo "# SAs: not measured (the host kernel has no ESP); BENCH_VM=1 runs them in the VM"
  fi
fi
