package org.mptcpkit.format;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.mptcpkit.drill.ast.AddAddrHmac;
import org.mptcpkit.drill.ast.DssChecksum;
import org.mptcpkit.drill.ast.DssNumber;
import org.mptcpkit.drill.ast.DssValue;
import org.mptcpkit.drill.ast.Endpoint;
import org.mptcpkit.drill.ast.HmacSpec;
import org.mptcpkit.drill.ast.KeyVar;
import org.mptcpkit.drill.ast.ScriptPrinter;
import org.mptcpkit.drill.ast.Segment;
import org.mptcpkit.drill.ast.TcpOptionSpec;
import org.mptcpkit.drill.ast.TcpOptions;
import org.mptcpkit.drill.ast.TokenSpec;
import org.mptcpkit.drill.ast.Tuple;
import org.mptcpkit.packet.AddAddr;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Eol;
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
import org.mptcpkit.packet.RawOptionBytes;
import org.mptcpkit.packet.RawPacket;
import org.mptcpkit.packet.RemoveAddr;
import org.mptcpkit.packet.Sack;
import org.mptcpkit.packet.SackPermitted;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpFlags;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.packet.UnknownMptcp;
import org.mptcpkit.packet.UnknownOption;
import org.mptcpkit.packet.WindowScale;
import org.mptcpkit.wire.TcpOptionCodec;

/**
 * The model in {@code .pkt} syntax, by way of the drill AST: a packet or option becomes the
 * {@link TcpOptionSpec} / {@link Segment} a script would parse to, and the drill's
 * {@link ScriptPrinter} writes it. One printer, so the keyword spelling cannot drift, and what
 * this prints parses back to the same values.
 *
 * <p>What the fork's grammar cannot express (an unknown option kind, a length byte that disagrees
 * with the layout, reserved bits, MP_JOIN's 160-bit HMAC as a literal, MP_CAPABLE with a
 * checksum, ADD_ADDR v0, an echo with an HMAC, MP_EXPERIMENTAL, ...) prints as
 * {@code option[HEX]}, the option's wire bytes: the parser rejects it, so a script built from the
 * output cannot silently mean another packet.
 */
final class PktSyntax {
    /** Who sends the segment, as far as its flags tell: it names the keys of MP_CAPABLE. */
    enum Role {
        /** A SYN without ACK: the client (initiator). */
        CLIENT_SYN,
        /** A SYN-ACK: the server (listener). */
        SERVER_SYN_ACK,
        /** Any other segment. */
        OTHER;

        static Role of(TcpFlags flags) {
            if (flags.syn()) return flags.ack() ? SERVER_SYN_ACK : CLIENT_SYN;
            return OTHER;
        }
    }

    private PktSyntax() {
    }

    static String option(TcpOption option, PktContext ctx, Role role) {
        TcpOptionSpec spec = spec(option, ctx, role);
        if (spec != null) return ScriptPrinter.print(spec);
        return raw(option);
    }

    static String options(List<TcpOption> options, PktContext ctx, Role role) {
        StringBuilder sb = new StringBuilder();
        for (TcpOption o : options) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(option(o, ctx, role));
        }
        return sb.toString();
    }

    /** {@code option[HEX]}: the wire bytes of an option the grammar cannot express. */
    static String raw(TcpOption option) {
        byte[] b = new byte[TcpOptionCodec.encodedLength(option)];
        TcpOptionCodec.encode(option, b, 0, org.mptcpkit.packet.Bytes.EMPTY);
        return Text.hex(new StringBuilder("option["), b, 0, b.length).append(']').toString();
    }

    /**
     * The packet line after the direction: {@code [tuple] FLAGS START:END(LEN) [ack N] win N
     * [urg N] [<options>]}. Not TCP: a comment saying what it is.
     */
    static String packet(IpPacket packet, PktContext ctx) {
        Tcp tcp = packet.payload() instanceof Tcp t ? t : null;
        if (tcp == null) {
            return switch (packet) {
                case Ip4 ip -> "/* IPv4 protocol " + ip.protocol() + ", no .pkt form */";
                case Ip6 ip -> "/* IPv6 next header " + ip.nextHeader() + ", no .pkt form */";
                case RawPacket r -> "/* " + r.bytes().length() + " bytes that are no IP packet */";
            };
        }
        Tuple tuple = Tuple.NONE;
        if (ctx.tuple()) {
            InetAddress src = switch (packet) {
                case Ip4 ip -> ip.src().toInetAddress();
                case Ip6 ip -> ip.src().toInetAddress();
                case RawPacket r -> null;
            };
            InetAddress dst = switch (packet) {
                case Ip4 ip -> ip.dst().toInetAddress();
                case Ip6 ip -> ip.dst().toInetAddress();
                case RawPacket r -> null;
            };
            tuple = new Tuple(new Endpoint.Address(src, tcp.srcPort()), new Endpoint.Address(dst, tcp.dstPort()));
        }
        TcpFlags f = tcp.flags();
        Role role = Role.of(f);
        int length = Summary.segmentLength(tcp, ipPayloadLength(packet));
        long start = f.syn() ? tcp.seq() : ctx.seq(tcp.seq());
        OptionalLong ack = f.ack() || tcp.ack() != 0 ? OptionalLong.of(ctx.ack(tcp.ack())) : OptionalLong.empty();
        OptionalInt urg = tcp.urgentPointer() != 0 ? OptionalInt.of(tcp.urgentPointer()) : OptionalInt.empty();
        StringBuilder sb = new StringBuilder();
        List<TcpOptionSpec> specs = new ArrayList<>();
        boolean exact = true;
        for (TcpOption o : tcp.options()) {
            TcpOptionSpec s = spec(o, ctx, role);
            if (s == null) exact = false;
            specs.add(s);
        }
        Segment.Tcp seg = new Segment.Tcp(tuple, new org.mptcpkit.drill.ast.TcpFlags(flags(f)), start, length, ack,
                OptionalInt.of(tcp.window()), urg, exact ? new TcpOptions.Exactly(specs) : TcpOptions.NONE);
        sb.append(ScriptPrinter.print(seg));
        if (!exact) {
            // ScriptPrinter prints the AST; options it cannot hold are spliced in as raw bytes.
            sb.append(" <");
            for (int i = 0; i < specs.size(); i++) {
                if (i > 0) sb.append(", ");
                TcpOptionSpec s = specs.get(i);
                sb.append(s != null ? ScriptPrinter.print(s) : raw(tcp.options().get(i)));
            }
            sb.append('>');
        }
        return sb.toString();
    }

    private static int ipPayloadLength(IpPacket p) {
        return switch (p) {
            case Ip4 ip -> ip.totalLength() == Field.AUTO ? -1
                    : ip.totalLength() - (ip.ihl() != Field.AUTO ? ip.ihl() * 4 : 20 + ((ip.options().length() + 3) & ~3));
            case Ip6 ip -> ip.payloadLength() == Field.AUTO ? -1 : ip.payloadLength() - ip.extensionHeaders().length();
            case RawPacket r -> -1;
        };
    }

    /** packetdrill's flag letters: tcpdump's, except AE, which packetdrill writes {@code A}. */
    static String flags(TcpFlags f) {
        StringBuilder sb = new StringBuilder(9);
        if (f.fin()) sb.append('F');
        if (f.syn()) sb.append('S');
        if (f.rst()) sb.append('R');
        if (f.psh()) sb.append('P');
        if (f.ack()) sb.append('.');
        if (f.urg()) sb.append('U');
        if (f.ece()) sb.append('E');
        if (f.cwr()) sb.append('W');
        if (f.ae()) sb.append('A');
        return sb.toString();
    }

    /** The AST node a script would parse to for {@code option}, or null when there is none. */
    static TcpOptionSpec spec(TcpOption option, PktContext ctx, Role role) {
        return switch (option) {
            case Eol e -> new TcpOptionSpec.Eol();
            case Nop n -> new TcpOptionSpec.Nop();
            case Mss m -> lengthOk(m.length(), Mss.LENGTH) ? new TcpOptionSpec.Mss(m.mss()) : null;
            case WindowScale w -> lengthOk(w.length(), WindowScale.LENGTH) ? new TcpOptionSpec.WindowScale(w.shift()) : null;
            case SackPermitted s -> lengthOk(s.length(), SackPermitted.LENGTH) ? new TcpOptionSpec.SackPermitted() : null;
            case Sack s -> {
                if (!lengthOk(s.length(), 2 + 8 * s.blocks().size()) || s.blocks().isEmpty()) yield null;
                List<TcpOptionSpec.SackBlock> blocks = new ArrayList<>(s.blocks().size());
                for (Sack.Block b : s.blocks()) blocks.add(new TcpOptionSpec.SackBlock(ctx.ack(b.left()), ctx.ack(b.right())));
                yield new TcpOptionSpec.Sack(blocks);
            }
            case Timestamps t -> lengthOk(t.length(), Timestamps.LENGTH) ? new TcpOptionSpec.Timestamp(t.tsVal(), t.tsEcr()) : null;
            case Md5Signature m -> lengthOk(m.length(), Md5Signature.LENGTH) ? new TcpOptionSpec.Md5(m.digest()) : null;
            case FastOpen f -> {
                if (!lengthOk(f.length(), FastOpen.headerLength(f.kind()) + f.cookie().length())) yield null;
                yield f.experimental() ? new TcpOptionSpec.FastOpenExp(f.cookie()) : new TcpOptionSpec.FastOpen(f.cookie());
            }
            case UnknownOption u -> null;
            case RawOptionBytes r -> null;
            case MptcpOption m -> mptcp(m, ctx, role);
        };
    }

    private static boolean lengthOk(int set, int layout) {
        return set == Field.AUTO || set == layout;
    }

    private static TcpOptionSpec mptcp(MptcpOption option, PktContext ctx, Role role) {
        return switch (option) {
            case MpCapable c -> capable(c, ctx, role);
            case MpJoin j -> switch (j) {
                case MpJoin.Syn s -> s.reserved() != 0 || !lengthOk(s.length(), MpJoin.SYN_LENGTH) ? null
                        : new TcpOptionSpec.MpJoinSyn(s.backup(), OptionalInt.of(s.addressId()),
                        new TokenSpec.Literal(s.receiverToken()), OptionalLong.of(s.senderRandom()));
                case MpJoin.SynAck s -> s.reserved() != 0 || !lengthOk(s.length(), MpJoin.SYN_ACK_LENGTH) ? null
                        : new TcpOptionSpec.MpJoinSynAck(s.backup(), OptionalInt.of(s.addressId()),
                        new HmacSpec.TruncatedLiteral(s.senderTruncatedHmac()), OptionalLong.of(s.senderRandom()));
                // The fork has no literal for the 160-bit HMAC: only auto and full_160_hmac(KEY KEY).
                case MpJoin.Ack a -> null;
            };
            case Dss d -> dss(d, ctx);
            case AddAddr a -> switch (a) {
                case AddAddr.V1 v -> {
                    // addr_echo means E=1 without HMAC, hmac=N means E=0 with one: nothing else.
                    if (v.reserved() != 0 || v.echo() == v.truncatedHmacPresent()
                            || !lengthOk(v.length(), v.computedLength())) {
                        yield null;
                    }
                    String name = ctx.addressName(v.address(), "addr" + v.addressId());
                    yield new TcpOptionSpec.AddAddress(OptionalInt.of(v.addressId()), name,
                            ctx.keyValues() ? Optional.of(v.address()) : Optional.empty(),
                            v.portPresent() ? OptionalInt.of(v.port()) : OptionalInt.empty(),
                            v.echo() ? new AddAddrHmac.Echo() : new AddAddrHmac.Value(v.truncatedHmac()));
                }
                case AddAddr.V0 v -> null;
            };
            case RemoveAddr r -> r.reserved() != 0 || r.addressIds().isEmpty()
                    || !lengthOk(r.length(), r.computedLength()) ? null
                    : new TcpOptionSpec.RemoveAddress(r.addressIds());
            case MpPrio p -> p.reserved() != 0 || !lengthOk(p.length(), p.computedLength()) ? null
                    : new TcpOptionSpec.MpPrio(p.backup(),
                    p.addressIdPresent() ? OptionalInt.of(p.addressId()) : OptionalInt.empty());
            case MpFail f -> f.reserved() != 0 || !lengthOk(f.length(), MpFail.LENGTH) ? null
                    : new TcpOptionSpec.MpFail(new DssValue.Literal(ctx.dataSequence(f.dataSequenceNumber(), true)));
            case MpFastclose f -> f.reserved() != 0 || !lengthOk(f.length(), MpFastclose.LENGTH) ? null
                    : new TcpOptionSpec.MpFastclose(Optional.of(key(f.receiverKey(), ctx.keyName(f.receiverKey(), "rkey"),
                    ctx, f.receiverKey())), 0);
            case MpTcpRst r -> r.flagU() || r.flagV() || r.flagW() || !lengthOk(r.length(), MpTcpRst.LENGTH) ? null
                    : new TcpOptionSpec.MpReset(r.reason(), r.flagT());
            case MpExperimental x -> null;
            case UnknownMptcp u -> null;
        };
    }

    private static TcpOptionSpec capable(MpCapable c, PktContext ctx, Role role) {
        if (c.version() > 1) return null;
        return switch (c) {
            case MpCapable.Syn s -> lengthOk(s.length(), MpCapable.SYN_LENGTH)
                    ? new TcpOptionSpec.MpCapable(s.version(), s.flags(), List.of(), 0) : null;
            case MpCapable.SynAck s -> {
                if (!lengthOk(s.length(), MpCapable.SYN_ACK_LENGTH)) yield null;
                String byRole = role == Role.CLIENT_SYN ? "ckey" : "skey";
                yield new TcpOptionSpec.MpCapable(s.version(), s.flags(), List.of(capableKey(s.senderKey(), byRole, ctx)), 0);
            }
            case MpCapable.Ack a -> lengthOk(a.length(), MpCapable.ACK_LENGTH)
                    ? new TcpOptionSpec.MpCapable(a.version(), a.flags(), List.of(capableKey(a.senderKey(), "ckey", ctx),
                    capableKey(a.receiverKey(), "skey", ctx)), 0) : null;
            // mpcdatalen N gives the 22-byte form only, and N = 0 means "absent" to the fork.
            case MpCapable.AckData a -> a.checksumPresent() || a.dataLevelLength() == 0
                    || !lengthOk(a.length(), MpCapable.ACK_DATA_LENGTH) ? null
                    : new TcpOptionSpec.MpCapable(a.version(), a.flags(), List.of(capableKey(a.senderKey(), "ckey", ctx),
                    capableKey(a.receiverKey(), "skey", ctx)), a.dataLevelLength());
        };
    }

    /** {@code key[NAME=N]} puts N's little-endian bytes on the wire (reference §4.6, quirk 1). */
    private static KeyVar capableKey(long key, String byRole, PktContext ctx) {
        return key(key, ctx.keyName(key, byRole), ctx, Long.reverseBytes(key));
    }

    private static KeyVar key(long key, String name, PktContext ctx, long literal) {
        return new KeyVar(name, ctx.keyValues() ? OptionalLong.of(literal) : OptionalLong.empty());
    }

    private static TcpOptionSpec dss(Dss d, PktContext ctx) {
        if (d.reserved() != 0 || !lengthOk(d.length(), d.computedLength())) return null;
        // The grammar derives a and m from the widths: a without A, or m without M, has no spelling.
        if ((d.dataAck8() && !d.dataAckPresent()) || (d.dataSequenceNumber8() && !d.mappingPresent())) return null;
        Optional<DssNumber> ack = d.dataAckPresent()
                ? Optional.of(new DssNumber(d.dataAck8() ? 8 : 4,
                new DssValue.Literal(ctx.dataAck(d.dataAck(), d.dataAck8()))))
                : Optional.empty();
        if (!d.mappingPresent()) {
            return new TcpOptionSpec.Dss(ack, Optional.empty(), OptionalLong.empty(), OptionalInt.empty(),
                    new DssChecksum.Computed(), d.dataFin());
        }
        DssChecksum checksum = !d.checksumPresent() ? new DssChecksum.Absent()
                : d.checksum() == Field.AUTO ? new DssChecksum.Computed() : new DssChecksum.Value(d.checksum());
        return new TcpOptionSpec.Dss(ack,
                Optional.of(new DssNumber(d.dataSequenceNumber8() ? 8 : 4,
                        new DssValue.Literal(ctx.dataSequence(d.dataSequenceNumber(), d.dataSequenceNumber8())))),
                OptionalLong.of(d.subflowSequenceNumber()), OptionalInt.of(d.dataLevelLength()), checksum, d.dataFin());
    }
}
