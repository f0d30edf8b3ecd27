package org.mptcpkit.drill.ast;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One side of a packet line's tuple ({@code SRC > DST}). The fork extends upstream's
 * {@code PORT > PORT} with addresses and MPTCP endpoint variables.
 */
public sealed interface Endpoint {

    /** Nothing written: the socket's own address and port. */
    record Unspecified() implements Endpoint {
    }

    /** {@code 8080} */
    record Port(int port) implements Endpoint {
    }

    /** {@code 192.0.2.1:8080} or {@code 2001:db8::1:8080} */
    record Address(InetAddress address, int port) implements Endpoint {
        public Address {
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * {@code addr[caddr0]}: an endpoint variable. Unbound on first use, it is bound after the
     * packet is handled to the socket's live endpoint; bound, it selects that subflow.
     */
    record Variable(String name) implements Endpoint {
        public Variable {
            Objects.requireNonNull(name, "name");
        }
    }
}
