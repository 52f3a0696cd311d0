#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `xfrmkey -x` against a real kernel, in throwaway network namespaces (root only): while
# another process adds, updates, deletes and flushes policies, the text and the JSON
# monitors must each see every event once and in order. Also: --events filters, --netns,
# policy soft and hard expiries, a full receive queue (a "lost" line, then watching goes
# on), and SIGINT and SIGTERM ending it with status 0. SAs cannot be added on a kernel
# without ESP; the kernel VM cases (Tests/kernel/cases/monitor-*.sh) cover acquires, SA
# expiries and async events.
# Usage: Tests/cli/monitor-netns.sh [path/to/xfrmkey]. Ends with "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/../.."
source Tests/cli/harness.sh
source Tests/cli/wait.sh
xfrmkey=$(realpath "${1:-.build/debug/xfrmkey}")
scratch=$(mktemp -d)
namespaces=()
cleanup() {
  # A monitor that a failed check left running would outlive the test.
  for pid in $(jobs -p); do kill -INT "$pid" 2>/dev/null; done
  for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null; done
  rm -rf "$scratch"
}
trap cleanup EXIT


if [ "$(id -u)" != 0 ] || ! ip netns add "xfrmkey-mon-$$" 2>/dev/null; then
  echo "SKIP monitor checks: need root and ip netns"
  echo "0 passed, 0 failed"
  exit 0
fi
ns=xfrmkey-mon-$$
other=xfrmkey-mon-other-$$
namespaces=("$ns" "$other")
ip netns add "$other"
in_ns() { ip netns exec "$ns" "$@"; }

# start_monitor NAME ARGS...: xfrmkey -x ARGS in the background, output in $scratch/NAME.
start_monitor() {
  local name=$1
  shift
  "$xfrmkey" "$@" >"$scratch/$name" 2>"$scratch/$name.err" &
  eval "pid_$name=$!"
}

# stop_monitor NAME SIGNAL: sends SIGNAL and records the exit status in $scratch/NAME.status.
stop_monitor() {
  local pid
  eval "pid=\$pid_$1"
  kill "-$2" "$pid"
  wait "$pid"
  echo $? >"$scratch/$1.status"
}

# listening NS COUNT GROUP...: waits until COUNT monitors in NS have joined the groups, so
# they see every change made after it (a monitor can take seconds to start on a busy machine).
listening() {
  wait_until "$WAIT_SECONDS" xfrm_listening "$@" ||
    echo "note: after $WAIT_SECONDS s, fewer than $2 monitors in $1 had joined: $*"
}

# received NS FILE COUNT PATTERN [FILE COUNT PATTERN]...: waits until each FILE has at
# least COUNT lines matching PATTERN and the monitors in NS have read their queues empty:
# only then may they be stopped, since a stop signal ends a monitor before what it has
# not read yet.
received() {
  local ns=$1
  shift
  wait_until "$WAIT_SECONDS" all_received "$@" && wait_until "$WAIT_SECONDS" xfrm_drained "$ns" ||
    echo "note: after $WAIT_SECONDS s, the monitors in $ns had not printed everything"
}
all_received() {
  while (($#)); do
    (($(grep -cE -- "$3" "$1") >= $2)) || return 1
    shift 3
  done
}

# 1. Every event once, in order, in text and JSON, in the namespace given by --netns.
start_monitor text -x --netns "$ns"
start_monitor json -x -j --netns "$ns"
start_monitor sa_only -x --events sa,acquire --netns "$ns"
start_monitor elsewhere -x --netns "$other"
listening "$ns" 2 policy
listening "$ns" 3 sa acquire
listening "$other" 1 policy
in_ns "$xfrmkey" -e 'spdadd 10.1.0.1 10.1.0.2 any -P out discard;'
in_ns "$xfrmkey" -e 'spdupdate 10.1.0.1 10.1.0.2 any -P out ipsec esp/transport//require;'
in_ns "$xfrmkey" -e 'spdadd -6 2001:db8::1 2001:db8::2 tcp -P in none;'
in_ns "$xfrmkey" -e 'spddelete 10.1.0.1 10.1.0.2 any -P out;'
in_ns "$xfrmkey" -FP
# A line per event starts with its time; JSON has one line per event.
event_line='^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]{15} [a-z]+'
received "$ns" "$scratch/text" 6 "$event_line" "$scratch/json" 6 '^[{]'
stop_monitor text INT
stop_monitor json TERM
stop_monitor sa_only INT
stop_monitor elsewhere INT

# RFC mode: the 'in' policy brings its 'fwd' twin, so the kernel reports two adds.
expected="spdadd spdupdate spdadd spdadd spddelete spdflush"
text_events=$(grep -oE "$event_line" "$scratch/text" |
  awk '{print $3}' | xargs)
json_events=$(/usr/bin/python3 -c '
import json, sys
for line in open(sys.argv[1]):
    print(json.loads(line)["event"])' "$scratch/json" 2>"$scratch/why" | xargs)

echo "text events: $text_events" >"$scratch/why"
check "text: every policy event once, in order" [ "$text_events" = "$expected" ]
echo "json events: $json_events" >"$scratch/why"
check "json: every policy event once, in order" [ "$json_events" = "$expected" ]

/usr/bin/python3 - "$scratch/json" >"$scratch/why" 2>&1 <<'PY'
import json, sys
events = [json.loads(line) for line in open(sys.argv[1])]
first, update, v6, fwd, deleted, flush = events
assert first["message"] == "XFRM_MSG_NEWPOLICY" and first["sp"]["action"] == "discard", first
assert first["sp"]["kind"] == "sp" and first["sp"]["selector"]["source"] == "10.1.0.1", first
assert first["sp"]["selector"]["source_prefix_length"] == 32, first
assert update["message"] == "XFRM_MSG_UPDPOLICY", update
assert update["sp"]["templates"][0] == {"protocol": "esp", "mode": "transport",
    "tunnel_source": None, "tunnel_destination": None, "level": "require", "reqid": 0,
    "spi": 0, "authentication_algorithms": 0xffffffff,
    "encryption_algorithms": 0xffffffff, "compression_algorithms": 0xffffffff}, update
assert update["sp"]["type"] == "main" and update["sp"]["flags"] == [], update
assert update["sp"]["mark"] is None and update["sp"]["interface_id"] == 0, update
assert v6["sp"]["direction"] == "in" and v6["sp"]["selector"]["upper_protocol"] == 6, v6
assert v6["sp"]["selector"]["family"] == "ipv6", v6
assert fwd["sp"]["direction"] == "fwd", fwd
assert deleted["message"] == "XFRM_MSG_DELPOLICY" and deleted["sp"]["direction"] == "out", deleted
assert deleted["sp"]["index"] == update["sp"]["index"], (deleted, update)
assert flush == {k: flush[k] for k in ("time", "event", "message", "pid", "seq")}, flush
times = [e["time"] for e in events]
assert times == sorted(times) and all("T" in t for t in times), times
PY
check "json: entries carry the policies, deletion names the deleted one" [ $? = 0 ]

grep -A3 ' spdupdate$' "$scratch/text" >"$scratch/why"
check "text: entries print as in -DP" grep -q $'^\tesp/transport//require$' "$scratch/text"

for name in text json sa_only elsewhere; do
  echo "status $(cat "$scratch/$name.status"); stderr: $(cat "$scratch/$name.err")" >"$scratch/why"
  check "$name monitor: signal ends it with status 0" [ "$(cat "$scratch/$name.status")" = 0 ]
done
cat "$scratch/sa_only" >"$scratch/why"
check "--events sa,acquire: policy events not shown" [ ! -s "$scratch/sa_only" ]
cat "$scratch/elsewhere" >"$scratch/why"
check "--netns: another namespace's events not shown" [ ! -s "$scratch/elsewhere" ]

# 2. Policy lifetimes (the host kernel has policy timers even without ESP): soft, then hard.
# The kernel checks a policy's lifetimes first about a second after it is added; when that
# check runs late on a loaded machine and finds the hard limit passed too, it sends only the
# hard expiry. Four seconds between the limits leave room for that.
start_monitor expiry -x --events expire,policy --netns "$ns"
start_monitor expiry_json -x -j --events expire --netns "$ns"
listening "$ns" 2 expire
listening "$ns" 1 expire policy
in_ns ip xfrm policy add src 10.4.0.1 dst 10.4.0.2 dir out action block \
  limit time-soft 1 limit time-hard 5
received "$ns" "$scratch/expiry" 1 ' spdexpire hard$' "$scratch/expiry_json" 1 '"hard":true'
stop_monitor expiry INT
stop_monitor expiry_json INT
expiry_events=$(grep -oE '^[0-9-]+ [0-9:.]+ [a-z]+( soft| hard)?$' "$scratch/expiry" \
  | cut -d' ' -f3- | xargs)
echo "text events: $expiry_events" >"$scratch/why"
check "policy expiry: spdadd, spdexpire soft, spdexpire hard" \
  [ "$expiry_events" = "spdadd spdexpire soft spdexpire hard" ]
/usr/bin/python3 - "$scratch/expiry_json" >"$scratch/why" 2>&1 <<'PY'
import json, sys
events = [json.loads(line) for line in open(sys.argv[1])]
kinds = [(e["event"], e["hard"]) for e in events]
assert kinds == [("spdexpire", False), ("spdexpire", True)], events
assert all(e["message"] == "XFRM_MSG_POLEXPIRE" for e in events), events
assert events[1]["sp"]["lifetime"]["hard_add_seconds"] == 5, events
assert events[1]["sp"]["selector"]["destination"] == "10.4.0.2", events
PY
check "policy expiry in JSON" [ $? = 0 ]

# 3. A full queue: the monitor is stopped while 30000 policies come and go; it reports
# how many events were lost, then goes on with later events.
for i in $(seq 1 30000); do
  echo "spdadd 10.2.$((i / 256)).$((i % 256)) 10.3.0.1 any -P out discard;"
done >"$scratch/many.conf"
start_monitor overflow -x --events policy --netns "$ns"
listening "$ns" 1 policy
eval "kill -STOP \$pid_overflow"
in_ns "$xfrmkey" -f "$scratch/many.conf"
eval "kill -CONT \$pid_overflow"
# Events sent while the queue still drains are dropped too (the kernel keeps the socket
# congested until it is read empty); wait for the drain, then send one more. The monitor
# prints some 20000 events first, which takes a while on a busy machine.
wait_until 300 xfrm_drained "$ns" || echo "note: the queue was not drained after 300 s"
in_ns "$xfrmkey" -e 'spdadd 10.9.9.9 10.9.9.8 any -P out discard;'
received "$ns" "$scratch/overflow" 1 '^10.9.9.9\[any\]'
stop_monitor overflow INT
lost=$(grep -oE 'lost: [0-9]+ events? w[a-z]+ lost' "$scratch/overflow" |
  awk '{ n += $2 } END { print n }')
seen=$(grep -c ' spdadd$' "$scratch/overflow")
echo "lost=$lost seen=$seen; $(grep ' lost: ' "$scratch/overflow")" >"$scratch/why"
check "overflow: the lost count is reported" [ -n "$lost" ]
check "overflow: seen + lost = every event sent" [ $((${lost:-0} + seen)) = 30001 ]
check "overflow: watching goes on after the loss" grep -q '^10.9.9.9\[any\]' "$scratch/overflow"

# 4. A reader that goes away ends the monitor at the next event (`xfrmkey -x | head`).
# The pipe is a FIFO so that both ends are this shell's children. The second event must
# come after head has gone, or the monitor writes it into the pipe and waits on.
mkfifo "$scratch/head.fifo"
head -n 1 <"$scratch/head.fifo" >"$scratch/head" &
head_pid=$!
"$xfrmkey" -x --netns "$ns" >"$scratch/head.fifo" 2>"$scratch/head.err" &
pid_head=$!
listening "$ns" 1 policy
in_ns "$xfrmkey" -e 'spdadd 10.5.0.1 10.5.0.2 any -P out discard;'
gone() { ! kill -0 "$1" 2>/dev/null; }
wait_until "$WAIT_SECONDS" gone "$head_pid" || echo "note: head still runs after $WAIT_SECONDS s"
in_ns "$xfrmkey" -e 'spdadd 10.5.0.3 10.5.0.2 any -P out discard;'
if wait_until "$WAIT_SECONDS" gone "$pid_head"; then
  wait "$pid_head"
  echo $? >"$scratch/head.status"
else
  stop_monitor head INT
  echo "still running after $WAIT_SECONDS s" >"$scratch/head.status"
fi
echo "status '$(cat "$scratch/head.status" 2>/dev/null)', output: $(cat "$scratch/head")" \
  >"$scratch/why"
check "a closed pipe ends the monitor with status 0" [ "$(cat "$scratch/head.status")" = 0 ]

# 5. Without CAP_NET_ADMIN the kernel refuses the groups: a clear error and status 77.
if command -v setpriv >/dev/null; then
  setpriv --reuid=65534 --regid=65534 --clear-groups "$xfrmkey" -x >"$scratch/out" 2>"$scratch/err"
  status=$?
  echo "status $status: $(cat "$scratch/err")" >"$scratch/why"
  refused() { [ "$status" = 77 ] && grep -q 'NETLINK_ADD_MEMBERSHIP.*EPERM' "$scratch/err"; }
  check "no permission: status 77 and the refused group named" refused
fi

finish
