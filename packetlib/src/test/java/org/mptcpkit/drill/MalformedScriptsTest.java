package org.mptcpkit.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.mptcpkit.drill.parse.Parser;

/**
 * Every script under {@code drill/bad/} states on its first line the exact error it must produce:
 * {@code // expect: name.pkt:line:col: message}. The parser must throw exactly that
 * {@link ScriptException} (nothing else, never a stack trace), and {@link DrillCheck} must print
 * exactly that line and exit with status 2.
 */
class MalformedScriptsTest {
    private static final String PREFIX = "// expect: ";

    private static String expected(Path p) {
        String first = Resources.read(p).lines().findFirst().orElse("");
        assertTrue(first.startsWith(PREFIX), p + " must start with '" + PREFIX + "'");
        return first.substring(PREFIX.length());
    }

    @Test
    void thereAreAtLeastThirtyMalformedScripts() {
        assertTrue(Resources.scripts("bad").size() >= 30, "found " + Resources.scripts("bad").size());
    }

    @TestFactory
    Stream<DynamicTest> parserReportsTheExpectedError() {
        return Resources.scripts("bad").stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            String name = p.getFileName().toString();
            String source = Resources.read(p);
            ScriptException e = assertThrows(ScriptException.class, () -> Parser.parse(name, source));
            assertEquals(expected(p), e.getMessage());
            assertEquals(name, e.file());
            assertTrue(e.line() >= 1 && e.line() <= source.lines().count() + 1, "line within the file");
        }));
    }

    @TestFactory
    Stream<DynamicTest> drillCheckPrintsTheErrorAndExitsWithTwo() {
        return Resources.scripts("bad").stream().map(p -> DynamicTest.dynamicTest(p.getFileName().toString(), () -> {
            ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
            int status = DrillCheck.run(new String[] {p.toString()}, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            assertEquals(2, status);
            assertEquals("", out.toString(StandardCharsets.UTF_8));
            String message = expected(p);
            // DrillCheck names the file by the path it was given
            String withPath = p + message.substring(p.getFileName().toString().length());
            assertEquals(List.of(withPath), err.toString(StandardCharsets.UTF_8).lines().toList());
        }));
    }
}
