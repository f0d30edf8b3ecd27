#!/bin/sh
# Init command of mptcpkit's own .pkt suite: fixed buffer sizes (so the window scale is 8),
# timestamps and SACK on, MPTCP on, and a plain FIFO on tun0 so that nothing paces the flows.
# Writes /proc/sys directly (this shell is in the run's namespace): no procps needed.
set -e
w() { printf '%s\n' "$2" > "/proc/sys/$1"; }
w net/ipv4/tcp_rmem "4096 540000 15728640"
w net/ipv4/tcp_wmem "4096 262144 4194304"
w net/ipv4/tcp_timestamps 1
w net/ipv4/tcp_sack 1
w net/ipv4/tcp_ecn 0
w net/mptcp/enabled 1
tc qdisc add dev tun0 root pfifo 2>/dev/null || true
