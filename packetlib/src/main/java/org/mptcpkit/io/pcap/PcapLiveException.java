package org.mptcpkit.io.pcap;

/**
 * A live capture could not be opened or used: no permission, no such interface, an interface that
 * is down, or libpcap refusing a send. The message is one sentence saying what to do, with
 * libpcap's own words in parentheses.
 */
public final class PcapLiveException extends RuntimeException {
    public PcapLiveException(String message, Throwable cause) {
        super(message, cause);
    }
}
