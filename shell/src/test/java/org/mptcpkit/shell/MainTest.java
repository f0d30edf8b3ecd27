package org.mptcpkit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int main(String... args) {
        return Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals(2, main());
        assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("usage: mptcpkit <command> [args]"));
    }

    @Test
    void anUnknownCommandIsAUsageError() {
        assertEquals(2, main("frobnicate"));
        assertEquals("mptcpkit: unknown command 'frobnicate' (try: mptcpkit help)\n", err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommands() {
        assertEquals(0, main("help"));
        String s = out.toString(StandardCharsets.UTF_8);
        assertTrue(s.contains("\n  shell [--lab] "), s);
        assertTrue(s.contains("\n  script [--trace] [--lab] FILE.groovy [ARGS...] "), s);
        out.reset();
        assertEquals(0, main("help", "script"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("usage: mptcpkit script [--trace] [--lab] FILE.groovy [ARGS...]\n"));
    }

    @Test
    void shellTakesNoArguments() {
        assertEquals(2, main("shell", "extra"));
        assertEquals("mptcpkit shell: unexpected argument 'extra'\nusage: mptcpkit shell [--lab]\n", err.toString(StandardCharsets.UTF_8));
        err.reset();
        assertEquals(0, main("shell", "--help"));
    }
}
