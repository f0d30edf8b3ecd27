package org.mptcpkit.shell.dsl;

import java.util.Map;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Eol;
import org.mptcpkit.packet.Nop;
import org.mptcpkit.packet.SackPermitted;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpFlags;
import org.mptcpkit.packet.TcpOption;

/**
 * What a {@code TCP { ... }} closure is delegated to: the header's fields and flags, and every
 * option by its short name, appended in the order written:
 * <pre>{@code
 * TCP(dport: 8080) { syn(); mss 1460; sackOK(); ts 1, 0; wscale 7; mpCapable v1 }
 * }</pre>
 * Flags start from scapy's default {@code S} only when the closure sets none: {@code TCP { ack() }}
 * is a bare ACK.
 */
public final class TcpSpec {
    final Tcp.Builder builder;
    private boolean flagsSet;

    TcpSpec(Tcp.Builder builder, boolean flagsSet) {
        this.builder = builder;
        this.flagsSet = flagsSet;
    }

    Tcp build() {
        if (!flagsSet) builder.flags(TcpFlags.SYN);
        return (Tcp) Build.finish("TCP", builder);
    }

    private TcpSpec flag(TcpFlags f, boolean add) {
        if (!flagsSet) builder.flags(TcpFlags.NONE);
        flagsSet = true;
        Tcp t = builder.build();
        builder.flags(add ? t.flags().plus(f) : f);
        return this;
    }

    /** MP_CAPABLE version 1 ({@code mpCapable v1}). */
    public int getV1() {
        return 1;
    }

    /** MP_CAPABLE version 0, RFC 6824 ({@code mpCapable v0}). */
    public int getV0() {
        return 0;
    }

    // ----------------------------------------------------------------------------- header

    public TcpSpec sport(int port) { builder.srcPort(port); return this; }
    public TcpSpec dport(int port) { builder.dstPort(port); return this; }
    public TcpSpec srcPort(int port) { builder.srcPort(port); return this; }
    public TcpSpec dstPort(int port) { builder.dstPort(port); return this; }
    public TcpSpec seq(long seq) { builder.seq(seq); return this; }
    /** The acknowledgment number; {@code ack()} without a number sets the flag. */
    public TcpSpec ack(long ack) { builder.ack(ack); return this; }
    public TcpSpec win(int window) { builder.window(window); return this; }
    public TcpSpec window(int window) { builder.window(window); return this; }
    public TcpSpec checksum(int checksum) { builder.checksum(checksum); return this; }
    public TcpSpec dataOffset(int words) { builder.dataOffset(words); return this; }
    public TcpSpec urgentPointer(int pointer) { builder.urgentPointer(pointer); return this; }
    public TcpSpec reserved(int bits) { builder.reserved(bits); return this; }
    /** tcpdump letters: {@code flags 'SA'} or {@code flags 'S.'}. */
    public TcpSpec flags(String letters) { return flag(TcpFlags.parse(letters), false); }
    public TcpSpec syn() { return flag(TcpFlags.SYN, true); }
    public TcpSpec ack() { return flag(TcpFlags.ACK, true); }
    public TcpSpec fin() { return flag(TcpFlags.FIN, true); }
    public TcpSpec rst() { return flag(TcpFlags.RST, true); }
    public TcpSpec psh() { return flag(TcpFlags.PSH, true); }
    public TcpSpec urg() { return flag(TcpFlags.URG, true); }
    public TcpSpec ece() { return flag(TcpFlags.ECE, true); }
    public TcpSpec cwr() { return flag(TcpFlags.CWR, true); }
    public TcpSpec payload(String text) { builder.payloadUtf8(text); return this; }
    public TcpSpec payload(Bytes bytes) { builder.payload(bytes); return this; }

    // ---------------------------------------------------------------------------- options

    /** Appends any option, e.g. {@code option MpJoin(token: t)} or {@code option(kind: 99, bytes: '0102')}. */
    public TcpSpec option(TcpOption option) { builder.option(option); return this; }
    public TcpSpec option(Map<String, ?> args) { return option(Options.option(args)); }
    public TcpSpec mss(int mss) { return option(Options.mss(Map.of("mss", mss))); }
    public TcpSpec mss(Map<String, ?> args) { return option(Options.mss(args)); }
    public TcpSpec wscale(int shift) { return option(Options.wscale(Map.of("shift", shift))); }
    public TcpSpec sackOK() { return option(SackPermitted.INSTANCE); }
    public TcpSpec ts(long tsVal, long tsEcr) { return option(Options.ts(Map.of("tsVal", tsVal, "tsEcr", tsEcr))); }
    public TcpSpec ts(Map<String, ?> args) { return option(Options.ts(args)); }
    public TcpSpec sack(java.util.List<?> blocks) { return option(Options.sack(Map.of("blocks", blocks))); }
    public TcpSpec nop() { return option(Nop.INSTANCE); }
    public TcpSpec eol() { return option(Eol.INSTANCE); }
    /** MP_CAPABLE SYN of {@code version} (0 or 1), HMAC-SHA flag set. */
    public TcpSpec mpCapable(int version) { return option(Options.mpCapable(Map.of("version", version))); }
    public TcpSpec mpCapable() { return option(Options.mpCapable(Map.of())); }
    public TcpSpec mpCapable(Map<String, ?> args) { return option(Options.mpCapable(args)); }
    public TcpSpec mpJoin(Map<String, ?> args) { return option(Options.mpJoin(args)); }
    public TcpSpec dss(Map<String, ?> args) { return option(Options.dss(args)); }
    public TcpSpec addAddr(Map<String, ?> args) { return option(Options.addAddr(args)); }
    public TcpSpec removeAddr(int... ids) {
        java.util.List<Integer> l = new java.util.ArrayList<>();
        for (int id : ids) l.add(id);
        return option(Options.removeAddr(Map.of("addressIds", l)));
    }
    public TcpSpec mpPrio(Map<String, ?> args) { return option(Options.mpPrio(args)); }
    public TcpSpec mpFail(long dataSequenceNumber) { return option(Options.mpFail(Map.of("dataSequenceNumber", dataSequenceNumber))); }
    public TcpSpec mpFastclose(long receiverKey) { return option(Options.mpFastclose(Map.of("receiverKey", receiverKey))); }
    public TcpSpec mpTcpRst(Map<String, ?> args) { return option(Options.mpTcpRst(args)); }
    public TcpSpec mpExperimental(Map<String, ?> args) { return option(Options.mpExperimental(args)); }
}
