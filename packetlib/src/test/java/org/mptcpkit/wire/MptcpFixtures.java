package org.mptcpkit.wire;

import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.MptcpOption;

/**
 * MPTCP options for the IP/TCP tests, made from their bytes through the {@link MptcpCodec}
 * contract, so these tests hold whatever records the MPTCP model uses for them.
 */
final class MptcpFixtures {
    private MptcpFixtures() {
    }

    static MptcpOption mptcp(String hex) {
        byte[] b = Bytes.fromHex(hex).toByteArray();
        return MptcpCodec.decode(b, 0, b.length, Diagnostics.strict());
    }
}
