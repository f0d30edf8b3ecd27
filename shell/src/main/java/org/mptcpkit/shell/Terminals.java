package org.mptcpkit.shell;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard input is a terminal, without loading JLine or a native library. */
final class Terminals {
    private Terminals() {
    }

    static boolean stdinIsTerminal() {
        try {
            // Linux names the terminal a descriptor refers to; a pipe or file has another name.
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/0")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            // No /proc: System.console() is non-null only when stdin and stdout are terminals.
            return System.console() != null;
        }
    }
}
