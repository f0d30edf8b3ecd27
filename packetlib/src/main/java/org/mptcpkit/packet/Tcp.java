package org.mptcpkit.packet;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A TCP segment (RFC 9293 §3.1): header, options and payload.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |          Source Port          |       Destination Port        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                        Sequence Number                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Acknowledgment Number                      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Data |     |A|C|E|U|A|P|R|S|F|                               |
 * | Offset| Rsrv|E|W|C|R|C|S|S|Y|I|            Window             |
 * |       |     | |R|E|G|K|H|T|N|N|                               |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Checksum            |         Urgent Pointer        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (dataOffset*4 - 20)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                             Data                              |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * <p>Derived fields are {@link Field#AUTO} until set: the data offset (header length in 32-bit
 * words; when derived, an option list not ending on a 32-bit boundary is padded with zero bytes,
 * i.e. EOL, as RFC 9293 §3.1 asks) and the checksum (over the IPv4 or IPv6 pseudo-header of the
 * enclosing packet, RFC 9293 §3.1 / RFC 8200 §8.1). A set value is written as given. The decoder
 * sets both from the wire.
 *
 * <p>Example, the SYN of an MPTCP connection:
 * <pre>{@code
 * Tcp syn = Tcp.of(t -> t.srcPort(47970).dstPort(5101).syn().seq(1158021166L).window(64240)
 *         .options(Mss.of(1460), SackPermitted.INSTANCE, Timestamps.of(2210103822L, 0),
 *                  Nop.INSTANCE, WindowScale.of(10)));
 * }</pre>
 */
public record Tcp(int srcPort, int dstPort, long seq, long ack, int dataOffset, int reserved, TcpFlags flags, int window, int checksum, int urgentPointer, List<TcpOption> options, Bytes payload) implements IpPayload {
    /** IP protocol number of TCP (IANA). */
    public static final int PROTOCOL = 6;

    public Tcp {
        Field.u16("srcPort", srcPort);
        Field.u16("dstPort", dstPort);
        Field.u32("seq", seq);
        Field.u32("ack", ack);
        Field.u4OrAuto("dataOffset", dataOffset);
        Field.bits("reserved", reserved, 3);
        Field.nonNull("flags", flags);
        Field.u16("window", window);
        Field.u16OrAuto("checksum", checksum);
        Field.u16("urgentPointer", urgentPointer);
        Field.nonNull("payload", payload);
        options = List.copyOf(Field.nonNull("options", options));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A Tcp built by {@code spec}, e.g. {@code Tcp.of(b -> b.srcPort(1234).dstPort(80).syn())}. */
    public static Tcp of(Consumer<Builder> spec) {
        Builder b = new Builder();
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.srcPort = srcPort;
        b.dstPort = dstPort;
        b.seq = seq;
        b.ack = ack;
        b.dataOffset = dataOffset;
        b.reserved = reserved;
        b.flags = flags;
        b.window = window;
        b.checksum = checksum;
        b.urgentPointer = urgentPointer;
        b.options = options;
        b.payload = payload;
        return b;
    }

    public Tcp withSrcPort(int srcPort) {
        return new Tcp(srcPort, dstPort, seq, ack, dataOffset, reserved, flags, window, checksum, urgentPointer, options, payload);
    }

    public Tcp withDstPort(int dstPort) {
        return new Tcp(srcPort, dstPort, seq, ack, dataOffset, reserved, flags, window, checksum, urgentPointer, options, payload);
    }

    public Tcp withSeq(long seq) {
        return new Tcp(srcPort, dstPort, seq, ack, dataOffset, reserved, flags, window, checksum, urgentPointer, options, payload);
    }

    public Tcp withAck(long ack) {
        return new Tcp(srcPort, dstPort, seq, ack, dataOffset, reserved, flags, window, checksum, urgentPointer, options, payload);
    }

    public Tcp withDataOffset(int dataOffset) {
        return new Tcp(srcPort, dstPort, seq, ack, dataOffset, reserved, flags, window, checksum, urgentPointer, options, payload);
    }

    public Tcp withReserved(int reserved) {
        return new Tcp(srcPort, dstPort, seq, ack, dataOffset, reserved, flags, window, checksum, urgentPointer, options, payload);
    }

    public Tcp withFlags(TcpFlags flags) {
        return new Tcp(srcPort, dstPort, seq, ack, dataOffset, reserved, flags, window, checksum, urgentPointer, options, payload);
    }

    public Tcp withWindow(int window) {
        return new Tcp(srcPort, dstPort, seq, ack, dataOffset, reserved, flags, window, checksum, urgentPointer, options, payload);
    }

    public Tcp withChecksum(int checksum) {
        return new Tcp(srcPort, dstPort, seq, ack, dataOffset, reserved, flags, window, checksum, urgentPointer, options, payload);
    }

    public Tcp withUrgentPointer(int urgentPointer) {
        return new Tcp(srcPort, dstPort, seq, ack, dataOffset, reserved, flags, window, checksum, urgentPointer, options, payload);
    }

    public Tcp withOptions(List<TcpOption> options) {
        return new Tcp(srcPort, dstPort, seq, ack, dataOffset, reserved, flags, window, checksum, urgentPointer, options, payload);
    }

    public Tcp withPayload(Bytes payload) {
        return new Tcp(srcPort, dstPort, seq, ack, dataOffset, reserved, flags, window, checksum, urgentPointer, options, payload);
    }

    /** Sets {@code flags} in addition to the ones present. */
    public Tcp withFlagsAdded(TcpFlags more) {
        return withFlags(flags.plus(more));
    }

    public Tcp withOptions(TcpOption... options) {
        return withOptions(List.of(options));
    }

    /** The first option of type {@code type}, if any: {@code tcp.option(Mss.class)}. */
    public <T extends TcpOption> java.util.Optional<T> option(Class<T> type) {
        for (TcpOption o : options) {
            if (type.isInstance(o)) return java.util.Optional.of(type.cast(o));
        }
        return java.util.Optional.empty();
    }

    /**
     * A copy with every derived field of this segment back to {@link Field#AUTO}: data offset,
     * checksum and the length byte of each option this package models (MPTCP options are left as
     * they are). After editing a decoded segment, this makes the encoder recompute what the edit
     * invalidated; it is scapy's {@code del pkt[TCP].chksum}.
     */
    public Tcp withAutoFields() {
        List<TcpOption> auto = new ArrayList<>(options.size());
        for (TcpOption o : options) auto.add(autoLength(o));
        return new Tcp(srcPort, dstPort, seq, ack, Field.AUTO, reserved, flags, window, Field.AUTO,
                urgentPointer, auto, payload);
    }

    private static TcpOption autoLength(TcpOption o) {
        return switch (o) {
            case Mss m -> m.withLength(Field.AUTO);
            case WindowScale w -> w.withLength(Field.AUTO);
            case SackPermitted s -> s.withLength(Field.AUTO);
            case Sack s -> s.withLength(Field.AUTO);
            case Timestamps t -> t.withLength(Field.AUTO);
            case Md5Signature m -> m.withLength(Field.AUTO);
            case FastOpen f -> f.withLength(Field.AUTO);
            case UnknownOption u -> u.withLength(Field.AUTO);
            case Eol e -> e;
            case Nop n -> n;
            case RawOptionBytes r -> r;
            case MptcpOption m -> m;
        };
    }

    /** Builds a {@link Tcp}; unset derived fields stay {@link Field#AUTO}. */
    public static final class Builder {
        private int srcPort = 0;
        private int dstPort = 0;
        private long seq = 0;
        private long ack = 0;
        private int dataOffset = Field.AUTO;
        private int reserved = 0;
        private TcpFlags flags = TcpFlags.NONE;
        private int window = 65535;
        private int checksum = Field.AUTO;
        private int urgentPointer = 0;
        private List<TcpOption> options = List.of();
        private Bytes payload = Bytes.EMPTY;

        private Builder() {
        }

        /** The source port. */
        public Builder srcPort(int srcPort) {
            this.srcPort = srcPort;
            return this;
        }

        /** The destination port. */
        public Builder dstPort(int dstPort) {
            this.dstPort = dstPort;
            return this;
        }

        /** The sequence number. */
        public Builder seq(long seq) {
            this.seq = seq;
            return this;
        }

        /** The acknowledgment number (meaningful when the ACK flag is set; see {@link #ack()} for the flag). */
        public Builder ack(long ack) {
            this.ack = ack;
            return this;
        }

        /** The header length in 32-bit words; {@link Field#AUTO} (default) derives it from the options and pads them. */
        public Builder dataOffset(int dataOffset) {
            this.dataOffset = dataOffset;
            return this;
        }

        /** The three reserved bits between data offset and AE (0..7). */
        public Builder reserved(int reserved) {
            this.reserved = reserved;
            return this;
        }

        /** The control bits. */
        public Builder flags(TcpFlags flags) {
            this.flags = flags;
            return this;
        }

        /** The receive window as sent (before window scaling). */
        public Builder window(int window) {
            this.window = window;
            return this;
        }

        /** The checksum; {@link Field#AUTO} (default) computes it with the pseudo-header. */
        public Builder checksum(int checksum) {
            this.checksum = checksum;
            return this;
        }

        /** The urgent pointer. */
        public Builder urgentPointer(int urgentPointer) {
            this.urgentPointer = urgentPointer;
            return this;
        }

        /** The options in wire order; padding is added by the encoder only when the data offset is derived. */
        public Builder options(List<TcpOption> options) {
            this.options = options;
            return this;
        }

        /** The segment data. */
        public Builder payload(Bytes payload) {
            this.payload = payload;
            return this;
        }

        /** Parses tcpdump letters ({@code "S."}, {@code "P."}); see {@link TcpFlags#parse}. */
        public Builder flags(String letters) {
            this.flags = TcpFlags.parse(letters);
            return this;
        }

        /** Adds the SYN flag. */
        public Builder syn() {
            this.flags = flags.plus(TcpFlags.SYN);
            return this;
        }

        /** Adds the ACK flag ({@link #ack(long)} sets the acknowledgment number). */
        public Builder ack() {
            this.flags = flags.plus(TcpFlags.ACK);
            return this;
        }

        /** Adds the FIN flag. */
        public Builder fin() {
            this.flags = flags.plus(TcpFlags.FIN);
            return this;
        }

        /** Adds the RST flag. */
        public Builder rst() {
            this.flags = flags.plus(TcpFlags.RST);
            return this;
        }

        /** Adds the PSH flag. */
        public Builder psh() {
            this.flags = flags.plus(TcpFlags.PSH);
            return this;
        }

        /** Adds the URG flag. */
        public Builder urg() {
            this.flags = flags.plus(TcpFlags.URG);
            return this;
        }

        /** Adds the ECE flag. */
        public Builder ece() {
            this.flags = flags.plus(TcpFlags.ECE);
            return this;
        }

        /** Adds the CWR flag. */
        public Builder cwr() {
            this.flags = flags.plus(TcpFlags.CWR);
            return this;
        }

        /** Adds the AE flag (RFC 9768). */
        public Builder ae() {
            this.flags = flags.plus(TcpFlags.AE);
            return this;
        }

        /** Sets the options to {@code options}, in order. */
        public Builder options(TcpOption... options) {
            this.options = List.of(options);
            return this;
        }

        /** Appends {@code option} to the options. */
        public Builder option(TcpOption option) {
            List<TcpOption> l = new ArrayList<>(options);
            l.add(Field.nonNull("option", option));
            this.options = l;
            return this;
        }

        public Builder payload(byte... payload) {
            this.payload = Bytes.of(payload);
            return this;
        }

        /** The payload as the UTF-8 bytes of {@code text}. */
        public Builder payloadUtf8(String text) {
            this.payload = Bytes.wrap(text.getBytes(StandardCharsets.UTF_8));
            return this;
        }

        public Tcp build() {
            return new Tcp(srcPort, dstPort, seq, ack, dataOffset, reserved, flags, window, checksum, urgentPointer, options, payload);
        }
    }
}
