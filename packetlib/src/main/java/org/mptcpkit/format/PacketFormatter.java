package org.mptcpkit.format;

import java.util.List;

import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.TcpFlags;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.wire.Decoded;
import org.mptcpkit.wire.Diagnostic;

/**
 * The one formatter for packets: the REPL, {@code mptcpkit decode}, mismatch reports and golden
 * files all render through it. Four renderings of the model:
 *
 * <ul>
 *   <li>{@link #summary}: one tcpdump-like line,
 *       {@code IP 10.0.1.1.47970 > 10.0.1.2.5101: Flags [S], seq 1158021166, win 64240, options
 *       [mss 1460,sackOK,TS val 2210103822 ecr 0,nop,wscale 10,mptcp 4 capable v1], length 0}.
 *       TCP fields and non-MPTCP options read exactly as {@code tcpdump -nS} 4.99 prints them;
 *       MPTCP suboptions as tcpdump's print-mptcp.c, with the fields tcpdump leaves out;
 *       a decode's diagnostics as a trailing {@code [malformed: ...]}.</li>
 *   <li>{@link #show}: the field tree (scapy's {@code show()}, {@code tshark -V}): every field by
 *       its model name, derived fields checked against what the encoder computes
 *       ({@code checksum: 0x1234 (wrong, expected 0xedb2)}), keys with their token and IDSN.</li>
 *   <li>{@link #hexdump}: tshark's {@code -x} layout, {@code 0000  45 00 00 40 ...   E..@}.</li>
 *   <li>{@link #pktOption}, {@link #pktOptions}, {@link #pktPacket}: packetdrill's MPTCP-fork
 *       syntax ({@code mpcapable v1 flags[flag_h] nokey}, {@code dss dack8=1 dsn8=1 ssn=1 dll=100
 *       nocs}, {@code S 0:0(0) win 65535 <mss 1460, ...>}), printed by the drill's own
 *       {@link org.mptcpkit.drill.ast.ScriptPrinter} so that it parses back to the same values.</li>
 * </ul>
 *
 * <p>Every method is pure and thread-safe. The {@code append} forms write into a caller's
 * {@link StringBuilder}, so a loop over a capture reuses one buffer; the summary does no
 * {@code String.format}, regex or boxing.
 *
 * <pre>{@code
 * Decoded<IpPacket> d = PacketCodec.decode(bytes);
 * System.out.println(PacketFormatter.summary(d));
 * System.out.print(PacketFormatter.show(d));
 * System.out.println("< " + PacketFormatter.pktPacket(d.value()));
 * }</pre>
 */
public final class PacketFormatter {
    private PacketFormatter() {
    }

    // ------------------------------------------------------------------------------------------
    // Summary

    /** The one-line summary of {@code packet}. */
    public static String summary(IpPacket packet) {
        return summary(packet, List.of());
    }

    /** The one-line summary of a decode, with its diagnostics as {@code [malformed: ...]}. */
    public static String summary(Decoded<IpPacket> decoded) {
        return summary(decoded.value(), decoded.diagnostics());
    }

    public static String summary(IpPacket packet, List<Diagnostic> diagnostics) {
        StringBuilder sb = new StringBuilder(160);
        Summary.append(sb, packet, diagnostics);
        return sb.toString();
    }

    /** Appends the summary (no newline) to {@code sb}: the form for loops over many packets. */
    public static StringBuilder appendSummary(StringBuilder sb, IpPacket packet, List<Diagnostic> diagnostics) {
        Summary.append(sb, packet, diagnostics);
        return sb;
    }

    /**
     * One option as it appears inside the summary's {@code options [...]}, e.g. {@code TS val 1
     * ecr 0} or {@code mptcp 12 dss ack 27422598}. {@code flags} are the segment's (tcpdump
     * shows them nowhere in the option, but its MPTCP printer reads them; pass
     * {@link TcpFlags#NONE} when unknown).
     */
    public static String summaryOption(TcpOption option, TcpFlags flags) {
        StringBuilder sb = new StringBuilder(48);
        Summary.option(sb, option, flags);
        return sb.toString();
    }

    // ------------------------------------------------------------------------------------------
    // Field tree

    /** The field tree of {@code packet}, one field per line, ending with a newline. */
    public static String show(IpPacket packet) {
        return show(packet, List.of());
    }

    /** The field tree of a decode, its diagnostics listed at the end. */
    public static String show(Decoded<IpPacket> decoded) {
        return show(decoded.value(), decoded.diagnostics());
    }

    public static String show(IpPacket packet, List<Diagnostic> diagnostics) {
        StringBuilder sb = new StringBuilder(1024);
        Show.append(sb, packet, diagnostics);
        return sb.toString();
    }

    public static StringBuilder appendShow(StringBuilder sb, IpPacket packet, List<Diagnostic> diagnostics) {
        Show.append(sb, packet, diagnostics);
        return sb;
    }

    // ------------------------------------------------------------------------------------------
    // Hex dump

    /** tshark's {@code -x} dump of {@code bytes}, one line of 16 bytes each, ending with a newline. */
    public static String hexdump(Bytes bytes) {
        return hexdump(bytes.toByteArray());
    }

    public static String hexdump(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length / 16 * 75 + 80);
        Hexdump.append(sb, bytes, 0, bytes.length);
        return sb.toString();
    }

    public static StringBuilder appendHexdump(StringBuilder sb, byte[] bytes, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, bytes.length);
        Hexdump.append(sb, bytes, offset, length);
        return sb;
    }

    // ------------------------------------------------------------------------------------------
    // .pkt syntax

    /**
     * One option in packetdrill's MPTCP-fork syntax with absolute values, e.g. {@code mss 1460},
     * {@code mpcapable v1 flags[flag_h] key[skey=4413633263541289821]},
     * {@code dss dack8=4229967864 nocs}. An option the grammar cannot express prints as
     * {@code option[HEX]} (its wire bytes), which the parser rejects.
     *
     * <p>Keys of MP_CAPABLE are named as if the option were on a SYN-ACK (12 bytes: {@code skey})
     * or on the client's ACK (20, 22 bytes: {@code ckey, skey}); {@link #pktPacket} names them by
     * the segment's flags.
     */
    public static String pktOption(TcpOption option) {
        return PktSyntax.option(option, PktContext.ABSOLUTE, PktSyntax.Role.OTHER);
    }

    /** One option in {@code .pkt} syntax, numbers and names from {@code context}. */
    public static String pktOption(TcpOption option, PktContext context) {
        return PktSyntax.option(option, context, PktSyntax.Role.OTHER);
    }

    /** Options in {@code .pkt} syntax separated by {@code ", "}, without the angle brackets. */
    public static String pktOptions(List<TcpOption> options) {
        return PktSyntax.options(options, PktContext.ABSOLUTE, PktSyntax.Role.OTHER);
    }

    public static String pktOptions(List<TcpOption> options, PktContext context) {
        return PktSyntax.options(options, context, PktSyntax.Role.OTHER);
    }

    /**
     * A TCP packet as a packet line without direction and time, absolute numbers:
     * {@code S 1158021166:1158021166(0) win 64240 <mss 1460, sackOK, TS val 2210103822 ecr 0, nop,
     * wscale 10, mpcapable v1 flags[flag_h] nokey>}.
     */
    public static String pktPacket(IpPacket packet) {
        return PktSyntax.packet(packet, PktContext.ABSOLUTE);
    }

    /** A packet line with relative numbers and script names from {@code context}. */
    public static String pktPacket(IpPacket packet, PktContext context) {
        return PktSyntax.packet(packet, context);
    }
}
