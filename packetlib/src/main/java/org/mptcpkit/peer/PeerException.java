package org.mptcpkit.peer;

/**
 * A step of an {@link MptcpPeer} that could not be completed: an answer that did not come in
 * time, a refusal (RST), an answer that failed verification. The message is one sentence naming
 * what was expected and from where ({@code "no SYN-ACK from 10.0.0.1:8080 within 1000 ms"});
 * {@link #step()} holds the packets the step sent and received before it failed.
 */
public final class PeerException extends RuntimeException {
    private final transient Step step;

    public PeerException(String message, Step step) {
        super(message);
        this.step = step;
    }

    /** The failed step's packets, in order. */
    public Step step() {
        return step;
    }
}
