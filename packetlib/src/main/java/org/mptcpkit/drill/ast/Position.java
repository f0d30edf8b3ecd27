package org.mptcpkit.drill.ast;

/**
 * Where something is in a script: 1-based line and column (a tab counts one column).
 * Prints as {@code file:line:col}, the prefix of every drill error.
 */
public record Position(String file, int line, int column) {
    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
