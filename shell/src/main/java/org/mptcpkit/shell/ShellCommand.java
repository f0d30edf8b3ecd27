package org.mptcpkit.shell;

import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * {@code mptcpkit shell}: the interactive shell on a terminal, or, when standard input or output
 * is not a terminal, the batch shell that runs the commands it reads and prints each result.
 */
final class ShellCommand implements Command {
    @Override
    public int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        boolean withLab = false;
        for (String a : args) {
            if (a.equals("--lab")) {
                withLab = true;
                continue;
            }
            if (a.equals("-h") || a.equals("--help")) {
                out.println("usage: mptcpkit shell [--lab]");
                out.println();
                out.println("An interactive Groovy shell with the packet DSL preloaded (help() lists the words).");
                out.println("When standard input or output is not a terminal, runs the commands it reads,");
                out.println("prints each result, goes on after an error and then exits 1.");
                out.println("History: ~/.mptcpkit_history (MPTCPKIT_HISTORY); no colour when NO_COLOR is set.");
                out.println("--lab: first build a lab (root) where the local kernel listens as an MPTCP echo server");
                out.println("on port " + LabShell.PORT + " of two addresses, bound as 'lab'; closed when the shell exits.");
                return 0;
            }
            throw new UsageException("unexpected argument '" + a + "'");
        }
        if (!withLab) return run(Vocabulary::standard, in, out, err);
        try (LabShell lab = LabShell.open()) {
            lab.printBanner(out);
            return run(lab.words(), in, out, err);
        }
    }

    private static int run(Supplier<Vocabulary> words, InputStream in, PrintStream out, PrintStream err) {
        if (in == System.in && out == System.out && Terminals.interactive()) {
            return Repl.runOnSystemTerminal(words);
        }
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
        PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
        return new BatchShell(words, o, e).run(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
}
