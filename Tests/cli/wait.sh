# SPDX-License-Identifier: Apache-2.0
# shellcheck shell=bash
#
# Waiting on conditions instead of sleeping, for the shell test suites: sourced by
# Tests/cli/monitor-netns.sh, Tests/cli/provision.sh and Tests/kernel/lib.sh (in the VM).
#
# A test that sleeps "long enough" fails on a loaded machine, where a process can take
# seconds to start or to be scheduled. These helpers poll for what the test really needs;
# their deadlines only bound a failure, so a passing run waits no longer than it must.

# The deadline, in seconds, for a condition that normally holds within a second.
WAIT_SECONDS=${WAIT_SECONDS:-30}

# wait_until SECONDS CMD...: runs CMD until it succeeds (status 0) or SECONDS have passed
# (status 1).
wait_until() {
  local deadline=$((SECONDS + $1))
  shift
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 0.1
  done
}

# The XFRMNLGRP_* numbers of the xfrm multicast groups (linux/xfrm.h).
declare -gA XFRM_GROUP=(
  [acquire]=1 [expire]=2 [sa]=3 [policy]=4 [aevents]=5 [report]=6 [migrate]=7 [mapping]=8
)

# xfrm_listening NS COUNT GROUP...: at least COUNT NETLINK_XFRM sockets in the network
# namespace NS (a name for `ip netns exec`) have joined every GROUP (acquire, expire, sa,
# policy, aevents, ...). A monitor joins its groups before it waits for the first event,
# so once its socket shows them here it sees every later change.
xfrm_listening() {
  local ns=$1 count=$2 mask=0 group groups _queued found=0
  shift 2
  for group; do mask=$((mask | 1 << (XFRM_GROUP[$group] - 1))); done
  while read -r groups _queued; do
    if (((groups & mask) == mask)); then found=$((found + 1)); fi
  done < <(xfrm_sockets "$ns")
  ((found >= count))
}

# xfrm_drained NS: every NETLINK_XFRM socket in NS that joined a group has read its
# receive queue empty, so all that the kernel sent so far has reached its reader.
xfrm_drained() {
  local groups queued
  while read -r groups queued; do
    if ((groups != 0 && queued != 0)); then return 1; fi
  done < <(xfrm_sockets "$1")
}

# xfrm_sockets NS: a line per NETLINK_XFRM socket in NS with its first 32 group bits and the
# bytes in its receive queue, from /proc/net/netlink (which shows the reader's namespace).
# Written so that no command in it fails: the kernel cases run with errexit and an ERR trap.
xfrm_sockets() {
  local _sk protocol _port groups queued _rest
  ip netns exec "$1" cat /proc/net/netlink |
    while read -r _sk protocol _port groups queued _rest; do
      if [[ $protocol == 6 ]]; then echo "$((16#$groups)) $queued"; fi
    done
}
