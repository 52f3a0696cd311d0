#!/usr/bin/env bash
# `make bench`: a benchmark, not a test. In fresh network namespaces, for each N it measures
# loading N policies with xfrmkey -f, with `ip -batch` on the equivalent commands and with
# bench/spd-load (libmnl, large batches: the kernel's own cost), then dumping them with
# xfrmkey -DP, `ip xfrm policy` and spd-load; plus xfrmkey -n (parse only) and the peak
# memory of every xfrmkey run. Prints medians of BENCH_RUNS runs and ratios.
#
#   bench/run.sh [XFRMKEY]      BENCH_SIZES="1000 10000 100000" BENCH_RUNS=3
set -euo pipefail
cd "$(dirname "$0")/.."
xfrmkey=$(realpath "${1:-.build/release/xfrmkey}")
sizes=${BENCH_SIZES:-1000 10000 100000}
runs=${BENCH_RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

[ "$(id -u)" = 0 ] || { echo "bench: needs root (network namespaces)" >&2; exit 77; }
command -v /usr/bin/time >/dev/null || apt-get install -y -qq time >/dev/null
gcc -O2 -Wall -o "$work/spd-load" bench/spd-load.c -lmnl
loader="$work/spd-load"

# The same policies as spd-load.c: out, 10.0.0.0+i -> 10.128.0.0+i, esp transport require.
write_inputs() {
  local n=$1
  awk -v n="$n" 'BEGIN {
    for (i = 0; i < n; i++) {
      a = int(i / 65536) % 256; b = int(i / 256) % 256; c = i % 256; a2 = 128 + (a % 128)
      printf "spdadd 10.%d.%d.%d/32 10.%d.%d.%d/32 any -P out ipsec esp/transport//require ;\n",
        a, b, c, a2, b, c > "'"$work"'/setkey.conf"
      printf "xfrm policy add src 10.%d.%d.%d/32 dst 10.%d.%d.%d/32 dir out priority 2147483648 tmpl proto esp mode transport level required\n",
        a, b, c, a2, b, c > "'"$work"'/ip.batch"
    }
  }'
}

# Runs "SETUP; CMD" in a fresh namespace and prints CMD's wall seconds and peak RSS (KiB).
measure() {
  local setup=$1 command=$2
  unshare -n bash -c "$setup
    start=\$(date +%s%N)
    /usr/bin/time -f '%M' -o '$work/rss' $command >/dev/null
    end=\$(date +%s%N)
    echo \$(( (end - start) / 1000 )) \$(cat '$work/rss')"
}

# Median of the first field (microseconds) over $runs runs; prints "seconds rss".
median_of() {
  local setup=$1 command=$2
  for _ in $(seq "$runs"); do measure "$setup" "$command"; done |
    sort -n | awk '{ t[NR] = $1; m[NR] = $2 } END {
      k = int((NR + 1) / 2); printf "%.3f %d\n", t[k] / 1e6, m[k] }'
}

printf '%-8s %-28s %10s %10s %9s\n' N operation seconds peak-KiB ratio
for n in $sizes; do
  write_inputs "$n"
  read -r c_load _ < <(median_of "" "$loader load $n")
  read -r x_load x_load_rss < <(median_of "" "$xfrmkey -f $work/setkey.conf")
  read -r ip_load _ < <(median_of "" "ip -batch $work/ip.batch")
  read -r x_parse x_parse_rss < <(median_of "" "$xfrmkey -n -f $work/setkey.conf")
  filled="$loader load $n >/dev/null"
  read -r c_dump _ < <(median_of "$filled" "$loader dump")
  read -r x_dump x_dump_rss < <(median_of "$filled" "$xfrmkey -DP")
  read -r ip_dump _ < <(median_of "$filled" "ip xfrm policy")

  row() { printf '%-8s %-28s %10s %10s %9s\n' "$n" "$1" "$2" "$3" "$4"; }
  ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'; }
  row "load: spd-load (kernel)" "$c_load" - 1.00x
  row "load: xfrmkey -f" "$x_load" "$x_load_rss" "$(ratio "$x_load" "$c_load")"
  row "load: ip -batch" "$ip_load" - "$(ratio "$ip_load" "$c_load")"
  row "parse: xfrmkey -n -f" "$x_parse" "$x_parse_rss" -
  row "dump: spd-load (kernel)" "$c_dump" - 1.00x
  row "dump: xfrmkey -DP" "$x_dump" "$x_dump_rss" "$(ratio "$x_dump" "$c_dump")"
  row "dump: ip xfrm policy" "$ip_dump" - "$(ratio "$ip_dump" "$c_dump")"
done
read -r empty_x _ < <(median_of "" "$xfrmkey -DP")
read -r empty_ip _ < <(median_of "" "ip xfrm policy")
printf '%-8s %-28s %10s %10s %9s\n' 0 "startup: xfrmkey -DP" "$empty_x" - \
  "$(awk -v a="$empty_x" -v b="$empty_ip" 'BEGIN { printf "%.2fx", a / b }')"
printf '%-8s %-28s %10s %10s %9s\n' 0 "startup: ip xfrm policy" "$empty_ip" - 1.00x
echo "# $(uname -r), $(nproc) cores, $(date -u +%Y-%m-%d); SAs need the kernel VM (not measured here)"
