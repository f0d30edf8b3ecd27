package org.mptcpkit.drill.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A system call and its expected outcome:
 * {@code connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)}.
 *
 * <p>The name is checked at parse time against {@link Syscalls} (packetdrill only finds an
 * unknown name when it runs the line), and so is the number of arguments.
 *
 * @param name      the call, e.g. {@code connect}
 * @param arguments the argument expressions
 * @param result    the expected return value, an integer expression
 * @param errno     the expected {@code errno} with its description, which is not checked
 * @param note      a trailing note such as {@code (flags O_RDWR)}: words only, not checked
 */
public record SyscallEvent(String name, List<Expr> arguments, Expr result, Optional<Errno> errno,
                           Optional<String> note) implements Action {
    public SyscallEvent {
        Objects.requireNonNull(name, "name");
        arguments = List.copyOf(arguments);
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(errno, "errno");
        Objects.requireNonNull(note, "note");
    }

    /**
     * {@code EINPROGRESS (Operation now in progress)}.
     *
     * @param name        the errno macro
     * @param description the words in parentheses (required by the grammar, never checked)
     */
    public record Errno(String name, String description) {
        public Errno {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(description, "description");
        }
    }
}
