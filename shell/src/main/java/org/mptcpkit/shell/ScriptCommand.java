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
        int i = 0;
        for (; i < args.length && args[i].startsWith("-") && !args[i].equals("-"); i++) {
            switch (args[i]) {
                case "--trace" -> trace = true;
                case "-h", "--help" -> {
                    out.println("usage: mptcpkit script [--trace] FILE.groovy [ARGS...]");
                    out.println();
                    out.println("Runs a Groovy script with the shell's DSL (no imports needed); ARGS are bound to");
                    out.println("'args'. On an error prints FILE:LINE: message and exits 1; --trace adds the stack trace.");
                    return 0;
                }
                case "--" -> {
                    i++;
                    return runFile(args, i, trace, out, err);
                }
                default -> throw new UsageException("unknown option '" + args[i] + "'");
            }
        }
        return runFile(args, i, trace, out, err);
    }

    private static int runFile(String[] args, int i, boolean trace, PrintStream out, PrintStream err) {
        if (i >= args.length) throw new UsageException("no script file given");
        String file = args[i];
        return ScriptRunner.run(Path.of(file), file, Arrays.copyOfRange(args, i + 1, args.length), out, err, trace);
    }
}
