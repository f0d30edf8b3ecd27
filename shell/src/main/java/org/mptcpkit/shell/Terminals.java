package org.mptcpkit.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the process talks to a terminal, without loading JLine or a native library. */
final class Terminals {
    private Terminals() {
    }

    /**
     * Whether standard input and standard output are both terminals: only then is the shell
     * interactive. (With output redirected, {@code mptcpkit shell > log} reads its commands from
     * the terminal like from a pipe and writes the results to the file.)
     */
    static boolean interactive() {
        try {
            return isTerminal(0) && isTerminal(1);
        } catch (IOException | UnsupportedOperationException e) {
            // No /proc: System.console() is non-null only when stdin and stdout are terminals.
            return System.console() != null;
        }
    }

    private static boolean isTerminal(int fd) throws IOException {
        // Linux names the file a descriptor refers to; a terminal is a /dev/pts or /dev/tty device.
        String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
        return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
    }
}
