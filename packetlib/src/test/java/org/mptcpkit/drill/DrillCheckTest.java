package org.mptcpkit.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dry-run command line: exit 0 on good scripts, 2 with {@code file:line:col: message} otherwise. */
class DrillCheckTest {
    @TempDir
    Path dir;

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        int status = DrillCheck.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    @Test
    void goodScriptsExitZeroQuietly() throws IOException {
        Path a = write("a.pkt", "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n");
        Run r = run("--dry_run", a.toString());
        assertEquals(new Run(0, "", ""), r);
        Run v = run("-v", a.toString());
        assertEquals(0, v.status());
        assertEquals(a + ": ok (1 events)\n", v.out());
    }

    @Test
    void everyScriptIsCheckedAndTheStatusIsTwoIfAnyFails() throws IOException {
        Path bad1 = write("b1.pkt", "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 < S 0:0(0)\n");
        Path good = write("g.pkt", "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n");
        Path bad2 = write("b2.pkt", "0 frob() = 0\n");
        Run r = run(bad1.toString(), good.toString(), bad2.toString());
        assertEquals(2, r.status());
        assertEquals(bad1 + ":2:4: window must be specified for inbound packets\n"
                + bad2 + ":1:3: unknown system call 'frob' (supported: socket, bind, listen, accept, connect, read, "
                + "readv, recv, recvfrom, recvmsg, write, writev, send, sendto, sendmsg, fcntl, ioctl, close, shutdown, "
                + "getsockopt, setsockopt, poll, cap_set, open, sendfile, epoll_create, epoll_ctl, epoll_wait, pipe, "
                + "splice)\n", r.err());
    }

    @Test
    void definesFromTheCommandLine() throws IOException {
        Path p = write("d.pkt", "0 socket(..., SOCK_STREAM, PROTO) = 3\n+0 CMD\n+0 setsockopt(3, 1, 2, CC, 4) = 0\n");
        Run r = run("-D", "PROTO=262", "-DCMD=`echo hi`", "--define=CC=\"reno\"", "--print", p.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals("0 socket(..., SOCK_STREAM, 262) = 3\n+0 `echo hi`\n+0 setsockopt(3, 1, 2, \"reno\", 4) = 0\n", r.out());
    }

    @Test
    void ipVersionFromTheCommandLineIsChecked() throws IOException {
        Path p = write("v.pkt", "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n");
        assertEquals(0, run("--ip_version=ipv6", p.toString()).status());
        assertEquals(0, run("--ip_version", "ipv4-mapped-ipv6", p.toString()).status());
        Run bad = run("--ip_version=ipv7", p.toString());
        assertEquals(2, bad.status());
        assertEquals("drill-check: bad --ip_version: 'ipv7' (expected ipv4, ipv4-mapped-ipv6 or ipv6)\n", bad.err());
    }

    @Test
    void commandLineMistakes() throws IOException {
        Path p = write("x.pkt", "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n");
        Run unknown = run("--frobnicate", p.toString());
        assertEquals(2, unknown.status());
        assertEquals("drill-check: option 'frobnicate' unknown\n", unknown.err());
        assertEquals("drill-check: option 'tolerance_usecs' requires an argument\n",
                run(p.toString(), "--tolerance_usecs").err());
        assertEquals("drill-check: option 'dry_run' forbids an argument\n", run("--dry_run=1", p.toString()).err());
        assertEquals("drill-check: bad --define: 'FOO' (expected SYMBOL=VALUE)\n", run("-D", "FOO", p.toString()).err());
        Run none = run();
        assertEquals(2, none.status());
        assertTrue(none.err().startsWith("drill-check: no script given\nusage: drill-check"), none.err());
        Run missing = run(dir.resolve("nope.pkt").toString());
        assertEquals(2, missing.status());
        assertEquals(dir.resolve("nope.pkt") + ": cannot read: no such file\n", missing.err());
        Run help = run("--help");
        assertEquals(0, help.status());
        assertTrue(help.out().startsWith("usage: drill-check"));
    }
}
