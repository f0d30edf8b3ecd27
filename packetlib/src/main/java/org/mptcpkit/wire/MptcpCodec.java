package org.mptcpkit.wire;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import org.mptcpkit.packet.AddAddr;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MpExperimental;
import org.mptcpkit.packet.MpFail;
import org.mptcpkit.packet.MpFastclose;
import org.mptcpkit.packet.MpJoin;
import org.mptcpkit.packet.MpPrio;
import org.mptcpkit.packet.MpTcpRst;
import org.mptcpkit.packet.MptcpOption;
import org.mptcpkit.packet.RemoveAddr;
import org.mptcpkit.packet.UnknownMptcp;

/**
 * The codec of the MPTCP suboptions (TCP option kind 30; RFC 8684 §3, RFC 6824 §3).
 *
 * <p>Decoding picks a suboption's form from its subtype and its length alone (never from the TCP
 * flags): every layout of MP_CAPABLE, MP_JOIN and ADD_ADDR has a length of its own. Decoding is
 * lossless: every field, reserved bits and derived fields included, is set from the wire, and
 * what fits no layout is kept raw as {@link UnknownMptcp}, so that {@link #encode} reproduces any
 * input byte for byte. Problems are reported to the {@link Diagnostics}: a lenient one collects
 * them, a strict one throws {@link DecodeException}.
 *
 * <p>Encoding is pure. A derived field (the length byte, the DSS and MP_CAPABLE checksums, the
 * v0 ADD_ADDR IP version) is computed when {@link Field#AUTO} and written verbatim otherwise.
 */
public final class MptcpCodec {
    private static final String RFC = "RFC 8684 §3";
    private static final String RFC_MP_CAPABLE = "RFC 8684 §3.1";
    private static final String RFC_MP_JOIN = "RFC 8684 §3.2";
    private static final String RFC_DSS = "RFC 8684 §3.3";
    private static final String RFC_ADD_ADDR = "RFC 8684 §3.4.1";
    private static final String RFC_REMOVE_ADDR = "RFC 8684 §3.4.2";
    private static final String RFC_MP_PRIO = "RFC 8684 §3.3.8";
    private static final String RFC_MP_FAIL = "RFC 8684 §3.7";
    private static final String RFC_MP_FASTCLOSE = "RFC 8684 §3.5";
    private static final String RFC_MP_TCPRST = "RFC 8684 §3.6";

    private MptcpCodec() {
    }

    // ============================================================================================
    // Decoding

    /**
     * Decodes the kind-30 option at {@code buf[off]}. {@code len} is the number of bytes the TCP
     * option parser gives this option: its length byte when that byte is sane, fewer when the
     * option is cut short by the end of the header (it is then kept raw). Never throws unless
     * {@code diag} is strict; {@code encode(decode(x))} reproduces {@code x} exactly.
     *
     * @throws IllegalArgumentException if {@code len} is below 1 or {@code buf[off]} is not 30: the
     *                                  caller's mistake, not the packet's
     */
    public static MptcpOption decode(byte[] buf, int off, int len, Diagnostics diag) {
        java.util.Objects.checkFromIndexSize(off, len, buf.length);
        if (len < 1 || (buf[off] & 0xff) != MptcpOption.KIND) {
            throw new IllegalArgumentException("decode: not a kind-30 option at offset " + off);
        }
        if (len < 3) {
            String why;
            if (len == 1) {
                why = "cut short after the kind byte (expected: a length byte)";
            } else if ((buf[off + 1] & 0xff) < 3) {
                why = "length " + (buf[off + 1] & 0xff) + " (expected: at least 3: kind, length, subtype)";
            } else {
                why = "length " + (buf[off + 1] & 0xff) + " but only 2 bytes before the end of the header";
            }
            return raw(buf, off, len, diag, off + 1, "mptcp.length", why, RFC);
        }
        int length = buf[off + 1] & 0xff;
        if (length != len) {
            String why = length < 3
                    ? "length " + length + " (expected: at least 3: kind, length, subtype)"
                    : length > len
                            ? "length " + length + " but only " + len + " bytes before the end of the header"
                            : "length " + length + " but the TCP option parser gave " + len + " bytes";
            return raw(buf, off, len, diag, off + 1, "mptcp.length", why, RFC);
        }
        int b2 = buf[off + 2] & 0xff;
        int subtype = b2 >>> 4;
        return switch (subtype) {
            case MptcpOption.MP_CAPABLE -> decodeMpCapable(buf, off, len, diag);
            case MptcpOption.MP_JOIN -> decodeMpJoin(buf, off, len, diag);
            case MptcpOption.DSS -> decodeDss(buf, off, len, diag);
            case MptcpOption.ADD_ADDR -> decodeAddAddr(buf, off, len, diag);
            case MptcpOption.REMOVE_ADDR -> decodeRemoveAddr(buf, off, len, diag);
            case MptcpOption.MP_PRIO -> {
                if (len != 3 && len != 4) {
                    yield badLength(buf, off, len, diag, "mptcp.mpPrio.length", "MP_PRIO", "3 or 4", RFC_MP_PRIO);
                }
                yield new MpPrio(len, (b2 >>> 1) & 0x7, (b2 & 1) != 0, len == 4, len == 4 ? buf[off + 3] & 0xff : 0);
            }
            case MptcpOption.MP_FAIL -> {
                if (len != MpFail.LENGTH) {
                    yield badLength(buf, off, len, diag, "mptcp.mpFail.length", "MP_FAIL", "12", RFC_MP_FAIL);
                }
                yield new MpFail(len, reserved12(buf, off), u64(buf, off + 4));
            }
            case MptcpOption.MP_FASTCLOSE -> {
                if (len != MpFastclose.LENGTH) {
                    yield badLength(buf, off, len, diag, "mptcp.mpFastclose.length", "MP_FASTCLOSE", "12",
                            RFC_MP_FASTCLOSE);
                }
                yield new MpFastclose(len, reserved12(buf, off), u64(buf, off + 4));
            }
            case MptcpOption.MP_TCPRST -> {
                if (len != MpTcpRst.LENGTH) {
                    yield badLength(buf, off, len, diag, "mptcp.mpTcpRst.length", "MP_TCPRST", "4", RFC_MP_TCPRST);
                }
                yield new MpTcpRst(len, (b2 & 8) != 0, (b2 & 4) != 0, (b2 & 2) != 0, (b2 & 1) != 0,
                        buf[off + 3] & 0xff);
            }
            case MptcpOption.MP_EXPERIMENTAL -> new MpExperimental(len, b2 & 0xf, Bytes.copyOf(buf, off + 3, len - 3));
            default -> raw(buf, off, len, diag, off + 2, "mptcp.subtype",
                    "unassigned subtype 0x" + Integer.toHexString(subtype), "RFC 8684 §7.2");
        };
    }

    /** Decodes one option held whole in {@code option} (kind byte first). */
    public static MptcpOption decode(Bytes option, Diagnostics diag) {
        return decode(option.toByteArray(), 0, option.length(), diag);
    }

    private static MptcpOption decodeMpCapable(byte[] buf, int off, int len, Diagnostics diag) {
        if (len != MpCapable.SYN_LENGTH && len != MpCapable.SYN_ACK_LENGTH && len != MpCapable.ACK_LENGTH
                && len != MpCapable.ACK_DATA_LENGTH && len != MpCapable.ACK_DATA_CHECKSUM_LENGTH) {
            return badLength(buf, off, len, diag, "mptcp.mpCapable.length", "MP_CAPABLE", "4, 12, 20, 22 or 24",
                    RFC_MP_CAPABLE);
        }
        int b2 = buf[off + 2] & 0xff;
        int version = b2 & 0xf;
        int f = buf[off + 3] & 0xff;
        boolean a = (f & MpCapable.FLAG_A) != 0;
        boolean b = (f & MpCapable.FLAG_B) != 0;
        boolean c = (f & MpCapable.FLAG_C) != 0;
        int dg = (f & MpCapable.RESERVED_FLAGS_MASK) >>> 1;
        boolean h = (f & MpCapable.FLAG_H) != 0;
        return switch (len) {
            case MpCapable.SYN_LENGTH -> new MpCapable.Syn(len, version, a, b, c, dg, h);
            case MpCapable.SYN_ACK_LENGTH -> new MpCapable.SynAck(len, version, a, b, c, dg, h, u64(buf, off + 4));
            case MpCapable.ACK_LENGTH ->
                    new MpCapable.Ack(len, version, a, b, c, dg, h, u64(buf, off + 4), u64(buf, off + 12));
            case MpCapable.ACK_DATA_LENGTH -> new MpCapable.AckData(len, version, a, b, c, dg, h, u64(buf, off + 4),
                    u64(buf, off + 12), u16(buf, off + 20), false, Field.AUTO);
            case MpCapable.ACK_DATA_CHECKSUM_LENGTH -> new MpCapable.AckData(len, version, a, b, c, dg, h,
                    u64(buf, off + 4), u64(buf, off + 12), u16(buf, off + 20), true, u16(buf, off + 22));
            default -> throw new AssertionError("length checked above: " + len);
        };
    }

    private static MptcpOption decodeMpJoin(byte[] buf, int off, int len, Diagnostics diag) {
        int b2 = buf[off + 2] & 0xff;
        return switch (len) {
            case MpJoin.SYN_LENGTH -> new MpJoin.Syn(len, (b2 >>> 1) & 7, (b2 & 1) != 0, buf[off + 3] & 0xff,
                    u32(buf, off + 4), u32(buf, off + 8));
            case MpJoin.SYN_ACK_LENGTH -> new MpJoin.SynAck(len, (b2 >>> 1) & 7, (b2 & 1) != 0,
                    buf[off + 3] & 0xff, u64(buf, off + 4), u32(buf, off + 12));
            case MpJoin.ACK_LENGTH -> new MpJoin.Ack(len, reserved12(buf, off),
                    Bytes.copyOf(buf, off + 4, MpJoin.Ack.HMAC_LENGTH));
            default -> badLength(buf, off, len, diag, "mptcp.mpJoin.length", "MP_JOIN", "12, 16 or 24", RFC_MP_JOIN);
        };
    }

    private static MptcpOption decodeDss(byte[] buf, int off, int len, Diagnostics diag) {
        if (len < 4) {
            return badLength(buf, off, len, diag, "mptcp.dss.length", "DSS", "at least 4, as the flags say", RFC_DSS);
        }
        int b2 = buf[off + 2] & 0xff;
        int b3 = buf[off + 3] & 0xff;
        int reserved = ((b2 & 0xf) << 3) | (b3 >>> 5);
        boolean fin = (b3 & Dss.FLAG_DATA_FIN) != 0;
        boolean dsn8 = (b3 & Dss.FLAG_DSN_8) != 0;
        boolean mapping = (b3 & Dss.FLAG_MAPPING_PRESENT) != 0;
        boolean ack8 = (b3 & Dss.FLAG_DATA_ACK_8) != 0;
        boolean ack = (b3 & Dss.FLAG_DATA_ACK_PRESENT) != 0;
        int expected = 4 + (ack ? (ack8 ? 8 : 4) : 0) + (mapping ? (dsn8 ? 8 : 4) + 6 : 0);
        boolean checksum = mapping && len == expected + 2;
        if (len != expected && !checksum) {
            String why = "length " + len + " does not match flags 0x" + Integer.toHexString(b3 & 0x1f)
                    + " (expected: " + expected + (mapping ? " or " + (expected + 2) + " with checksum" : "") + ")";
            return raw(buf, off, len, diag, off + 1, "mptcp.dss.length", why, RFC_DSS);
        }
        int p = off + 4;
        long dataAck = 0;
        if (ack) {
            if (ack8) {
                dataAck = u64(buf, p);
                p += 8;
            } else {
                dataAck = u32(buf, p);
                p += 4;
            }
        }
        long dsn = 0;
        long ssn = 0;
        int dll = 0;
        int sum = Field.AUTO;
        if (mapping) {
            if (dsn8) {
                dsn = u64(buf, p);
                p += 8;
            } else {
                dsn = u32(buf, p);
                p += 4;
            }
            ssn = u32(buf, p);
            dll = u16(buf, p + 4);
            if (checksum) sum = u16(buf, p + 6);
        }
        return new Dss(len, reserved, fin, dsn8, mapping, ack8, ack, dataAck, dsn, ssn, dll, checksum, sum);
    }

    private static MptcpOption decodeAddAddr(byte[] buf, int off, int len, Diagnostics diag) {
        int nibble = buf[off + 2] & 0xf;
        // RFC 6824 puts the IP version (4 or 6) where RFC 8684 has reserved bits and E; as tshark
        // does, 4 and 6 mean v0, provided the length is one of v0's (v0 has no HMAC, so 16, 18, 28
        // and 30 can only be v1 with reserved bits set).
        if ((nibble == 4 || nibble == 6) && (len == 8 || len == 10 || len == 20 || len == 22)) {
            boolean v6 = len >= 20;
            if (nibble != (v6 ? 6 : 4)) {
                // Lenient: the length decides the family; the IP version is kept verbatim.
                diag.report(off + 2, "mptcp.addAddr.ipVersion", "IPVer " + nibble + " but length " + len
                        + " carries an " + (v6 ? "IPv6" : "IPv4") + " address", "RFC 6824 §3.4.1");
            }
            int alen = v6 ? 16 : 4;
            boolean port = len == 4 + alen + 2;
            return new AddAddr.V0(len, nibble, buf[off + 3] & 0xff, address(buf, off + 4, alen), port,
                    port ? u16(buf, off + 4 + alen) : 0);
        }
        int alen;
        boolean port;
        boolean hmac;
        switch (len) {
            case 8 -> { alen = 4; port = false; hmac = false; }
            case 10 -> { alen = 4; port = true; hmac = false; }
            case 16 -> { alen = 4; port = false; hmac = true; }
            case 18 -> { alen = 4; port = true; hmac = true; }
            case 20 -> { alen = 16; port = false; hmac = false; }
            case 22 -> { alen = 16; port = true; hmac = false; }
            case 28 -> { alen = 16; port = false; hmac = true; }
            case 30 -> { alen = 16; port = true; hmac = true; }
            default -> {
                return badLength(buf, off, len, diag, "mptcp.addAddr.length", "ADD_ADDR",
                        "8, 10, 16, 18, 20, 22, 28 or 30", RFC_ADD_ADDR);
            }
        }
        int p = off + 4 + alen;
        int portValue = port ? u16(buf, p) : 0;
        if (port) p += 2;
        long trunc = hmac ? u64(buf, p) : 0;
        return new AddAddr.V1(len, nibble >>> 1, (nibble & 1) != 0, buf[off + 3] & 0xff, address(buf, off + 4, alen),
                port, portValue, hmac, trunc);
    }

    private static MptcpOption decodeRemoveAddr(byte[] buf, int off, int len, Diagnostics diag) {
        int n = len - 3;
        if (n == 0) {
            diag.report(off + 1, "mptcp.removeAddr.addressIds", "no address id (expected: at least 1)",
                    RFC_REMOVE_ADDR);
        }
        List<Integer> ids = new ArrayList<>(n);
        for (int i = 0; i < n; i++) ids.add(buf[off + 3 + i] & 0xff);
        return new RemoveAddr(len, buf[off + 2] & 0xf, ids);
    }

    private static UnknownMptcp badLength(byte[] buf, int off, int len, Diagnostics diag, String field,
                                          String name, String expected, String reference) {
        return raw(buf, off, len, diag, off + 1, field,
                "length " + len + " fits no " + name + " form (expected: " + expected + ")", reference);
    }

    private static UnknownMptcp raw(byte[] buf, int off, int len, Diagnostics diag, int at, String field,
                                    String why, String reference) {
        diag.report(at, field, why, reference);
        return new UnknownMptcp(Bytes.copyOf(buf, off, len), why);
    }

    private static InetAddress address(byte[] buf, int off, int alen) {
        byte[] a = java.util.Arrays.copyOfRange(buf, off, off + alen);
        try {
            // Inet6Address.getByAddress keeps an IPv4-mapped address 16 bytes long, where
            // InetAddress.getByAddress would turn it into an Inet4Address.
            return alen == 4 ? Inet4Address.getByAddress(a) : Inet6Address.getByAddress(null, a, -1);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are a valid address", e);
        }
    }

    private static int reserved12(byte[] buf, int off) {
        return ((buf[off + 2] & 0xf) << 8) | (buf[off + 3] & 0xff);
    }

    private static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    private static long u32(byte[] b, int i) {
        return ((long) (b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    private static long u64(byte[] b, int i) {
        return (u32(b, i) << 32) | u32(b, i + 4);
    }

    // ============================================================================================
    // Encoding

    /** Bytes {@link #encode} will write for {@code option}: its layout's size, whatever its length byte says. */
    public static int encodedLength(MptcpOption option) {
        return switch (option) {
            case MpCapable.Syn _ -> MpCapable.SYN_LENGTH;
            case MpCapable.SynAck _ -> MpCapable.SYN_ACK_LENGTH;
            case MpCapable.Ack _ -> MpCapable.ACK_LENGTH;
            case MpCapable.AckData o ->
                    o.checksumPresent() ? MpCapable.ACK_DATA_CHECKSUM_LENGTH : MpCapable.ACK_DATA_LENGTH;
            case MpJoin.Syn _ -> MpJoin.SYN_LENGTH;
            case MpJoin.SynAck _ -> MpJoin.SYN_ACK_LENGTH;
            case MpJoin.Ack _ -> MpJoin.ACK_LENGTH;
            case Dss o -> o.computedLength();
            case AddAddr.V1 o -> o.computedLength();
            case AddAddr.V0 o -> o.computedLength();
            case RemoveAddr o -> o.computedLength();
            case MpPrio o -> o.computedLength();
            case MpFail _ -> MpFail.LENGTH;
            case MpFastclose _ -> MpFastclose.LENGTH;
            case MpTcpRst _ -> MpTcpRst.LENGTH;
            case MpExperimental o -> o.computedLength();
            case UnknownMptcp o -> o.raw().length();
        };
    }

    /**
     * Writes {@code option} (kind and length byte included) at {@code out[off]} and returns the
     * number of bytes written, {@link #encodedLength}. {@code segmentPayload} is the TCP payload
     * of the segment (null or empty when there is none): an unset ({@link Field#AUTO}) DSS or
     * MP_CAPABLE checksum is computed over it (RFC 8684 §3.3.1).
     */
    public static int encode(MptcpOption option, byte[] out, int off, Bytes segmentPayload) {
        int n = encodedLength(option);
        java.util.Objects.checkFromIndexSize(off, n, out.length);
        if (option instanceof UnknownMptcp u) return u.raw().copyTo(out, off);
        out[off] = (byte) MptcpOption.KIND;
        int length = option.length();
        out[off + 1] = (byte) (length == Field.AUTO ? n : length);
        switch (option) {
            case MpCapable m -> {
                out[off + 2] = (byte) (MptcpOption.MP_CAPABLE << 4 | m.version());
                out[off + 3] = (byte) m.flags();
                switch (m) {
                    case MpCapable.Syn _ -> { }
                    case MpCapable.SynAck o -> put64(out, off + 4, o.senderKey());
                    case MpCapable.Ack o -> {
                        put64(out, off + 4, o.senderKey());
                        put64(out, off + 12, o.receiverKey());
                    }
                    case MpCapable.AckData o -> {
                        put64(out, off + 4, o.senderKey());
                        put64(out, off + 12, o.receiverKey());
                        put16(out, off + 20, o.dataLevelLength());
                        if (o.checksumPresent()) {
                            put16(out, off + 22, o.checksum() != Field.AUTO ? o.checksum() : mpCapableChecksum(o, segmentPayload));
                        }
                    }
                }
            }
            case MpJoin.Syn o -> {
                out[off + 2] = (byte) (MptcpOption.MP_JOIN << 4 | o.reserved() << 1 | (o.backup() ? 1 : 0));
                out[off + 3] = (byte) o.addressId();
                put32(out, off + 4, o.receiverToken());
                put32(out, off + 8, o.senderRandom());
            }
            case MpJoin.SynAck o -> {
                out[off + 2] = (byte) (MptcpOption.MP_JOIN << 4 | o.reserved() << 1 | (o.backup() ? 1 : 0));
                out[off + 3] = (byte) o.addressId();
                put64(out, off + 4, o.senderTruncatedHmac());
                put32(out, off + 12, o.senderRandom());
            }
            case MpJoin.Ack o -> {
                putReserved12(out, off, MptcpOption.MP_JOIN, o.reserved());
                o.senderHmac().copyTo(out, off + 4);
            }
            case Dss o -> encodeDss(o, out, off, segmentPayload);
            case AddAddr.V1 o -> {
                out[off + 2] = (byte) (MptcpOption.ADD_ADDR << 4 | o.reserved() << 1 | (o.echo() ? 1 : 0));
                int p = putAddress(out, off, o.addressId(), o.address());
                if (o.portPresent()) {
                    put16(out, p, o.port());
                    p += 2;
                }
                if (o.truncatedHmacPresent()) put64(out, p, o.truncatedHmac());
            }
            case AddAddr.V0 o -> {
                int ipVersion = o.ipVersion() == Field.AUTO ? o.computedIpVersion() : o.ipVersion();
                out[off + 2] = (byte) (MptcpOption.ADD_ADDR << 4 | ipVersion);
                int p = putAddress(out, off, o.addressId(), o.address());
                if (o.portPresent()) put16(out, p, o.port());
            }
            case RemoveAddr o -> {
                out[off + 2] = (byte) (MptcpOption.REMOVE_ADDR << 4 | o.reserved());
                List<Integer> ids = o.addressIds();
                for (int i = 0; i < ids.size(); i++) out[off + 3 + i] = (byte) (int) ids.get(i);
            }
            case MpPrio o -> {
                out[off + 2] = (byte) (MptcpOption.MP_PRIO << 4 | o.reserved() << 1 | (o.backup() ? 1 : 0));
                if (o.addressIdPresent()) out[off + 3] = (byte) o.addressId();
            }
            case MpFail o -> {
                putReserved12(out, off, MptcpOption.MP_FAIL, o.reserved());
                put64(out, off + 4, o.dataSequenceNumber());
            }
            case MpFastclose o -> {
                putReserved12(out, off, MptcpOption.MP_FASTCLOSE, o.reserved());
                put64(out, off + 4, o.receiverKey());
            }
            case MpTcpRst o -> {
                out[off + 2] = (byte) (MptcpOption.MP_TCPRST << 4 | o.flags());
                out[off + 3] = (byte) o.reason();
            }
            case MpExperimental o -> {
                out[off + 2] = (byte) (MptcpOption.MP_EXPERIMENTAL << 4 | o.bits());
                o.body().copyTo(out, off + 3);
            }
            case UnknownMptcp _ -> throw new AssertionError("handled above");
        }
        return n;
    }

    /** Encodes {@code option} alone; see {@link #encode(MptcpOption, byte[], int, Bytes)}. */
    public static Bytes encode(MptcpOption option, Bytes segmentPayload) {
        byte[] b = new byte[encodedLength(option)];
        encode(option, b, 0, segmentPayload);
        return Bytes.wrap(b);
    }

    private static void encodeDss(Dss o, byte[] out, int off, Bytes payload) {
        int r = o.reserved();
        out[off + 2] = (byte) (MptcpOption.DSS << 4 | r >>> 3);
        out[off + 3] = (byte) ((r & 7) << 5 | o.flags());
        int p = off + 4;
        if (o.dataAckPresent()) {
            if (o.dataAck8()) {
                put64(out, p, o.dataAck());
                p += 8;
            } else {
                put32(out, p, o.dataAck());
                p += 4;
            }
        }
        if (o.mappingPresent()) {
            if (o.dataSequenceNumber8()) {
                put64(out, p, o.dataSequenceNumber());
                p += 8;
            } else {
                put32(out, p, o.dataSequenceNumber());
                p += 4;
            }
            put32(out, p, o.subflowSequenceNumber());
            put16(out, p + 4, o.dataLevelLength());
            if (o.checksumPresent()) {
                // A 4-byte DSN is zero-extended: the upper 32 bits of the mapping are not on the
                // wire (RFC 8684 §3.3.1 wants the 64-bit DSN in the pseudo-header).
                int sum = o.checksum() != Field.AUTO ? o.checksum()
                        : dssChecksum(o.dataSequenceNumber(), o.subflowSequenceNumber(), o.dataLevelLength(), payload);
                put16(out, p + 6, sum);
            }
        }
    }

    private static int mpCapableChecksum(MpCapable.AckData o, Bytes payload) {
        // RFC 8684 §3.1: the data of the MP_CAPABLE third ACK is mapped from DSN = IDSN + 1 of the
        // sender and subflow sequence number 1.
        return dssChecksum(idsn(o.senderKey(), o.version()) + 1, 1, o.dataLevelLength(), payload);
    }

    /**
     * The IDSN of a key: the least significant 64 bits of SHA-256 of its 8 wire bytes (RFC 8684
     * §3.1), SHA-1 for version 0 (RFC 6824 §3.1). Computed here because the crypto package sits
     * above wire and the codec must not call it; {@code crypto.MptcpKeys.idsn} is the same
     * function, and the tests hold the two equal. A version above 1 defines no hash of its own:
     * it is given SHA-256 so that crafting one still encodes.
     */
    static long idsn(long key, int version) {
        byte[] k = new byte[8];
        put64(k, 0, key);
        byte[] h;
        try {
            h = MessageDigest.getInstance(version == 0 ? "SHA-1" : "SHA-256").digest(k);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 and SHA-256 are required of every Java platform", e);
        }
        return u64(h, h.length - 8);
    }

    /**
     * The DSS checksum of RFC 8684 §3.3.1: the 16-bit ones' complement of the ones' complement sum
     * of the pseudo-header DSN (64) ‖ SSN (32) ‖ data-level length (16) ‖ zero (16) followed by
     * {@code payload}, the mapped data (null or empty for none, e.g. a DATA_FIN without data).
     *
     * @param dataSequenceNumber the mapping's full 64-bit DSN (also when the option carries 4 bytes)
     */
    public static int dssChecksum(long dataSequenceNumber, long subflowSequenceNumber, int dataLevelLength,
                                  Bytes payload) {
        long sum = InternetChecksum.add64(0, dataSequenceNumber);
        sum = InternetChecksum.add32(sum, subflowSequenceNumber);
        sum = InternetChecksum.add16(sum, dataLevelLength);
        if (payload != null) {
            // Four bytes a step: two 16-bit words (RFC 1071 §1: the sum is the same in any grouping).
            int n = payload.length();
            int i = 0;
            for (; i + 3 < n; i += 4) sum = InternetChecksum.add32(sum, payload.u32(i));
            for (; i + 1 < n; i += 2) sum += payload.u16(i);
            if (i < n) sum += payload.u8(i) << 8;
        }
        return InternetChecksum.finish(sum);
    }

    private static int putAddress(byte[] out, int off, int addressId, InetAddress address) {
        out[off + 3] = (byte) addressId;
        byte[] a = address.getAddress();
        System.arraycopy(a, 0, out, off + 4, a.length);
        return off + 4 + a.length;
    }

    private static void putReserved12(byte[] out, int off, int subtype, int reserved) {
        out[off + 2] = (byte) (subtype << 4 | reserved >>> 8);
        out[off + 3] = (byte) reserved;
    }

    private static void put16(byte[] b, int i, int v) {
        b[i] = (byte) (v >>> 8);
        b[i + 1] = (byte) v;
    }

    private static void put32(byte[] b, int i, long v) {
        b[i] = (byte) (v >>> 24);
        b[i + 1] = (byte) (v >>> 16);
        b[i + 2] = (byte) (v >>> 8);
        b[i + 3] = (byte) v;
    }

    private static void put64(byte[] b, int i, long v) {
        put32(b, i, v >>> 32);
        put32(b, i + 4, v);
    }
}
