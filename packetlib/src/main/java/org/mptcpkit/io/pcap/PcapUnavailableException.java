package org.mptcpkit.io.pcap;

/**
 * libpcap (or JNA's native part) cannot be loaded, so pcap4j cannot run. The message is one
 * sentence telling the user what to install.
 */
public final class PcapUnavailableException extends RuntimeException {
    public PcapUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
