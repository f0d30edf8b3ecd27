package org.mptcpkit.packet;

/** CONTRACT STUB: an MPTCP option kept as its raw bytes (kind and length included). */
public record UnknownMptcp(Bytes raw) implements MptcpOption {
}
