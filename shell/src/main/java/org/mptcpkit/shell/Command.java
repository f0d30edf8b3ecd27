package org.mptcpkit.shell;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * One subcommand of {@code mptcpkit}. {@link Main} picks the implementation by name and maps the
 * two exceptions to exit codes: {@link UsageException} to 2, {@link UserException} to 1, each
 * printed as one sentence, never as a stack trace.
 *
 * <p>An implementation is loaded only when its command runs, so a command that does not need
 * Groovy or JLine (e.g. {@code decode}) must not touch classes that do: every class loaded before
 * the first output is start-up time.
 */
@FunctionalInterface
public interface Command {
    /**
     * Runs the command with its arguments (the command name removed) and returns the exit code.
     *
     * @throws UsageException the arguments are malformed (exit 2)
     * @throws UserException the arguments are well formed but the work cannot be done (exit 1)
     */
    int run(String[] args, InputStream in, PrintStream out, PrintStream err);

    /** Bad usage: exit 2; the message is one sentence, the usage line is printed below it. */
    final class UsageException extends RuntimeException {
        public UsageException(String message) {
            super(message, null, false, false);
        }
    }

    /** The user asked for something that cannot be done (missing file, bad value): exit 1. */
    final class UserException extends RuntimeException {
        public UserException(String message) {
            super(message, null, false, false);
        }

        public UserException(String message, Throwable cause) {
            super(message, cause, false, false);
        }
    }
}
