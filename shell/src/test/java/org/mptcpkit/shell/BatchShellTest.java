package org.mptcpkit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The shell fed by a pipe: commands read line by line, each result printed, no prompt. */
class BatchShellTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String input) {
        return new BatchShell(TestWords::vocabulary, new PrintWriter(out), new PrintWriter(err)).run(new StringReader(input));
    }

    private static List<String> lines(StringWriter w) {
        return w.toString().lines().toList();
    }

    @Test
    void printsEachResultAndNothingElse() {
        assertEquals(0, run("1+1\nProbe(dstPort: 80)\n\nx = 5\nx * 2\nhexdump(hex('41'))\n"));
        assertEquals(List.of("2", "ProbeHeader[srcPort=0, dstPort=80]", "10",
                org.mptcpkit.format.PacketFormatter.hexdump(org.mptcpkit.packet.Bytes.fromHex("41")).stripTrailing()), lines(out));
        assertEquals("", err.toString());
    }

    @Test
    void readsAMultiLineStatementAsOne() {
        assertEquals(0, run("def f(x) {\n  x * 2\n}\nf(4)\nProbe(\n  srcPort: 1,\n  dstPort: 2)\n"));
        assertEquals(List.of("8", "ProbeHeader[srcPort=1, dstPort=2]"), lines(out));
    }

    @Test
    void goesOnAfterAnErrorAndExitsOneAtTheEnd() {
        assertEquals(1, run("1\n1 + * 2\n2\nProbe(srcPort: -1)\nfoo\n3\n"));
        assertEquals(List.of("1", "2", "3"), lines(out));
        assertEquals(List.of(
                "<stdin>:2:3: Unexpected input: '+'",
                "<stdin>:4: IllegalArgumentException: srcPort: -1 (expected: 0..65535)",
                "<stdin>:5: unknown variable 'foo'"), lines(err));
    }

    @Test
    void errorsNameWhatWasExpected() {
        assertEquals(1, run("def f(x) { x }\nf(1, 2)\np = Probe(dstPort: 1)\np.dstPrt\n'abc'.toUpperCas()\n'abc'.substring('x')\n"
                + "help\n"));
        assertEquals(List.of(
                "<stdin>:2: f(Integer, Integer): wrong argument types; expected f(Object)",
                "<stdin>:4: MissingPropertyException: ProbeHeader has no property 'dstPrt' (did you mean 'dstPort'?)",
                "<stdin>:5: MissingMethodException: String has no method toUpperCas() (did you mean 'toUpperCase'?)",
                "<stdin>:6: MissingMethodException: String has no method substring(String); expected substring(int) or substring(int, int)",
                "<stdin>:7: 'help' is a word: call it, e.g. help 'hexdump'"),
                lines(err));
    }

    @Test
    void errorLinesCountInTheWholeInput() {
        assertEquals(1, run("x = 1\nif (x) {\n  Probe(srcPort: 1, bogus: 2)\n}\n"));
        assertEquals(List.of("<stdin>:3: IllegalArgumentException: Probe: unknown field 'bogus' (expected: srcPort, dstPort)"), lines(err));
    }

    @Test
    void inputThatEndsInsideAStatementIsAnError() {
        assertEquals(1, run("1\nProbe(srcPort: 1,\n"));
        assertEquals(List.of("1"), lines(out));
        assertEquals(List.of("<stdin>:2:6: '(' is never closed"), lines(err));
    }

    @Test
    void shellCommandsWork() {
        assertEquals(1, run("Probe(srcPort: -1)\n:trace\n:nope\n:quit\n1\n"));
        assertEquals("java.lang.IllegalArgumentException: srcPort: -1 (expected: 0..65535)", lines(out).get(0));
        assertEquals(List.of("<stdin>:1: IllegalArgumentException: srcPort: -1 (expected: 0..65535)",
                "unknown shell command ':nope' (try :help)"), lines(err));
    }

    @Test
    void mainRunsTheBatchShellWhenStdinIsNotATerminal() {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"shell"}, new ByteArrayInputStream("hex('0a000001')\n6*7\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8));
        assertEquals(0, code, e.toString(StandardCharsets.UTF_8));
        assertEquals("0x0a000001\n42\n", o.toString(StandardCharsets.UTF_8));
        assertEquals("", e.toString(StandardCharsets.UTF_8));
    }
}
