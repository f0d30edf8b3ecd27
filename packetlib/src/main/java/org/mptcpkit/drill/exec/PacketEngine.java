package org.mptcpkit.drill.exec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.mptcpkit.crypto.AddAddrHmac;
import org.mptcpkit.crypto.DssChecksum;
import org.mptcpkit.crypto.MpJoinHmac;
import org.mptcpkit.drill.ast.AddAddrHmac.Auto;
import org.mptcpkit.drill.ast.AddAddrHmac.Echo;
import org.mptcpkit.drill.ast.AddAddrHmac.Value;
import org.mptcpkit.drill.ast.DssNumber;
import org.mptcpkit.drill.ast.Endpoint;
import org.mptcpkit.drill.ast.HmacSpec;
import org.mptcpkit.drill.ast.IpInfo;
import org.mptcpkit.drill.ast.KeyVar;
import org.mptcpkit.drill.ast.OptionLengths;
import org.mptcpkit.drill.ast.PacketEvent;
import org.mptcpkit.drill.ast.Segment;
import org.mptcpkit.drill.ast.TcpOptionSpec;
import org.mptcpkit.drill.ast.TcpOptions;
import org.mptcpkit.drill.ast.TokenSpec;
import org.mptcpkit.packet.AddAddr;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Eol;
import org.mptcpkit.packet.FastOpen;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip4Address;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.Ip6Address;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.Md5Signature;
import org.mptcpkit.packet.MpCapable;
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
import org.mptcpkit.packet.TcpFlags;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.packet.UnknownOption;
import org.mptcpkit.packet.WindowScale;

/**
 * Turns inbound packet lines into live packets and checks live outbound packets against packet
 * lines, packetdrill's {@code run_packet.c} and the fork's {@code mptcp.c} (reference §5, §6.5,
 * §6.6). Stateless itself: the connection and MPTCP state are passed in.
 */
final class PacketEngine {
    private static final long U32 = 0xffff_ffffL;

    private final MptcpState mp;
    private final boolean wireIpv6;
    private final long tsTickUsecs;
    private final long toleranceUsecs;

    PacketEngine(MptcpState mp, boolean wireIpv6, long tsTickUsecs, long toleranceUsecs) {
        this.mp = mp;
        this.wireIpv6 = wireIpv6;
        this.tsTickUsecs = tsTickUsecs;
        this.toleranceUsecs = toleranceUsecs;
    }

    // =====================================================================================
    // Inbound

    /** Builds the live packet for inbound line {@code pe} on {@code c}. */
    IpPacket inbound(PacketEvent pe, Segment.Tcp seg, Conn c, int line) {
        boolean syn = seg.flags().syn();
        boolean ack = seg.flags().ack();
        long seq;
        if (syn) {
            seq = seg.startSequence() & U32;
            c.remoteIsn = seq;
        } else {
            seq = (seg.startSequence() + c.remoteIsn) & U32;
        }
        long ackNo = seg.ack().orElse(0);
        if (ack) ackNo = (ackNo + c.localIsnOffset) & U32;
        List<TcpOption> options = new ArrayList<>();
        if (seg.options() instanceof TcpOptions.Exactly ex) {
            for (TcpOptionSpec o : ex.options()) options.add(inboundOption(o, seg, c, line));
        }
        Tcp tcp = new Tcp(c.remotePort, c.localPort, seq, ackNo, Field.AUTO, 0, TcpFlags.of(flagBits(seg.flags())),
                seg.window().orElse(0), Field.AUTO, seg.urgentPointer().orElse(0), options,
                Bytes.zeros(seg.payloadLength()));
        return ip(pe.ipInfo(), c.remoteIp, c.localIp, Field.AUTO, tcp);
    }

    /**
     * Builds the live datagram for inbound line {@code udp (LEN)} on {@code c}: packetdrill's port
     * towards the socket's, {@code LEN} zero bytes (reference §4.4).
     */
    IpPacket inbound(PacketEvent pe, Segment.Udp seg, Conn c) {
        Bytes udp = UdpHeader.encode(c.remoteIp, c.remotePort, c.localIp, c.localPort, seg.payloadLength());
        return ip(pe.ipInfo(), c.remoteIp, c.localIp, UdpHeader.PROTOCOL, org.mptcpkit.packet.RawPayload.of(udp));
    }

    /**
     * Builds the live ICMP (IPv4 wire) or ICMPv6 message of inbound line {@code icmp} about
     * {@code c}'s traffic: from packetdrill's address to the kernel's, quoting a packet of
     * {@code c} from the kernel's endpoint to packetdrill's. A quoted TCP sequence number is
     * relative ({@code [1:1461(1460)]} quotes the live ISN + 1); without a quote packetdrill's
     * default is a TCP segment at relative sequence 0.
     *
     * @throws IllegalArgumentException for an unknown type or code name, or an MTU on a type that
     *                                  has none (packetdrill's messages)
     */
    IpPacket inbound(PacketEvent pe, Segment.Icmp icmp, Conn c) {
        Segment.Echoed echoed = icmp.echoed().orElse(c.udp ? new Segment.Echoed.UdpDatagram(0)
                : new Segment.Echoed.TcpSegment(0, 0));
        Bytes quote = switch (echoed) {
            case Segment.Echoed.TcpSegment t -> offending(c, 6, 20 + t.payloadLength(),
                    IcmpMessage.offendingTransport(true, c.localPort, c.remotePort,
                            (t.startSequence() + c.localIsnOffset) & U32, t.payloadLength()));
            case Segment.Echoed.UdpDatagram u -> offending(c, UdpHeader.PROTOCOL, UdpHeader.HEADER_LENGTH + u.payloadLength(),
                    IcmpMessage.offendingTransport(false, c.localPort, c.remotePort, 0, u.payloadLength()));
            case Segment.Echoed.Raw r -> null;
        };
        Bytes msg = IcmpMessage.encode(wireIpv6, icmp, c.remoteIp, c.localIp, quote);
        return ip(pe.ipInfo(), c.remoteIp, c.localIp, wireIpv6 ? IcmpMessage.ICMPV6 : IcmpMessage.ICMP,
                org.mptcpkit.packet.RawPayload.of(msg));
    }

    /** The offending packet's IP header (its length counting the whole segment) and {@code transport}. */
    private Bytes offending(Conn c, int protocol, int segmentLength, Bytes transport) {
        org.mptcpkit.packet.RawPayload body = org.mptcpkit.packet.RawPayload.of(transport);
        IpPacket p = wireIpv6
                ? new Ip6(6, 0, 0, 0, segmentLength, protocol, 64, Ip6Address.of((Inet6Address) c.localIp),
                        Ip6Address.of((Inet6Address) c.remoteIp), Bytes.EMPTY, body, Bytes.EMPTY)
                : new Ip4(4, Field.AUTO, 0, 0, 20 + segmentLength, 0, false, true, false, 0, 64, protocol, Field.AUTO,
                        Ip4Address.of((Inet4Address) c.localIp), Ip4Address.of((Inet4Address) c.remoteIp), Bytes.EMPTY,
                        body, Bytes.EMPTY);
        return Bytes.wrap(org.mptcpkit.wire.PacketCodec.encode(p));
    }

    /** An IP header from {@code src} to {@code dst} as the line's ip info says, around {@code payload}. */
    IpPacket ip(IpInfo info, InetAddress src, InetAddress dst, int protocol, org.mptcpkit.packet.IpPayload payload) {
        int ecn = ecnBits(info);
        int tos = info.tos().isPresent() && info.tos().get() instanceof IpInfo.TosSpec.Tos t ? t.value() : ecn;
        int ttl = info.ttl().orElse(64);
        if (wireIpv6) {
            return new Ip6(6, tos >> 2, tos & 3, info.flowLabel().orElse(0), Field.AUTO, protocol, ttl,
                    Ip6Address.of((Inet6Address) src), Ip6Address.of((Inet6Address) dst), Bytes.EMPTY, payload,
                    Bytes.EMPTY);
        }
        return new Ip4(4, Field.AUTO, tos >> 2, tos & 3, Field.AUTO, 0, false, false, false, 0, ttl, protocol,
                Field.AUTO, Ip4Address.of((Inet4Address) src), Ip4Address.of((Inet4Address) dst),
                Bytes.EMPTY, payload, Bytes.EMPTY);
    }

    private static int ecnBits(IpInfo info) {
        if (info.tos().isPresent() && info.tos().get() instanceof IpInfo.TosSpec.Ecn e) {
            return switch (e.check()) {
                case NOECN -> 0;
                case ECT1 -> 1;
                case ECT0, ECT01 -> 2;
                case CE -> 3;
            };
        }
        return 0;
    }

    static int flagBits(org.mptcpkit.drill.ast.TcpFlags f) {
        int b = 0;
        if (f.fin()) b |= TcpFlags.FIN_BIT;
        if (f.syn()) b |= TcpFlags.SYN_BIT;
        if (f.rst()) b |= TcpFlags.RST_BIT;
        if (f.psh()) b |= TcpFlags.PSH_BIT;
        if (f.ack()) b |= TcpFlags.ACK_BIT;
        if (f.urg()) b |= TcpFlags.URG_BIT;
        if (f.ece()) b |= TcpFlags.ECE_BIT;
        if (f.cwr()) b |= TcpFlags.CWR_BIT;
        if (f.ae()) b |= TcpFlags.AE_BIT;
        return b;
    }

    private TcpOption inboundOption(TcpOptionSpec o, Segment.Tcp seg, Conn c, int line) {
        return switch (o) {
            case TcpOptionSpec.Eol e -> Eol.INSTANCE;
            case TcpOptionSpec.Nop n -> Nop.INSTANCE;
            case TcpOptionSpec.Mss m -> Mss.of(m.mss());
            case TcpOptionSpec.WindowScale w -> WindowScale.of(w.shiftCount());
            case TcpOptionSpec.SackPermitted s -> SackPermitted.INSTANCE;
            case TcpOptionSpec.Sack s -> {
                List<Sack.Block> blocks = new ArrayList<>();
                for (TcpOptionSpec.SackBlock b : s.blocks()) {
                    blocks.add(new Sack.Block((b.left() + c.localIsnOffset) & U32, (b.right() + c.localIsnOffset) & U32));
                }
                yield new Sack(Field.AUTO, blocks);
            }
            case TcpOptionSpec.Timestamp t -> {
                long ecr = t.echoReply();
                if (seg.flags().ack()) {
                    Long live = c.liveEcr(ecr);
                    if (live == null) {
                        throw new ScriptFailure(line, "error handling packet: unable to infer live TS ecr for script TS ecr "
                                + ecr + ";  no matching or preceding outound TS val");
                    }
                    ecr = live;
                }
                yield Timestamps.of(t.value() & U32, ecr);
            }
            case TcpOptionSpec.Md5 m -> new Md5Signature(Field.AUTO, m.digest());
            case TcpOptionSpec.FastOpen f -> FastOpen.of(f.cookie());
            case TcpOptionSpec.FastOpenExp f -> new UnknownOption(254, Field.AUTO, Bytes.of((byte) 0xf9, (byte) 0x89).concat(f.cookie()));
            case TcpOptionSpec.Mptcp m -> inboundMptcp(m, seg, c, line);
        };
    }

    private MptcpOption inboundMptcp(TcpOptionSpec.Mptcp m, Segment.Tcp seg, Conn c, int line) {
        return switch (m) {
            case TcpOptionSpec.MpCapable cap -> {
                mp.version = cap.version();
                int f = cap.flags();
                boolean a = (f & 0x80) != 0, b = (f & 0x40) != 0, cc = (f & 0x20) != 0, h = (f & 0x01) != 0;
                int res = (f & 0x1e) >> 1;
                List<KeyVar> keys = cap.keys();
                if (keys.isEmpty()) {
                    yield new MpCapable.Syn(Field.AUTO, cap.version(), a, b, cc, res, h);
                }
                long sender = mp.pdKeyFor(keys.get(0));
                if (keys.size() == 1) {
                    yield new MpCapable.SynAck(Field.AUTO, cap.version(), a, b, cc, res, h, sender);
                }
                KeyVar rv = keys.get(1);
                long receiver;
                if (mp.kernelKey != null) {
                    receiver = mp.kernelKey;
                    mp.keyVars.putIfAbsent(rv.name(), receiver);
                } else if (rv.value().isPresent()) {
                    receiver = MptcpState.literalKey(rv.value().getAsLong());
                    mp.keyVars.put(rv.name(), receiver);
                } else {
                    Long bound = mp.key(rv.name());
                    if (bound == null) throw new ScriptFailure(line, "error handling packet: the kernel's MPTCP key is not known yet");
                    receiver = bound;
                }
                if (cap.dataLevelLength() > 0) {
                    yield new MpCapable.AckData(Field.AUTO, cap.version(), a, b, cc, res, h, sender, receiver,
                            cap.dataLevelLength(), false, Field.AUTO);
                }
                yield new MpCapable.Ack(Field.AUTO, cap.version(), a, b, cc, res, h, sender, receiver);
            }
            case TcpOptionSpec.MpCapableV0 v0 -> {
                mp.version = 0;
                int f = v0.flags();
                long sender = mp.pdKeyFor(v0.senderKey());
                boolean a = (f & 0x80) != 0, b = (f & 0x40) != 0, cc = (f & 0x20) != 0, h = (f & 0x01) != 0;
                int res = (f & 0x1e) >> 1;
                if (v0.receiverKey().isEmpty()) yield new MpCapable.SynAck(Field.AUTO, 0, a, b, cc, res, h, sender);
                long receiver = mp.kernelKey != null ? mp.kernelKey : mp.bind(v0.receiverKey().get(), 0);
                yield new MpCapable.Ack(Field.AUTO, 0, a, b, cc, res, h, sender, receiver);
            }
            case TcpOptionSpec.MpJoinSyn js -> {
                long token = switch (js.token()) {
                    case TokenSpec.Literal l -> l.token() & U32;
                    case TokenSpec.OfKey k -> {
                        Long key = mp.key(k.key());
                        if (key == null) throw new ScriptFailure(line, "error handling packet: unknown MPTCP key variable '" + k.key() + "'");
                        yield mp.tokenOf(k.algorithm(), key);
                    }
                    case TokenSpec.Auto au -> mp.kernelKey == null ? 0 : mp.tokenOf(
                            mp.version == 0 ? org.mptcpkit.drill.ast.HashAlgorithm.SHA1 : org.mptcpkit.drill.ast.HashAlgorithm.SHA256,
                            mp.kernelKey);
                };
                c.pdRandom = js.rand().orElse(42) & U32;
                c.pdAddressId = js.addressId().orElse(mp.pdAddressId(c.remoteIp));
                yield new MpJoin.Syn(Field.AUTO, 0, js.backup(), c.pdAddressId, token, c.pdRandom);
            }
            case TcpOptionSpec.MpJoinSynAck sa -> {
                // Kernel-initiated join: packetdrill answers with a random of its own (quirk §7.4).
                c.pdRandom = sa.rand().isPresent() ? sa.rand().getAsLong() & U32 : ThreadLocalRandom.current().nextLong() & U32;
                c.pdAddressId = sa.addressId().orElse(mp.pdAddressId(c.remoteIp));
                long hmac = switch (sa.hmac()) {
                    case HmacSpec.TruncatedLiteral t -> t.value();
                    case HmacSpec.Truncated t -> MpJoinHmac.hmac(1, keyOf(t.firstKey(), line), keyOf(t.secondKey(), line),
                            c.pdRandom, c.kernelRandom).u64(0);
                    case HmacSpec.Full f -> MpJoinHmac.hmac(1, keyOf(f.firstKey(), line), keyOf(f.secondKey(), line),
                            c.pdRandom, c.kernelRandom).u64(0);
                    case HmacSpec.Auto au -> MpJoinHmac.synAckTruncatedHmac(1, need(mp.kernelKey, line), need(mp.pdKey, line),
                            c.kernelRandom, c.pdRandom);
                };
                yield new MpJoin.SynAck(Field.AUTO, 0, sa.backup(), c.pdAddressId, hmac, c.pdRandom);
            }
            case TcpOptionSpec.MpJoinAck ja -> {
                Bytes hmac = switch (ja.hmac()) {
                    case HmacSpec.TruncatedLiteral t -> Bytes.ofLong(t.value()).concat(Bytes.zeros(12));
                    case HmacSpec.Truncated t -> MpJoinHmac.hmac(1, keyOf(t.firstKey(), line), keyOf(t.secondKey(), line),
                            c.pdRandom, c.kernelRandom).slice(0, 20);
                    case HmacSpec.Full f -> MpJoinHmac.hmac(1, keyOf(f.firstKey(), line), keyOf(f.secondKey(), line),
                            c.pdRandom, c.kernelRandom).slice(0, 20);
                    case HmacSpec.Auto au -> MpJoinHmac.ackHmac(1, need(mp.pdKey, line), need(mp.kernelKey, line),
                            c.pdRandom, c.kernelRandom);
                };
                yield new MpJoin.Ack(Field.AUTO, 0, hmac);
            }
            case TcpOptionSpec.Dss d -> inboundDss(d, seg, c, line);
            case TcpOptionSpec.AddAddress aa -> {
                InetAddress address;
                if (aa.address().isPresent()) {
                    address = aa.address().get();
                    mp.addrVars.put(aa.addressVariable(), new MptcpState.Endpoint(address, c.remotePort));
                } else {
                    MptcpState.Endpoint ep = mp.addrVars.get(aa.addressVariable());
                    if (ep == null) {
                        MptcpState.PdAddress pa = mp.newPdAddress();
                        ep = new MptcpState.Endpoint(pa.address(), c.remotePort);
                        mp.addrVars.put(aa.addressVariable(), ep);
                    }
                    address = ep.address();
                    // Quirk §7.3: addr[NAME] without a literal is always IPv4-sized.
                    if (address instanceof Inet6Address) address = firstFourBytes(address);
                }
                int id = aa.addressId().orElse(mp.pdAddressId(address));
                int port = aa.port().orElse(0);
                boolean echo = aa.hmac() instanceof Echo;
                long hmac = switch (aa.hmac()) {
                    case Echo e -> 0;
                    case Value v -> v.hmac();
                    case Auto au -> AddAddrHmac.truncatedHmac(need(mp.pdKey, line), need(mp.kernelKey, line), id, address, 0);
                };
                yield new AddAddr.V1(Field.AUTO, 0, echo, id, address, aa.port().isPresent(), port, !echo, hmac);
            }
            case TcpOptionSpec.RemoveAddress ra -> new RemoveAddr(Field.AUTO, 0, ra.addressIds());
            case TcpOptionSpec.MpPrio p -> new MpPrio(Field.AUTO, 0, p.backup(), p.addressId().isPresent(), p.addressId().orElse(0));
            case TcpOptionSpec.MpFail f -> {
                // The DSN of the kernel's mapping that failed its checksum: the kernel's space.
                Long v = mp.resolve(f.dataSequence(), mp.kernelIdsn(), line);
                yield new MpFail(Field.AUTO, 0, v == null ? 0 : v);
            }
            case TcpOptionSpec.MpFastclose fc -> {
                long key;
                if (fc.key().isPresent()) {
                    KeyVar kv = fc.key().get();
                    long host;
                    if (kv.value().isPresent()) {
                        host = kv.value().getAsLong();
                    } else {
                        Long bound = mp.key(kv.name());
                        if (bound == null) throw new ScriptFailure(line, "error handling packet: unknown MPTCP key variable '" + kv.name() + "'");
                        host = Long.reverseBytes(bound);
                    }
                    // Quirk §7.2: the fork puts the variable's value through htonll().
                    key = host + fc.offset();
                } else {
                    key = need(mp.kernelKey, line) + fc.offset();
                }
                yield new MpFastclose(Field.AUTO, 0, key);
            }
            case TcpOptionSpec.MpReset r -> new MpTcpRst(Field.AUTO, false, false, false, r.transientFlag(), r.reason());
        };
    }

    private static InetAddress firstFourBytes(InetAddress a) {
        byte[] b = a.getAddress();
        try {
            return InetAddress.getByAddress(new byte[]{b[0], b[1], b[2], b[3]});
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private long keyOf(String name, int line) {
        Long k = mp.key(name);
        if (k == null) throw new ScriptFailure(line, "error handling packet: unknown MPTCP key variable '" + name + "'");
        return k;
    }

    private static long need(Long key, int line) {
        if (key == null) throw new ScriptFailure(line, "error handling packet: MPTCP keys are not known yet");
        return key;
    }

    private Dss inboundDss(TcpOptionSpec.Dss d, Segment.Tcp seg, Conn c, int line) {
        boolean hasAck = d.dataAck().isPresent();
        boolean hasMap = d.dataSequence().isPresent();
        long dack = 0;
        boolean dack8 = false;
        if (hasAck) {
            DssNumber n = d.dataAck().get();
            dack8 = n.width() == 8;
            Long v = mp.resolve(n.value(), mp.kernelIdsn(), line);
            dack = v != null ? v : mp.kernelIdsn() + mp.kernelNextDsn;
            if (!dack8) dack &= U32;
        }
        if (!hasMap) {
            return new Dss(Field.AUTO, 0, d.dataFin(), false, false, dack8, hasAck, dack, 0, 0, 0, false, Field.AUTO);
        }
        DssNumber n = d.dataSequence().get();
        boolean dsn8 = n.width() == 8;
        Long v = mp.resolve(n.value(), mp.pdIdsn(), line);
        long dsn = v != null ? v : mp.pdIdsn() + mp.pdNextDsn;
        long ssn = d.subflowSequence().orElse(c.pdNextSsn) & U32;
        int dll = d.dataLevelLength().orElse(seg.payloadLength() + (d.dataFin() ? 1 : 0));
        c.pdNextSsn = ssn + seg.payloadLength();
        mp.pdNextDsn = dsn - mp.pdIdsn() + dll;
        if (!dsn8) dsn &= U32;
        boolean csum = !(d.checksum() instanceof org.mptcpkit.drill.ast.DssChecksum.Absent);
        int checksum = Field.AUTO;
        if (d.checksum() instanceof org.mptcpkit.drill.ast.DssChecksum.Value cv) {
            checksum = cv.checksum();
        } else if (csum) {
            // The fork sums the pseudo header only; the payload is zeros, so that is the same.
            checksum = DssChecksum.compute(dsn, ssn, dll, Bytes.EMPTY);
        }
        return new Dss(Field.AUTO, 0, d.dataFin(), dsn8, true, dack8, hasAck, dack, dsn, ssn, dll, csum, checksum);
    }

    // =====================================================================================
    // Outbound

    /** Differences found by {@link #compare}: the first one is packetdrill's message. */
    static final class Diffs {
        final List<String> all = new ArrayList<>();
        String first;

        void add(String packetdrillMessage, String detail) {
            if (first == null) first = packetdrillMessage;
            all.add(detail);
        }

        void field(String name, long expected, long actual) {
            if (expected == actual) return;
            String m = "live packet field " + name + ": expected: " + expected + " (0x" + Long.toHexString(expected)
                    + ") vs actual: " + actual + " (0x" + Long.toHexString(actual) + ")";
            add(m, m);
        }

        boolean isEmpty() {
            return all.isEmpty();
        }
    }

    /**
     * Compares live packet {@code live} (already known to belong to {@code c}) with line
     * {@code seg}, binding variables and learning state on the way. Every difference is collected.
     */
    Diffs compare(PacketEvent pe, Segment.Tcp seg, IpPacket live, Tcp tcp, Conn c, int line) {
        Diffs d = new Diffs();
        int liveOptLen = tcp.dataOffset() * 4 - 20;
        int scriptOptLen = seg.options() instanceof TcpOptions.Exactly ex ? OptionLengths.total(ex.options()) : liveOptLen;
        int tcpLen = 20 + scriptOptLen + seg.payloadLength();
        IpInfo info = pe.ipInfo();
        switch (live) {
            case Ip4 ip -> {
                d.field("ipv4_version", 4, ip.version());
                d.field("ipv4_protocol", 6, ip.protocol());
                d.field("ipv4_header_length", 5, ip.ihl());
                d.field("ipv4_total_length", 20 + tcpLen, ip.totalLength());
                checkTos(d, "ipv4", info, (ip.dscp() << 2) | ip.ecn());
                if (info.ttl().isPresent()) d.field("ipv4_ttl", info.ttl().getAsInt(), ip.ttl());
            }
            case Ip6 ip -> {
                d.field("ipv6_version", 6, ip.version());
                d.field("ipv6_payload_len", tcpLen, ip.payloadLength());
                d.field("ipv6_next_header", 6, ip.nextHeader());
                checkTos(d, "ipv6", info, (ip.dscp() << 2) | ip.ecn());
                if (info.ttl().isPresent()) d.field("ipv6_hop_limit", info.ttl().getAsInt(), ip.hopLimit());
                if (info.flowLabel().isPresent()) d.field("ipv6_flow_label", info.flowLabel().getAsInt(), ip.flowLabel());
            }
            case org.mptcpkit.packet.RawPacket r -> d.add("live packet header layer 1: not an IP header", "not an IP packet");
        }
        int bits = tcp.flags().bits();
        int want = flagBits(seg.flags());
        d.field("tcp_data_offset", (20 + scriptOptLen) / 4, tcp.dataOffset());
        d.field("tcp_fin", bit(want, TcpFlags.FIN_BIT), bit(bits, TcpFlags.FIN_BIT));
        d.field("tcp_syn", bit(want, TcpFlags.SYN_BIT), bit(bits, TcpFlags.SYN_BIT));
        d.field("tcp_rst", bit(want, TcpFlags.RST_BIT), bit(bits, TcpFlags.RST_BIT));
        d.field("tcp_psh", bit(want, TcpFlags.PSH_BIT), bit(bits, TcpFlags.PSH_BIT));
        d.field("tcp_ack", bit(want, TcpFlags.ACK_BIT), bit(bits, TcpFlags.ACK_BIT));
        d.field("tcp_urg", bit(want, TcpFlags.URG_BIT), bit(bits, TcpFlags.URG_BIT));
        d.field("tcp_ece", bit(want, TcpFlags.ECE_BIT), bit(bits, TcpFlags.ECE_BIT));
        d.field("tcp_cwr", bit(want, TcpFlags.CWR_BIT), bit(bits, TcpFlags.CWR_BIT));
        d.field("tcp_ae", bit(want, TcpFlags.AE_BIT), bit(bits, TcpFlags.AE_BIT));
        d.field("tcp_reserved_bits", 0, tcp.reserved());
        long seq = (bits & TcpFlags.SYN_BIT) != 0 ? seg.startSequence() & U32 : (tcp.seq() - c.localIsnOffset) & U32;
        d.field("tcp_seq", seg.startSequence() & U32, seq);
        long ack = (bits & TcpFlags.ACK_BIT) != 0 ? (tcp.ack() - c.remoteIsn) & U32 : tcp.ack();
        d.field("tcp_ack_seq", seg.ack().orElse(0) & U32, ack);
        if (seg.window().isPresent()) d.field("tcp_window", seg.window().getAsInt(), tcp.window());
        d.field("tcp_urg_ptr", seg.urgentPointer().orElse(0), tcp.urgentPointer());
        if (seg.options() instanceof TcpOptions.Exactly ex) compareOptions(d, ex.options(), seg, tcp, c, line);
        else learnTimestamps(null, tcp, c);
        if (tcp.payload().length() != seg.payloadLength()) {
            String m = "live packet payload: expected " + seg.payloadLength() + " bytes vs actual " + tcp.payload().length() + " bytes";
            d.add(m, m);
        } else {
            for (int i = 0; i < tcp.payload().length(); i++) {
                if (tcp.payload().get(i) != 0) {
                    d.add("incorrect outbound data payload", "incorrect outbound data payload: byte " + i + " is not 0");
                    break;
                }
            }
        }
        return d;
    }

    /**
     * Compares live datagram {@code live} (already known to belong to {@code c}) with line
     * {@code seg}: the IP header as for TCP, then the UDP ports, length and payload (zeros).
     */
    Diffs compare(PacketEvent pe, Segment.Udp seg, IpPacket live, UdpHeader udp, Conn c) {
        Diffs d = new Diffs();
        int udpLen = UdpHeader.HEADER_LENGTH + seg.payloadLength();
        IpInfo info = pe.ipInfo();
        switch (live) {
            case Ip4 ip -> {
                d.field("ipv4_version", 4, ip.version());
                d.field("ipv4_protocol", UdpHeader.PROTOCOL, ip.protocol());
                d.field("ipv4_header_length", 5, ip.ihl());
                d.field("ipv4_total_length", 20 + udpLen, ip.totalLength());
                checkTos(d, "ipv4", info, (ip.dscp() << 2) | ip.ecn());
                if (info.ttl().isPresent()) d.field("ipv4_ttl", info.ttl().getAsInt(), ip.ttl());
            }
            case Ip6 ip -> {
                d.field("ipv6_version", 6, ip.version());
                d.field("ipv6_payload_len", udpLen, ip.payloadLength());
                d.field("ipv6_next_header", UdpHeader.PROTOCOL, ip.nextHeader());
                checkTos(d, "ipv6", info, (ip.dscp() << 2) | ip.ecn());
                if (info.ttl().isPresent()) d.field("ipv6_hop_limit", info.ttl().getAsInt(), ip.hopLimit());
                if (info.flowLabel().isPresent()) d.field("ipv6_flow_label", info.flowLabel().getAsInt(), ip.flowLabel());
            }
            case org.mptcpkit.packet.RawPacket r -> d.add("live packet header layer 1: not an IP header", "not an IP packet");
        }
        d.field("udp_src_port", c.localPort, udp.srcPort());
        d.field("udp_dst_port", c.remotePort, udp.dstPort());
        d.field("udp_len", udpLen, udp.length());
        if (udp.payload().length() != seg.payloadLength()) {
            String m = "live packet payload: expected " + seg.payloadLength() + " bytes vs actual " + udp.payload().length() + " bytes";
            d.add(m, m);
        } else {
            for (int i = 0; i < udp.payload().length(); i++) {
                if (udp.payload().get(i) != 0) {
                    d.add("incorrect outbound data payload", "incorrect outbound data payload: byte " + i + " is not 0");
                    break;
                }
            }
        }
        return d;
    }

    private static void checkTos(Diffs d, String ip, IpInfo info, int tos) {
        if (info.tos().isEmpty()) return;
        switch (info.tos().get()) {
            case IpInfo.TosSpec.Tos t -> d.field(ip + "_tos", t.value(), tos);
            case IpInfo.TosSpec.Ecn e -> {
                int ecn = tos & 3;
                if (e.check() == IpInfo.EcnCheck.ECT01) {
                    if (ecn != 1 && ecn != 2) d.add("live packet field " + ip + "_ecn: expected ECT(0) or ECT(1)",
                            ip + "_ecn: expected ECT(0) or ECT(1) vs actual: " + ecn);
                } else {
                    d.field(ip + "_ecn", ecnBits(info), ecn);
                }
            }
        }
    }

    private static long bit(int bits, int mask) {
        return (bits & mask) != 0 ? 1 : 0;
    }

    private static int kindOf(TcpOptionSpec o) {
        return switch (o) {
            case TcpOptionSpec.Eol e -> 0;
            case TcpOptionSpec.Nop n -> 1;
            case TcpOptionSpec.Mss m -> 2;
            case TcpOptionSpec.WindowScale w -> 3;
            case TcpOptionSpec.SackPermitted s -> 4;
            case TcpOptionSpec.Sack s -> 5;
            case TcpOptionSpec.Timestamp t -> 8;
            case TcpOptionSpec.Md5 m -> 19;
            case TcpOptionSpec.FastOpen f -> 34;
            case TcpOptionSpec.FastOpenExp f -> 254;
            case TcpOptionSpec.Mptcp m -> 30;
        };
    }

    private void learnTimestamps(TcpOptionSpec.Timestamp script, Tcp tcp, Conn c) {
        for (TcpOption o : tcp.options()) {
            if (o instanceof Timestamps ts) {
                long scriptVal = script != null ? script.value() & U32 : ts.tsVal();
                if (!c.tsBaseKnown) {
                    c.tsBaseKnown = true;
                    c.tsScriptBase = scriptVal;
                    c.tsLiveBase = ts.tsVal();
                }
                c.tsMap.put(scriptVal, ts.tsVal());
            }
        }
    }

    private void compareOptions(Diffs d, List<TcpOptionSpec> want, Segment.Tcp seg, Tcp tcp, Conn c, int line) {
        List<TcpOption> have = tcp.options();
        boolean sameKinds = want.size() == have.size();
        for (int i = 0; sameKinds && i < want.size(); i++) {
            if (kindOf(want.get(i)) != have.get(i).kind()) sameKinds = false;
        }
        if (!sameKinds) {
            d.add("bad outbound TCP options", "TCP option kinds: expected " + kinds(want) + " vs actual " + kindsLive(have));
            TcpOptionSpec.Timestamp ts = null;
            for (TcpOptionSpec o : want) if (o instanceof TcpOptionSpec.Timestamp t) ts = t;
            learnTimestamps(ts, tcp, c);
            return;
        }
        for (int i = 0; i < want.size(); i++) {
            TcpOptionSpec w = want.get(i);
            TcpOption h = have.get(i);
            switch (w) {
                case TcpOptionSpec.Eol e -> { }
                case TcpOptionSpec.Nop n -> { }
                case TcpOptionSpec.Timestamp t -> {
                    Timestamps live = (Timestamps) h;
                    if (!c.tsBaseKnown) {
                        c.tsBaseKnown = true;
                        c.tsScriptBase = t.value() & U32;
                        c.tsLiveBase = live.tsVal();
                    }
                    c.tsMap.put(t.value() & U32, live.tsVal());
                    if (tsTickUsecs != 0) {
                        long mapped = (c.tsScriptBase + (live.tsVal() - c.tsLiveBase)) & U32;
                        long delta = Math.abs(mapped - (t.value() & U32));
                        if (delta * tsTickUsecs > toleranceUsecs) {
                            d.add("bad outbound TCP timestamp value, tolerance " + toleranceUsecs,
                                    "TS val: expected " + (t.value() & U32) + " vs actual " + mapped);
                        }
                    }
                }
                case TcpOptionSpec.Mptcp m -> compareMptcp(d, m, (MptcpOption) h, seg, tcp, c, line);
                default -> {
                    TcpOption expected = inboundOption(w, seg, c, line);
                    Bytes eb = optionBytes(expected), hb = optionBytes(h);
                    if (eb.length() != hb.length()) {
                        d.add("bad lengths for outbound TCP option " + h.kind(), "option kind " + h.kind() + ": expected length "
                                + eb.length() + " vs actual " + hb.length());
                    } else if (!eb.equals(hb)) {
                        d.add("bad value outbound TCP option " + h.kind(), "option kind " + h.kind() + ": expected "
                                + eb.hex() + " vs actual " + hb.hex());
                    }
                }
            }
        }
    }

    private static Bytes optionBytes(TcpOption o) {
        Tcp t = new Tcp(0, 0, 0, 0, Field.AUTO, 0, TcpFlags.NONE, 0, Field.AUTO, 0, List.of(o), Bytes.EMPTY);
        Ip4 ip = new Ip4(4, Field.AUTO, 0, 0, Field.AUTO, 0, false, false, false, 0, 64, Field.AUTO, Field.AUTO,
                Ip4Address.ANY, Ip4Address.ANY, Bytes.EMPTY, t, Bytes.EMPTY);
        byte[] b = org.mptcpkit.wire.PacketCodec.encode(ip);
        int len = o.kind() <= 1 ? 1 : b[41] & 0xff;
        return Bytes.copyOf(b, 40, Math.min(len, b.length - 40));
    }

    private static String kinds(List<TcpOptionSpec> l) {
        StringBuilder sb = new StringBuilder("[");
        for (TcpOptionSpec o : l) sb.append(sb.length() > 1 ? " " : "").append(kindOf(o));
        return sb.append(']').toString();
    }

    private static String kindsLive(List<TcpOption> l) {
        StringBuilder sb = new StringBuilder("[");
        for (TcpOption o : l) sb.append(sb.length() > 1 ? " " : "").append(o.kind());
        return sb.append(']').toString();
    }

    private void mismatch(Diffs d, String what, Object expected, Object actual) {
        d.add("MPTCP option mismatch: 30", what + ": expected " + expected + " vs actual " + actual);
    }

    private static String hex(long v) {
        return Long.toUnsignedString(v);
    }

    private void compareMptcp(Diffs d, TcpOptionSpec.Mptcp want, MptcpOption have, Segment.Tcp seg, Tcp tcp, Conn c, int line) {
        switch (want) {
            case TcpOptionSpec.MpCapable cap -> {
                if (!(have instanceof MpCapable live)) {
                    mismatch(d, "MPTCP subtype", "mp_capable", MptcpFormat.subtypeName(have));
                    return;
                }
                mp.version = cap.version();
                if (cap.version() != live.version()) mismatch(d, "mpcapable version", cap.version(), live.version());
                if (cap.flags() != live.flags()) mismatch(d, "mpcapable flags", MptcpFormat.capFlags(cap.flags()), MptcpFormat.capFlags(live.flags()));
                List<KeyVar> keys = cap.keys();
                long sender = switch (live) {
                    case MpCapable.SynAck s -> s.senderKey();
                    case MpCapable.Ack a -> a.senderKey();
                    case MpCapable.AckData a -> a.senderKey();
                    case MpCapable.Syn s -> 0;
                };
                long receiver = switch (live) {
                    case MpCapable.Ack a -> a.receiverKey();
                    case MpCapable.AckData a -> a.receiverKey();
                    default -> 0;
                };
                if (!keys.isEmpty() && !(live instanceof MpCapable.Syn)) {
                    // The kernel's key comes from the first outbound keyed MP_CAPABLE (§6.6).
                    if (mp.kernelKey == null) mp.kernelKey = sender;
                    else if (mp.kernelKey != sender) mismatch(d, "mpcapable sender_key", hex(mp.kernelKey), hex(sender));
                    mp.bind(keys.get(0), sender);
                    if (keys.size() > 1 && (live instanceof MpCapable.Ack || live instanceof MpCapable.AckData)) {
                        KeyVar rv = keys.get(1);
                        Long expect = mp.pdKey != null ? mp.pdKey
                                : rv.value().isPresent() ? MptcpState.literalKey(rv.value().getAsLong()) : mp.key(rv.name());
                        if (expect == null) {
                            mp.bind(rv, receiver);
                        } else if (expect != receiver) {
                            mismatch(d, "mpcapable receiver_key", hex(expect), hex(receiver));
                        }
                    }
                }
                if (cap.dataLevelLength() > 0 && live instanceof MpCapable.AckData ad && ad.dataLevelLength() != cap.dataLevelLength()) {
                    mismatch(d, "mpcapable mpcdatalen", cap.dataLevelLength(), ad.dataLevelLength());
                }
            }
            case TcpOptionSpec.MpCapableV0 v0 -> {
                if (!(have instanceof MpCapable live)) {
                    mismatch(d, "MPTCP subtype", "mp_capable", MptcpFormat.subtypeName(have));
                    return;
                }
                mp.version = 0;
                if (live.version() != 0) mismatch(d, "mp_capable version", 0, live.version());
                if (v0.flags() != live.flags()) mismatch(d, "mp_capable flags", MptcpFormat.capFlags(v0.flags()), MptcpFormat.capFlags(live.flags()));
                if (live instanceof MpCapable.SynAck s) {
                    if (mp.kernelKey == null) mp.kernelKey = s.senderKey();
                    mp.bind(v0.senderKey(), s.senderKey());
                }
            }
            case TcpOptionSpec.MpJoinSyn js -> {
                if (!(have instanceof MpJoin.Syn live)) {
                    mismatch(d, "MPTCP subtype", "mp_join_syn", MptcpFormat.subtypeName(have));
                    return;
                }
                c.kernelRandom = live.senderRandom();
                c.kernelAddressId = live.addressId();
                if (js.backup() != live.backup()) mismatch(d, "mp_join_syn backup", js.backup() ? 1 : 0, live.backup() ? 1 : 0);
                if (js.addressId().isPresent() && js.addressId().getAsInt() != live.addressId()) {
                    mismatch(d, "mp_join_syn address_id", js.addressId().getAsInt(), live.addressId());
                }
                Long token = switch (js.token()) {
                    case TokenSpec.Literal l -> l.token() & U32;
                    case TokenSpec.OfKey k -> mp.key(k.key()) == null ? null : mp.tokenOf(k.algorithm(), mp.key(k.key()));
                    case TokenSpec.Auto au -> null;
                };
                if (token != null && token != live.receiverToken()) mismatch(d, "mp_join_syn token", token, live.receiverToken());
                if (js.rand().isPresent() && (js.rand().getAsLong() & U32) != live.senderRandom()) {
                    mismatch(d, "mp_join_syn rand", js.rand().getAsLong(), live.senderRandom());
                }
            }
            case TcpOptionSpec.MpJoinSynAck sa -> {
                if (!(have instanceof MpJoin.SynAck live)) {
                    mismatch(d, "MPTCP subtype", "mp_join_syn_ack", MptcpFormat.subtypeName(have));
                    return;
                }
                c.kernelRandom = live.senderRandom();
                c.kernelAddressId = live.addressId();
                if (sa.backup() != live.backup()) mismatch(d, "mp_join_syn_ack backup", sa.backup() ? 1 : 0, live.backup() ? 1 : 0);
                if (sa.addressId().isPresent() && sa.addressId().getAsInt() != live.addressId()) {
                    mismatch(d, "mp_join_syn_ack address_id", sa.addressId().getAsInt(), live.addressId());
                }
                if (sa.rand().isPresent() && (sa.rand().getAsLong() & U32) != live.senderRandom()) {
                    mismatch(d, "mp_join_syn_ack rand", sa.rand().getAsLong(), live.senderRandom());
                }
                Long hmac = switch (sa.hmac()) {
                    case HmacSpec.TruncatedLiteral t -> t.value();
                    case HmacSpec.Truncated t -> MpJoinHmac.hmac(1, keyOf(t.firstKey(), line), keyOf(t.secondKey(), line),
                            c.kernelRandom, c.pdRandom).u64(0);
                    case HmacSpec.Full f -> MpJoinHmac.hmac(1, keyOf(f.firstKey(), line), keyOf(f.secondKey(), line),
                            c.kernelRandom, c.pdRandom).u64(0);
                    case HmacSpec.Auto au -> mp.pdKey == null || mp.kernelKey == null ? null
                            : MpJoinHmac.synAckTruncatedHmac(1, mp.pdKey, mp.kernelKey, c.pdRandom, c.kernelRandom);
                };
                if (hmac != null && hmac != live.senderTruncatedHmac()) {
                    mismatch(d, "mp_join_syn_ack sender_hmac", hex(hmac), hex(live.senderTruncatedHmac()));
                }
            }
            case TcpOptionSpec.MpJoinAck ja -> {
                if (!(have instanceof MpJoin.Ack live)) {
                    mismatch(d, "MPTCP subtype", "mp_join_ack", MptcpFormat.subtypeName(have));
                    return;
                }
                Bytes hmac = switch (ja.hmac()) {
                    case HmacSpec.TruncatedLiteral t -> null;
                    case HmacSpec.Truncated t -> MpJoinHmac.hmac(1, keyOf(t.firstKey(), line), keyOf(t.secondKey(), line),
                            c.kernelRandom, c.pdRandom).slice(0, 20);
                    case HmacSpec.Full f -> MpJoinHmac.hmac(1, keyOf(f.firstKey(), line), keyOf(f.secondKey(), line),
                            c.kernelRandom, c.pdRandom).slice(0, 20);
                    case HmacSpec.Auto au -> mp.pdKey == null || mp.kernelKey == null ? null
                            : MpJoinHmac.ackHmac(1, mp.kernelKey, mp.pdKey, c.kernelRandom, c.pdRandom);
                };
                if (hmac != null && !hmac.equals(live.senderHmac())) mismatch(d, "mp_join_ack sender_hmac", hmac.hex(), live.senderHmac().hex());
            }
            case TcpOptionSpec.Dss w -> {
                if (!(have instanceof Dss live)) {
                    mismatch(d, "MPTCP subtype", "dss", MptcpFormat.subtypeName(have));
                    return;
                }
                boolean wantMap = w.dataSequence().isPresent();
                boolean wantAck = w.dataAck().isPresent();
                if (wantMap != live.mappingPresent()) mismatch(d, "dss flag M", wantMap ? 1 : 0, live.mappingPresent() ? 1 : 0);
                if (wantMap && (w.dataSequence().get().width() == 8) != live.dataSequenceNumber8()) {
                    mismatch(d, "dss flag m", w.dataSequence().get().width() == 8 ? 1 : 0, live.dataSequenceNumber8() ? 1 : 0);
                }
                if (wantAck != live.dataAckPresent()) mismatch(d, "dss flag A", wantAck ? 1 : 0, live.dataAckPresent() ? 1 : 0);
                if (wantAck && (w.dataAck().get().width() == 8) != live.dataAck8()) {
                    mismatch(d, "dss flag a", w.dataAck().get().width() == 8 ? 1 : 0, live.dataAck8() ? 1 : 0);
                }
                if (w.dataFin() != live.dataFin()) mismatch(d, "dss flag F", w.dataFin() ? 1 : 0, live.dataFin() ? 1 : 0);
                if (wantAck && live.dataAckPresent()) {
                    Long v = mp.resolve(w.dataAck().get().value(), mp.pdIdsn(), line);
                    if (v != null) {
                        long expect = live.dataAck8() ? v : v & U32;
                        if (expect != live.dataAck()) {
                            mismatch(d, "dss dack", Long.toUnsignedString(rel(expect, mp.pdIdsn(), live.dataAck8())),
                                    Long.toUnsignedString(rel(live.dataAck(), mp.pdIdsn(), live.dataAck8())));
                        }
                    }
                }
                if (live.mappingPresent()) {
                    long relEnd = rel(live.dataSequenceNumber(), mp.kernelIdsn(), live.dataSequenceNumber8()) + live.dataLevelLength();
                    if (relEnd > mp.kernelNextDsn && relEnd < (1L << 40)) mp.kernelNextDsn = relEnd;
                }
                if (wantMap && live.mappingPresent()) {
                    Long v = mp.resolve(w.dataSequence().get().value(), mp.kernelIdsn(), line);
                    if (v != null) {
                        long expect = live.dataSequenceNumber8() ? v : v & U32;
                        if (expect != live.dataSequenceNumber()) {
                            mismatch(d, "dss dsn", Long.toUnsignedString(rel(expect, mp.kernelIdsn(), live.dataSequenceNumber8())),
                                    Long.toUnsignedString(rel(live.dataSequenceNumber(), mp.kernelIdsn(), live.dataSequenceNumber8())));
                        }
                    }
                    if (w.subflowSequence().isPresent() && (w.subflowSequence().getAsLong() & U32) != live.subflowSequenceNumber()) {
                        mismatch(d, "dss ssn", w.subflowSequence().getAsLong(), live.subflowSequenceNumber());
                    }
                    if (w.dataLevelLength().isPresent() && w.dataLevelLength().getAsInt() != live.dataLevelLength()) {
                        mismatch(d, "dss dll", w.dataLevelLength().getAsInt(), live.dataLevelLength());
                    }
                    boolean wantCsum = !(w.checksum() instanceof org.mptcpkit.drill.ast.DssChecksum.Absent);
                    if (wantCsum != live.checksumPresent()) mismatch(d, "dss checksum present", wantCsum, live.checksumPresent());
                    if (w.checksum() instanceof org.mptcpkit.drill.ast.DssChecksum.Value cv && live.checksumPresent()
                            && cv.checksum() != live.checksum()) {
                        mismatch(d, "dss checksum", cv.checksum(), live.checksum());
                    }
                }
            }
            case TcpOptionSpec.AddAddress w -> {
                if (!(have instanceof AddAddr.V1 live)) {
                    mismatch(d, "MPTCP subtype", "add_address", MptcpFormat.subtypeName(have));
                    return;
                }
                boolean echo = w.hmac() instanceof Echo;
                if (echo != live.echo()) mismatch(d, "add_address echo", echo ? 1 : 0, live.echo() ? 1 : 0);
                if (w.addressId().isPresent() && w.addressId().getAsInt() != live.addressId()) {
                    mismatch(d, "add_address address_id", w.addressId().getAsInt(), live.addressId());
                }
                InetAddress expect = w.address().orElse(null);
                MptcpState.Endpoint bound = mp.addrVars.get(w.addressVariable());
                if (expect == null && bound != null) expect = bound.address();
                if (expect == null) {
                    int port = live.portPresent() ? live.port() : tcp.srcPort();
                    mp.addrVars.put(w.addressVariable(), new MptcpState.Endpoint(live.address(), port));
                } else {
                    if (bound == null) {
                        mp.addrVars.put(w.addressVariable(), new MptcpState.Endpoint(expect,
                                live.portPresent() ? live.port() : tcp.srcPort()));
                    }
                    if (!expect.equals(live.address())) {
                        mismatch(d, "add_address address", expect.getHostAddress(), live.address().getHostAddress());
                    }
                }
                if (w.port().isPresent() && (!live.portPresent() || live.port() != w.port().getAsInt())) {
                    mismatch(d, "add_address port", w.port().getAsInt(), live.portPresent() ? live.port() : "none");
                }
                Long hmac = switch (w.hmac()) {
                    case Echo e -> null;
                    case Value v -> v.hmac();
                    case Auto au -> mp.pdKey == null || mp.kernelKey == null ? null
                            : AddAddrHmac.truncatedHmac(mp.kernelKey, mp.pdKey, live.addressId(), live.address(), 0);
                };
                if (hmac != null && live.truncatedHmacPresent() && hmac != live.truncatedHmac()) {
                    mismatch(d, "add_address hmac", hex(hmac), hex(live.truncatedHmac()));
                }
            }
            case TcpOptionSpec.RemoveAddress w -> {
                if (!(have instanceof RemoveAddr live)) {
                    mismatch(d, "MPTCP subtype", "remove_address", MptcpFormat.subtypeName(have));
                    return;
                }
                if (!w.addressIds().equals(live.addressIds())) mismatch(d, "remove_address address_id", w.addressIds(), live.addressIds());
            }
            case TcpOptionSpec.MpPrio w -> {
                if (!(have instanceof MpPrio live)) {
                    mismatch(d, "MPTCP subtype", "mp_prio", MptcpFormat.subtypeName(have));
                    return;
                }
                if (w.backup() != live.backup()) mismatch(d, "mp_prio backup", w.backup() ? 1 : 0, live.backup() ? 1 : 0);
                if (w.addressId().isPresent() && (!live.addressIdPresent() || live.addressId() != w.addressId().getAsInt())) {
                    mismatch(d, "mp_prio address_id", w.addressId().getAsInt(), live.addressIdPresent() ? live.addressId() : "none");
                }
            }
            case TcpOptionSpec.MpFail w -> {
                if (!(have instanceof MpFail live)) {
                    mismatch(d, "MPTCP subtype", "mp_fail", MptcpFormat.subtypeName(have));
                    return;
                }
                // The kernel names the DSN of our mapping that failed its checksum: our space.
                Long v = mp.resolve(w.dataSequence(), mp.pdIdsn(), line);
                if (v != null && v != live.dataSequenceNumber()) {
                    mismatch(d, "mp_fail dsn8", hex(v - mp.pdIdsn()), hex(live.dataSequenceNumber() - mp.pdIdsn()));
                }
            }
            case TcpOptionSpec.MpFastclose w -> {
                if (!(have instanceof MpFastclose live)) {
                    mismatch(d, "MPTCP subtype", "mp_fastclose", MptcpFormat.subtypeName(have));
                    return;
                }
                if (w.key().isPresent()) {
                    KeyVar kv = w.key().get();
                    Long k = kv.value().isPresent() ? (Long) kv.value().getAsLong()
                            : mp.key(kv.name()) == null ? null : Long.reverseBytes(mp.key(kv.name()));
                    if (k != null && k + w.offset() != live.receiverKey()) {
                        mismatch(d, "mp_fastclose key", hex(k + w.offset()), hex(live.receiverKey()));
                    }
                }
            }
            case TcpOptionSpec.MpReset w -> {
                if (!(have instanceof MpTcpRst live)) {
                    mismatch(d, "MPTCP subtype", "mp_reset", MptcpFormat.subtypeName(have));
                    return;
                }
                if (w.reason() != live.reason()) mismatch(d, "mp_reset reason", w.reason(), live.reason());
                if (w.transientFlag() != live.flagT()) mismatch(d, "mp_reset flag_t", w.transientFlag() ? 1 : 0, live.flagT() ? 1 : 0);
            }
        }
    }

    /** A live DSN/DACK back in script space: relative to {@code idsn}, 32 bits for the short forms. */
    private static long rel(long value, long idsn, boolean wide) {
        return wide ? value - idsn : (value - idsn) & U32;
    }
}
