package org.mptcpkit.drill;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.mptcpkit.drill.ast.IpVersion;
import org.mptcpkit.drill.ast.Script;
import org.mptcpkit.drill.ast.ScriptPrinter;
import org.mptcpkit.drill.parse.Parser;

/**
 * Developer check, not a unit test (the suite must not read files outside the project): parses
 * every {@code .pkt} under a folder in each address variant that packetdrill's run_all.py would
 * run it in ({@code *v4.pkt} skips ipv6, {@code *v6.pkt} skips the IPv4 variants), with
 * run_all's {@code -D} symbols, and checks that the canonical print reparses to itself.
 *
 * <pre>
 * mvn -q -o -pl packetlib test-compile
 * java -cp packetlib/target/classes:packetlib/target/test-classes org.mptcpkit.drill.DrillCorpusCheck \
 *      /work/shared/packetdrill-mptcp
 * </pre>
 */
public final class DrillCorpusCheck {
    private DrillCorpusCheck() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        List<Path> files;
        try (Stream<Path> s = Files.walk(root)) {
            files = s.filter(p -> p.toString().endsWith(".pkt")).sorted().toList();
        }
        int runs = 0, failures = 0;
        long nanos = 0;
        for (Path f : files) {
            String name = f.getFileName().toString();
            for (IpVersion v : IpVersion.values()) {
                if (v == IpVersion.IPV6 && name.endsWith("v4.pkt")) continue;
                if (v != IpVersion.IPV6 && name.endsWith("v6.pkt")) continue;
                boolean v6Socket = v != IpVersion.IPV4;
                Map<String, String> defines = Map.of(
                        "TFO_COOKIE", v == IpVersion.IPV6 ? "6aa6ae70c288023b" : "de4f234f0f433a55",
                        "CMSG_LEVEL_IP", v6Socket ? "SOL_IPV6" : "SOL_IP",
                        "CMSG_TYPE_RECVERR", v6Socket ? "IPV6_RECVERR" : "IP_RECVERR");
                Parser.Settings settings = new Parser.Settings(defines, Optional.of(v));
                runs++;
                try {
                    long t0 = System.nanoTime();
                    Script script = Parser.parse(f, settings);
                    nanos += System.nanoTime() - t0;
                    String printed = ScriptPrinter.print(script);
                    String again = ScriptPrinter.print(Parser.parse(f.toString(), printed, settings));
                    if (!printed.equals(again)) {
                        failures++;
                        System.out.println("NOT A FIXED POINT " + f + " [" + v.spelling() + "]");
                    }
                } catch (ScriptException e) {
                    failures++;
                    System.out.println(e.getMessage() + " [" + v.spelling() + "]");
                }
            }
        }
        System.out.printf("%d files, %d variant runs, %d failures; %.1f ms parsing in total%n", files.size(), runs,
                failures, nanos / 1e6);
        if (failures > 0) System.exit(1);
    }
}
