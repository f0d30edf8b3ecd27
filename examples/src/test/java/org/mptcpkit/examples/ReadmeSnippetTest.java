package org.mptcpkit.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;
import org.mptcpkit.packet.Bytes;

/**
 * The Java snippet of the project's README.md, run verbatim in JShell with packetlib on its class
 * path, and the facts its comments state checked on the values it leaves behind: the README's
 * example cannot rot without this test failing.
 */
class ReadmeSnippetTest {
    /** The README's comment line naming this test; the ```java block after it is the snippet. */
    private static final String MARKER = "ReadmeSnippetTest.java";

    static String snippet() throws IOException {
        Path readme = Files.exists(Path.of("../README.md")) ? Path.of("../README.md") : Path.of("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int marker = text.indexOf(MARKER);
        assertTrue(marker >= 0, readme.toAbsolutePath() + " has no snippet marked for " + MARKER);
        int start = text.indexOf("```java\n", marker);
        assertTrue(start >= 0, "no ```java block after the marker");
        start += "```java\n".length();
        int end = text.indexOf("\n```", start);
        return text.substring(start, end + 1);
    }

    @Test
    void theReadmeSnippetRunsAndDoesWhatItSays() throws Exception {
        String code = snippet();
        assertTrue(code.lines().count() <= 14, "the README promises a short example:\n" + code);
        try (JShell js = JShell.builder().executionEngine("local").build()) {
            js.addToClasspath(packetlibLocation());
            int snippets = 0;
            SourceCodeAnalysis analysis = js.sourceCodeAnalysis();
            for (String rest = code; !rest.isBlank(); ) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
                assertEquals(SourceCodeAnalysis.Completeness.COMPLETE, info.completeness(), "incomplete: " + rest);
                for (SnippetEvent e : js.eval(info.source())) {
                    String diagnostics = js.diagnostics(e.snippet()).map(d -> d.getMessage(null)).toList().toString();
                    assertEquals(Snippet.Status.VALID, e.status(), info.source() + diagnostics);
                    assertNull(e.exception(), info.source());
                }
                snippets++;
                rest = info.remaining();
            }
            assertTrue(snippets >= 7, "ran " + snippets + " snippets");

            // What the comments say.
            assertEquals("64", eval(js, "wire.length"));
            assertEquals("true", eval(js, "java.util.Arrays.equals(wire, PacketCodec.encode(back))"));
            assertEquals("1", eval(js, "mpc.version()"));
            assertEquals("true", eval(js, "mpc.hmacSha()"));
            assertEquals("57005", eval(js, "PacketCodec.decode(PacketCodec.encode(bad)).value().tcp().get().checksum()"));
            assertEquals("false", eval(js, "PacketCodec.decode(PacketCodec.encode(bad)).value()"
                    + ".tcp().get().checksum() == PacketCodec.decode(wire).value().tcp().get().checksum()"));
        }
    }

    private static String eval(JShell js, String expression) {
        List<SnippetEvent> events = js.eval(expression);
        SnippetEvent e = events.getFirst();
        assertEquals(Snippet.Status.VALID, e.status(), expression);
        assertNull(e.exception(), expression);
        return e.value();
    }

    /** Where packetlib's classes are (its jar, or target/classes in a reactor build). */
    private static String packetlibLocation() throws URISyntaxException {
        return Path.of(Bytes.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }
}
