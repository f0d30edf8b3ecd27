package org.mptcpkit.shell;

import java.io.PrintWriter;

/** The shell's own commands, which are not Groovy: {@code :help}, {@code :trace}, {@code :quit}. */
final class ShellCommands {
    enum Outcome { DONE, QUIT, UNKNOWN }

    private ShellCommands() {
    }

    static boolean isCommand(String trimmed) {
        return trimmed.startsWith(":") || trimmed.equals("exit") || trimmed.equals("quit");
    }

    /** Runs one command (the line, stripped). An unknown one is reported to {@code err}. */
    static Outcome run(String trimmed, Session session, PrintWriter out, PrintWriter err, Style style) {
        String cmd = trimmed.split("\\s+", 2)[0];
        switch (cmd) {
            case ":quit", ":q", ":exit", "exit", "quit" -> {
                return Outcome.QUIT;
            }
            case ":trace", ":t" -> session.printTrace(out);
            case ":help", ":h", ":?" -> session.help(out);
            default -> {
                err.println(style.error("unknown shell command '" + cmd + "' (try :help)"));
                err.flush();
                return Outcome.UNKNOWN;
            }
        }
        return Outcome.DONE;
    }
}
