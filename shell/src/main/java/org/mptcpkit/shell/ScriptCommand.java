package org.mptcpkit.shell;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;

/** {@code mptcpkit script [--trace] FILE.groovy [ARGS...]}: runs a script, see {@link ScriptRunner}. */
final class ScriptCommand implements Command {
    @Override
    public int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        boolean trace = false;
        boolean lab = false;
        int i = 0;
        for (; i < args.length && args[i].startsWith("-") && !args[i].equals("-"); i++) {
            switch (args[i]) {
                case "--trace" -> trace = true;
                case "--lab" -> lab = true;
                case "-h", "--help" -> {
                    out.println("usage: mptcpkit script [--trace] [--lab] FILE.groovy [ARGS...]");
                    out.println();
                    out.println("Runs a Groovy script with the shell's DSL (no imports needed); ARGS are bound to");
                    out.println("'args'. On an error prints FILE:LINE: message and exits 1; --trace adds the stack trace.");
                    out.println("--lab: run it in the lab of 'mptcpkit shell --lab' (root), bound as 'lab'.");
                    return 0;
                }
                case "--" -> {
                    i++;
                    return runFile(args, i, trace, lab, out, err);
                }
                default -> throw new UsageException("unknown option '" + args[i] + "'");
            }
        }
        return runFile(args, i, trace, lab, out, err);
    }

    private static int runFile(String[] args, int i, boolean trace, boolean withLab, PrintStream out, PrintStream err) {
        if (i >= args.length) throw new UsageException("no script file given");
        String file = args[i];
        String[] rest = Arrays.copyOfRange(args, i + 1, args.length);
        if (!withLab) return ScriptRunner.run(Path.of(file), file, rest, out, err, trace);
        if (!java.nio.file.Files.isRegularFile(Path.of(file))) throw new UserException("no such file: " + file);
        try (LabShell lab = LabShell.open()) {
            return ScriptRunner.run(Path.of(file), file, rest, out, err, trace, lab.words());
        }
    }
}
