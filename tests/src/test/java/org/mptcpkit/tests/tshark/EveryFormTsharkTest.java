package org.mptcpkit.tests.tshark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpkit.crypto.DssChecksum;
import org.mptcpkit.crypto.MptcpKeys;
import org.mptcpkit.io.pcap.LinkType;
import org.mptcpkit.io.pcap.PcapWriter;
import org.mptcpkit.packet.AddAddr;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.FastOpen;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.Md5Signature;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MpExperimental;
import org.mptcpkit.packet.MpFail;
import org.mptcpkit.packet.MpFastclose;
import org.mptcpkit.packet.MpJoin;
import org.mptcpkit.packet.MpPrio;
import org.mptcpkit.packet.MpTcpRst;
import org.mptcpkit.packet.MptcpOption;
import org.mptcpkit.packet.Mss;
import org.mptcpkit.packet.Nop;
import org.mptcpkit.packet.RemoveAddr;
import org.mptcpkit.packet.Sack;
import org.mptcpkit.packet.SackPermitted;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.packet.UnknownOption;
import org.mptcpkit.packet.WindowScale;
import org.mptcpkit.wire.PacketCodec;
import org.mptcpkit.wire.TcpOptionCodec;
import org.mptcpkit.wire.TsharkView;

/**
 * The outside judge of our encoder: one packet of every MPTCP suboption form, built with the
 * builder API, and packets with every generic TCP option, each over IPv4 and IPv6, written into
 * one pcap that tshark 4.0 decodes once. For every packet tshark must find the IP and TCP header
 * fields we encoded and both checksums good; for every option, in wire order, the option's bytes
 * and every field of the MPTCP field map (shared/reference/mptcp-wire.md), no more and no fewer.
 *
 * <p>tshark's gaps are judged otherwise, and say so: the DSS checksum, which tshark never fills,
 * is read from the option's raw bytes and recomputed with {@link DssChecksum} over the mapping
 * (the crypto package's implementation, not the codec's); the MP_EXPERIMENTAL body, which it does
 * not decode, is judged by the raw bytes alone.
 *
 * <p>Each packet has ports of its own, so tshark's MPTCP analysis sees every packet as a stream
 * of one segment and adds nothing that depends on a neighbour.
 */
class EveryFormTsharkTest {
    private static final long KEY_A = 0x877f9bcf737c4c6dL;
    private static final long KEY_B = 0x5da3bbf8c384c03dL;

    @TempDir
    Path dir;

    /** One packet to judge: its name in failure messages and its segment. */
    record Case(String name, Tcp tcp) {
    }

    private final List<Case> cases = new ArrayList<>();

    private void add(String name, String flags, TcpOption... options) {
        add(name, flags, Bytes.EMPTY, options);
    }

    private void add(String name, String flags, Bytes payload, TcpOption... options) {
        cases.add(new Case(name, Tcp.of(t -> t.flags(flags).seq(0x10000000L + cases.size()).ack(org.mptcpkit.packet.TcpFlags.parse(flags).ack() ? 7 : 0)
                .window(64240).options(options).payload(payload))));
    }

    private static Bytes payload(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) b[i] = (byte) (i * 37 + 11);
        return Bytes.wrap(b);
    }

    // ============================================================================================
    // The forms

    private void mpCapable() {
        // Flags: H only (what Linux sends), A+H, every bit (A B C D-G H), none, reserved only, C+H.
        int[] flagSets = {0x01, 0x81, 0xff, 0x00, 0x1e, 0x21};
        for (int version : new int[] {MptcpKeys.V1, MptcpKeys.V0}) {
            for (int flags : flagSets) {
                String f = "v" + version + " flags 0x" + Integer.toHexString(flags);
                add("MP_CAPABLE len 4 " + f, "S", MpCapable.Syn.of(b -> b.version(version).flags(flags)));
                add("MP_CAPABLE len 12 SYN " + f, "S", MpCapable.SynAck.of(b -> b.version(version).flags(flags).senderKey(KEY_A)));
                add("MP_CAPABLE len 12 SYN-ACK " + f, "SA", MpCapable.SynAck.of(b -> b.version(version).flags(flags).senderKey(KEY_B)));
                add("MP_CAPABLE len 20 " + f, ".", MpCapable.Ack.of(b -> b.version(version).flags(flags)
                        .senderKey(KEY_A).receiverKey(KEY_B)));
                Bytes data = payload(version == 1 ? 1000 : 33);
                add("MP_CAPABLE len 22 " + f, "P.", data, MpCapable.AckData.of(b -> b.version(version).flags(flags)
                        .senderKey(KEY_A).receiverKey(KEY_B).dataLevelLength(data.length())));
                add("MP_CAPABLE len 24 " + f, "P.", data, MpCapable.AckData.of(b -> b.version(version).flags(flags)
                        .senderKey(KEY_A).receiverKey(KEY_B).dataLevelLength(data.length()).checksum()));
            }
        }
        // A checksum set on purpose, right or wrong, is what tshark must read.
        add("MP_CAPABLE len 24 wrong checksum", "P.", payload(7), MpCapable.ackDataWithChecksum(KEY_A, KEY_B, 7).withChecksum(0xbeef));
        add("MP_CAPABLE with MSS SACK TS WS", "S", Mss.of(1460), SackPermitted.INSTANCE, Timestamps.of(2210103822L, 0),
                Nop.INSTANCE, WindowScale.of(7), MpCapable.syn());
    }

    private void mpJoin() {
        for (boolean backup : new boolean[] {false, true}) {
            String b = backup ? " backup" : "";
            add("MP_JOIN SYN" + b, "S", MpJoin.syn(0x83f7213aL, 0xa8868267L, backup ? 2 : 0, backup));
            add("MP_JOIN SYN-ACK" + b, "SA", MpJoin.synAck(0xe2fdcd17afc5fdacL, 0x949bf251L, backup ? 255 : 1, backup));
        }
        add("MP_JOIN SYN reserved bits", "S", MpJoin.syn(1, 0xffffffffL, 7, false).withReserved(7));
        add("MP_JOIN SYN-ACK reserved bits", "SA", MpJoin.synAck(-1L, 0, 0, true).withReserved(5));
        add("MP_JOIN ACK", ".", MpJoin.ack(Bytes.fromHex("e56fe22eff3d8972625c34a025d0ec680fc5f3d1")));
        add("MP_JOIN ACK reserved bits", ".", MpJoin.ack(Bytes.fromHex("00112233445566778899aabbccddeeff00112233"))
                .withReserved(0xabc));
    }

    private void dss() {
        // Every meaningful flag combination: data ACK absent / 4 / 8 x mapping absent / 4-byte
        // DSN / 8-byte DSN x checksum or not x DATA_FIN.
        int n = 0;
        for (int ack : new int[] {0, 4, 8}) {
            for (int dsn : new int[] {0, 4, 8}) {
                for (boolean checksum : dsn == 0 ? new boolean[] {false} : new boolean[] {false, true}) {
                    for (boolean fin : new boolean[] {false, true}) {
                        Bytes data = dsn == 0 ? Bytes.EMPTY : payload(fin ? 0 : 100 + 11 * n++);
                        Dss.Builder b = Dss.builder().dataFin(fin);
                        if (ack == 4) b.dataAck32(0xfc202ff8L);
                        if (ack == 8) b.dataAck(0xcd4f7dc35fafe146L);
                        // DSNs near the wrap of their width.
                        if (dsn == 4) b.mapping32(0xfffffff0L, 1001, data.length() + (fin ? 1 : 0));
                        if (dsn == 8) b.mapping(0xfffffffffffffff0L, 1001, data.length() + (fin ? 1 : 0));
                        if (checksum) b.checksum();
                        String name = "DSS ack " + ack + " dsn " + dsn + (checksum ? " checksum" : "") + (fin ? " DATA_FIN" : "");
                        add(name, data.isEmpty() ? "." : "P.", data, b.build());
                    }
                }
            }
        }
        add("DSS infinite mapping", ".", Dss.builder().dataAck(1).mapping(0x0102030405060708L, 0, 0).build());
        add("DSS reserved bits", ".", Dss.dataAck32(5).withReserved(0x7f));
        add("DSS wrong checksum", "P.", payload(9), Dss.builder().dataAck(1).mapping(2, 3, 9).checksum(0x1234).build());
    }

    private void addAddr() {
        InetAddress v4 = InetAddress.ofLiteral("10.0.3.2");
        InetAddress v6 = InetAddress.ofLiteral("fd00:2::2");
        for (InetAddress a : List.of(v4, v6)) {
            String f = a instanceof java.net.Inet4Address ? "IPv4" : "IPv6";
            add("ADD_ADDR v1 " + f + " HMAC", ".", AddAddr.announce(2, a, 0x252cdc27738c89d9L));
            add("ADD_ADDR v1 " + f + " port HMAC", ".", AddAddr.announce(3, a, 10100, 0x8000000000000001L));
            add("ADD_ADDR v1 " + f + " echo", ".", AddAddr.echo(4, a));
            add("ADD_ADDR v1 " + f + " port echo", ".", AddAddr.echo(255, a, 65535));
            add("ADD_ADDR v0 " + f, ".", AddAddr.v0(5, a));
            add("ADD_ADDR v0 " + f + " port", ".", AddAddr.v0(6, a, 8080));
        }
        add("ADD_ADDR v1 reserved bits", ".", AddAddr.announce(1, v4, 1).withReserved(7));
    }

    private void others() {
        for (int n : new int[] {1, 2, 3, 8, 37}) {
            int[] ids = new int[n];
            for (int i = 0; i < n; i++) ids[i] = (i * 7 + 1) & 0xff;
            add("REMOVE_ADDR " + n + " ids", ".", RemoveAddr.of(ids));
        }
        add("MP_PRIO v1", ".", MpPrio.of(false));
        add("MP_PRIO v1 backup", ".", MpPrio.of(true));
        add("MP_PRIO v1 reserved bits", ".", MpPrio.of(true).withReserved(7));
        add("MP_PRIO v0", ".", MpPrio.v0(false, 3));
        add("MP_PRIO v0 backup", ".", MpPrio.v0(true, 200));
        add("MP_FAIL", ".", MpFail.of(0xcd4f7dc35fafe146L));
        add("MP_FAIL reserved bits", ".", MpFail.of(1).withReserved(0xfff));
        add("MP_FASTCLOSE", "R.", MpFastclose.of(KEY_B));
        add("MP_FASTCLOSE reserved bits", "R.", MpFastclose.of(KEY_A).withReserved(0x123));
        // MP_TCPRST: each flag alone, none, all, and every reason (0..6) plus an unassigned one.
        String[] flag = {"", "U", "V", "W", "T", "UVWT", "T", ""};
        int[] reason = {MpTcpRst.UNSPECIFIED, MpTcpRst.MPTCP_SPECIFIC, MpTcpRst.LACK_OF_RESOURCES,
                MpTcpRst.ADMINISTRATIVELY_PROHIBITED, MpTcpRst.TOO_MUCH_OUTSTANDING_DATA,
                MpTcpRst.UNACCEPTABLE_PERFORMANCE, MpTcpRst.MIDDLEBOX_INTERFERENCE, 0x7f};
        for (int i = 0; i < flag.length; i++) {
            String fl = flag[i];
            int r = reason[i];
            add("MP_TCPRST " + (fl.isEmpty() ? "no flags" : fl) + " reason " + r, "R", MpTcpRst.of(b -> b.flagU(fl.contains("U"))
                    .flagV(fl.contains("V")).flagW(fl.contains("W")).flagT(fl.contains("T")).reason(r)));
        }
        add("MP_FASTCLOSE + MP_TCPRST as Linux sends them", "R.", MpFastclose.of(KEY_A), MpTcpRst.of(MpTcpRst.UNSPECIFIED));
        add("MP_EXPERIMENTAL len 3", ".", MpExperimental.of(0x0, Bytes.EMPTY));
        add("MP_EXPERIMENTAL len 6", ".", MpExperimental.of(0xf, Bytes.fromHex("010203")));
        add("MP_EXPERIMENTAL len 20", ".", MpExperimental.of(0x5, payload(17)));
        add("DSS + ADD_ADDR + MP_PRIO in one segment", ".", Dss.dataAck(9), AddAddr.echo(1, InetAddress.ofLiteral("10.0.0.9")),
                MpPrio.of(true));
    }

    private void genericOptions() {
        add("MSS SACK_PERM TS NOP WS", "S", Mss.of(1460), SackPermitted.INSTANCE, Timestamps.of(1, 2), Nop.INSTANCE,
                WindowScale.of(14));
        add("MSS 0 WS 0", "S", Mss.of(0), WindowScale.of(0), Mss.of(65535));
        // SACK blocks above the ACK (7), so that tshark does not read a D-SACK into the first.
        add("SACK 1 block", ".", Nop.INSTANCE, Nop.INSTANCE, Sack.of(new Sack.Block(100, 200)));
        add("SACK 4 blocks", ".", Sack.of(new Sack.Block(100, 200), new Sack.Block(300, 400),
                new Sack.Block(0x7ffffff0L, 0x80000010L), new Sack.Block(0xfffffff0L, 0xfffffffeL)));
        add("TS extremes", ".", Timestamps.of(0xffffffffL, 0), Timestamps.of(0, 0xffffffffL));
        add("TFO cookie, request, experimental", "S", FastOpen.of(Bytes.fromHex("0102030405060708")), FastOpen.request(),
                FastOpen.experimental(Bytes.fromHex("a1a2a3a4")));
        add("MD5", ".", Md5Signature.of(Bytes.fromHex("00112233445566778899aabbccddeeff")));
        add("unknown kinds", ".", UnknownOption.of(99, Bytes.EMPTY), UnknownOption.of(10, Bytes.fromHex("0000000500000009")),
                UnknownOption.of(253, Bytes.fromHex("c0ffee")));
        add("options needing padding", "S", WindowScale.of(3)); // 3 bytes: one EOL of padding
    }

    // ============================================================================================

    /**
     * Every case over IPv4 and IPv6, each with a port pair and MP_CAPABLE keys of its own: tshark
     * keeps one table of tokens for the whole file, and a key seen in two streams makes it show
     * token 0 and an "echoed key mismatch" on the second.
     */
    private List<IpPacket> packets() {
        mpCapable();
        mpJoin();
        dss();
        addAddr();
        others();
        genericOptions();
        List<IpPacket> packets = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Tcp t = cases.get(i).tcp().withSrcPort(10000 + i).withDstPort(20000 + i);
            Tcp t4 = t.withOptions(t.options().stream().map(o -> rekey(o, packets.size())).toList());
            packets.add(Ip4.of(ip -> ip.src("10.0.1.1").dst("10.0.1.2").df().identification(0x1234).ttl(64).payload(t4)));
            Tcp t6 = t.withOptions(t.options().stream().map(o -> rekey(o, packets.size())).toList());
            packets.add(Ip6.of(ip -> ip.src("fd00:1::1").dst("fd00:1:0:0:1::2").hopLimit(64).flowLabel(0xcb625).payload(t6)));
        }
        return packets;
    }

    /** {@code o} with its MP_CAPABLE keys made unique to packet {@code n}. */
    private static TcpOption rekey(TcpOption o, long n) {
        long salt = (n + 1) * 0x9e3779b97f4a7c15L; // Fibonacci hashing spreads the bits
        if (o instanceof MpCapable.SynAck x) return x.withSenderKey(x.senderKey() ^ salt);
        if (o instanceof MpCapable.Ack x) return x.withSenderKey(x.senderKey() ^ salt).withReceiverKey(x.receiverKey() ^ salt);
        if (o instanceof MpCapable.AckData x) return x.withSenderKey(x.senderKey() ^ salt).withReceiverKey(x.receiverKey() ^ salt);
        return o;
    }

    @Test
    void tsharkReadsEveryFormWeEncodeWithEveryField() throws Exception {
        TsharkOracle.require();
        List<IpPacket> packets = packets();
        List<Bytes> encoded = new ArrayList<>();
        Path pcap = dir.resolve("every-form.pcap");
        try (PcapWriter out = PcapWriter.open(pcap, LinkType.RAW)) {
            long t = 1_700_000_000_000_000_000L;
            for (IpPacket p : packets) {
                Bytes b = Bytes.wrap(PacketCodec.encode(p));
                encoded.add(b);
                out.writePacket(t += 1_000_000, b);
            }
        }
        List<TsharkOracle.Frame> frames = TsharkOracle.decode(pcap);
        assertEquals(packets.size(), frames.size(), "one frame per packet");

        List<String> problems = new ArrayList<>();
        Map<String, Integer> judged = new TreeMap<>();
        int fields = 0;
        for (int i = 0; i < packets.size(); i++) {
            String where = "#" + (i + 1) + " " + cases.get(i / 2).name() + (i % 2 == 0 ? " over IPv4" : " over IPv6");
            fields += judge(where, packets.get(i), encoded.get(i), frames.get(i), problems, judged);
        }
        problems.forEach(System.out::println);
        assertEquals(List.of(), problems, problems.size() + " disagreements with tshark");

        // Controls: the judge must see a difference when there is one, or its silence proves nothing.
        int mpc = indexOf("MP_CAPABLE len 20 v1 flags 0x1");
        List<String> control = new ArrayList<>();
        Ip4 same = (Ip4) packets.get(mpc);
        Tcp sameTcp = same.tcp().orElseThrow();
        IpPacket otherKey = same.withPayload(sameTcp.withOptions(sameTcp.options().stream().map(o -> rekey(o, -7)).toList()));
        judge("control", otherKey, Bytes.wrap(PacketCodec.encode(otherKey)), frames.get(mpc), control, new TreeMap<>());
        assertTrue(control.stream().anyMatch(m -> m.contains("tcp.options.mptcp.sendkey")), control.toString());
        int dss = indexOf("DSS ack 8 dsn 8 checksum");
        Tcp t = packets.get(dss).tcp().orElseThrow();
        Bytes raw = Bytes.wrap(PacketCodec.encode(packets.get(dss))).slice(40, 40 + 28);
        List<String> csum = new ArrayList<>();
        judgeChecksums(t.options().getFirst(), raw, t.payload().slice(1), csum::add);
        assertEquals(1, csum.size(), "a checksum over other bytes must not pass: " + csum);
        System.out.println("[tshark judge of the encoder] " + packets.size() + " packets, " + fields
                + " fields equal to tshark's; options judged: " + judged);
        // Every suboption type and every option kind was there to be judged.
        assertTrue(judged.keySet().containsAll(List.of("MpCapable.Syn", "MpCapable.SynAck", "MpCapable.Ack",
                "MpCapable.AckData", "MpJoin.Syn", "MpJoin.SynAck", "MpJoin.Ack", "Dss", "AddAddr.V1", "AddAddr.V0",
                "RemoveAddr", "MpPrio", "MpFail", "MpFastclose", "MpTcpRst", "MpExperimental", "Mss", "WindowScale",
                "SackPermitted", "Sack", "Timestamps", "FastOpen", "Md5Signature", "UnknownOption", "Nop", "Eol")), judged.toString());
    }

    /** The index in the packet list of the IPv4 packet of the case named {@code name}. */
    private int indexOf(String name) {
        for (int i = 0; i < cases.size(); i++) if (cases.get(i).name().equals(name)) return 2 * i;
        throw new AssertionError("no case " + name);
    }

    /** Judges one packet; adds what disagrees to {@code problems}; returns the fields compared. */
    private static int judge(String where, IpPacket built, Bytes encoded, TsharkOracle.Frame frame, List<String> problems,
                             Map<String, Integer> judged) {
        int compared = 0;
        IpPacket wire = PacketCodec.decode(encoded).valueOrThrow();
        Consumer<String> fail = m -> problems.add(where + ": " + m);

        // Headers: what we built is what the decoder reads back (derived fields aside); the decoded
        // values (every derived field set from our bytes) are tshark's; the lengths are what they
        // must be whatever the decoder says; both checksums are good.
        Tcp tcp = built.tcp().orElseThrow();
        if (!headersOnly(built).equals(headersOnly(wire))) {
            fail.accept("decoded headers " + headersOnly(wire) + " are not the built ones " + headersOnly(built));
        }
        // The lengths must be what they are whatever the decoder says.
        int optionBytes = TcpOptionCodec.encodedLength(tcp.options());
        int tcpHeader = 20 + (optionBytes + 3 & ~3);
        Map<String, String> headers = TsharkView.headers(wire);
        if (built instanceof Ip4) {
            expect(headers, "ip.len", Integer.toString(encoded.length()), fail);
            expect(headers, "ip.hdr_len", "20", fail);
        } else {
            expect(headers, "ipv6.plen", Integer.toString(encoded.length() - 40), fail);
        }
        expect(headers, "tcp.hdr_len", Integer.toString(tcpHeader), fail);
        expect(headers, "tcp.len", Integer.toString(tcp.payload().length()), fail);
        compared += TsharkJudge.headers(wire, frame, true, fail);

        // Options: as decoded from our bytes (their derived fields set); they must be the ones we
        // built, then an EOL per byte of padding to the 32-bit boundary; tshark must read each.
        Tcp decoded = wire.tcp().orElseThrow();
        List<TcpOption> builtAndPadding = new ArrayList<>(tcp.options());
        for (int i = optionBytes; i < tcpHeader - 20; i++) builtAndPadding.add(org.mptcpkit.packet.Eol.INSTANCE);
        if (!auto(builtAndPadding).equals(auto(decoded.options()))) {
            fail.accept("decoded options " + decoded.options() + " are not the built ones " + builtAndPadding);
        }
        compared += TsharkJudge.options(decoded, frame, fail);
        for (int i = 0; i < tcp.options().size(); i++) {
            TcpOption o = tcp.options().get(i);
            compared += judgeChecksums(o, TsharkJudge.bytes(o, tcp.payload()), tcp.payload(), fail);
        }
        for (TcpOption o : decoded.options()) {
            judged.merge(o.getClass().getName().substring(o.getClass().getPackageName().length() + 1).replace('$', '.'), 1,
                    Integer::sum);
        }
        return compared;
    }

    /**
     * The checksums tshark does not verify, recomputed with the crypto package (not the codec):
     * the DSS checksum, which tshark 4.0 does not even decode (read from the option's last two
     * bytes), and the MP_CAPABLE one over its implied mapping. An AUTO checksum must be the
     * mapping's; a set one must be on the wire as set. A 4-byte DSN is zero-extended, the encoder's
     * documented rule. Returns the checksums judged.
     */
    static int judgeChecksums(TcpOption built, Bytes raw, Bytes payload, Consumer<String> fail) {
        int want;
        if (built instanceof Dss d && d.checksumPresent()) {
            want = d.checksum() != Field.AUTO ? d.checksum()
                    : DssChecksum.compute(d.dataSequenceNumber(), d.subflowSequenceNumber(), d.dataLevelLength(), payload);
        } else if (built instanceof MpCapable.AckData a && a.checksumPresent()) {
            long dsn = MptcpKeys.idsn(a.senderKey(), a.version() == 0 ? MptcpKeys.V0 : MptcpKeys.V1) + 1;
            want = a.checksum() != Field.AUTO ? a.checksum() : DssChecksum.compute(dsn, 1, a.dataLevelLength(), payload);
        } else {
            return 0;
        }
        int onWire = raw.u16(raw.length() - 2);
        if (onWire != want) {
            fail.accept(built.getClass().getSimpleName() + " checksum: on the wire 0x" + Integer.toHexString(onWire)
                    + ", the mapping's 0x" + Integer.toHexString(want));
        }
        return 1;
    }

    /** {@code p} with every derived field AUTO and no options: its header fields as set. */
    private static IpPacket headersOnly(IpPacket p) {
        Tcp t = p.tcp().orElseThrow().withAutoFields().withOptions(List.of());
        return switch (p) {
            case Ip4 ip -> ip.withAutoFields().withPayload(t);
            case Ip6 ip -> ip.withAutoFields().withPayload(t);
            case org.mptcpkit.packet.RawPacket r -> r;
        };
    }

    /** {@code options} with their derived fields AUTO, for comparing built options with their decoded selves. */
    private static List<TcpOption> auto(List<TcpOption> options) {
        return Tcp.of(t -> t.options(options)).withAutoFields().options().stream()
                .map(o -> o instanceof MptcpOption m ? m.withAutoDerived() : o).toList();
    }

    private static void expect(Map<String, String> view, String field, String value, Consumer<String> fail) {
        if (!value.equals(view.get(field))) fail.accept(field + ": the decoder says " + view.get(field) + ", the encoder must write " + value);
    }
}
