#!/bin/sh
# Makes tests/src/test/resources/pcaps/15-dss-checksum-full.pcap: Linux MPTCP with DSS checksums
# (net.mptcp.checksum_enabled=1), captured with the full snaplen so every mapped payload byte is
# there. Random payloads of odd and even sizes both ways, and a second subflow (the server
# announces 10.0.2.2, the client joins), so checksums cover joins too.
#
# Needs root and an MPTCP kernel. Everything happens in two network namespaces of its own
# (mk-crypto-cli, mk-crypto-srv) that it deletes at the end; the host's interfaces, routes and
# sysctls are not touched (net.mptcp.* are per namespace).
set -eu
out=${1:-15-dss-checksum-full.pcap}
work=$(mktemp -d)
C=mk-crypto-cli
S=mk-crypto-srv
cleanup() {
    [ -n "${dump1:-}" ] && kill "$dump1" 2>/dev/null || true
    [ -n "${dump2:-}" ] && kill "$dump2" 2>/dev/null || true
    ip netns del $C 2>/dev/null || true
    ip netns del $S 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
ip netns add $C
ip netns add $S
for n in 1 2; do
    ip link add c$n netns $C type veth peer name s$n netns $S
    ip -n $C addr add 10.0.$n.1/24 dev c$n
    ip -n $S addr add 10.0.$n.2/24 dev s$n
    ip -n $C link set c$n up
    ip -n $S link set s$n up
done
ip -n $C link set lo up
ip -n $S link set lo up
for ns in $C $S; do
    ip netns exec $ns sysctl -q -w net.mptcp.enabled=1 net.mptcp.checksum_enabled=1
    ip -n $ns mptcp limits set subflows 2 add_addr_accepted 2
done

ip netns exec $C tcpdump -q -U -s 0 -i c1 -w "$work/c1.pcap" tcp 2>/dev/null & dump1=$!
ip netns exec $C tcpdump -q -U -s 0 -i c2 -w "$work/c2.pcap" tcp 2>/dev/null & dump2=$!
sleep 1

ip netns exec $S python3 - <<'PY' &
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_MPTCP)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("0.0.0.0", 5515)); s.listen(1)
c, _ = s.accept()
while True:
    b = c.recv(65536)
    if not b: break
    c.sendall(bytes(x ^ 0x5a for x in b))  # echo, changed so the two directions differ
c.close()
PY
srv=$!
sleep 1
ip netns exec $C python3 - <<'PY' &
import random, socket, time
rnd = random.Random(8684)
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_MPTCP)
s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
s.connect(("10.0.1.2", 5515))
def exchange(n):
    s.sendall(rnd.randbytes(n))
    got = 0
    while got < n:
        got += len(s.recv(65536))
# Sent at once, this rides in the MP_CAPABLE ACK with data (length 24 with the checksum).
exchange(777)
time.sleep(1.0)  # the server announces 10.0.2.2 now; the join happens before the rest
for n in [1, 2, 3, 17, 255, 999, 1000, 1447, 1448, 1449, 3001, 5000, 12345]:
    exchange(n)
    time.sleep(0.05)
# A burst big enough that the scheduler also uses the joined subflow.
s.sendall(rnd.randbytes(120000))
got = 0
while got < 120000:
    got += len(s.recv(65536))
s.close()
PY
cli=$!
# Announced only after the first exchange: an ADD_ADDR (a DSS) reaching the client before its
# first data would make Linux send that data in a DSS instead of the MP_CAPABLE ACK.
sleep 0.5
ip -n $S mptcp endpoint add 10.0.2.2 dev s2 signal
wait $cli
wait $srv
sleep 1
kill "$dump1" "$dump2"; wait "$dump1" "$dump2" 2>/dev/null || true
dump1= ; dump2=
mergecap -F pcap -w "$out" "$work/c1.pcap" "$work/c2.pcap"
# tshark's per-packet decode, the same columns and preferences as the other captures' .fields.tsv
tshark -r "$out" -T fields -E header=y -E separator=/t -E occurrence=a -E aggregator=, \
    -o tcp.relative_sequence_numbers:FALSE -o mptcp.relative_sequence_numbers:FALSE \
    -o mptcp.analyze_mptcp:TRUE -o mptcp.analyze_mappings:TRUE \
    -o mptcp.intersubflows_retransmission:FALSE -o tcp.analyze_sequence_numbers:TRUE \
    -o tcp.check_checksum:TRUE -o tcp.desegment_tcp_streams:FALSE \
    -e frame.number \
    -e frame.time_epoch \
    -e frame.len \
    -e frame.cap_len \
    -e eth.src \
    -e eth.dst \
    -e ip.src \
    -e ip.dst \
    -e ipv6.src \
    -e ipv6.dst \
    -e tcp.stream \
    -e tcp.srcport \
    -e tcp.dstport \
    -e tcp.flags \
    -e tcp.flags.str \
    -e tcp.seq_raw \
    -e tcp.ack_raw \
    -e tcp.len \
    -e tcp.hdr_len \
    -e tcp.window_size_value \
    -e tcp.checksum \
    -e tcp.checksum.status \
    -e tcp.options \
    -e tcp.option_kind \
    -e tcp.option_len \
    -e tcp.options.mptcp.subtype \
    -e tcp.options.mptcp.version \
    -e tcp.options.mptcp.reserved \
    -e tcp.options.mptcp.flags \
    -e tcp.options.mptcp.backup.flag \
    -e tcp.options.mptcp.checksumreq.flags \
    -e tcp.options.mptcp.extensibility.flag \
    -e tcp.options.mptcp.nomoresubflows.flag \
    -e tcp.options.mptcp.sha1.flag \
    -e tcp.options.mptcp.sha256.flag \
    -e tcp.options.mptcp.datafin.flag \
    -e tcp.options.mptcp.dseqn8.flag \
    -e tcp.options.mptcp.dseqnpresent.flag \
    -e tcp.options.mptcp.dataack8.flag \
    -e tcp.options.mptcp.dataackpresent.flag \
    -e tcp.options.mptcp.reserved.flag \
    -e tcp.options.mptcp.flag_U.flag \
    -e tcp.options.mptcp.flag_V.flag \
    -e tcp.options.mptcp.flag_W.flag \
    -e tcp.options.mptcp.flag_T.flag \
    -e tcp.options.mptcp.rst_reason \
    -e tcp.options.mptcp.addrid \
    -e tcp.options.mptcp.sendkey \
    -e tcp.options.mptcp.recvkey \
    -e tcp.options.mptcp.recvtok \
    -e tcp.options.mptcp.sendrand \
    -e tcp.options.mptcp.sendtrunchmac \
    -e tcp.options.mptcp.sendhmac \
    -e tcp.options.mptcp.addaddrtrunchmac \
    -e tcp.options.mptcp.rawdataack \
    -e tcp.options.mptcp.rawdataseqno \
    -e tcp.options.mptcp.subflowseqno \
    -e tcp.options.mptcp.datalvllen \
    -e tcp.options.mptcp.checksum \
    -e tcp.options.mptcp.ipver \
    -e tcp.options.mptcp.echo \
    -e tcp.options.mptcp.ipv4 \
    -e tcp.options.mptcp.ipv6 \
    -e tcp.options.mptcp.port \
    -e mptcp.ack \
    -e mptcp.dsn \
    -e mptcp.rawdsn64 \
    -e mptcp.dss.dsn \
    -e mptcp.expected_idsn \
    -e mptcp.related_mapping \
    -e mptcp.reinjection_of \
    -e mptcp.reinjected_in \
    -e mptcp.analysis.subflows \
    -e mptcp.stream \
    -e mptcp.rm_addr.count \
    -e mptcp.expected_token \
    -e mptcp.master \
    > "$out.fields.tsv" 2>/dev/null
echo "wrote $out and $out.fields.tsv"
