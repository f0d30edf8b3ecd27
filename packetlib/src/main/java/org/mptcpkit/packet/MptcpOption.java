package org.mptcpkit.packet;

/** CONTRACT STUB: replaced by the full MPTCP suboption model (RFC 8684 §3, TCP option kind 30). */
public sealed interface MptcpOption extends TcpOption permits UnknownMptcp {
    int KIND = 30;

    @Override
    default int kind() {
        return KIND;
    }
}
