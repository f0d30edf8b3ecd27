package org.mptcpkit.wire;

import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.MptcpOption;
import org.mptcpkit.packet.UnknownMptcp;

/**
 * CONTRACT STUB for the MPTCP suboption codec (TCP option kind 30). The TCP option codec calls
 * exactly these three methods; the MPTCP work replaces the bodies.
 */
public final class MptcpCodec {
    private MptcpCodec() {
    }

    /**
     * Decodes the kind-30 option at {@code buf[off]}. {@code len} is the number of bytes the TCP
     * option parser gives this option (equal to its length byte when that byte is sane). Never
     * throws unless {@code diag} is strict; {@code encode(decode(x))} reproduces {@code x} exactly.
     */
    public static MptcpOption decode(byte[] buf, int off, int len, Diagnostics diag) {
        return new UnknownMptcp(Bytes.copyOf(buf, off, len));
    }

    /** Bytes {@link #encode} will write for {@code option}. */
    public static int encodedLength(MptcpOption option) {
        return ((UnknownMptcp) option).raw().length();
    }

    /**
     * Writes {@code option} (kind and length byte included) at {@code out[off]} and returns the
     * number of bytes written. {@code segmentPayload} is the TCP payload of the segment, over which
     * an unset DSS checksum is computed (RFC 8684 §3.3.1).
     */
    public static int encode(MptcpOption option, byte[] out, int off, Bytes segmentPayload) {
        return ((UnknownMptcp) option).raw().copyTo(out, off);
    }
}
