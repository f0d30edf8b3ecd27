package org.mptcpkit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mptcpkit script FILE [args]}: the DSL without a terminal; failures as FILE:LINE: message. */
class ScriptRunnerTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int main(String... args) {
        return Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String script(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void runsWithTheDslAndArgs() throws Exception {
        String f = script("ok.groovy", """
                #!/usr/bin/env -S mptcpkit script
                def b = hex(args[0])
                println "${args.length} args, ${b.length()} bytes"
                hexdump(b)
                def twice(x) { x * 2 }
                println twice(b.u8(0))
                """);
        assertEquals(0, main("script", f, "0a0b", "second"), err());
        assertEquals("2 args, 2 bytes\n" + org.mptcpkit.format.PacketFormatter.hexdump(org.mptcpkit.packet.Bytes.fromHex("0a0b")).stripTrailing() + "\n20\n", out());
        assertEquals("", err());
    }

    @Test
    void aRuntimeErrorIsFileLineMessageAndExitOne() throws Exception {
        String f = script("bad.groovy", "println 'before'\n\ndef b = hex('zz')\nprintln 'after'\n");
        assertEquals(1, main("script", f));
        assertEquals("before\n", out());
        assertEquals(f + ":3: IllegalArgumentException: hex: 'z' at 0 is not a hex digit\n", err());
    }

    @Test
    void anErrorInsideAClosureOrMethodNamesItsLine() throws Exception {
        String f = script("deep.groovy", "def f(x) {\n  [1].each {\n    hexdump(x)\n  }\n}\nf(42)\n");
        assertEquals(1, main("script", f));
        assertEquals(f + ":3: hexdump(Integer): wrong argument types; expected hexdump(Bytes) or hexdump(IpPacket) or hexdump(Received) or hexdump(byte[])\n", err());
    }

    @Test
    void anUnknownWordSuggestsTheClosest() throws Exception {
        String f = script("typo.groovy", "hexdupm(hex('01'))\n");
        assertEquals(1, main("script", f));
        assertEquals(f + ":1: unknown word 'hexdupm' (did you mean 'hexdump'?)\n", err());
    }

    @Test
    void aSyntaxErrorIsFileLineColumnMessage() throws Exception {
        String f = script("syntax.groovy", "x = 1\ny = x + * 2\n");
        assertEquals(1, main("script", f));
        assertEquals(f + ":2:7: Unexpected input: '+'\n", err());
        err.reset();
        String g = script("eof.groovy", "x = 1 +\n");
        assertEquals(1, main("script", g));
        assertEquals(g + ":2:1: unexpected end of input\n", err());
    }

    @Test
    void anUnclosedBracketSaysWhereItOpened() throws Exception {
        String f = script("open.groovy", "def f(x) {\n  x\n\nprintln f(1)\n");
        assertEquals(1, main("script", f));
        assertEquals(f + ":1:10: '{' is never closed\n", err());
    }

    @Test
    void traceAddsTheStackTrace() throws Exception {
        String f = script("trace.groovy", "throw new IllegalStateException('boom')\n");
        assertEquals(1, main("script", "--trace", f));
        String[] lines = err().split("\n");
        assertEquals(f + ":1: IllegalStateException: boom", lines[0]);
        assertEquals("java.lang.IllegalStateException: boom", lines[1]);
    }

    @Test
    void aMissingFileIsOneSentenceAndExitOne() {
        assertEquals(1, main("script", dir.resolve("nope.groovy").toString()));
        assertEquals("mptcpkit script: no such file: " + dir.resolve("nope.groovy") + "\n", err());
    }

    @Test
    void noFileIsAUsageError() {
        assertEquals(2, main("script"));
        assertEquals("mptcpkit script: no script file given\nusage: mptcpkit script [--trace] [--lab] FILE.groovy [ARGS...]\n", err());
        err.reset();
        assertEquals(2, main("script", "--bogus", "x.groovy"));
        assertEquals("mptcpkit script: unknown option '--bogus'\nusage: mptcpkit script [--trace] [--lab] FILE.groovy [ARGS...]\n", err());
    }

    @Test
    void aFileNameThatIsNoJavaIdentifierWorks() throws Exception {
        String f = script("my-first script.groovy", "println 6 * 7\nthrow new RuntimeException('x')\n");
        assertEquals(1, main("script", f));
        assertEquals("42\n", out());
        assertEquals(f + ":2: RuntimeException: x\n", err());
    }
}
