package org.mptcpkit.shell.dsl;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mptcpkit.packet.AddAddr;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.FastOpen;
import org.mptcpkit.packet.Md5Signature;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MpExperimental;
import org.mptcpkit.packet.MpFail;
import org.mptcpkit.packet.MpFastclose;
import org.mptcpkit.packet.MpJoin;
import org.mptcpkit.packet.MpPrio;
import org.mptcpkit.packet.MpTcpRst;
import org.mptcpkit.packet.Mss;
import org.mptcpkit.packet.RawOptionBytes;
import org.mptcpkit.packet.RemoveAddr;
import org.mptcpkit.packet.Sack;
import org.mptcpkit.packet.SackPermitted;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.packet.UnknownMptcp;
import org.mptcpkit.packet.UnknownOption;
import org.mptcpkit.packet.WindowScale;

/**
 * The TCP options and MPTCP suboptions from named arguments, shared by the top-level words
 * ({@code MpCapable(senderKey: k)}) and the {@code TCP { ... }} closure ({@code mpCapable v1}).
 * Where a suboption has forms (RFC 8684 §3.1 MP_CAPABLE, §3.2 MP_JOIN, §3.4.1 ADD_ADDR), the
 * keys given pick the form, or {@code form:} names it.
 */
final class Options {
    static final Map<String, String> MP_CAPABLE = Build.aliases("v", "version", "key", "senderKey",
            "dll", "dataLevelLength", "A", "checksumRequired", "H", "hmacSha");
    static final Map<String, String> MP_JOIN = Build.aliases("id", "addressId", "token", "receiverToken",
            "nonce", "senderRandom", "random", "senderRandom", "hmac", "senderHmac", "truncatedHmac", "senderTruncatedHmac");
    static final Map<String, String> DSS = Build.aliases("ack", "dataAck", "dsn", "dataSequenceNumber",
            "ssn", "subflowSequenceNumber", "dll", "dataLevelLength", "fin", "dataFin");
    static final Map<String, String> ADD_ADDR = Build.aliases("id", "addressId", "addr", "address",
            "hmac", "truncatedHmac");
    static final Map<String, String> REMOVE_ADDR = Build.aliases("ids", "addressIds", "id", "addressId");
    static final Map<String, String> MP_PRIO = Build.aliases("id", "addressId");
    static final Map<String, String> MP_FAIL = Build.aliases("dsn", "dataSequenceNumber");
    static final Map<String, String> MP_FASTCLOSE = Build.aliases("key", "receiverKey");
    static final Map<String, String> NONE = Map.of();

    private Options() {
    }

    static Mss mss(Map<String, ?> a) {
        return Build.build("Mss", Mss.class, a, Build.aliases("value", "mss"));
    }

    static WindowScale wscale(Map<String, ?> a) {
        return Build.build("WindowScale", WindowScale.class, a, Build.aliases("value", "shift"));
    }

    static SackPermitted sackOK(Map<String, ?> a) {
        return Build.build("SackPermitted", SackPermitted.class, a, NONE);
    }

    static Timestamps ts(Map<String, ?> a) {
        return Build.build("Timestamps", Timestamps.class, a, Build.aliases("val", "tsVal", "ecr", "tsEcr"));
    }

    static Sack sack(Map<String, ?> a) {
        Map<String, Object> m = new LinkedHashMap<>(a);
        Object blocks = m.get("blocks");
        if (blocks instanceof java.util.List<?> l) {
            java.util.List<Sack.Block> out = new java.util.ArrayList<>();
            for (Object o : l) {
                if (o instanceof Sack.Block b) {
                    out.add(b);
                } else if (o instanceof java.util.List<?> pair && pair.size() == 2
                        && pair.get(0) instanceof Number x && pair.get(1) instanceof Number y) {
                    out.add(new Sack.Block(x.longValue(), y.longValue()));
                } else {
                    throw new IllegalArgumentException("Sack: blocks: " + Build.describe(o) + " (expected: [left, right])");
                }
            }
            m.put("blocks", out);
        }
        return Build.build("Sack", Sack.class, m, NONE);
    }

    static FastOpen fastOpen(Map<String, ?> a) {
        return Build.build("FastOpen", FastOpen.class, a, NONE);
    }

    static Md5Signature md5(Map<String, ?> a) {
        return Build.build("Md5Signature", Md5Signature.class, a, NONE);
    }

    /** MP_CAPABLE; the form from {@code form:} or from the keys: keys and data-level length. */
    static MpCapable mpCapable(Map<String, ?> args) {
        Map<String, Object> a = new LinkedHashMap<>(args);
        Object form = a.remove("form");
        Object flags = a.get("flags");
        if (flags instanceof CharSequence cs) a.put("flags", mpCapableFlags(cs.toString()));
        boolean receiver = a.containsKey("receiverKey");
        boolean sender = a.containsKey("senderKey") || a.containsKey("key");
        boolean data = a.containsKey("dataLevelLength") || a.containsKey("dll") || a.containsKey("checksum");
        String f = form != null ? form.toString().toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "")
                : data ? "ackdata" : receiver ? "ack" : sender ? "synack" : "syn";
        Class<?> type = switch (f) {
            case "syn" -> MpCapable.Syn.class;
            case "synack" -> MpCapable.SynAck.class;
            case "ack" -> MpCapable.Ack.class;
            case "ackdata", "data" -> MpCapable.AckData.class;
            default -> throw new IllegalArgumentException("MpCapable: form: '" + form + "' (expected: syn, synack, ack, ackdata)");
        };
        Object checksum = a.get("checksum");
        if (Boolean.TRUE.equals(checksum)) a.put("checksum", org.mptcpkit.packet.Field.AUTO);
        return (MpCapable) Build.build("MpCapable", type, a, MP_CAPABLE);
    }

    /** Letters A..H of RFC 8684 §3.1 ('AH' = checksum required, HMAC-SHA256) as the flag byte. */
    static int mpCapableFlags(String letters) {
        int bits = 0;
        for (int i = 0; i < letters.length(); i++) {
            char c = Character.toUpperCase(letters.charAt(i));
            if (c < 'A' || c > 'H') {
                throw new IllegalArgumentException("MpCapable: flags: '" + letters + "' (expected: letters A..H, e.g. 'AH')");
            }
            bits |= 0x80 >>> (c - 'A');
        }
        return bits;
    }

    /** MP_JOIN: SYN (token, nonce), SYN-ACK (truncated HMAC, nonce) or ACK (20-byte HMAC). */
    static MpJoin mpJoin(Map<String, ?> args) {
        Map<String, Object> a = new LinkedHashMap<>(args);
        Object form = a.remove("form");
        String f;
        if (form != null) {
            f = form.toString().toLowerCase(java.util.Locale.ROOT).replace("-", "").replace("_", "");
        } else if (a.containsKey("senderHmac") || (a.containsKey("hmac") && lengthOf(a.get("hmac")) == 20)) {
            f = "ack";
        } else if (a.containsKey("senderTruncatedHmac") || a.containsKey("truncatedHmac") || a.containsKey("hmac")) {
            f = "synack";
        } else {
            f = "syn";
        }
        Map<String, String> aliases = MP_JOIN;
        if (f.equals("synack") && a.containsKey("hmac")) a.put("truncatedHmac", a.remove("hmac"));
        Class<?> type = switch (f) {
            case "syn" -> MpJoin.Syn.class;
            case "synack" -> MpJoin.SynAck.class;
            case "ack" -> MpJoin.Ack.class;
            default -> throw new IllegalArgumentException("MpJoin: form: '" + form + "' (expected: syn, synack, ack)");
        };
        return (MpJoin) Build.build("MpJoin", type, a, aliases);
    }

    private static int lengthOf(Object v) {
        Object b = Build.bytes(v);
        return b instanceof Bytes bytes ? bytes.length() : -1;
    }

    /** DSS: a data ACK, a mapping (any of dsn, ssn, dll), a DATA_FIN, a checksum (true: computed). */
    static Dss dss(Map<String, ?> args) {
        Map<String, Object> a = new LinkedHashMap<>(args);
        boolean mapping = a.containsKey("dsn") || a.containsKey("ssn") || a.containsKey("dll")
                || a.containsKey("dataSequenceNumber") || a.containsKey("subflowSequenceNumber") || a.containsKey("dataLevelLength");
        Dss.Builder b = Dss.builder();
        if (mapping && !a.containsKey("mappingPresent")) b.mappingPresent(true).dataSequenceNumber8(true);
        Object checksum = a.remove("checksum");
        Build.apply("Dss", b, a, DSS);
        if (Boolean.TRUE.equals(checksum)) {
            b.checksum();
        } else if (checksum != null) {
            Build.set("Dss", b, "checksum", "checksum", checksum, DSS);
        }
        return (Dss) Build.finish("Dss", b);
    }

    /** ADD_ADDR: version 1 by default (with a truncated HMAC when given), {@code version:0} for RFC 6824's. */
    static AddAddr addAddr(Map<String, ?> args) {
        Map<String, Object> a = new LinkedHashMap<>(args);
        Object version = a.remove("version");
        boolean v0 = version instanceof Number n && n.intValue() == 0;
        Class<?> type = v0 ? AddAddr.V0.class : AddAddr.V1.class;
        return (AddAddr) Build.build("AddAddr", type, a, ADD_ADDR);
    }

    static RemoveAddr removeAddr(Map<String, ?> a) {
        return Build.build("RemoveAddr", RemoveAddr.class, a, REMOVE_ADDR);
    }

    static MpPrio mpPrio(Map<String, ?> a) {
        return Build.build("MpPrio", MpPrio.class, a, MP_PRIO);
    }

    static MpFail mpFail(Map<String, ?> a) {
        return Build.build("MpFail", MpFail.class, a, MP_FAIL);
    }

    static MpFastclose mpFastclose(Map<String, ?> a) {
        return Build.build("MpFastclose", MpFastclose.class, a, MP_FASTCLOSE);
    }

    static MpTcpRst mpTcpRst(Map<String, ?> a) {
        return Build.build("MpTcpRst", MpTcpRst.class, a, NONE);
    }

    static MpExperimental mpExperimental(Map<String, ?> a) {
        return Build.build("MpExperimental", MpExperimental.class, a, NONE);
    }

    /**
     * Raw options, the escape hatch: {@code bytes:} alone is the whole option verbatim (kind and
     * length included); with {@code kind:} it is the option's data, the length byte computed
     * unless {@code length:} is given. {@code subtype:} makes an MPTCP suboption of that subtype.
     */
    static TcpOption option(Map<String, ?> args) {
        Map<String, Object> a = new LinkedHashMap<>(args);
        Object data = a.containsKey("bytes") ? a.remove("bytes") : a.remove("data");
        Object bytes = data == null ? Bytes.EMPTY : Build.bytes(data);
        if (!(bytes instanceof Bytes body)) {
            throw new IllegalArgumentException("Option: bytes: " + Build.describe(data) + " (expected: Bytes, hex string or byte list)");
        }
        if (a.containsKey("subtype")) {
            int subtype = intArg("Option", a, "subtype", 0, 15, 0);
            int bits = intArg("Option", a, "bits", 0, 15, 0);
            if (a.containsKey("length")) {
                // A wrong length on purpose: the whole suboption, verbatim.
                int length = intArg("Option", a, "length", 0, 255, 0);
                byte[] raw = new byte[3 + body.length()];
                raw[0] = 30;
                raw[1] = (byte) length;
                raw[2] = (byte) (subtype << 4 | bits);
                body.copyTo(raw, 3);
                rejectRest("Option", a);
                return new RawOptionBytes(Bytes.wrap(raw));
            }
            rejectRest("Option", a);
            return UnknownMptcp.of(subtype, bits, body);
        }
        if (!a.containsKey("kind")) {
            rejectRest("Option", a);
            return new RawOptionBytes(body);
        }
        int kind = intArg("Option", a, "kind", 0, 255, 0);
        int length = intArg("Option", a, "length", 0, 255, org.mptcpkit.packet.Field.AUTO);
        rejectRest("Option", a);
        try {
            return new UnknownOption(kind, length, body);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Option: " + e.getMessage(), e);
        }
    }

    private static int intArg(String word, Map<String, Object> a, String key, int min, int max, int absent) {
        Object v = a.remove(key);
        if (v == null) return absent;
        if (!(v instanceof Integer n) || n < min || n > max) {
            throw new IllegalArgumentException(word + ": " + key + ": " + Build.describe(v) + " (expected: " + min + ".." + max + ")");
        }
        return n;
    }

    private static void rejectRest(String word, Map<String, Object> a) {
        if (!a.isEmpty()) {
            throw new IllegalArgumentException(word + ": unknown field '" + a.keySet().iterator().next()
                    + "' (expected one of: bytes, kind, length, subtype, bits)");
        }
    }
}
