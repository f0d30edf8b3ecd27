package org.mptcpkit.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.function.Supplier;

/**
 * The shell when standard input is not a terminal ({@code echo "IP(dst:'10.0.0.1')" | mptcpkit shell}):
 * reads commands line by line, with the same multi-line rule as the terminal (an incomplete
 * statement takes the next lines), prints each result to standard output, no prompt, no colour.
 *
 * <p>Like scapy and Python fed a pipe, it goes on after an error, printed to standard error as
 * {@code <stdin>:line:col: message} (line counted in the whole input), and then exits 1 if any
 * command failed, 0 otherwise, so that a pipeline can tell.
 */
final class BatchShell {
    static final String ORIGIN = "<stdin>";

    private final Session session;
    private final PrintWriter out;
    private final PrintWriter err;

    BatchShell(Supplier<Vocabulary> words, PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
        this.session = Session.start(words, out, false, Engine.Mode.BATCH);
    }

    /** Runs every command of {@code in}; returns 1 if one failed, else 0. */
    int run(Reader in) {
        BufferedReader lines = in instanceof BufferedReader b ? b : new BufferedReader(in);
        StringBuilder pending = new StringBuilder();
        int lineNo = 0;
        int first = 0;
        boolean failed = false;
        try {
            String line;
            while ((line = lines.readLine()) != null) {
                lineNo++;
                if (pending.isEmpty()) {
                    String trimmed = line.strip();
                    if (trimmed.isEmpty()) continue;
                    if (ShellCommands.isCommand(trimmed)) {
                        ShellCommands.Outcome o = ShellCommands.run(trimmed, session, out, err, Style.PLAIN);
                        if (o == ShellCommands.Outcome.QUIT) break;
                        failed |= o == ShellCommands.Outcome.UNKNOWN;
                        continue;
                    }
                    first = lineNo;
                } else {
                    pending.append('\n');
                }
                pending.append(line);
                Session.Result r = session.evaluate(pending.toString(), true);
                if (r.kind() == Session.Result.Kind.INCOMPLETE) continue;
                failed |= report(r, first);
                pending.setLength(0);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (!pending.isEmpty()) failed |= report(session.evaluate(pending.toString(), false), first);
        out.flush();
        err.flush();
        return failed ? 1 : 0;
    }

    /** Prints one result; returns whether it was an error. */
    private boolean report(Session.Result r, int first) {
        switch (r.kind()) {
            case SHOWN -> {
                out.println(r.text());
                out.flush();
            }
            case COMPILE_ERROR -> {
                int line = r.line() > 0 ? first + r.line() - 1 : first;
                err.println(ORIGIN + ":" + line + (r.line() > 0 && r.column() > 0 ? ":" + r.column() : "") + ": " + r.text());
                err.flush();
                return true;
            }
            case RUNTIME_ERROR -> {
                int line = r.line() > 0 ? first + r.line() - 1 : first;
                err.println(ORIGIN + ":" + line + ": " + r.text());
                err.flush();
                return true;
            }
            case SILENT, INCOMPLETE -> {
            }
        }
        return false;
    }
}
