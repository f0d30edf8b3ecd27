#!/bin/sh
# Gives tun0 a second address (the local one + 1, IPv4 variants only) and makes the kernel
# announce it: ip mptcp endpoint ... signal. Accepts up to 8 announced addresses and subflows.
set -e
host=$(echo "$OPT_LOCAL_IP" | awk -F. '{printf "%d.%d.%d.%d", $1, $2, $3, $4 + 1}')
ip mptcp endpoint flush
ip addr add "$host/16" dev "$OPT_LOCAL_DEV"
ip mptcp endpoint add "$host" dev "$OPT_LOCAL_DEV" signal
ip mptcp limits set add_addr_accepted 8 subflows 8
