package org.mptcpkit.io.lab;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return LabMain.run(args, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpPrintsUsage() {
        assertEquals(0, run("--help"));
        assertTrue(out().startsWith("usage: mptcpkit lab [options]"));
        assertTrue(out().contains("--sysctl KEY=VALUE"));
    }

    @Test
    void badOptionsAreOneLineAndExitOne() {
        assertEquals(1, run("--frobnicate"));
        assertEquals("mptcpkit lab: unknown option --frobnicate (see mptcpkit lab --help)\n", err());
        err.reset();
        assertEquals(1, run("--link", "wire"));
        assertEquals("mptcpkit lab: --link wants one of veth, tun; got wire\n", err());
        err.reset();
        assertEquals(1, run("--ipv4"));
        assertEquals("mptcpkit lab: --ipv4 needs a value (see mptcpkit lab --help)\n", err());
        err.reset();
        assertEquals(1, run("--sysctl", "net.mptcp.enabled"));
        assertTrue(err().startsWith("mptcpkit lab: --sysctl wants KEY=VALUE"), err());
        err.reset();
        assertEquals(1, run("--endpoint", "10.0.0.1,sideways"));
        assertTrue(err().startsWith("mptcpkit lab: unknown endpoint flag sideways"), err());
        err.reset();
        assertEquals(1, run("--link", "tun", "--peer", "kernel"));
        assertEquals("mptcpkit lab: a TUN lab has no peer kernel: use PeerMode.CRAFTED or a veth link\n", err());
        assertEquals("", out());
    }

    @Tag("kernel")
    @Test
    void startsPrintsAndStopsAtEndOfInput() {
        assertEquals(0, run("--ipv4", "2", "--ipv6", "1", "--echo", "8080", "--announce", "signal",
                "--sysctl", "net.mptcp.checksum_enabled=1", "--limits", "4,4"));
        String o = out();
        assertTrue(o.startsWith("lab up in "), o);
        assertTrue(o.contains("nsenter --net=/proc/"), o);
        assertTrue(o.contains("10.0.0.1/24 10.0.1.1/24 fd00:10::1/64"), o);
        assertTrue(o.contains("endpoint   10.0.1.1 id 1 signal dev k0"), o);
        assertTrue(o.contains("limits subflows 4 add_addr_accepted 4"), o);
        assertTrue(o.contains("sysctl     net.mptcp.checksum_enabled = 1"), o);
        assertTrue(o.contains("MPTCP echo on port 8080"), o);
        assertTrue(o.endsWith("lab closed\n"), o);
        assertEquals("", err());
    }

    @Tag("kernel")
    @Test
    void kernelSideErrorsAreOneSentence() {
        assertEquals(1, run("--sysctl", "net.mptcp.enabled=0", "--echo", "8080"));
        assertEquals("mptcpkit lab: MPTCP is disabled in the lab's kernel namespace (net.mptcp.enabled=0): "
                + "remove that sysctl or run without a server.\n", err());
        err.reset();
        assertEquals(1, run("--kernel-link", "lo"));
        assertEquals("mptcpkit lab: Interface name p0 or lo is already taken in the lab: choose other link names.\n", err());
        err.reset();
        assertEquals(1, run("--link", "tun", "--kernel-link", "lo"));
        assertTrue(err().startsWith("mptcpkit lab: "), err());
        assertFalse(err().contains("Exception"), err());
        assertEquals(1, err().strip().lines().count(), err());
    }

    @Tag("kernel")
    @Test
    void durationStopsTheLab() {
        long t0 = System.nanoTime();
        assertEquals(0, LabMain.run(new String[] {"--link", "tun", "--duration", "0.3"},
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(System.nanoTime() - t0 >= 250_000_000L);
        assertTrue(out().contains("tun0"), out());
        assertTrue(out().contains("Stops in 0.3 s"), out());
    }
}
