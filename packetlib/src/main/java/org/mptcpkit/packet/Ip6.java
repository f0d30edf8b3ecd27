package org.mptcpkit.packet;

import java.util.function.Consumer;

/**
 * An IPv6 packet (RFC 8200 §3; DSCP and ECN in the traffic class per RFC 2474 §3 and RFC 3168 §5).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |Version| Traffic Class |           Flow Label                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |         Payload Length        |  Next Header  |   Hop Limit   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Source Address (128 bits)                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                Destination Address (128 bits)                 |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   Extension headers (raw; each names the next, RFC 8200 §4)   |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                  Payload (Tcp or RawPayload)                  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *  ... trailer: bytes after Payload Length (e.g. Ethernet padding)
 * </pre>
 *
 * <p>{@code nextHeader} is the fixed header's field: the first extension header's type when there
 * are extension headers, else the payload's protocol. The extension headers are kept as their raw
 * chain, so each one's own Next Header byte is written as given. Derived fields: payload length
 * (extension headers and payload, not the trailer) and next header ({@link Field#AUTO} means 6 and
 * needs a Tcp payload and no extension headers).
 *
 * <p>Example:
 * <pre>{@code
 * Ip6 syn = Ip6.of(ip -> ip.src("2001:db8::1").dst("2001:db8::2")
 *         .payload(Tcp.of(t -> t.srcPort(1234).dstPort(80).syn().options(Mss.of(1440)))));
 * }</pre>
 */
public record Ip6(int version, int dscp, int ecn, int flowLabel, int payloadLength, int nextHeader, int hopLimit, Ip6Address src, Ip6Address dst, Bytes extensionHeaders, IpPayload payload, Bytes trailer) implements IpPacket {
    /** The fixed header length. */
    public static final int HEADER_LENGTH = 40;

    public Ip6 {
        Field.u4("version", version);
        Field.bits("dscp", dscp, 6);
        Field.bits("ecn", ecn, 2);
        Field.bits("flowLabel", flowLabel, 20);
        Field.u16OrAuto("payloadLength", payloadLength);
        Field.u8OrAuto("nextHeader", nextHeader);
        Field.u8("hopLimit", hopLimit);
        Field.nonNull("src", src);
        Field.nonNull("dst", dst);
        Field.nonNull("extensionHeaders", extensionHeaders);
        Field.nonNull("payload", payload);
        Field.nonNull("trailer", trailer);
        if (nextHeader == Field.AUTO && (!(payload instanceof Tcp) || !extensionHeaders.isEmpty())) {
            throw new IllegalArgumentException("nextHeader: AUTO needs a Tcp payload and no extension headers"
                    + " (set it to the payload's protocol or the first extension header's type)");
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** An Ip6 built by {@code spec}, e.g. {@code Ip6.of(b -> b.src("2001:db8::1").dst("2001:db8::2").payload(tcp))}. */
    public static Ip6 of(Consumer<Builder> spec) {
        Builder b = new Builder();
        spec.accept(b);
        return b.build();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.version = version;
        b.dscp = dscp;
        b.ecn = ecn;
        b.flowLabel = flowLabel;
        b.payloadLength = payloadLength;
        b.nextHeader = nextHeader;
        b.hopLimit = hopLimit;
        b.src = src;
        b.dst = dst;
        b.extensionHeaders = extensionHeaders;
        b.payload = payload;
        b.trailer = trailer;
        return b;
    }

    public Ip6 withVersion(int version) {
        return new Ip6(version, dscp, ecn, flowLabel, payloadLength, nextHeader, hopLimit, src, dst, extensionHeaders, payload, trailer);
    }

    public Ip6 withDscp(int dscp) {
        return new Ip6(version, dscp, ecn, flowLabel, payloadLength, nextHeader, hopLimit, src, dst, extensionHeaders, payload, trailer);
    }

    public Ip6 withEcn(int ecn) {
        return new Ip6(version, dscp, ecn, flowLabel, payloadLength, nextHeader, hopLimit, src, dst, extensionHeaders, payload, trailer);
    }

    public Ip6 withFlowLabel(int flowLabel) {
        return new Ip6(version, dscp, ecn, flowLabel, payloadLength, nextHeader, hopLimit, src, dst, extensionHeaders, payload, trailer);
    }

    public Ip6 withPayloadLength(int payloadLength) {
        return new Ip6(version, dscp, ecn, flowLabel, payloadLength, nextHeader, hopLimit, src, dst, extensionHeaders, payload, trailer);
    }

    public Ip6 withNextHeader(int nextHeader) {
        return new Ip6(version, dscp, ecn, flowLabel, payloadLength, nextHeader, hopLimit, src, dst, extensionHeaders, payload, trailer);
    }

    public Ip6 withHopLimit(int hopLimit) {
        return new Ip6(version, dscp, ecn, flowLabel, payloadLength, nextHeader, hopLimit, src, dst, extensionHeaders, payload, trailer);
    }

    public Ip6 withSrc(Ip6Address src) {
        return new Ip6(version, dscp, ecn, flowLabel, payloadLength, nextHeader, hopLimit, src, dst, extensionHeaders, payload, trailer);
    }

    public Ip6 withDst(Ip6Address dst) {
        return new Ip6(version, dscp, ecn, flowLabel, payloadLength, nextHeader, hopLimit, src, dst, extensionHeaders, payload, trailer);
    }

    public Ip6 withExtensionHeaders(Bytes extensionHeaders) {
        return new Ip6(version, dscp, ecn, flowLabel, payloadLength, nextHeader, hopLimit, src, dst, extensionHeaders, payload, trailer);
    }

    public Ip6 withPayload(IpPayload payload) {
        return new Ip6(version, dscp, ecn, flowLabel, payloadLength, nextHeader, hopLimit, src, dst, extensionHeaders, payload, trailer);
    }

    public Ip6 withTrailer(Bytes trailer) {
        return new Ip6(version, dscp, ecn, flowLabel, payloadLength, nextHeader, hopLimit, src, dst, extensionHeaders, payload, trailer);
    }

    /** The Traffic Class byte: DSCP and ECN together. */
    public int trafficClass() {
        return (dscp << 2) | ecn;
    }

    /**
     * A copy with the payload length, the next header (when it is 6 over a Tcp payload without
     * extension headers) and the TCP payload's derived fields back to {@link Field#AUTO}, so the
     * encoder recomputes them after an edit.
     */
    public Ip6 withAutoFields() {
        IpPayload p = payload instanceof Tcp t ? t.withAutoFields() : payload;
        int next = p instanceof Tcp && nextHeader == Tcp.PROTOCOL && extensionHeaders.isEmpty() ? Field.AUTO : nextHeader;
        return new Ip6(version, dscp, ecn, flowLabel, Field.AUTO, next, hopLimit, src, dst,
                extensionHeaders, p, trailer);
    }

    /** Builds a {@link Ip6}; unset derived fields stay {@link Field#AUTO}. */
    public static final class Builder {
        private int version = 6;
        private int dscp = 0;
        private int ecn = 0;
        private int flowLabel = 0;
        private int payloadLength = Field.AUTO;
        private int nextHeader = Field.AUTO;
        private int hopLimit = 64;
        private Ip6Address src;
        private Ip6Address dst;
        private Bytes extensionHeaders = Bytes.EMPTY;
        private IpPayload payload = RawPayload.EMPTY;
        private Bytes trailer = Bytes.EMPTY;

        private Builder() {
        }

        /** The version nibble; 6 unless crafting a wrong one. */
        public Builder version(int version) {
            this.version = version;
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

        /** The 20-bit flow label (RFC 6437). */
        public Builder flowLabel(int flowLabel) {
            this.flowLabel = flowLabel;
            return this;
        }

        /** The payload length; {@link Field#AUTO} (default) counts extension headers and payload. */
        public Builder payloadLength(int payloadLength) {
            this.payloadLength = payloadLength;
            return this;
        }

        /** The next header; {@link Field#AUTO} (default) is 6 for a Tcp payload without extension headers. */
        public Builder nextHeader(int nextHeader) {
            this.nextHeader = nextHeader;
            return this;
        }

        /** The hop limit. */
        public Builder hopLimit(int hopLimit) {
            this.hopLimit = hopLimit;
            return this;
        }

        /** The source address. */
        public Builder src(Ip6Address src) {
            this.src = src;
            return this;
        }

        /** The destination address. */
        public Builder dst(Ip6Address dst) {
            this.dst = dst;
            return this;
        }

        /** The extension header chain as raw bytes. */
        public Builder extensionHeaders(Bytes extensionHeaders) {
            this.extensionHeaders = extensionHeaders;
            return this;
        }

        /** The upper-layer payload. */
        public Builder payload(IpPayload payload) {
            this.payload = payload;
            return this;
        }

        /** Bytes after the payload length, written after the payload. */
        public Builder trailer(Bytes trailer) {
            this.trailer = trailer;
            return this;
        }

        /** The source address in RFC 4291 text, e.g. {@code "2001:db8::1"}. */
        public Builder src(String address) {
            this.src = Ip6Address.parse(address);
            return this;
        }

        /** The destination address in RFC 4291 text. */
        public Builder dst(String address) {
            this.dst = Ip6Address.parse(address);
            return this;
        }

        /** Sets DSCP and ECN from the Traffic Class byte. */
        public Builder trafficClass(int trafficClass) {
            Field.u8("trafficClass", trafficClass);
            this.dscp = trafficClass >>> 2;
            this.ecn = trafficClass & 3;
            return this;
        }

        public Ip6 build() {
            return new Ip6(version, dscp, ecn, flowLabel, payloadLength, nextHeader, hopLimit, src, dst, extensionHeaders, payload, trailer);
        }
    }
}
