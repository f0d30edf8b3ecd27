package org.mptcpkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.mptcpkit.shell.Main;

/**
 * Runs every script of {@code examples/scripts} the way {@code mptcpkit script --lab FILE} does,
 * against the real kernel in a lab of its own, and checks that it exits 0 and printed what shows
 * it did its job (the scripts also assert on the kernel's answers themselves). One script runs
 * through a separate JVM process, from {@code main} on.
 */
@Tag("kernel")
class ExampleScriptsTest {
    static final Path SCRIPTS = Path.of("scripts");

    static Stream<Arguments> scripts() {
        return Stream.of(
                Arguments.of("handshake-and-data.groovy", List.of("SYN-ACK carries the kernel's key", "echoed: hello, kernel", "state: CLOSED")),
                Arguments.of("join-second-subflow.groovy", List.of("join 10.0.1.2 id 2", "(HMAC verified)",
                        "two subflows: 2, echoed in order: one,two,three")),
                Arguments.of("add-remove-addr.groovy", List.of("ADD_ADDR id 5 echoed by the kernel", "remove address ids [5]",
                        "REMOVE_ADDR sent; data still echoed")),
                Arguments.of("fast-close.groovy", List.of("fast-close key", "MPFastcloseRx 0 -> 1", "Flags [R]", "a new connection is served")),
                Arguments.of("malformed-options-fuzz.groovy", List.of("sent 40 malformed packets",
                        "sent 3 data segments with a broken DSS on an established connection",
                        "after the fuzz the kernel still serves: a fresh connection echoed 'alive?'")));
    }

    @Test
    void everyScriptIsTested() throws IOException {
        List<String> files = new ArrayList<>();
        try (Stream<Path> s = Files.list(SCRIPTS)) {
            s.filter(p -> p.toString().endsWith(".groovy")).forEach(p -> files.add(p.getFileName().toString()));
        }
        List<String> tested = scripts().map(a -> (String) a.get()[0]).toList();
        assertEquals(tested.stream().sorted().toList(), files.stream().sorted().toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scripts")
    void runsAgainstTheKernel(String script, List<String> expected) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"script", "--lab", SCRIPTS.resolve(script).toString()},
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        String o = out.toString(StandardCharsets.UTF_8);
        String e = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, script + " failed:\n" + e + "\n" + o);
        for (String line : expected) assertTrue(o.contains(line), script + " did not print '" + line + "':\n" + o);
    }

    /** The same command line in its own JVM, as {@code mptcpkit script --lab} runs it. */
    @Test
    void runsAsAProcess() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                Main.class.getName(), "script", "--lab", SCRIPTS.resolve("join-second-subflow.groovy").toString())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the script did not end");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("two subflows: 2, echoed in order: one,two,three"), output);
    }

    /** A failing script exits 1 with FILE:LINE: message, and the lab is gone afterwards. */
    @Test
    void aFailingScriptExitsOneWithItsLine(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path f = dir.resolve("bad.groovy");
        Files.writeString(f, "peer = connect(lab)\nassert peer.receive(1, 200) != null\n");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"script", "--lab", f.toString()}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(1, code);
        String e = err.toString(StandardCharsets.UTF_8);
        assertTrue(e.startsWith(f + ":2: PeerException: no data from 10.0.0.1:8080 within 200 ms"), e);
        assertEquals(1, e.lines().count(), e);
    }
}
