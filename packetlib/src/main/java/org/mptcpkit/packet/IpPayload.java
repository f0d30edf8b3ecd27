package org.mptcpkit.packet;

/** The payload of an IP datagram: a TCP segment, or the raw bytes of anything else. */
public sealed interface IpPayload permits Tcp, RawPayload {
}
