package org.mptcpkit.drill;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.mptcpkit.drill.ast.IpVersion;
import org.mptcpkit.drill.ast.Script;
import org.mptcpkit.drill.ast.ScriptPrinter;
import org.mptcpkit.drill.parse.PacketdrillOptions;
import org.mptcpkit.drill.parse.Parser;

/**
 * {@code mptcpkit drill --dry_run}: parses {@code .pkt} scripts and reports the first error of
 * each as {@code file:line:col: message}, without touching the network.
 *
 * <pre>
 * usage: drill-check [options] script.pkt...
 *   -D SYM=VAL, --define=SYM=VAL   define a macro (as packetdrill's -D)
 *   --ip_version=ipv4|ipv4-mapped-ipv6|ipv6
 *   --print                        print each script back in canonical syntax
 *   -v, --verbose                  say "ok" for each good script
 *   any other packetdrill option   checked, then ignored (--dry_run is implied)
 * </pre>
 *
 * Exit status: 0 when every script parses, 2 when one does not or the command line is wrong.
 * All scripts are checked, not only up to the first bad one.
 */
public final class DrillCheck {
    /** Exit status for a bad script or command line. */
    public static final int BAD_INPUT = 2;

    private DrillCheck() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the check; returns the exit status instead of exiting. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, String> defines = new LinkedHashMap<>();
        Optional<IpVersion> ipVersion = Optional.empty();
        boolean print = false, verbose = false;
        List<String> files = new ArrayList<>();

        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                out.println(usage());
                return 0;
            }
            if (a.equals("--print")) {
                print = true;
                continue;
            }
            if (a.equals("-v") || a.equals("--verbose")) {
                verbose = true;
                continue;
            }
            if (a.equals("--")) {
                for (i++; i < args.length; i++) files.add(args[i]);
                break;
            }
            String name, value = null;
            if (a.startsWith("-D")) {
                name = "define";
                value = a.length() > 2 ? a.substring(2) : (i + 1 < args.length ? args[++i] : null);
            } else if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                if (eq >= 0) value = a.substring(eq + 1);
                else if (PacketdrillOptions.takesArgument(name) && i + 1 < args.length) value = args[++i];
            } else if (a.startsWith("-") && a.length() > 1) {
                err.println("drill-check: unknown option '" + a + "'\n" + usage());
                return BAD_INPUT;
            } else {
                files.add(a);
                continue;
            }
            String problem = PacketdrillOptions.check(name, value);
            if (problem != null) {
                err.println("drill-check: " + problem);
                return BAD_INPUT;
            }
            if (name.equals("define")) {
                int eq = value.indexOf('=');
                defines.put(value.substring(0, eq), value.substring(eq + 1));
            } else if (name.equals("ip_version")) {
                ipVersion = Optional.of(IpVersion.of(value));
            }
        }
        if (files.isEmpty()) {
            err.println("drill-check: no script given\n" + usage());
            return BAD_INPUT;
        }

        Parser.Settings settings = new Parser.Settings(defines, ipVersion);
        int status = 0;
        for (String f : files) {
            try {
                Script script = Parser.parse(Path.of(f), settings);
                if (verbose) out.println(f + ": ok (" + script.events().size() + " events)");
                if (print) out.print(ScriptPrinter.print(script));
            } catch (ScriptException e) {
                err.println(e.getMessage());
                status = BAD_INPUT;
            } catch (NoSuchFileException e) {
                err.println(f + ": cannot read: no such file");
                status = BAD_INPUT;
            } catch (IOException e) {
                err.println(f + ": cannot read: " + e.getMessage());
                status = BAD_INPUT;
            }
        }
        return status;
    }

    private static String usage() {
        return """
                usage: drill-check [options] script.pkt...
                  -D SYM=VAL, --define=SYM=VAL   define a macro, as packetdrill's -D
                  --ip_version=ipv4|ipv4-mapped-ipv6|ipv6
                  --print                        print each script back in canonical syntax
                  -v, --verbose                  report each good script
                  other packetdrill options are checked, then ignored (--dry_run is implied)
                exit status: 0 when every script parses, 2 otherwise""";
    }
}
