package org.mptcpkit.drill;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mptcpkit drill}'s command line: exit codes (0 pass, 1 failure, 2 bad input), the failure
 * report, the timeout for a packet that never comes, JUnit XML and parallel runs. The kernel tests
 * use a plain TCP handshake whose every byte is fixed (no timestamps, no window scaling).
 */
class DrillMainTest {
    @TempDir
    Path dir;

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome drill(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = DrillMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path script(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    // ------------------------------------------------------------------ bad input (no kernel)

    /** Each is a whole script with one mistake; drill must exit 2 naming the file and line. */
    static Stream<String> malformed() {
        String ok = "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n";
        return Stream.of(
                "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = \n",
                "0 socket(..., SOCK_STREAM, IPPROTO_TCP)\n",
                "0 socket(..., SOCK_STREAM IPPROTO_TCP) = 3\n",
                ok + "+0 < S 0:0(0) <mss 1460>\n",
                ok + "+0 < S 0:10(0) win 100\n",
                ok + "+0 > S 0:0(0) <mss 1460, nop>\n",
                ok + "+0 < X 0:0(0) win 100\n",
                ok + "* < S 0:0(0) win 100\n",
                ok + "0.3~0.1 > S 0:0(0)\n",
                ok + "+0 < S 0:0(0) win 100 <...>\n",
                ok + "+0 > S. 0:0(0) ack <mss 1460>\n",
                ok + "+0 close(3) = -1 EBADF\n",
                ok + "+0 close(3) = -1 EBADF (bad addr port)\n",
                ok + "+0 `unterminated\n",
                ok + "+0 %{ unterminated\n",
                ok + "+0 > S 0:0(0) <mss>\n",
                ok + "+0 > S 0:0(0) <wscale 300>\n",
                ok + "+0 > S 0:0(0) <sack 1>\n",
                ok + "+0 > . 1:1(0) ack 1 <dss dsn8=1 nocs>\n",
                ok + "+0 > . 1:1(0) ack 1 <mp_fail dsn4=1>\n",
                ok + "+0 > S 0:0(0) <mpcapable flags[flag_h] nokey>\n",
                ok + "+0 > S 0:0(0) <mp_join_syn address_id=1>\n",
                ok + "+0 > S. 0:0(0) ack 1 <mp_join_syn_ack address_id=1>\n",
                ok + "+0 > . 1:1(0) ack 1 <add_address address_id=1 addr[a]>\n",
                ok + "+0 > . 1:1(0) ack 1 <mpcapable v2 flags[flag_h] nokey>\n",
                ok + "+0 > . 1:1(0) ack 1 <mpcapable v1 flags[flag_z] nokey>\n",
                ok + "+0 > . 1:1(0) ack 1 <dss dack8=1 dsn8=1 ssn=1 dll=1 nocs>\n",
                "--no_such_option=3\n" + ok,
                "--tolerance_usecs=abc\n" + ok,
                ok + "+0 < S 0:0(0) win 100 <mss 1460, nop\n",
                ok + "+0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3 3\n",
                ok + "+0 > S 0:0(0) <FO 0123456789abcdef0123456789abcdef01>\n",
                ok + "+0 > ipv4 1.2.3.4 > 5.6.7.8 S 0:0(0)\n",
                "\u0001\n");
    }

    @ParameterizedTest
    @MethodSource("malformed")
    void aMalformedScriptExitsTwoWithItsFileAndLine(String text) throws IOException {
        Path p = script("bad.pkt", text);
        Outcome o = drill("--variant=ipv4", p.toString());
        assertEquals(DrillMain.BAD_INPUT, o.status(), o.err());
        assertTrue(o.err().contains("bad.pkt:"), o.err());
    }

    @Test
    void aBadCommandLineExitsTwo() throws IOException {
        Path p = script("ok.pkt", "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n");
        assertEquals(2, drill().status());
        assertEquals(2, drill("--frobnicate", p.toString()).status());
        assertEquals(2, drill("-j", "0", p.toString()).status());
        assertEquals(2, drill("--variant=ipv5", p.toString()).status());
        assertEquals(2, drill(dir.resolve("missing.pkt").toString()).status());
        assertEquals(0, drill("--help").status());
        assertEquals(0, drill("--dry_run", p.toString()).status());
    }

    // ------------------------------------------------------------------ runs (kernel)

    private static final String HANDSHAKE = """
            0     socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
            +0    setsockopt(3, SOL_SOCKET, SO_REUSEADDR, [1], 4) = 0
            +0    bind(3, ..., ...) = 0
            +0    listen(3, 1) = 0
            +0    < S  0:0(0) win 5000 <mss 1000>
            +0    > S. 0:0(0) ack 1 <mss 1460>
            +0    < .  1:1(0) ack 1 win 5000
            +0    accept(3, ..., ...) = 4
            """;

    @Tag("kernel")
    @Test
    void aPassingScriptExitsZeroInEveryVariant() throws IOException {
        Path p = script("pass.pkt", HANDSHAKE + """
                +0    write(4, ..., 10) = 10
                +0    > P. 1:11(10) ack 1
                +0    < .  1:1(0) ack 11 win 5000
                +0.05 close(4) = 0
                +0    > F. 11:11(0) ack 1
                """);
        Outcome o = drill("-j", "3", p.toString());
        assertEquals(0, o.status(), o.err() + o.out());
        assertTrue(o.out().contains("3 passed, 0 failed"), o.out());
    }

    @Tag("kernel")
    @Test
    void aMismatchListsEveryDifferingFieldAndBothPacketsAndExitsOne() throws IOException {
        Path p = script("mismatch.pkt", HANDSHAKE + """
                +0    write(4, ..., 10) = 10
                +0    > . 2:13(11) ack 5 win 7
                """);
        Outcome o = drill("--variant=ipv4", p.toString());
        assertEquals(1, o.status());
        String err = o.err();
        // packetdrill's first message, with the script line...
        assertTrue(err.startsWith("mismatch.pkt:10: error handling packet: live packet field ipv4_total_length: "
                + "expected: 51 (0x33) vs actual: 50 (0x32)"), err);
        // ...then every field that differs, not only the first.
        for (String f : List.of("tcp_psh", "tcp_seq: expected: 2 (0x2) vs actual: 1 (0x1)", "tcp_ack_seq", "tcp_window",
                "live packet payload: expected 11 bytes vs actual 10 bytes")) {
            assertTrue(err.contains(f), f + " missing in:\n" + err);
        }
        assertTrue(err.contains("script packet:") && err.contains("> . 2:13(11) ack 5 win 7"), err);
        assertTrue(err.contains("actual packet:") && err.contains("P. 1:11(10) ack 1"), err);
    }

    @Tag("kernel")
    @Test
    void aPacketThatNeverComesTimesOutAndTheNextScriptStillRuns() throws IOException {
        Path never = script("never.pkt", HANDSHAKE + "+0    > P. 1:11(10) ack 1\n");
        Path after = script("zafter.pkt", HANDSHAKE);
        long t0 = System.nanoTime();
        Outcome o = drill("--variant=ipv4", "--wait_extra_ms=300", never.toString(), after.toString());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, o.status());
        assertTrue(o.err().contains("never.pkt:9: error handling packet: timed out waiting for packet"), o.err());
        assertTrue(o.out().contains("1 passed, 1 failed"), o.out());
        assertTrue(ms < 10_000, ms + " ms");
    }

    @Tag("kernel")
    @Test
    void aWrongSyscallResultIsARuntimeErrorAtItsLine() throws IOException {
        Path p = script("errno.pkt", HANDSHAKE + """
                +0 fcntl(4, F_SETFL, O_RDWR|O_NONBLOCK) = 0
                +0 read(4, ..., 10) = -1 ECONNRESET (Connection reset by peer)
                """);
        Outcome o = drill("--variant=ipv4", p.toString());
        assertEquals(1, o.status());
        assertTrue(o.err().startsWith("errno.pkt:10: runtime error in read call: Expected errno 104 (Connection reset by peer) "
                + "but got 11 (Resource temporarily unavailable)"), o.err());
    }

    @Tag("kernel")
    @Test
    void aCallThatBlocksWithoutBlockingTimeFailsInsteadOfHanging() throws IOException {
        Path p = script("hang.pkt", HANDSHAKE + "+0 read(4, ..., 10) = 10\n");
        long t0 = System.nanoTime();
        Outcome o = drill("--variant=ipv4", "--wait_extra_ms=300", p.toString());
        assertEquals(1, o.status());
        assertTrue(o.err().startsWith("hang.pkt:9: runtime error in read call: did not return within 0.300000 s"), o.err());
        assertTrue((System.nanoTime() - t0) / 1_000_000 < 10_000);
    }

    @Tag("kernel")
    @Test
    void junitXmlHasOneCasePerRunAndTheFailureReport(@TempDir Path out) throws IOException {
        Path pass = script("a.pkt", HANDSHAKE);
        Path fail = script("b.pkt", HANDSHAKE + "+0 > . 1:1(0) ack 1 win 1\n");
        Path xml = out.resolve("drill.xml");
        Outcome o = drill("--variant=ipv4,ipv6", "--wait_extra_ms=200", "-j", "2", "--junit=" + xml, pass.toString(),
                fail.toString());
        assertEquals(1, o.status());
        String x = Files.readString(xml);
        assertTrue(x.contains("tests=\"4\" failures=\"2\" errors=\"0\""), x);
        assertEquals(4, x.split("<testcase ", -1).length - 1, x);
        assertTrue(x.contains("<failure message=\"b.pkt:9: error handling packet: timed out waiting for packet"), x);
        assertFalse(x.contains("a.pkt:"), x);
    }
}
