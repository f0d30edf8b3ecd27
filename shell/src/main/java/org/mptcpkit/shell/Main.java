package org.mptcpkit.shell;

import java.io.PrintStream;
import java.util.Arrays;

/**
 * The {@code mptcpkit} command line. Each subcommand prints one sentence and exits 1 on a user error
 * (never a stack trace); exit 2 is for bad usage.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("-h") || args[0].equals("--help") || args[0].equals("help")) {
            usage(out);
            return args.length == 0 ? 2 : 0;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        return switch (args[0]) {
            default -> {
                err.println("mptcpkit: unknown command '" + args[0] + "' (try: mptcpkit help)");
                yield 2;
            }
        };
    }

    private static void usage(PrintStream out) {
        out.println("usage: mptcpkit <command> [args]");
        out.println();
        out.println("commands:");
        out.println("  help                 this text");
    }
}
