package org.mptcpkit.drill.ast;

/**
 * When an event happens, in microseconds (packetdrill truncates seconds times 10^6 to whole
 * microseconds; the drill parser converts the decimal text exactly and truncates the same way).
 *
 * <table>
 *   <caption>Forms</caption>
 *   <tr><th>written</th><th>form</th><th>allowed on</th></tr>
 *   <tr><td>{@code 1.5}</td><td>{@link Absolute}</td><td>any event</td></tr>
 *   <tr><td>{@code +0.1}</td><td>{@link Relative}</td><td>any event</td></tr>
 *   <tr><td>{@code *}</td><td>{@link Any}</td><td>outbound packets</td></tr>
 *   <tr><td>{@code 0.1~0.3}</td><td>{@link AbsoluteRange}</td><td>outbound packets</td></tr>
 *   <tr><td>{@code +0.1~+0.3}</td><td>{@link RelativeRange}</td><td>outbound packets</td></tr>
 *   <tr><td>{@code +0...0.020}</td><td>{@link Blocking}</td><td>system calls</td></tr>
 * </table>
 */
public sealed interface EventTime {

    /** A single instant: {@link Absolute} or {@link Relative}. */
    sealed interface Point extends EventTime permits Absolute, Relative {
        long micros();
    }

    /** Seconds since the script's start: {@code 1.5}. */
    record Absolute(long micros) implements Point {
    }

    /** An offset from the end of the previous event: {@code +0.1}. */
    record Relative(long micros) implements Point {
    }

    /** {@code *}: not checked (outbound packets only). */
    record Any() implements EventTime {
    }

    /** {@code start~end}: the outbound packet must arrive within the range. */
    record AbsoluteRange(long startMicros, long endMicros) implements EventTime {
    }

    /** {@code +start~+end}: both ends relative to the same anchor. */
    record RelativeRange(long startMicros, long endMicros) implements EventTime {
    }

    /**
     * {@code T...END}: a blocking system call that starts at {@code start} and must return at
     * {@code endMicros}. For a relative start the end is shifted by the same anchor; it is
     * <em>not</em> start plus end.
     */
    record Blocking(Point start, long endMicros) implements EventTime {
    }
}
