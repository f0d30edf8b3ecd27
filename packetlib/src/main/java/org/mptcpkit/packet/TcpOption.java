package org.mptcpkit.packet;

/** CONTRACT STUB: replaced by the full TCP option model. */
public sealed interface TcpOption permits MptcpOption {
    /** The option kind byte (RFC 9293 §3.2). */
    int kind();
}
