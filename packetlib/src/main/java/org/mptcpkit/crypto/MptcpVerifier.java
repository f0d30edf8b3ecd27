package org.mptcpkit.crypto;

import java.util.ArrayList;
import java.util.List;
import org.mptcpkit.crypto.Verification.Check;
import org.mptcpkit.crypto.Verification.Status;
import org.mptcpkit.packet.AddAddr;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MpJoin;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpOption;

/**
 * Checks the authenticated and checksummed fields of decoded MPTCP options: a thin layer that
 * picks the inputs out of the model and calls {@link MptcpKeys}, {@link MpJoinHmac},
 * {@link AddAddrHmac} and {@link DssChecksum}, and says what was expected and what was found.
 *
 * <table>
 * <caption>What is checked, and with what</caption>
 * <tr><th>option</th><th>field</th><th>inputs</th></tr>
 * <tr><td>{@link MpJoin.Syn}</td><td>receiver's token</td><td>the receiver's key</td></tr>
 * <tr><td>{@link MpJoin.SynAck}</td><td>truncated HMAC</td><td>both keys, the receiver's random
 *     (from its MP_JOIN SYN); the sender's random is in the option</td></tr>
 * <tr><td>{@link MpJoin.Ack}</td><td>HMAC</td><td>both keys, both randoms</td></tr>
 * <tr><td>{@link AddAddr.V1} with an HMAC</td><td>truncated HMAC</td><td>both keys</td></tr>
 * <tr><td>{@link Dss} with a checksum</td><td>checksum</td><td>the mapping's whole payload, the
 *     64-bit DSN</td></tr>
 * <tr><td>{@link MpCapable.AckData} with a checksum</td><td>checksum</td><td>the mapping's payload
 *     (the sender's key is in the option)</td></tr>
 * </table>
 *
 * <p>Roles are named from the packet being checked: the <em>sender</em> is the host that sent it.
 * In RFC 8684 §3.2's terms, an MP_JOIN SYN-ACK is sent by B, the responder, to A, the initiator;
 * an MP_JOIN ACK by A to B. So for a SYN-ACK, {@code senderKey} is K_B and the receiver's random is
 * R_A; for an ACK, {@code senderKey} is K_A.
 *
 * <p><b>4-byte DSNs.</b> The DSS checksum covers the full 64-bit DSN "irrespective of what length
 * is used in the DSS option itself" (RFC 8684 §3.3.1), so a 4-byte DSN must be widened first.
 * {@link #dataSequenceNumber(Dss, long)} picks the 64-bit value with the wire's low 32 bits that is
 * nearest a reference, as a receiver infers the upper half from the data it has seen.
 * {@link #verify(Tcp, Keys)} takes the sender's
 * first DSN (IDSN + 1) as the reference when keys are given, which is right for the first 2 GiB of
 * a connection; without keys it zero-extends, as the encoder does for an {@code AUTO} checksum.
 * For anything else, widen yourself and call {@link #dssChecksum(Dss, long, Bytes)}.
 *
 * <pre>{@code
 * // Linux 6.18, 03-multipath-v4.pcap frame 7: the server (K_B) answers the client's (K_A) join
 * // SYN, which carried R_A = 2827387495; the SYN-ACK carries R_B = 2493248081.
 * Keys keys = Keys.of(MptcpKeys.V1, 3636904298737523150L, -2115227313576740182L)
 *         .withRandoms(2493248081L, 2827387495L);
 * for (Verification v : MptcpVerifier.verify(synAckPacket, keys)) System.out.println(v);
 * // MP_JOIN SYN-ACK HMAC: VALID 0xe2fdcd17afc5fdac (K_B 3636904298737523150, ...; RFC 8684 §3.2)
 * }</pre>
 *
 * <p>Pure functions; thread-safe.
 */
public final class MptcpVerifier {
    private MptcpVerifier() {
    }

    /**
     * What is known of a packet's connection, from the packet's sender's side: the MPTCP version
     * (which selects SHA-1 or SHA-256), the sender's and the receiver's keys, and, for MP_JOIN
     * handshakes, the randoms each host sent in its MP_JOIN SYN or SYN-ACK ({@link #NO_RANDOM}
     * when not known).
     *
     * @param version        {@link MptcpKeys#V0} or {@link MptcpKeys#V1}
     * @param senderRandom   the random the packet's sender put in its MP_JOIN SYN or SYN-ACK
     * @param receiverRandom the random the packet's receiver put in its MP_JOIN SYN or SYN-ACK
     */
    public record Keys(int version, long senderKey, long receiverKey, long senderRandom, long receiverRandom) {
        /** The value of a random that is not known. */
        public static final long NO_RANDOM = -1;

        public Keys {
            if (version != MptcpKeys.V0 && version != MptcpKeys.V1) {
                throw new IllegalArgumentException("version: " + version + " (expected: 0 or 1)");
            }
            checkRandom("senderRandom", senderRandom);
            checkRandom("receiverRandom", receiverRandom);
        }

        private static void checkRandom(String name, long random) {
            if (random != NO_RANDOM && (random < 0 || random > 0xffffffffL)) {
                throw new IllegalArgumentException(name + ": " + random + " (expected: 0..4294967295 or NO_RANDOM)");
            }
        }

        /** The keys of a connection, no randoms known. */
        public static Keys of(int version, long senderKey, long receiverKey) {
            return new Keys(version, senderKey, receiverKey, NO_RANDOM, NO_RANDOM);
        }

        /** A copy that knows the MP_JOIN randoms of the sender and of the receiver. */
        public Keys withRandoms(long senderRandom, long receiverRandom) {
            return new Keys(version, senderKey, receiverKey, senderRandom, receiverRandom);
        }

        /** The same knowledge seen from the other host: for checking the packets it sends. */
        public Keys reversed() {
            return new Keys(version, receiverKey, senderKey, receiverRandom, senderRandom);
        }
    }

    // ============================================================================================
    // One option, every input given

    /** The token of an MP_JOIN SYN: that of the receiver's key (RFC 8684 §3.2). */
    public static Verification joinToken(MpJoin.Syn syn, int version, long receiverKey) {
        long expected = MptcpKeys.token(receiverKey, version);
        return verdict(Check.MP_JOIN_TOKEN, syn, expected == syn.receiverToken(), u32(expected),
                u32(syn.receiverToken()), "token of key " + Long.toUnsignedString(receiverKey) + ", v" + version);
    }

    /**
     * The truncated HMAC of an MP_JOIN SYN-ACK: the leftmost 64 bits of HMAC(K_B‖K_A, R_B‖R_A),
     * B being the sender of the SYN-ACK (RFC 8684 §3.2). R_B is the option's own random.
     *
     * @param receiverRandom R_A, the random of the receiver's MP_JOIN SYN
     */
    public static Verification joinSynAckHmac(MpJoin.SynAck synAck, int version, long senderKey, long receiverKey,
                                              long receiverRandom) {
        long expected = MpJoinHmac.synAckTruncatedHmac(version, receiverKey, senderKey, receiverRandom,
                synAck.senderRandom());
        return verdict(Check.MP_JOIN_SYN_ACK_HMAC, synAck, expected == synAck.senderTruncatedHmac(),
                Bytes.ofLong(expected), Bytes.ofLong(synAck.senderTruncatedHmac()),
                "K_B " + Long.toUnsignedString(senderKey) + ", K_A " + Long.toUnsignedString(receiverKey)
                        + ", R_B " + synAck.senderRandom() + ", R_A " + receiverRandom + ", v" + version);
    }

    /**
     * The HMAC of an MP_JOIN ACK: the leftmost 160 bits of HMAC(K_A‖K_B, R_A‖R_B), A being the
     * sender of the ACK (RFC 8684 §3.2).
     *
     * @param senderRandom   R_A, the random of the sender's MP_JOIN SYN
     * @param receiverRandom R_B, the random of the receiver's MP_JOIN SYN-ACK
     */
    public static Verification joinAckHmac(MpJoin.Ack ack, int version, long senderKey, long receiverKey,
                                           long senderRandom, long receiverRandom) {
        Bytes expected = MpJoinHmac.ackHmac(version, senderKey, receiverKey, senderRandom, receiverRandom);
        return verdict(Check.MP_JOIN_ACK_HMAC, ack, expected.equals(ack.senderHmac()), expected, ack.senderHmac(),
                "K_A " + Long.toUnsignedString(senderKey) + ", K_B " + Long.toUnsignedString(receiverKey)
                        + ", R_A " + senderRandom + ", R_B " + receiverRandom + ", v" + version);
    }

    /**
     * The truncated HMAC of a v1 ADD_ADDR: the rightmost 64 bits of HMAC-SHA256(K_sender‖K_receiver,
     * address id ‖ address ‖ port), the port 0 when absent (RFC 8684 §3.4.1). UNVERIFIABLE for an
     * option without an HMAC (an echo).
     */
    public static Verification addAddrHmac(AddAddr.V1 addAddr, long senderKey, long receiverKey) {
        if (!addAddr.truncatedHmacPresent()) {
            return unverifiable(Check.ADD_ADDR_HMAC, addAddr, Bytes.EMPTY, "the option carries no HMAC");
        }
        long expected = AddAddrHmac.truncatedHmac(senderKey, receiverKey, addAddr.addressId(), addAddr.address(),
                addAddr.portPresent() ? addAddr.port() : 0);
        return verdict(Check.ADD_ADDR_HMAC, addAddr, expected == addAddr.truncatedHmac(), Bytes.ofLong(expected),
                Bytes.ofLong(addAddr.truncatedHmac()), "K_sender " + Long.toUnsignedString(senderKey)
                        + ", K_receiver " + Long.toUnsignedString(receiverKey) + ", id " + addAddr.addressId()
                        + ", " + addAddr.address().getHostAddress()
                        + (addAddr.portPresent() ? " port " + addAddr.port() : ", no port"));
    }

    /**
     * The checksum of a DSS mapping (RFC 8684 §3.3.1) over {@code mappedPayload}, the mapping's
     * whole payload (its DLL less one for a DATA_FIN). Judged the receiver's way
     * ({@link DssChecksum#verify}), so 0xffff passes where the sum gives 0x0000.
     *
     * @param dataSequenceNumber the mapping's 64-bit DSN: the option's own when it carries 8
     *                           bytes, else widened (see {@link #dataSequenceNumber(Dss, long)})
     */
    public static Verification dssChecksum(Dss dss, long dataSequenceNumber, Bytes mappedPayload) {
        if (!dss.checksumPresent()) {
            return unverifiable(Check.DSS_CHECKSUM, dss, Bytes.EMPTY, "the option carries no checksum");
        }
        if (dss.checksum() == Field.AUTO) {
            return unverifiable(Check.DSS_CHECKSUM, dss, Bytes.EMPTY, "the checksum is AUTO: the encoder computes it");
        }
        int expected = DssChecksum.compute(dataSequenceNumber, dss.subflowSequenceNumber(), dss.dataLevelLength(),
                mappedPayload);
        boolean ok = DssChecksum.verify(dataSequenceNumber, dss.subflowSequenceNumber(), dss.dataLevelLength(),
                mappedPayload, dss.checksum());
        return verdict(Check.DSS_CHECKSUM, dss, ok, u16(expected), u16(dss.checksum()),
                mappingDetail(dataSequenceNumber, dss.subflowSequenceNumber(), dss.dataLevelLength(), mappedPayload)
                        + (dss.dataSequenceNumber8() ? "" : ", DSN widened from 4 bytes"));
    }

    /**
     * The checksum of an MP_CAPABLE ACK with data over its implied mapping: DSN = IDSN of the
     * sender's key + 1, SSN 1, the option's DLL (RFC 8684 §3.1). The IDSN is SHA-1's for an option
     * of version 0, SHA-256's otherwise, as the encoder computes it.
     */
    public static Verification mpCapableChecksum(MpCapable.AckData ackData, Bytes mappedPayload) {
        if (!ackData.checksumPresent()) {
            return unverifiable(Check.MP_CAPABLE_CHECKSUM, ackData, Bytes.EMPTY, "the option carries no checksum");
        }
        if (ackData.checksum() == Field.AUTO) {
            return unverifiable(Check.MP_CAPABLE_CHECKSUM, ackData, Bytes.EMPTY,
                    "the checksum is AUTO: the encoder computes it");
        }
        int version = ackData.version() == MptcpKeys.V0 ? MptcpKeys.V0 : MptcpKeys.V1;
        long dsn = MptcpKeys.idsn(ackData.senderKey(), version) + 1;
        long ssn = DssChecksum.MP_CAPABLE_SUBFLOW_SEQUENCE_NUMBER;
        int expected = DssChecksum.compute(dsn, ssn, ackData.dataLevelLength(), mappedPayload);
        boolean ok = DssChecksum.verify(dsn, ssn, ackData.dataLevelLength(), mappedPayload, ackData.checksum());
        return verdict(Check.MP_CAPABLE_CHECKSUM, ackData, ok, u16(expected), u16(ackData.checksum()),
                "IDSN + 1: " + mappingDetail(dsn, ssn, ackData.dataLevelLength(), mappedPayload));
    }

    /**
     * The 64-bit DSN of a mapping: the option's own when it carries 8 bytes; for 4 bytes, the
     * 64-bit value with those low 32 bits nearest {@code reference} (e.g. the sender's IDSN + 1, or
     * the DSN last seen from it), wrapping around 2^64 as sequence numbers do.
     */
    public static long dataSequenceNumber(Dss dss, long reference) {
        return dss.dataSequenceNumber8() ? dss.dataSequenceNumber() : widen(dss.dataSequenceNumber(), reference);
    }

    /**
     * The 64-bit value whose low 32 bits are {@code low32} (0..2^32-1) and which is nearest
     * {@code reference}, within -2^31..2^31-1 of it.
     */
    public static long widen(long low32, long reference) {
        return reference + (int) (low32 - reference);
    }

    // ============================================================================================
    // A whole segment

    /** {@link #verify(Tcp, Keys)} for the TCP segment of {@code packet}; empty if it carries none. */
    public static List<Verification> verify(IpPacket packet, Keys keys) {
        return packet.tcp().map(t -> verify(t, keys)).orElse(List.of());
    }

    /**
     * One {@link Verification} per option of {@code segment} that carries a token, an HMAC or a
     * checksum, in option order: MP_JOIN (all three forms), ADD_ADDR v1 with an HMAC, DSS with a
     * checksum, MP_CAPABLE with data and a checksum. Options without such a field give none.
     *
     * <p>A checksum is computed over the segment's payload when it is the whole mapping (the
     * segment carries exactly the mapping's length); a mapping spread over several segments, or a
     * payload cut short by a capture's snapshot length, is UNVERIFIABLE here: sum it whole with
     * {@link #dssChecksum(Dss, long, Bytes)}. A 4-byte DSN is widened around the sender's IDSN + 1
     * (zero-extended without keys; see the class comment).
     *
     * @param keys what is known of the connection from the sender's side; null when nothing is,
     *             which leaves only the checksums checkable
     */
    public static List<Verification> verify(Tcp segment, Keys keys) {
        List<Verification> out = new ArrayList<>(2);
        for (TcpOption o : segment.options()) {
            Verification v = verify(o, segment.payload(), keys);
            if (v != null) out.add(v);
        }
        return out;
    }

    /** The check of one option of a segment carrying {@code payload}; null for an option with nothing to check. */
    private static Verification verify(TcpOption o, Bytes payload, Keys keys) {
        if (o instanceof MpJoin.Syn syn) {
            if (keys == null) return unverifiable(Check.MP_JOIN_TOKEN, syn, u32(syn.receiverToken()), "needs the receiver's key");
            return joinToken(syn, keys.version(), keys.receiverKey());
        }
        if (o instanceof MpJoin.SynAck synAck) {
            Bytes found = Bytes.ofLong(synAck.senderTruncatedHmac());
            if (keys == null) return unverifiable(Check.MP_JOIN_SYN_ACK_HMAC, synAck, found, "needs the keys of both hosts");
            if (keys.receiverRandom() == Keys.NO_RANDOM) {
                return unverifiable(Check.MP_JOIN_SYN_ACK_HMAC, synAck, found,
                        "needs the receiver's random (R_A, from its MP_JOIN SYN)");
            }
            return joinSynAckHmac(synAck, keys.version(), keys.senderKey(), keys.receiverKey(), keys.receiverRandom());
        }
        if (o instanceof MpJoin.Ack ack) {
            if (keys == null) return unverifiable(Check.MP_JOIN_ACK_HMAC, ack, ack.senderHmac(), "needs the keys of both hosts");
            if (keys.senderRandom() == Keys.NO_RANDOM || keys.receiverRandom() == Keys.NO_RANDOM) {
                return unverifiable(Check.MP_JOIN_ACK_HMAC, ack, ack.senderHmac(),
                        "needs both randoms (R_A from the MP_JOIN SYN, R_B from the SYN-ACK)");
            }
            return joinAckHmac(ack, keys.version(), keys.senderKey(), keys.receiverKey(), keys.senderRandom(),
                    keys.receiverRandom());
        }
        if (o instanceof AddAddr.V1 a && a.truncatedHmacPresent()) {
            if (keys == null) return unverifiable(Check.ADD_ADDR_HMAC, a, Bytes.ofLong(a.truncatedHmac()), "needs the keys of both hosts");
            return addAddrHmac(a, keys.senderKey(), keys.receiverKey());
        }
        if (o instanceof Dss d && d.checksumPresent()) {
            // Without keys a 4-byte DSN is zero-extended, the encoder's assumption for an AUTO checksum.
            long dsn = d.dataSequenceNumber8() || keys == null ? d.dataSequenceNumber()
                    : dataSequenceNumber(d, MptcpKeys.idsn(keys.senderKey(), keys.version()) + 1);
            int mapped = d.dataLevelLength() - (d.dataFin() ? 1 : 0);
            if (d.checksum() != Field.AUTO && mapped != payload.length()) {
                return unverifiable(Check.DSS_CHECKSUM, d, u16(d.checksum()), partial(mapped, payload));
            }
            return dssChecksum(d, dsn, payload);
        }
        if (o instanceof MpCapable.AckData a && a.checksumPresent()) {
            if (a.checksum() != Field.AUTO && a.dataLevelLength() != payload.length()) {
                return unverifiable(Check.MP_CAPABLE_CHECKSUM, a, u16(a.checksum()), partial(a.dataLevelLength(), payload));
            }
            return mpCapableChecksum(a, payload);
        }
        return null;
    }

    // ============================================================================================

    private static String partial(int mapped, Bytes payload) {
        return "the mapping covers " + mapped + " payload bytes, the segment carries " + payload.length()
                + ": sum the whole mapping with dssChecksum(dss, dsn, payload)";
    }

    private static String mappingDetail(long dsn, long ssn, int dll, Bytes payload) {
        return "DSN " + Long.toUnsignedString(dsn) + ", SSN " + ssn + ", DLL " + dll + ", " + payload.length()
                + " payload bytes";
    }

    private static Verification verdict(Check check, org.mptcpkit.packet.MptcpOption option, boolean ok,
                                        Bytes expected, Bytes found, String detail) {
        return new Verification(check, ok ? Status.VALID : Status.INVALID, option, expected, found, detail);
    }

    private static Verification unverifiable(Check check, org.mptcpkit.packet.MptcpOption option, Bytes found,
                                             String why) {
        return new Verification(check, Status.UNVERIFIABLE, option, Bytes.EMPTY, found, why);
    }

    private static Bytes u16(int v) {
        return Bytes.of((byte) (v >>> 8), (byte) v);
    }

    private static Bytes u32(long v) {
        return Bytes.of((byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v);
    }
}
