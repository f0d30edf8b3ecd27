package org.mptcpkit.crypto;

import org.mptcpkit.packet.Bytes;
import org.mptcpkit.wire.InternetChecksum;

/**
 * The DSS checksum of RFC 8684 §3.3.1 (and RFC 6824 §3.3.1, which defines the same sum): the
 * 16-bit ones' complement checksum of a pseudo-header followed by the whole mapped payload.
 *
 * <pre>
 *    0                   1                   2                   3
 *    0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *   +--------------------------------------------------------------+
 *   |                                                              |
 *   |                Data Sequence Number (8 octets)               |
 *   |                                                              |
 *   +--------------------------------------------------------------+
 *   |              Subflow Sequence Number (4 octets)              |
 *   +-------------------------------+------------------------------+
 *   |  Data-Level Length (2 octets) |        Zeros (2 octets)      |
 *   +-------------------------------+------------------------------+
 *   |                 mapped payload (Data-Level Length bytes,     |
 *   |                 one fewer when the mapping has a DATA_FIN)   |
 * </pre>
 *
 * <ul>
 *   <li>The DSN is always the full 64 bits, "irrespective of what length is used in the DSS option
 *       itself" (RFC 8684 §3.3.1): a 4-byte DSN from the wire must be widened first.</li>
 *   <li>The subflow sequence number is the relative one the DSS option carries.</li>
 *   <li>"The DATA_FIN ... has a length of 1 in the data-level length" but no byte of payload
 *       (RFC 8684 §3.3.3): pass the wire DLL (see {@link #dataLevelLength}) and the payload without
 *       a FIN byte. A DATA_FIN alone is DLL 1, empty payload.</li>
 *   <li>An MP_CAPABLE ACK with data (length 24, RFC 8684 §3.1) carries the same checksum for an
 *       implied mapping: DSN = IDSN(sender's key) + 1, subflow sequence number 1; see
 *       {@link #mpCapableChecksum}.</li>
 * </ul>
 *
 * <pre>{@code
 * // Linux 6.18, 05-dss-checksum.pcap frame 26: DATA_FIN alone, DSS bytes ...0000000000017537
 * DssChecksum.compute(682404054862056217L, 0, 1, Bytes.EMPTY) == 0x7537
 * }</pre>
 *
 * A mapping the network split over several segments is summed piece by piece: start with
 * {@link #pseudoHeaderSum}, add each piece with {@link #addPayload} at its offset in the mapping
 * (odd offsets are handled), and finish with {@link InternetChecksum#finish}. Every method is a
 * pure function; the {@code byte[]} forms allocate nothing.
 */
public final class DssChecksum {
    /** Length of the pseudo-header that precedes the payload. */
    public static final int PSEUDO_HEADER_LENGTH = 16;
    /** The subflow sequence number an MP_CAPABLE ACK with data implies: 1, the first byte after the SYN. */
    public static final long MP_CAPABLE_SUBFLOW_SEQUENCE_NUMBER = 1;

    private DssChecksum() {
    }

    /**
     * The wire DLL of a mapping of {@code payloadLength} bytes: one more when it carries a DATA_FIN,
     * which "is ... included in the data-level length" but occupies no payload byte (RFC 8684 §3.3.3).
     */
    public static int dataLevelLength(int payloadLength, boolean dataFin) {
        return payloadLength + (dataFin ? 1 : 0);
    }

    /**
     * The unfolded ones' complement sum of the pseudo-header, its checksum field zero. The DLL is
     * taken as its low 16 bits, as on the wire.
     */
    public static long pseudoHeaderSum(long dataSequenceNumber, long subflowSequenceNumber, int dataLevelLength) {
        long sum = InternetChecksum.add64(0, dataSequenceNumber);
        sum = InternetChecksum.add32(sum, subflowSequenceNumber);
        return InternetChecksum.add16(sum, dataLevelLength);
    }

    /**
     * Adds {@code len} payload bytes that begin {@code mappingOffset} bytes into the mapping.
     * RFC 1071 §2(B): the sum is byte-order independent, so a piece at an odd offset is summed as
     * if aligned and its folded sum byte-swapped.
     */
    public static long addPayload(long sum, long mappingOffset, byte[] buf, int off, int len) {
        if ((mappingOffset & 1) == 0) return InternetChecksum.add(sum, buf, off, len);
        int folded = ~InternetChecksum.finish(InternetChecksum.add(0, buf, off, len)) & 0xffff;
        return sum + (((folded & 0xff) << 8) | (folded >>> 8));
    }

    /** {@link #addPayload(long, long, byte[], int, int)} for a {@link Bytes} piece. */
    public static long addPayload(long sum, long mappingOffset, Bytes piece) {
        byte[] b = CryptoScratch.get().payload(piece.length());
        int n = piece.copyTo(b, 0);
        return addPayload(sum, mappingOffset, b, 0, n);
    }

    /** The checksum of a mapping whose whole payload is {@code len} bytes of {@code buf} from {@code off}. */
    public static int compute(long dataSequenceNumber, long subflowSequenceNumber, int dataLevelLength,
                              byte[] buf, int off, int len) {
        long sum = pseudoHeaderSum(dataSequenceNumber, subflowSequenceNumber, dataLevelLength);
        return InternetChecksum.finish(InternetChecksum.add(sum, buf, off, len));
    }

    /**
     * The checksum of a mapping whose whole payload is {@code payload}: the codec's own function,
     * which computes the checksum the encoder writes when the field is left unset.
     */
    public static int compute(long dataSequenceNumber, long subflowSequenceNumber, int dataLevelLength,
                              Bytes payload) {
        return org.mptcpkit.wire.MptcpCodec.dssChecksum(dataSequenceNumber, subflowSequenceNumber,
                dataLevelLength, payload);
    }

    /**
     * Whether {@code checksum} (the value from the wire) is right for this mapping. Checked the
     * receiver's way (RFC 8684 §3.3.1, RFC 1071 §1): the sum over the pseudo-header with the
     * checksum in its field and the payload must be all ones. Where {@link #compute} gives 0x0000
     * the other ones' complement zero, 0xffff, is accepted too, as a Linux receiver does.
     */
    public static boolean verify(long dataSequenceNumber, long subflowSequenceNumber, int dataLevelLength,
                                 Bytes payload, int checksum) {
        long sum = pseudoHeaderSum(dataSequenceNumber, subflowSequenceNumber, dataLevelLength);
        sum = InternetChecksum.add16(sum, checksum);
        return InternetChecksum.finish(addPayload(sum, 0, payload)) == 0;
    }

    /** {@link #verify(long, long, int, Bytes, int)} over {@code len} bytes of {@code buf}. */
    public static boolean verify(long dataSequenceNumber, long subflowSequenceNumber, int dataLevelLength,
                                 byte[] buf, int off, int len, int checksum) {
        long sum = pseudoHeaderSum(dataSequenceNumber, subflowSequenceNumber, dataLevelLength);
        sum = InternetChecksum.add16(sum, checksum);
        return InternetChecksum.finish(InternetChecksum.add(sum, buf, off, len)) == 0;
    }

    /**
     * The DSN an MP_CAPABLE ACK with data implies for its payload: the sender's IDSN + 1
     * (RFC 8684 §3.1, the first data byte of a host). MP_CAPABLE with data exists only in v1, so
     * the IDSN is SHA-256's.
     */
    public static long mpCapableDataSequenceNumber(long senderKey) {
        return MptcpKeys.idsn(senderKey, MptcpKeys.V1) + 1;
    }

    /**
     * The checksum of an MP_CAPABLE ACK with data (length 24): the DSS checksum of the implied
     * mapping DSN = IDSN(senderKey) + 1, SSN = 1, DLL = {@code dataLevelLength}.
     */
    public static int mpCapableChecksum(long senderKey, int dataLevelLength, Bytes payload) {
        return compute(mpCapableDataSequenceNumber(senderKey), MP_CAPABLE_SUBFLOW_SEQUENCE_NUMBER,
                dataLevelLength, payload);
    }

    /** {@link #mpCapableChecksum(long, int, Bytes)} over {@code len} bytes of {@code buf}. */
    public static int mpCapableChecksum(long senderKey, int dataLevelLength, byte[] buf, int off, int len) {
        return compute(mpCapableDataSequenceNumber(senderKey), MP_CAPABLE_SUBFLOW_SEQUENCE_NUMBER,
                dataLevelLength, buf, off, len);
    }

    /** Whether {@code checksum} is right for an MP_CAPABLE ACK with data. */
    public static boolean verifyMpCapable(long senderKey, int dataLevelLength, Bytes payload, int checksum) {
        return verify(mpCapableDataSequenceNumber(senderKey), MP_CAPABLE_SUBFLOW_SEQUENCE_NUMBER,
                dataLevelLength, payload, checksum);
    }
}
