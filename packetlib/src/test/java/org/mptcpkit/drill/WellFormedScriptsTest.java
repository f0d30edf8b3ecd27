package org.mptcpkit.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mptcpkit.drill.ast.Event;
import org.mptcpkit.drill.ast.PacketEvent;
import org.mptcpkit.drill.ast.Script;
import org.mptcpkit.drill.ast.ScriptPrinter;
import org.mptcpkit.drill.ast.Segment;
import org.mptcpkit.drill.ast.SyscallEvent;
import org.mptcpkit.drill.ast.Syscalls;
import org.mptcpkit.drill.ast.TcpOptionSpec;
import org.mptcpkit.drill.ast.TcpOptions;
import org.mptcpkit.drill.parse.Parser;

/**
 * The scripts under {@code drill/good/} (written for these tests) parse, print as their golden
 * canonical text ({@code name.pkt.golden}), and reparse from that text to the same canonical
 * text. Together they use every MPTCP option form and every system call.
 *
 * <p>To regenerate a golden file after a deliberate printer change, run with
 * {@code -Ddrill.updateGolden=true} and review the diff.
 */
class WellFormedScriptsTest {
    private static final boolean UPDATE = Boolean.getBoolean("drill.updateGolden");

    private static Script parse(Path p) {
        return Parser.parse(p.getFileName().toString(), Resources.read(p));
    }

    @TestFactory
    Stream<DynamicTest> printsTheGoldenTextAndReparsesToIt() {
        return Resources.scripts("good").stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String canonical = ScriptPrinter.print(parse(p));
            Path golden = p.resolveSibling(p.getFileName() + ".golden");
            if (UPDATE) {
                Path source = Path.of("src/test/resources/drill/good").resolve(golden.getFileName());
                Files.writeString(source, canonical, StandardCharsets.UTF_8);
            }
            assertEquals(read(golden), canonical, "golden " + golden.getFileName());
            String again = ScriptPrinter.print(Parser.parse(p.getFileName().toString(), canonical));
            assertEquals(canonical, again, "print(parse(print(script))) must be a fixed point");
        }));
    }

    private static String read(Path p) throws IOException {
        return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "<missing " + p.getFileName() + ">";
    }

    @Test
    void togetherTheyCoverEveryOptionFormAndEverySystemCall() {
        Set<Class<?>> options = new HashSet<>();
        Set<String> calls = new HashSet<>();
        for (Path p : Resources.scripts("good")) {
            for (Event e : parse(p).events()) {
                if (e.action() instanceof PacketEvent pe && pe.segment() instanceof Segment.Tcp t
                        && t.options() instanceof TcpOptions.Exactly x) {
                    for (TcpOptionSpec o : x.options()) options.add(o.getClass());
                }
                if (e.action() instanceof SyscallEvent s) calls.add(s.name());
            }
        }
        for (Class<?> c : TcpOptionSpec.class.getPermittedSubclasses()) {
            if (c.isInterface()) {
                for (Class<?> m : c.getPermittedSubclasses()) assertTrue(options.contains(m), "no script uses " + m);
            } else {
                assertTrue(options.contains(c), "no script uses " + c.getSimpleName());
            }
        }
        for (String n : Syscalls.names()) assertTrue(calls.contains(n), "no script calls " + n + "()");
    }
}
