package org.mptcpkit.packet;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.function.Consumer;

/**
 * ADD_ADDR (subtype 0x3): announces an additional address (and optionally a port) of the sender,
 * or echoes an announcement received (RFC 8684 §3.4.1; v0: RFC 6824 §3.4.1). The two versions
 * lay out the nibble after the subtype differently (v1: reserved bits and the echo flag E; v0: the
 * IP version) and only v1 has an HMAC, so each version is a form of this type: {@link V1} and
 * {@link V0}.
 *
 * <p>The address is an {@link Inet4Address} (4 bytes on the wire) or an {@link Inet6Address}
 * (16 bytes; an IPv4-mapped IPv6 address stays 16 bytes). The port is optional; the option's
 * length alone says whether it is there.
 */
public sealed interface AddAddr extends MptcpOption permits AddAddr.V1, AddAddr.V0 {
    @Override
    default int subtype() {
        return ADD_ADDR;
    }

    /** 1 for the RFC 8684 layout ({@link V1}), 0 for the RFC 6824 layout ({@link V0}). */
    int version();

    /** The sender's identifier of this address (RFC 8684 §3.4.1). */
    int addressId();

    InetAddress address();

    /** Whether the option carries a port. */
    boolean portPresent();

    /** The port, 0 when absent. */
    int port();

    AddAddr withLength(int length);

    /** A v1 announcement without port: IPv4 length 16, IPv6 length 28. */
    static V1 announce(int addressId, InetAddress address, long truncatedHmac) {
        return V1.builder().addressId(addressId).address(address).truncatedHmac(truncatedHmac).build();
    }

    /** A v1 announcement with port: IPv4 length 18, IPv6 length 30. */
    static V1 announce(int addressId, InetAddress address, int port, long truncatedHmac) {
        return V1.builder().addressId(addressId).address(address).port(port).truncatedHmac(truncatedHmac).build();
    }

    /** A v1 echo (E=1, no HMAC) without port: IPv4 length 8, IPv6 length 20. */
    static V1 echo(int addressId, InetAddress address) {
        return V1.builder().echo(true).addressId(addressId).address(address).build();
    }

    /** A v1 echo (E=1, no HMAC) with port: IPv4 length 10, IPv6 length 22. */
    static V1 echo(int addressId, InetAddress address, int port) {
        return V1.builder().echo(true).addressId(addressId).address(address).port(port).build();
    }

    /**
     * A v1 IPv4 announcement from an address literal such as {@code "10.0.3.2"} (no name lookup).
     */
    static V1 v4(int addressId, String address, long truncatedHmac) {
        return V1.builder().addressId(addressId).address(Inet4Address.ofLiteral(address))
                .truncatedHmac(truncatedHmac).build();
    }

    /** A v1 IPv6 announcement from an address literal such as {@code "fd00:2::2"} (no name lookup). */
    static V1 v6(int addressId, String address, long truncatedHmac) {
        return V1.builder().addressId(addressId).address(Inet6Address.ofLiteral(address))
                .truncatedHmac(truncatedHmac).build();
    }

    /** A v0 announcement without port: IPv4 length 8, IPv6 length 20. */
    static V0 v0(int addressId, InetAddress address) {
        return V0.builder().addressId(addressId).address(address).build();
    }

    /** A v0 announcement with port: IPv4 length 10, IPv6 length 22. */
    static V0 v0(int addressId, InetAddress address, int port) {
        return V0.builder().addressId(addressId).address(address).port(port).build();
    }

    /** The address bytes on the wire: 4 for IPv4, 16 for IPv6. */
    static int addressLength(InetAddress address) {
        return address instanceof Inet4Address ? 4 : 16;
    }

    /**
     * The RFC 8684 layout.
     *
     * <pre>
     * +---------------+---------------+-------+-------+---------------+
     * |     Kind      |     Length    |Subtype| (rsv) |E|  Address ID   |
     * +---------------+---------------+-------+-------+---------------+
     * |           Address (IPv4: 4 octets / IPv6: 16 octets)          |
     * +-------------------------------+-------------------------------+
     * |   Port (2 octets, optional)   |                               |
     * +-------------------------------+                               |
     * |                Truncated HMAC (8 octets, if E=0)              |
     * |                               +-------------------------------+
     * |                               |
     * +-------------------------------+
     * </pre>
     *
     * <p>Lengths: IPv4 8 (echo), 10 (echo, port), 16 (HMAC), 18 (HMAC, port); IPv6 20, 22, 28, 30.
     * The HMAC's presence is a field of its own rather than derived from E, so that an echo with
     * an HMAC or an announcement without one can be crafted; the length tells them apart on
     * decode. The truncated HMAC is the rightmost 64 bits of HMAC-SHA256(K_sender‖K_receiver,
     * address id ‖ address ‖ port), as a big-endian {@code long} (tshark prints it unsigned).
     *
     * <p>Example: {@code 1e 12 30 02 0a 00 03 02 27 74 25 2c dc 27 73 8c 89 d9} is
     * {@code AddAddr.announce(2, 10.0.3.2, 10100, 0x252cdc27738c89d9L)}.
     *
     * @param reserved the 3 reserved bits before E, kept verbatim
     * @param echo     E: this option echoes an ADD_ADDR received
     */
    record V1(int length, int reserved, boolean echo, int addressId, InetAddress address,
              boolean portPresent, int port, boolean truncatedHmacPresent, long truncatedHmac)
            implements AddAddr {
        public V1 {
            Field.u8OrAuto("length", length);
            Field.bits("reserved", reserved, 3);
            Field.u8("addressId", addressId);
            Field.nonNull("address", address);
            checkPort(portPresent, port);
            if (!truncatedHmacPresent && truncatedHmac != 0) {
                throw new IllegalArgumentException("truncatedHmac: " + truncatedHmac
                        + " (expected: 0 when truncatedHmacPresent is false)");
            }
        }

        @Override
        public int version() {
            return 1;
        }

        /** The length the address family, the port and the HMAC call for. */
        public int computedLength() {
            return 4 + addressLength(address) + (portPresent ? 2 : 0) + (truncatedHmacPresent ? 8 : 0);
        }

        public static Builder builder() {
            return new Builder();
        }

        public static V1 of(Consumer<Builder> spec) {
            Builder b = builder();
            spec.accept(b);
            return b.build();
        }

        public Builder toBuilder() {
            Builder b = new Builder().length(length).reserved(reserved).echo(echo).addressId(addressId)
                    .address(address);
            if (portPresent) b.port(port);
            if (truncatedHmacPresent) b.truncatedHmac(truncatedHmac);
            return b;
        }

        @Override
        public V1 withAutoDerived() {
            return withLength(Field.AUTO);
        }

        @Override
        public V1 withLength(int length) {
            return toBuilder().length(length).build();
        }

        public V1 withReserved(int reserved) {
            return toBuilder().reserved(reserved).build();
        }

        public V1 withEcho(boolean echo) {
            return toBuilder().echo(echo).build();
        }

        public V1 withAddressId(int addressId) {
            return toBuilder().addressId(addressId).build();
        }

        public V1 withAddress(InetAddress address) {
            return toBuilder().address(address).build();
        }

        public V1 withPort(int port) {
            return toBuilder().port(port).build();
        }

        public V1 withoutPort() {
            return toBuilder().noPort().build();
        }

        public V1 withTruncatedHmac(long truncatedHmac) {
            return toBuilder().truncatedHmac(truncatedHmac).build();
        }

        public V1 withoutTruncatedHmac() {
            return toBuilder().noTruncatedHmac().build();
        }

        /** Defaults: an announcement (E=0) of 0.0.0.0, id 0, no port, no HMAC until one is set. */
        public static final class Builder {
            private int length = Field.AUTO;
            private int reserved;
            private boolean echo;
            private int addressId;
            private InetAddress address = UNSPECIFIED_V4;
            private boolean portPresent;
            private int port;
            private boolean truncatedHmacPresent;
            private long truncatedHmac;

            private Builder() {
            }

            public Builder length(int length) {
                this.length = length;
                return this;
            }

            public Builder reserved(int reserved) {
                this.reserved = reserved;
                return this;
            }

            public Builder echo(boolean echo) {
                this.echo = echo;
                return this;
            }

            public Builder addressId(int addressId) {
                this.addressId = addressId;
                return this;
            }

            public Builder address(InetAddress address) {
                this.address = address;
                return this;
            }

            /** An IPv4 or IPv6 address literal (no name lookup). */
            public Builder address(String literal) {
                this.address = InetAddress.ofLiteral(literal);
                return this;
            }

            public Builder port(int port) {
                this.portPresent = true;
                this.port = port;
                return this;
            }

            public Builder noPort() {
                this.portPresent = false;
                this.port = 0;
                return this;
            }

            public Builder truncatedHmac(long truncatedHmac) {
                this.truncatedHmacPresent = true;
                this.truncatedHmac = truncatedHmac;
                return this;
            }

            /** The truncated HMAC from its 8 bytes, or from a full 32-byte HMAC-SHA256 (its rightmost 8). */
            public Builder truncatedHmac(Bytes truncatedHmac) {
                Field.nonNull("truncatedHmac", truncatedHmac);
                Bytes b = truncatedHmac.length() == 32 ? truncatedHmac.slice(24) : truncatedHmac;
                return truncatedHmac(Field.length("truncatedHmac", b, 8).u64(0));
            }

            public Builder noTruncatedHmac() {
                this.truncatedHmacPresent = false;
                this.truncatedHmac = 0;
                return this;
            }

            public V1 build() {
                return new V1(length, reserved, echo, addressId, address, portPresent, port,
                        truncatedHmacPresent, truncatedHmac);
            }
        }
    }

    /**
     * The RFC 6824 layout: the nibble after the subtype is the IP version, and there is no HMAC.
     *
     * <pre>
     * +---------------+---------------+-------+-------+---------------+
     * |     Kind      |     Length    |Subtype| IPVer |  Address ID   |
     * +---------------+---------------+-------+-------+---------------+
     * |          Address (IPv4 - 4 octets / IPv6 - 16 octets)         |
     * +-------------------------------+-------------------------------+
     * |   Port (2 octets, optional)   |
     * +-------------------------------+
     * </pre>
     *
     * <p>Lengths: IPv4 8, 10 (port); IPv6 20, 22 (port).
     *
     * <p>Example: {@code 1e 0a 34 05 0a 00 00 01 1f 90} is {@code AddAddr.v0(5, 10.0.0.1, 8080)}.
     *
     * @param ipVersion a derived field: {@link Field#AUTO} writes 4 or 6 after the address; a set
     *                  value (0..15) is written verbatim
     */
    record V0(int length, int ipVersion, int addressId, InetAddress address, boolean portPresent, int port)
            implements AddAddr {
        public V0 {
            Field.u8OrAuto("length", length);
            Field.u4OrAuto("ipVersion", ipVersion);
            Field.u8("addressId", addressId);
            Field.nonNull("address", address);
            checkPort(portPresent, port);
        }

        @Override
        public int version() {
            return 0;
        }

        /** The length the address family and the port call for. */
        public int computedLength() {
            return 4 + addressLength(address) + (portPresent ? 2 : 0);
        }

        /** The IP version the address calls for: 4 or 6. */
        public int computedIpVersion() {
            return address instanceof Inet4Address ? 4 : 6;
        }

        public static Builder builder() {
            return new Builder();
        }

        public static V0 of(Consumer<Builder> spec) {
            Builder b = builder();
            spec.accept(b);
            return b.build();
        }

        public Builder toBuilder() {
            Builder b = new Builder().length(length).ipVersion(ipVersion).addressId(addressId).address(address);
            return portPresent ? b.port(port) : b;
        }

        @Override
        public V0 withAutoDerived() {
            return toBuilder().length(Field.AUTO).ipVersion(Field.AUTO).build();
        }

        @Override
        public V0 withLength(int length) {
            return toBuilder().length(length).build();
        }

        public V0 withIpVersion(int ipVersion) {
            return toBuilder().ipVersion(ipVersion).build();
        }

        public V0 withAddressId(int addressId) {
            return toBuilder().addressId(addressId).build();
        }

        public V0 withAddress(InetAddress address) {
            return toBuilder().address(address).build();
        }

        public V0 withPort(int port) {
            return toBuilder().port(port).build();
        }

        public V0 withoutPort() {
            return toBuilder().noPort().build();
        }

        public static final class Builder {
            private int length = Field.AUTO;
            private int ipVersion = Field.AUTO;
            private int addressId;
            private InetAddress address = UNSPECIFIED_V4;
            private boolean portPresent;
            private int port;

            private Builder() {
            }

            public Builder length(int length) {
                this.length = length;
                return this;
            }

            public Builder ipVersion(int ipVersion) {
                this.ipVersion = ipVersion;
                return this;
            }

            public Builder addressId(int addressId) {
                this.addressId = addressId;
                return this;
            }

            public Builder address(InetAddress address) {
                this.address = address;
                return this;
            }

            /** An IPv4 or IPv6 address literal (no name lookup). */
            public Builder address(String literal) {
                this.address = InetAddress.ofLiteral(literal);
                return this;
            }

            public Builder port(int port) {
                this.portPresent = true;
                this.port = port;
                return this;
            }

            public Builder noPort() {
                this.portPresent = false;
                this.port = 0;
                return this;
            }

            public V0 build() {
                return new V0(length, ipVersion, addressId, address, portPresent, port);
            }
        }
    }

    private static void checkPort(boolean portPresent, int port) {
        if (portPresent) {
            Field.u16("port", port);
        } else if (port != 0) {
            throw new IllegalArgumentException("port: " + port + " (expected: 0 when portPresent is false)");
        }
    }

    /** 0.0.0.0, the builders' default address. */
    InetAddress UNSPECIFIED_V4 = Inet4Address.ofLiteral("0.0.0.0");
}
