package org.mptcpkit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Drives the interactive shell through JLine terminals (an emulated xterm with full line editing,
 * and a dumb terminal), keystroke by keystroke: Tab, Enter, arrow keys, as a user types them.
 */
class ReplTest {
    @TempDir
    Path dir;

    /** The text of terminal output: ANSI escapes and carriage returns removed. */
    static String plain(String s) {
        // (The last sequence may still be on its way when the screen is read.)
        return s.replaceAll("\u001b\\[[0-9;?]*[ -/]*([@-~]|$)", "").replaceAll("\u001b[=>]", "")
                .replaceAll("[\\x00-\\x08\\x0b-\\x1f\\x7f]", "");
    }

    /** Types each line (Enter appended) into a fresh shell on an xterm; returns the screen. */
    private String session(String... lines) throws Exception {
        try (TerminalDriver t = new TerminalDriver("xterm", dir.resolve("history"))) {
            for (String l : lines) t.type(l + "\r");
            assertEquals(0, t.endOfInput());
            return t.screen();
        }
    }

    /** The lines the shell printed that are not prompts with echoed input. */
    private static List<String> answers(String screen) {
        return screen.lines().filter(l -> !l.startsWith(Repl.PROMPT) && !l.startsWith(Repl.CONTINUATION) && !l.isBlank()).toList();
    }

    @Test
    void tabCompletesARegisteredWordAndAFieldOfItsPacket() throws Exception {
        // "Pro<Tab>" gives "Probe"; inside its parentheses "dst<Tab>" gives "dstPort:".
        String screen = session("Pro\t(dst\t 80, src\t 7)");
        assertTrue(screen.contains(Repl.PROMPT + "Probe(dstPort: 80, srcPort: 7)"), screen);
        assertEquals(List.of("ProbeHeader[srcPort=7, dstPort=80]"), answers(screen));
    }

    @Test
    void tabCompletesTheBuilderMembersInsideAClosure() throws Exception {
        String screen = session("Probe { dst\t 443 }");
        assertTrue(screen.contains(Repl.PROMPT + "Probe { dstPort 443 }"), screen);
        assertEquals(List.of("ProbeHeader[srcPort=0, dstPort=443]"), answers(screen));
    }

    @Test
    void tabCompletesTheFieldsOfAVariable() throws Exception {
        String screen = session("p = Probe(dstPort: 22)", "p.dst\t");
        assertTrue(screen.contains(Repl.PROMPT + "p.dstPort"), screen);
        assertEquals(List.of("22"), answers(screen));
    }

    @Test
    void tabCompletesOnADumbTerminal() throws Exception {
        try (TerminalDriver t = new TerminalDriver("dumb", dir.resolve("history"))) {
            t.type("hexd\t(hex('4142'))\r");
            assertEquals(0, t.endOfInput());
            String screen = t.screen();
            assertTrue(screen.contains("0000  41 42"), screen);
            assertTrue(screen.contains("   AB"), screen);
        }
    }

    @Test
    void thePublicEntryPointRunsTheStandardShellOnADumbTerminal() throws Exception {
        try (TerminalDriver t = new TerminalDriver("dumb", dir.resolve("history"), false)) {
            // (A dumb terminal draws no continuation prompt: the second line follows at once.)
            t.type("hel\t 'hex'\r").press("def b = hex(\r").type("'0a000001')\r").type("b.len\t()\r").type("hexdump(5)\r");
            assertEquals(0, t.endOfInput());
            List<String> lines = answers(t.screen());
            assertEquals("hex: bytes from hex digits (spaces, colons and 0x ignored)", lines.get(0));
            assertEquals("4", lines.get(lines.size() - 2));
            assertEquals("hexdump(Integer): wrong argument types; expected hexdump(Bytes) or hexdump(IpPacket) or hexdump(Received) or hexdump(byte[])", lines.get(lines.size() - 1));
        }
    }

    @Test
    void aMultiLineDefinitionContinuesUntilItIsComplete() throws Exception {
        String screen = session("def twice(x) {", "  x * 2", "}", "twice(21)");
        assertTrue(screen.contains(Repl.CONTINUATION + "  x * 2"), screen);
        assertTrue(screen.contains(Repl.CONTINUATION + "}"), screen);
        assertEquals(List.of("42"), answers(screen));
    }

    @Test
    void anErrorIsOneLineAndTheShellGoesOn() throws Exception {
        String screen = session("1 + * 2", "Porbe(dstPort: 1)", "hexdump(5)", "Probe(srcPort: 70000)", "nope + 1", "40 + 2");
        assertEquals(List.of(
                "1:3: Unexpected input: '+'",
                "unknown word 'Porbe' (did you mean 'Probe'?)",
                "hexdump(Integer): wrong argument types; expected hexdump(Bytes) or hexdump(IpPacket) or hexdump(Received) or hexdump(byte[])",
                "IllegalArgumentException: srcPort: 70000 (expected: 0..65535)",
                "unknown variable 'nope' (did you mean 'nop'?)",
                "42"), answers(screen));
    }

    @Test
    void traceShowsTheLastErrorsWholeStackTrace() throws Exception {
        List<String> lines = answers(session("Probe(srcPort: -1)", ":trace"));
        assertEquals("IllegalArgumentException: srcPort: -1 (expected: 0..65535)", lines.get(0));
        assertEquals("java.lang.IllegalArgumentException: srcPort: -1 (expected: 0..65535)", lines.get(1));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("\tat org.mptcpkit.shell.TestWords$ProbeHeader.<init>")), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.equals("\tat input_1.run(input_1.groovy:1)")), lines.toString());
    }

    @Test
    void aRuntimeErrorInAMultiLineInputNamesItsLine() throws Exception {
        String screen = session("if (true) {", "  Probe(srcPort: 99999)", "}");
        assertEquals(List.of("IllegalArgumentException: srcPort: 99999 (expected: 0..65535) (line 2)"), answers(screen));
    }

    @Test
    void historyPersistsAcrossSessions() throws Exception {
        session("def f(x) {", "  x + 1", "}", "6 * 7");
        String saved = Files.readString(dir.resolve("history"));
        assertTrue(saved.contains("6 * 7"), saved);
        // A new session: Up recalls "6 * 7"; Up twice the whole multi-line definition. (An xterm
        // in keypad-transmit mode, which JLine turns on, sends ESC O A for Up.)
        String screen = session("\u001bOA", "\u001bOA\u001bOA", "f(1)");
        assertEquals(List.of("42", "2"), answers(screen), screen);
    }

    @Test
    void ctrlCStopsARunningCommandAndTheShellGoesOn() throws Exception {
        try (TerminalDriver t = new TerminalDriver("xterm", dir.resolve("history"))) {
            int before = t.prompts();
            t.press("n = 0; while (true) { n++ }\r");
            Thread.sleep(500);
            // While a command runs the terminal turns Ctrl-C into SIGINT; the loop checks for it.
            t.press("\u0003");
            t.awaitPrompts(before + 1);
            t.type("n > 0\r");
            // "^C" is the terminal's echo of the key, as on a real tty.
            assertEquals(List.of("^Cinterrupted", "true"), answers(t.screen()));
        }
    }

    @Test
    void ctrlCAtThePromptDropsTheLine() throws Exception {
        try (TerminalDriver t = new TerminalDriver("xterm", dir.resolve("history"))) {
            int before = t.prompts();
            t.type("def f(x) {\r").press("  x");
            Thread.sleep(200);
            t.press("\u0003");
            t.awaitPrompts(before + 2);
            t.type("1 + 1\r");
            assertEquals(List.of("2"), answers(t.screen()));
        }
    }

    @Test
    void quitEndsTheSession() throws Exception {
        try (TerminalDriver t = new TerminalDriver("xterm", dir.resolve("history"))) {
            t.type("1\r").press(":quit\r");
            assertEquals(0, t.awaitExit());
            assertEquals(List.of("1"), answers(t.screen()));
        }
    }
}
