package org.mptcpkit.drill.ast;

import java.util.Objects;

/**
 * The script's init or cleanup command: a backtick command with no time, run by {@code sh -c}.
 *
 * @param command the text between the backticks
 */
public record ShellCommand(String command, Position position) {
    public ShellCommand {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(position, "position");
    }
}
