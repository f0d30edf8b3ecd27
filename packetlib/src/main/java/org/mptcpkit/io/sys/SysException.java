package org.mptcpkit.io.sys;

/**
 * A failed system call: the call's name, the errno, its name and glibc's text.
 * The message reads like a C tool's: {@code "connect: ECONNREFUSED (Connection refused)"},
 * optionally with the object the call was about ({@code "connect 10.0.0.1:80: ECONNREFUSED ..."}).
 *
 * <p>Unchecked on purpose: scripts and the REPL should not have to declare it, and callers that
 * care (the .pkt interpreter compares errno names) catch it and read {@link #errno()}.
 */
public class SysException extends RuntimeException {
    private final String call;
    private final int errno;

    public SysException(String call, int errno) {
        this(call, null, errno);
    }

    /** {@code what} says what the call was about (an address, a device); may be null. */
    public SysException(String call, String what, int errno) {
        super(call + (what == null ? "" : " " + what) + ": " + Errno.describe(errno), null, false, true);
        this.call = call;
        this.errno = errno;
    }

    /** For subclasses that add to the standard message (netlink's extended acknowledgement). */
    protected SysException(String call, int errno, String message) {
        super(message, null, false, true);
        this.call = call;
        this.errno = errno;
    }

    /** The errno the calling thread's last {@link LibC} call captured, as an exception. */
    public static SysException last(String call) {
        return new SysException(call, LibC.errno());
    }

    /** As {@link #last(String)}, naming what the call was about. */
    public static SysException last(String call, String what) {
        return new SysException(call, what, LibC.errno());
    }

    /** The system call that failed, e.g. {@code "connect"}. */
    public String call() {
        return call;
    }

    /** The errno value, e.g. 111. */
    public int errno() {
        return errno;
    }

    /** The errno name, e.g. {@code "ECONNREFUSED"}. */
    public String errnoName() {
        return Errno.name(errno);
    }

    /** glibc's text for the errno, e.g. {@code "Connection refused"}. */
    public String errnoText() {
        return Errno.message(errno);
    }
}
