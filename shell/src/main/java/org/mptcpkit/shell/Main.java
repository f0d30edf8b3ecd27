package org.mptcpkit.shell;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code mptcpkit} command line: picks the subcommand and maps its outcome to an exit code.
 * Each subcommand prints one sentence and exits 1 on a user error (never a stack trace); exit 2 is
 * for bad usage.
 *
 * <p>This class stays light on purpose: it refers to each command's class only inside the switch
 * arm that runs it, so {@code mptcpkit decode} never loads Groovy or JLine.
 */
public final class Main {
    /** One line of {@code mptcpkit help}. */
    record Entry(String name, String args, String summary) {
    }

    /**
     * The commands, in the order {@code help} lists them. To wire a command (decode, lab, drill):
     * add an entry here and a case in {@link #command(String)} creating its {@link Command}.
     */
    static final List<Entry> COMMANDS = List.of(
            new Entry("shell", "[--lab]", "interactive Groovy shell with the packet DSL; reads commands from"
                    + " standard input when it is not a terminal; --lab: with the kernel as MPTCP server in a lab (start here)"),
            new Entry("script", "[--trace] [--lab] FILE.groovy [ARGS...]", "run a Groovy script with the same DSL"),
            new Entry("decode", "FILE [--json] [--show] [--hex] [--pkt] [-c N]",
                    "print each packet of a pcap/pcapng file: a summary line, JSON, a field tree"),
            new Entry("lab", "[options]", "build an isolated network where the local kernel is the MPTCP"
                    + " peer under test (root); --help lists the options"),
            new Entry("drill", "[-j N] [--variant=V] [--junit=FILE] [--baseline=JSON] FILE.pkt|DIR...",
                    "replay packetdrill scripts against this kernel, each in its own namespace (root)"),
            new Entry("check", "[-D SYM=VAL] FILE.pkt...", "parse packetdrill scripts; file:line:col on errors"),
            new Entry("help", "[COMMAND]", "this text, or the usage of COMMAND"));

    private Main() {
    }

    public static void main(String[] args) {
        Timing.mark("main");
        int code = run(args, System.in, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    /** Runs one command line and returns the exit code; never throws. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            usage(err);
            return 2;
        }
        String name = args[0];
        if (name.equals("-h") || name.equals("--help") || name.equals("help")) {
            return help(Arrays.copyOfRange(args, 1, args.length), out, err);
        }
        Command command = command(name);
        if (command == null) {
            err.println("mptcpkit: unknown command '" + name + "' (try: mptcpkit help)");
            return 2;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        try {
            return command.run(rest, in, out, err);
        } catch (Command.UsageException e) {
            err.println("mptcpkit " + name + ": " + e.getMessage());
            err.println("usage: " + usageLine(entry(name)));
            return 2;
        } catch (Command.UserException e) {
            err.println("mptcpkit " + name + ": " + e.getMessage());
            return 1;
        } catch (RuntimeException | Error e) {
            // A bug of ours, not the user's: still one line, with a way to see the trace.
            err.println("mptcpkit " + name + ": internal error: " + oneLine(e)
                    + (System.getenv("MPTCPKIT_TRACE") == null ? " (MPTCPKIT_TRACE=1 shows the stack trace)" : ""));
            if (System.getenv("MPTCPKIT_TRACE") != null) e.printStackTrace(err);
            return 1;
        }
    }

    /** {@code ExceptionName: message} on one line, without Groovy (this class must stay light). */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) return e.getClass().getSimpleName();
        int nl = m.indexOf('\n');
        return e.getClass().getSimpleName() + ": " + (nl < 0 ? m : m.substring(0, nl)).strip();
    }

    /** The command called {@code name}, or null. Hook: decode, lab and drill are added here. */
    static Command command(String name) {
        return switch (name) {
            case "shell" -> new ShellCommand();
            case "script" -> new ScriptCommand();
            // These live in packetlib and print their own one-line errors and exit codes.
            case "decode" -> (args, in, out, err) -> org.mptcpkit.format.DecodeCommand.run(args, out, err);
            case "lab" -> (args, in, out, err) -> org.mptcpkit.io.lab.LabMain.run(args, in, out, err);
            case "drill" -> (args, in, out, err) -> org.mptcpkit.drill.DrillMain.run(args, out, err);
            case "check" -> (args, in, out, err) -> org.mptcpkit.drill.DrillCheck.run(args, out, err);
            default -> null;
        };
    }

    private static int help(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            usage(out);
            return 0;
        }
        Entry e = entry(args[0]);
        if (e == null) {
            err.println("mptcpkit help: unknown command '" + args[0] + "'");
            return 2;
        }
        out.println("usage: " + usageLine(e));
        out.println();
        out.println(e.summary());
        return 0;
    }

    private static Entry entry(String name) {
        for (Entry e : COMMANDS) {
            if (e.name().equals(name)) return e;
        }
        return null;
    }

    private static String usageLine(Entry e) {
        return e == null ? "mptcpkit help" : ("mptcpkit " + e.name() + (e.args().isEmpty() ? "" : " " + e.args()));
    }

    private static void usage(PrintStream out) {
        out.println("usage: mptcpkit <command> [args]");
        out.println();
        out.println("commands:");
        int width = 0;
        for (Entry e : COMMANDS) width = Math.max(width, usageLine(e).length() - "mptcpkit ".length());
        for (Entry e : COMMANDS) {
            String left = usageLine(e).substring("mptcpkit ".length());
            out.println("  " + left + " ".repeat(width - left.length() + 2) + e.summary());
        }
    }
}
