package org.mptcpkit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line as a process: what a user's shell sees. A pipe into {@code mptcpkit shell},
 * the classes a light command loads, and the interactive shell on a real pseudo-terminal (made
 * by util-linux {@code script}, which every Debian has; skipped where it is missing).
 */
class ProcessTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    private Run run(String stdin, Map<String, String> env, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(env);
        pb.environment().remove("MPTCPKIT_TIMING");
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Path in = dir.resolve("in");
        Files.writeString(in, stdin);
        pb.redirectInput(in.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path")));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @Test
    void aPipeIntoTheShellPrintsEachResultAndNoTerminalWarning() throws Exception {
        Run r = run("hex('0a000001')\n6 * 7\n", Map.of(), java("org.mptcpkit.shell.Main", "shell"));
        assertEquals(0, r.code(), r.err());
        assertEquals("0x0a000001\n42\n", r.out());
        assertEquals("", r.err());
    }

    /** Issue 4: {@code echo "IP(dst:'10.0.0.1')" | mptcpkit shell} prints that packet's summary. */
    @Test
    void aPacketPipedIntoTheShellIsPrintedAsItsSummary() throws Exception {
        Run r = run("IP(dst:'10.0.0.1')\n", Map.of(), java("org.mptcpkit.shell.Main", "shell"));
        assertEquals(0, r.code(), r.err());
        assertEquals("IP 127.0.0.1 > 10.0.0.1: ip-proto-0 0\n", r.out());
        assertEquals("", r.err());
    }

    @Test
    void aFailedCommandInAPipeGivesExitOneAfterTheRest() throws Exception {
        Run r = run("1 +* 2\n3\n", Map.of(), java("org.mptcpkit.shell.Main", "shell"));
        assertEquals(1, r.code());
        assertEquals("3\n", r.out());
        assertEquals("<stdin>:1:3: Unexpected input: '+'\n", r.err());
    }

    @Test
    void aCommandWithoutGroovyLoadsNeitherGroovyNorJLine() throws Exception {
        Run r = run("", Map.of(), java("-Xlog:class+load=info:stdout", "org.mptcpkit.shell.Main", "help"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("org.mptcpkit.shell.Main "), "class loading log missing");
        List<String> heavy = r.out().lines().filter(l -> l.contains(" groovy") || l.contains(" org.codehaus.groovy")
                || l.contains(" org.apache.groovy") || l.contains(" org.jline")).toList();
        assertEquals(List.of(), heavy);
    }

    /** Runs the shell on a pseudo-terminal, typing {@code keys}; returns the terminal output. */
    private Run onTerminal(String keys, Map<String, String> env, String... shellArgs) throws Exception {
        assumeTrue(new File("/usr/bin/script").canExecute(), "util-linux script is not installed");
        StringBuilder cmd = new StringBuilder("stty cols 100 rows 30; exec");
        List<String> args = new ArrayList<>(List.of("org.mptcpkit.shell.Main", "shell"));
        args.addAll(List.of(shellArgs));
        for (String a : java(args.toArray(String[]::new))) cmd.append(" '").append(a.replace("'", "'\\''")).append('\'');
        return run(keys, env, List.of("/usr/bin/script", "-q", "-e", "-c", cmd.toString(), "/dev/null"));
    }

    @Test
    void onARealTerminalTheShellPromptsCompletesAndAnswers() throws Exception {
        Run r = onTerminal("6 * 7\rhexd\t(hex('41'))\r:quit\r",
                Map.of("TERM", "xterm-256color", "MPTCPKIT_HISTORY", dir.resolve("h").toString()));
        String screen = ReplTest.plain(r.out());
        assertEquals(0, r.code(), screen);
        assertTrue(screen.contains(Repl.PROMPT + "6 * 7\n42\n"), screen);
        assertTrue(screen.contains(Repl.PROMPT + "hexdump(hex('41'))\n0000  41"), screen);
        assertTrue(r.out().contains("\u001b[36;1m" + Repl.PROMPT), "a colour prompt on a terminal");
        assertFalse(screen.contains("dumb"), screen);
        assertTrue(Files.readString(dir.resolve("h")).contains("6 * 7"));
    }

    @Test
    void noColorTurnsColourOff() throws Exception {
        Run r = onTerminal("1 +* 2\r:quit\r", Map.of("TERM", "xterm-256color", "NO_COLOR", "1",
                "MPTCPKIT_HISTORY", dir.resolve("h").toString()));
        String screen = ReplTest.plain(r.out());
        assertTrue(screen.contains("\n1:3: Unexpected input: '+'\n"), screen);
        assertFalse(r.out().contains("\u001b[31m"), "no red error with NO_COLOR");
        assertFalse(r.out().contains("\u001b[36;1m"), "no colour prompt with NO_COLOR");
    }

    /**
     * What README tells a newcomer to run first: {@code mptcpkit shell --lab} on a terminal shows
     * the lab's addresses and three lines; pasted, they show the kernel's SYN-ACK with its key.
     */
    @org.junit.jupiter.api.Tag("kernel")
    @Test
    void theLabShellsBannerLinesWorkWhenPasted() throws Exception {
        List<String> pasted = List.of(LabShell.synLine("10.0.0.2", "10.0.0.1"), "ans = sr1(syn)", "show(ans)");
        Run r = onTerminal(String.join("\r", pasted) + "\r:quit\r",
                Map.of("TERM", "xterm-256color", "MPTCPKIT_HISTORY", dir.resolve("h").toString()), "--lab");
        String screen = ReplTest.plain(r.out());
        assertEquals(0, r.code(), screen);
        assertTrue(screen.contains("lab: the kernel listens as an MPTCP echo server on 10.0.0.1:8080 and 10.0.1.1:8080"), screen);
        for (String line : pasted) assertTrue(screen.contains("\n  " + line + "\n"), "the banner shows " + line + ":\n" + screen);
        assertTrue(screen.contains("flags: 0x012 [S.] (SYN, ACK)"), screen);
        assertTrue(screen.contains("Multipath TCP MP_CAPABLE (kind 30, length 12, subtype 0x0, form SYN-ACK)"), screen);
        assertTrue(screen.matches("(?s).*senderKey: 0x[0-9a-f]{16} .*"), screen);
    }
}
