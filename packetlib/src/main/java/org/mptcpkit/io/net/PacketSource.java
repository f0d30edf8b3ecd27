package org.mptcpkit.io.net;

/** Where packets can be read from: a {@link PacketSocket} or a {@link TunDevice}. */
@FunctionalInterface
public interface PacketSource {
    /** The next packet, waiting at most {@code timeoutMillis}; null on timeout. */
    Frame receive(long timeoutMillis);
}
