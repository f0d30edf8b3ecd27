package org.mptcpkit.drill.exec;

/**
 * The first error of a run: packetdrill's one-line message and our fuller report.
 * Thrown inside the executor only; {@link ScriptRun} turns it into a {@link RunResult}.
 */
final class ScriptFailure extends RuntimeException {
    private final int line;
    private final String details;

    /**
     * @param line    the script line, 0 when the error belongs to no line
     * @param message packetdrill's message after {@code file:line: }
     * @param details more lines for humans (differing fields, packets), may be empty
     */
    ScriptFailure(int line, String message, String details) {
        super(message, null, false, false);
        this.line = line;
        this.details = details;
    }

    ScriptFailure(int line, String message) {
        this(line, message, "");
    }

    int line() {
        return line;
    }

    String details() {
        return details;
    }
}
