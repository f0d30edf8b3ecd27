package org.mptcpkit.drill;

import java.util.Objects;

/**
 * An error in a {@code .pkt} script, located at a file, line and column.
 *
 * <p>{@link #getMessage()} is the compiler-style one-liner {@code file:line:col: message} that
 * {@link DrillCheck} prints, e.g.
 * {@code bad.pkt:7:13: window must be specified for inbound packets}. The message alone
 * ({@link #detail()}) never repeats the location, so a caller can format it differently.
 *
 * <p>Lines and columns count from 1; a column counts characters, a tab being one character.
 * Unchecked, so that scripts driven from Groovy or lambdas need no ceremony; every public
 * entry point of the drill front end documents that it throws it.
 */
public final class ScriptException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;
    private final String detail;

    public ScriptException(String file, int line, int column, String detail) {
        super(Objects.requireNonNull(file, "file") + ":" + line + ":" + column + ": "
                + Objects.requireNonNull(detail, "detail"), null, false, false);
        this.file = file;
        this.line = line;
        this.column = column;
        this.detail = detail;
    }

    /** The script's name as given to the lexer (usually its path). */
    public String file() {
        return file;
    }

    /** 1-based line. */
    public int line() {
        return line;
    }

    /** 1-based column. */
    public int column() {
        return column;
    }

    /** The message without the location prefix. */
    public String detail() {
        return detail;
    }
}
