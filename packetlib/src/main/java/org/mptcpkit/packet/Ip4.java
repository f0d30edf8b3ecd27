package org.mptcpkit.packet;

import java.util.function.Consumer;

/**
 * An IPv4 datagram (RFC 791 §3.1; DSCP and ECN per RFC 2474 §3 and RFC 3168 §5).
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version|  IHL  |   DSCP    |ECN|          Total Length         |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Identification        |R|D|M|     Fragment Offset     |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |  Time to Live |    Protocol   |         Header Checksum       |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                       Source Address                          |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Destination Address                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Options (IHL*4 - 20 bytes)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                    Payload (Tcp or RawPayload)                |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ... trailer: bytes after Total Length (e.g. Ethernet padding)
 * </pre>
 *
 * <p>Derived fields are {@link Field#AUTO} until set and then written as given: IHL (when derived,
 * options not filling a 32-bit word are padded with zero bytes, the RFC 791 End of Option List),
 * total length, header checksum, and the protocol (6 for a {@link Tcp} payload; a raw payload
 * needs it set). The decoder sets all of them from the wire.
 *
 * <p>Example:
 * <pre>{@code
 * Ip4 syn = Ip4.of(ip -> ip.src("10.0.0.1").dst("10.0.0.2").df()
 *         .payload(Tcp.of(t -> t.srcPort(1234).dstPort(80).syn().seq(1)
 *                 .options(Mss.of(1460), SackPermitted.INSTANCE))));
 * }</pre>
 */
public record Ip4(int version, int ihl, int dscp, int ecn, int totalLength, int identification, boolean reservedFlag, boolean df, boolean mf, int fragmentOffset, int ttl, int protocol, int headerChecksum, Ip4Address src, Ip4Address dst, Bytes options, IpPayload payload, Bytes trailer) implements IpPacket {
    /** The header length without options. */
    public static final int MIN_HEADER_LENGTH = 20;

    public Ip4 {
        Field.u4("version", version);
        Field.u4OrAuto("ihl", ihl);
        Field.bits("dscp", dscp, 6);
        Field.bits("ecn", ecn, 2);
        Field.u16OrAuto("totalLength", totalLength);
        Field.u16("identification", identification);
        Field.bits("fragmentOffset", fragmentOffset, 13);
        Field.u8("ttl", ttl);
        Field.u8OrAuto("protocol", protocol);
        Field.u16OrAuto("headerChecksum", headerChecksum);
        Field.nonNull("src", src);
        Field.nonNull("dst", dst);
        Field.nonNull("options", options);
        Field.nonNull("payload", payload);
        Field.nonNull("trailer", trailer);
        if (protocol == Field.AUTO && !(payload instanceof Tcp)) {
            throw new IllegalArgumentException("protocol: AUTO needs a Tcp payload (set it for a raw payload, e.g. 17 for UDP)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An Ip4 built by {@code spec}, e.g. {@code Ip4.of(b -> b.src("10.0.0.1").dst("10.0.0.2").payload(tcp))}. */
    public static Ip4 of(Consumer<Builder> spec) {
        Builder b = new Builder();
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.version = version;
        b.ihl = ihl;
        b.dscp = dscp;
        b.ecn = ecn;
        b.totalLength = totalLength;
        b.identification = identification;
        b.reservedFlag = reservedFlag;
        b.df = df;
        b.mf = mf;
        b.fragmentOffset = fragmentOffset;
        b.ttl = ttl;
        b.protocol = protocol;
        b.headerChecksum = headerChecksum;
        b.src = src;
        b.dst = dst;
        b.options = options;
        b.payload = payload;
        b.trailer = trailer;
        return b;
    }

    public Ip4 withVersion(int version) {
        return new Ip4(version, ihl, dscp, ecn, totalLength, identification, reservedFlag, df, mf, fragmentOffset, ttl, protocol, headerChecksum, src, dst, options, payload, trailer);
    }

    public Ip4 withIhl(int ihl) {
        return new Ip4(version, ihl, dscp, ecn, totalLength, identification, reservedFlag, df, mf, fragmentOffset, ttl, protocol, headerChecksum, src, dst, options, payload, trailer);
    }

    public Ip4 withDscp(int dscp) {
        return new Ip4(version, ihl, dscp, ecn, totalLength, identification, reservedFlag, df, mf, fragmentOffset, ttl, protocol, headerChecksum, src, dst, options, payload, trailer);
    }

    public Ip4 withEcn(int ecn) {
        return new Ip4(version, ihl, dscp, ecn, totalLength, identification, reservedFlag, df, mf, fragmentOffset, ttl, protocol, headerChecksum, src, dst, options, payload, trailer);
    }

    public Ip4 withTotalLength(int totalLength) {
        return new Ip4(version, ihl, dscp, ecn, totalLength, identification, reservedFlag, df, mf, fragmentOffset, ttl, protocol, headerChecksum, src, dst, options, payload, trailer);
    }

    public Ip4 withIdentification(int identification) {
        return new Ip4(version, ihl, dscp, ecn, totalLength, identification, reservedFlag, df, mf, fragmentOffset, ttl, protocol, headerChecksum, src, dst, options, payload, trailer);
    }

    public Ip4 withReservedFlag(boolean reservedFlag) {
        return new Ip4(version, ihl, dscp, ecn, totalLength, identification, reservedFlag, df, mf, fragmentOffset, ttl, protocol, headerChecksum, src, dst, options, payload, trailer);
    }

    public Ip4 withDf(boolean df) {
        return new Ip4(version, ihl, dscp, ecn, totalLength, identification, reservedFlag, df, mf, fragmentOffset, ttl, protocol, headerChecksum, src, dst, options, payload, trailer);
    }

    public Ip4 withMf(boolean mf) {
        return new Ip4(version, ihl, dscp, ecn, totalLength, identification, reservedFlag, df, mf, fragmentOffset, ttl, protocol, headerChecksum, src, dst, options, payload, trailer);
    }

    public Ip4 withFragmentOffset(int fragmentOffset) {
        return new Ip4(version, ihl, dscp, ecn, totalLength, identification, reservedFlag, df, mf, fragmentOffset, ttl, protocol, headerChecksum, src, dst, options, payload, trailer);
    }

    public Ip4 withTtl(int ttl) {
        return new Ip4(version, ihl, dscp, ecn, totalLength, identification, reservedFlag, df, mf, fragmentOffset, ttl, protocol, headerChecksum, src, dst, options, payload, trailer);
    }

    public Ip4 withProtocol(int protocol) {
        return new Ip4(version, ihl, dscp, ecn, totalLength, identification, reservedFlag, df, mf, fragmentOffset, ttl, protocol, headerChecksum, src, dst, options, payload, trailer);
    }

    public Ip4 withHeaderChecksum(int headerChecksum) {
        return new Ip4(version, ihl, dscp, ecn, totalLength, identification, reservedFlag, df, mf, fragmentOffset, ttl, protocol, headerChecksum, src, dst, options, payload, trailer);
    }

    public Ip4 withSrc(Ip4Address src) {
        return new Ip4(version, ihl, dscp, ecn, totalLength, identification, reservedFlag, df, mf, fragmentOffset, ttl, protocol, headerChecksum, src, dst, options, payload, trailer);
    }

    public Ip4 withDst(Ip4Address dst) {
        return new Ip4(version, ihl, dscp, ecn, totalLength, identification, reservedFlag, df, mf, fragmentOffset, ttl, protocol, headerChecksum, src, dst, options, payload, trailer);
    }

    public Ip4 withOptions(Bytes options) {
        return new Ip4(version, ihl, dscp, ecn, totalLength, identification, reservedFlag, df, mf, fragmentOffset, ttl, protocol, headerChecksum, src, dst, options, payload, trailer);
    }

    public Ip4 withPayload(IpPayload payload) {
        return new Ip4(version, ihl, dscp, ecn, totalLength, identification, reservedFlag, df, mf, fragmentOffset, ttl, protocol, headerChecksum, src, dst, options, payload, trailer);
    }

    public Ip4 withTrailer(Bytes trailer) {
        return new Ip4(version, ihl, dscp, ecn, totalLength, identification, reservedFlag, df, mf, fragmentOffset, ttl, protocol, headerChecksum, src, dst, options, payload, trailer);
    }

    /** The former Type of Service byte: DSCP and ECN together. */
    public int tos() {
        return (dscp << 2) | ecn;
    }

    /** True for any fragment but a whole datagram: MF set or a non-zero offset (RFC 791 §2.3). */
    public boolean isFragment() {
        return mf || fragmentOffset != 0;
    }

    /**
     * A copy with IHL, total length, header checksum, the protocol (when it is 6 over a Tcp payload)
     * and the TCP payload's derived fields back to {@link Field#AUTO}, so the encoder recomputes
     * them after an edit. It is scapy's {@code del pkt[IP].len, pkt[IP].chksum}.
     */
    public Ip4 withAutoFields() {
        IpPayload p = payload instanceof Tcp t ? t.withAutoFields() : payload;
        int proto = p instanceof Tcp && protocol == Tcp.PROTOCOL ? Field.AUTO : protocol;
        return new Ip4(version, Field.AUTO, dscp, ecn, Field.AUTO, identification, reservedFlag, df, mf,
                fragmentOffset, ttl, proto, Field.AUTO, src, dst, options, p, trailer);
    }

    /** Builds a {@link Ip4}; unset derived fields stay {@link Field#AUTO}. */
    public static final class Builder {
        private int version = 4;
        private int ihl = Field.AUTO;
        private int dscp = 0;
        private int ecn = 0;
        private int totalLength = Field.AUTO;
        private int identification = 0;
        private boolean reservedFlag = false;
        private boolean df = false;
        private boolean mf = false;
        private int fragmentOffset = 0;
        private int ttl = 64;
        private int protocol = Field.AUTO;
        private int headerChecksum = Field.AUTO;
        private Ip4Address src;
        private Ip4Address dst;
        private Bytes options = Bytes.EMPTY;
        private IpPayload payload = RawPayload.EMPTY;
        private Bytes trailer = Bytes.EMPTY;

        private Builder() {
        }

        /** The version nibble; 4 unless crafting a wrong one. */
        public Builder version(int version) {
            this.version = version;
            return this;
        }

        /** The header length in 32-bit words; {@link Field#AUTO} (default) derives it and pads the options. */
        public Builder ihl(int ihl) {
            this.ihl = ihl;
            return this;
        }

        /** Differentiated Services Code Point (RFC 2474), 0..63. */
        public Builder dscp(int dscp) {
            this.dscp = dscp;
            return this;
        }

        /** ECN codepoint (RFC 3168): 0 Not-ECT, 1 ECT(1), 2 ECT(0), 3 CE. */
        public Builder ecn(int ecn) {
            this.ecn = ecn;
            return this;
        }

        /** The total length; {@link Field#AUTO} (default) is header plus payload (not the trailer). */
        public Builder totalLength(int totalLength) {
            this.totalLength = totalLength;
            return this;
        }

        /** The identification. */
        public Builder identification(int identification) {
            this.identification = identification;
            return this;
        }

        /** The reserved flag bit (RFC 791: must be zero; RFC 3514 jokes it is the evil bit). */
        public Builder reservedFlag(boolean reservedFlag) {
            this.reservedFlag = reservedFlag;
            return this;
        }

        /** Don't Fragment. */
        public Builder df(boolean df) {
            this.df = df;
            return this;
        }

        /** More Fragments. */
        public Builder mf(boolean mf) {
            this.mf = mf;
            return this;
        }

        /** The fragment offset in units of 8 bytes. */
        public Builder fragmentOffset(int fragmentOffset) {
            this.fragmentOffset = fragmentOffset;
            return this;
        }

        /** Time to live. */
        public Builder ttl(int ttl) {
            this.ttl = ttl;
            return this;
        }

        /** The payload protocol; {@link Field#AUTO} (default) is 6 for a Tcp payload. */
        public Builder protocol(int protocol) {
            this.protocol = protocol;
            return this;
        }

        /** The header checksum; {@link Field#AUTO} (default) computes it. */
        public Builder headerChecksum(int headerChecksum) {
            this.headerChecksum = headerChecksum;
            return this;
        }

        /** The source address. */
        public Builder src(Ip4Address src) {
            this.src = src;
            return this;
        }

        /** The destination address. */
        public Builder dst(Ip4Address dst) {
            this.dst = dst;
            return this;
        }

        /** The IP options as raw bytes (padding included when decoded). */
        public Builder options(Bytes options) {
            this.options = options;
            return this;
        }

        /** The payload. */
        public Builder payload(IpPayload payload) {
            this.payload = payload;
            return this;
        }

        /** Bytes after the total length, written after the payload. */
        public Builder trailer(Bytes trailer) {
            this.trailer = trailer;
            return this;
        }

        /** The source address as a dotted quad, e.g. {@code "10.0.0.1"}. */
        public Builder src(String address) {
            this.src = Ip4Address.parse(address);
            return this;
        }

        /** The destination address as a dotted quad. */
        public Builder dst(String address) {
            this.dst = Ip4Address.parse(address);
            return this;
        }

        /** Sets DSCP and ECN from the Type of Service byte. */
        public Builder tos(int tos) {
            Field.u8("tos", tos);
            this.dscp = tos >>> 2;
            this.ecn = tos & 3;
            return this;
        }

        /** Sets Don't Fragment. */
        public Builder df() {
            this.df = true;
            return this;
        }

        /** Sets More Fragments. */
        public Builder mf() {
            this.mf = true;
            return this;
        }

        public Ip4 build() {
            return new Ip4(version, ihl, dscp, ecn, totalLength, identification, reservedFlag, df, mf, fragmentOffset, ttl, protocol, headerChecksum, src, dst, options, payload, trailer);
        }
    }
}
