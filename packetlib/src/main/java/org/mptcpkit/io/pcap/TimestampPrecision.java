package org.mptcpkit.io.pcap;

/**
 * The resolution of a capture file's timestamps. A pcap file states it in its magic number
 * ({@code a1b2c3d4} microseconds, {@code a1b23c4d} nanoseconds); a pcapng interface in its
 * {@code if_tsresol} option. Records always carry nanoseconds; a {@link #MICRO} writer drops the
 * last three digits.
 */
public enum TimestampPrecision {
    MICRO,
    NANO
}
