package org.mptcpkit.drill.ast;

import java.util.Objects;

/**
 * {@code +0 `ip mptcp endpoint flush`}: a shell command that must exit 0.
 *
 * @param command the text between the backticks
 */
public record CommandEvent(String command) implements Action {
    public CommandEvent {
        Objects.requireNonNull(command, "command");
    }
}
