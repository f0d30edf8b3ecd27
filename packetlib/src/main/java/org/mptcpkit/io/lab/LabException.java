package org.mptcpkit.io.lab;

/**
 * A lab could not be built, said in one sentence that tells the user what to do
 * ("Creating a network namespace needs CAP_NET_ADMIN: run as root (sudo mptcpkit lab)."). The
 * command line prints only the message; the cause keeps the system error for programs.
 */
public final class LabException extends RuntimeException {
    public LabException(String message, Throwable cause) {
        super(message, cause);
    }

    public LabException(String message) {
        super(message);
    }
}
