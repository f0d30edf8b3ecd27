#!/bin/sh
# Init command of mptcpkit's own .pkt suite: fixed buffer sizes (so the window scale is 8),
# timestamps and SACK on, MPTCP on, and a plain FIFO on tun0 so that nothing paces the flows.
sysctl -q net.ipv4.tcp_rmem="4096 540000 15728640"
sysctl -q net.ipv4.tcp_wmem="4096 262144 4194304"
sysctl -q net.ipv4.tcp_timestamps=1 net.ipv4.tcp_sack=1 net.ipv4.tcp_ecn=0
sysctl -q net.mptcp.enabled=1
tc qdisc add dev tun0 root pfifo 2>/dev/null || true
