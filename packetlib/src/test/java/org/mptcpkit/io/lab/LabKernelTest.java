package org.mptcpkit.io.lab;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mptcpkit.io.TestPackets;
import org.mptcpkit.io.net.Frame;
import org.mptcpkit.io.net.MptcpPm;
import org.mptcpkit.io.net.PacketSocket;
import org.mptcpkit.io.net.RawSocket;
import org.mptcpkit.io.net.StreamSocket;
import org.mptcpkit.io.net.TunDevice;
import org.mptcpkit.io.sys.Errno;
import org.mptcpkit.io.sys.LibC;
import org.mptcpkit.io.sys.SysException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The lab against the real kernel: bindings, crafted packets, TUN, and iproute2 as judge. */
@Tag("kernel")
class LabKernelTest {
    private static final int TCP_SYN = 0x02;
    private static final int TCP_RST = 0x04;
    private static final int TCP_ACK = 0x10;

    @Test
    void kernelMptcpClientConnectsToKernelListenerOverEveryPath() {
        try (Lab lab = Lab.builder().peerMode(Lab.PeerMode.KERNEL).ipv4Paths(2).ipv6Paths(1).echoServer(0).build()) {
            int port = lab.server().port();
            int n = 0;
            for (Lab.Subnet s : lab.subnets()) {
                byte[] hello = ("hello over " + s.kernel().getHostAddress()).getBytes(StandardCharsets.US_ASCII);
                byte[] echo = lab.peer().call(() -> {
                    try (StreamSocket c = StreamSocket.open(s.kernel(), true)) {
                        c.connect(new InetSocketAddress(s.kernel(), port), 3000);
                        assertNotEquals(-1, c.mptcpToken(), "MPTCP, not a TCP fallback, on " + s.kernel());
                        assertEquals(s.peer(), c.localAddress().getAddress());
                        c.write(hello, 3000);
                        byte[] b = new byte[hello.length];
                        int got = 0;
                        while (got < b.length) {
                            int r = c.read(b, got, b.length - got, 3000);
                            assertTrue(r > 0, "echo ended early");
                            got += r;
                        }
                        return b;
                    }
                });
                assertArrayEquals(hello, echo);
                n++;
            }
            assertEquals(n, lab.server().accepted());
        }
    }

    @Test
    void twoKernelsOpenExtraSubflowsOverTheExtraPaths() throws Exception {
        // The kernel under test announces its second address (ADD_ADDR, RFC 8684 3.4.1); the
        // kernel peer joins it (MP_JOIN, 3.2) and adds a subflow from its own second address.
        try (Lab lab = Lab.builder().peerMode(Lab.PeerMode.KERNEL).ipv4Paths(2).ipv6Paths(0)
                .endpointsForExtraPaths(MptcpPm.Flag.SIGNAL).peerMptcpLimits(8, 8)
                .peerEndpointsForExtraPaths(MptcpPm.Flag.SUBFLOW).echoServer(0).build()) {
            assertEquals(1, lab.peerEndpoints().size());
            assertTrue(run("nsenter", "--net=" + lab.peer().path(), "ip", "mptcp", "endpoint", "show").contains("10.0.1.2 id 1 subflow dev p0"));
            int port = lab.server().port();
            int subflows = lab.peer().call(() -> {
                try (StreamSocket c = StreamSocket.open(LibC.AF_INET, true)) {
                    c.connect(new InetSocketAddress(InetAddress.ofLiteral("10.0.0.1"), port), 3000);
                    c.write(new byte[] {1}, 3000);
                    c.read(new byte[1], 0, 1, 3000);
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                    int n = c.mptcpSubflows();
                    while (n < 2 && System.nanoTime() < deadline) {
                        Thread.sleep(20);
                        n = c.mptcpSubflows();
                    }
                    return n;
                }
            });
            assertEquals(2, subflows, "one subflow to the announced address, one from the peer's second address");
        }
    }

    @Test
    void kernelSendsWireSizedSegmentsWithFinalChecksums() {
        try (Lab lab = Lab.builder().peerMode(Lab.PeerMode.KERNEL).ipv6Paths(0).echoServer(0).build();
             PacketSocket sniffer = lab.openSniffer(true)) {
            int port = lab.server().port();
            sniffer.setFilter("tcp src port " + port);
            byte[] data = new byte[200_000];
            new java.util.Random(1).nextBytes(data);
            byte[] back = lab.peer().call(() -> {
                try (StreamSocket c = StreamSocket.open(LibC.AF_INET, true)) {
                    c.connect(new InetSocketAddress(InetAddress.ofLiteral("10.0.0.1"), port), 3000);
                    byte[] b = new byte[data.length];
                    Thread writer = Thread.ofPlatform().start(() -> c.write(data, 10_000));
                    int got = 0;
                    while (got < b.length) {
                        int r = c.read(b, got, b.length - got, 10_000);
                        assertTrue(r > 0);
                        got += r;
                    }
                    writer.join();
                    return b;
                }
            });
            assertArrayEquals(data, back);
            int segments = 0;
            long payload = 0;
            for (Frame f; (f = sniffer.receive(200)) != null; ) {
                byte[] p = f.data().toByteArray();
                assertTrue(p.length <= 1500, "an MTU-sized segment, not a TSO super-packet: " + p.length);
                assertTrue(TestPackets.tcpChecksumOk(p), "final TCP checksum");
                segments++;
                payload += p.length - 20 - ((p[20 + 12] & 0xf0) >> 4) * 4;
            }
            assertTrue(payload >= data.length, "the whole echo was captured: " + payload);
            assertTrue(segments >= data.length / 1500, "segments: " + segments);
        }
    }

    @Test
    void connectToClosedPortIsEconnrefusedWithItsText() {
        try (Lab lab = Lab.builder().peerMode(Lab.PeerMode.KERNEL).ipv6Paths(0).build()) {
            SysException e = assertThrows(SysException.class, () -> lab.peer().run(() -> {
                try (StreamSocket c = StreamSocket.open(LibC.AF_INET, true)) {
                    c.connect(new InetSocketAddress(InetAddress.ofLiteral("10.0.0.1"), 9), 3000);
                }
            }));
            assertEquals(Errno.ECONNREFUSED, e.errno());
            assertEquals("ECONNREFUSED", e.errnoName());
            assertEquals("Connection refused", e.errnoText());
            assertEquals("connect 10.0.0.1:9: ECONNREFUSED (Connection refused)", e.getMessage());
        }
    }

    @Test
    void acceptWithoutClientTimesOut() {
        try (Lab lab = Lab.builder().ipv6Paths(0).build();
             StreamSocket l = lab.kernel().call(() -> StreamSocket.open(LibC.AF_INET, true)
                     .bind(new InetSocketAddress(InetAddress.ofLiteral("10.0.0.1"), 0)).listen(4))) {
            long t0 = System.nanoTime();
            SysException e = assertThrows(SysException.class, () -> l.accept(100));
            assertEquals(Errno.ETIMEDOUT, e.errno());
            assertTrue(System.nanoTime() - t0 >= 90_000_000L);
        }
    }

    @Test
    void craftedIpv4SynGetsMptcpSynAckAndThePeerKernelStaysSilent() {
        craftedSynRoundTrip(RawSocket.IpVersion.IPV4, "10.0.0.2", "10.0.0.1");
    }

    @Test
    void craftedIpv6SynGetsMptcpSynAckAndThePeerKernelStaysSilent() {
        craftedSynRoundTrip(RawSocket.IpVersion.IPV6, "fd00:10::2", "fd00:10::1");
    }

    @Test
    void craftedSynFromAnAddressOutsideEverySubnetIsAnsweredToo() {
        // The kernel side routes everything to the peer: packetdrill's 192.0.2.1 works as a source.
        craftedSynRoundTrip(RawSocket.IpVersion.IPV4, "192.0.2.1", "10.0.0.1");
    }

    private static void craftedSynRoundTrip(RawSocket.IpVersion version, String peerAddr, String kernelAddr) {
        try (Lab lab = Lab.builder().ipv4Paths(1).ipv6Paths(1).echoServer(0).build();
             PacketSocket kernelSide = lab.openKernelSniffer(true);
             PacketSocket peerSide = lab.openSniffer(true);
             RawSocket raw = lab.openRawSocket(version)) {
            InetAddress src = InetAddress.ofLiteral(peerAddr);
            InetAddress dst = InetAddress.ofLiteral(kernelAddr);
            int port = lab.server().port();
            byte[] syn = TestPackets.syn(src, 40001, dst, port, 1000, TestPackets.MPC_SYN_OPTIONS);
            raw.send(syn);

            // The kernel side receives exactly the bytes we built.
            byte[] seen = nextTcp(kernelSide, 40001, 2000, false);
            assertNotNull(seen, "the SYN reached the kernel namespace");
            assertArrayEquals(syn, seen);

            // The kernel answers with a SYN-ACK carrying MP_CAPABLE with its key (RFC 8684 3.1).
            Frame answer = nextFrame(peerSide, port, 2000);
            assertNotNull(answer, "a SYN-ACK came back to the peer link");
            byte[] synAck = answer.data().toByteArray();
            assertEquals(TCP_SYN | TCP_ACK, TestPackets.tcpFlags(synAck));
            assertTrue(TestPackets.tcpChecksumOk(synAck), "final checksum, not a partial one (offloads are off)");
            assertEquals(Frame.PACKET_OTHERHOST, answer.packetType(), "addressed to the kernel link's own MAC");
            byte[] mpc = TestPackets.tcpOption(synAck, 30);
            assertNotNull(mpc, "MP_CAPABLE in the SYN-ACK");
            assertEquals(12, mpc.length);
            assertEquals(0x01, mpc[2] & 0xff, "MP_CAPABLE subtype 0, version 1");

            // The peer's kernel never answers the SYN-ACK (no RST) while the kernel retransmits it.
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1300);
            int retransmits = 0;
            while (System.nanoTime() < deadline) {
                Frame f = peerSide.receive(100);
                if (f == null) continue;
                byte[] b = f.data().toByteArray();
                if (f.isOutgoing()) {
                    // Lenient: IPv6 MLD reports from the kernel are not ours; anything TCP would be.
                    assertFalse(TestPackets.isTcp(b), "the peer kernel sent TCP: " + Arrays.toString(b));
                } else if (TestPackets.isTcp(b) && TestPackets.srcPort(b) == port) {
                    retransmits++;
                }
            }
            assertTrue(retransmits >= 1, "the kernel retransmitted its SYN-ACK after 1 s (RFC 6298), unanswered");
        }
    }

    @Test
    void tunLabAnswersASynWrittenToTheDevice() {
        for (boolean vnet : new boolean[] {true, false}) {
            try (Lab lab = Lab.builder().linkType(Lab.LinkType.TUN).vnetHeader(vnet).ipv6Paths(1).echoServer(0).build()) {
                TunDevice tun = lab.tun();
                assertEquals("tun0", tun.name());
                int port = lab.server().port();
                for (Lab.Subnet s : lab.subnets()) {
                    byte[] syn = TestPackets.syn(s.peer(), 40002, s.kernel(), port, 5000, TestPackets.MPC_SYN_OPTIONS);
                    tun.write(syn);
                    byte[] synAck = null;
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                    byte[] buf = new byte[65536];
                    while (synAck == null && System.nanoTime() < deadline) {
                        int n = tun.read(buf, 200);
                        if (n <= 0) continue;
                        byte[] p = Arrays.copyOf(buf, n);
                        if (TestPackets.isTcp(p) && TestPackets.dstPort(p) == 40002) synAck = p;
                    }
                    assertNotNull(synAck, "SYN-ACK read from the TUN device (vnet " + vnet + ", " + s.kernel() + ")");
                    assertEquals(TCP_SYN | TCP_ACK, TestPackets.tcpFlags(synAck));
                    assertNotNull(TestPackets.tcpOption(synAck, 30));
                }
            }
        }
    }

    @Test
    void tunReadTimesOut() {
        try (Lab lab = Lab.builder().linkType(Lab.LinkType.TUN).build()) {
            long t0 = System.nanoTime();
            // The device is quiet: no link-local address, so no router solicitations or MLD.
            assertNull(lab.tun().read(150));
            assertTrue(System.nanoTime() - t0 >= 140_000_000L);
        }
    }

    @Test
    void rstFromAClosedPortReachesTheSnifferAndRawReceiveWorksOnTheKernelSide() {
        try (Lab lab = Lab.builder().ipv6Paths(0).build();
             RawSocket kernelRaw = lab.kernel().call(() -> RawSocket.open(RawSocket.IpVersion.IPV4, LibC.IPPROTO_TCP));
             PacketSocket peerSide = lab.openSniffer(false);
             RawSocket raw = lab.openRawSocket(RawSocket.IpVersion.IPV4)) {
            byte[] syn = TestPackets.syn(InetAddress.ofLiteral("10.0.0.2"), 40003, InetAddress.ofLiteral("10.0.0.1"), 9, 7, new byte[0]);
            raw.sendAll(new byte[][] {syn}, 0, 1);
            byte[] buf = new byte[2048];
            int n;
            do {
                n = kernelRaw.receive(buf, 2000);
            } while (n > 0 && TestPackets.srcPort(Arrays.copyOf(buf, n)) != 40003);
            assertEquals(syn.length, n, "a raw TCP socket in the kernel namespace received the SYN");
            // Raw Ethernet frame: destination MAC is the kernel link's own (NOARP), EtherType IPv4.
            Frame f;
            do {
                f = peerSide.receive(2000);
            } while (f != null && (f.isOutgoing() || f.data().length() < 54));
            assertNotNull(f);
            byte[] frame = f.data().toByteArray();
            assertArrayEquals(Lab.KERNEL_MAC, Arrays.copyOfRange(frame, 0, 6));
            assertEquals(0x0800, ((frame[12] & 0xff) << 8) | (frame[13] & 0xff));
            byte[] ip = Arrays.copyOfRange(frame, 14, frame.length);
            assertEquals(TCP_RST | TCP_ACK, TestPackets.tcpFlags(ip));
        }
    }

    @Test
    void endpointsLimitsAddressesAndSysctlsAsIproute2SeesThem() throws Exception {
        String before = Files.readString(Path.of("/proc/sys/net/mptcp/checksum_enabled")).strip();
        try (Lab lab = Lab.builder().ipv4Paths(2).ipv6Paths(2)
                .mptcpLimits(4, 3)
                .endpointsForExtraPaths(MptcpPm.Flag.SIGNAL)
                .endpoint("10.0.0.1", MptcpPm.Flag.SUBFLOW, MptcpPm.Flag.BACKUP)
                .sysctl("net.mptcp.checksum_enabled", "1")
                .sysctl("net.ipv4.tcp_timestamps", "0")
                .build()) {
            String ns = "--net=" + lab.kernel().path();
            String endpoints = run("nsenter", ns, "ip", "mptcp", "endpoint", "show");
            assertTrue(endpoints.contains("10.0.0.1 id 1 subflow backup dev k0"), endpoints);
            assertTrue(endpoints.contains("10.0.1.1 id 2 signal dev k0"), endpoints);
            assertTrue(endpoints.contains("fd00:10:1::1 id 4 signal dev k0"), endpoints);
            assertEquals(4, endpoints.strip().lines().count(), endpoints);
            assertEquals("add_addr_accepted 3 subflows 4", run("nsenter", ns, "ip", "mptcp", "limits", "show").strip());
            assertEquals(new MptcpPm.Limits(4, 3), lab.limits());
            String addrs = run("nsenter", ns, "ip", "-o", "addr", "show", "dev", "k0");
            for (Lab.Subnet s : lab.subnets()) {
                String a = org.mptcpkit.io.sys.SockAddr.format(s.kernel()) + "/" + s.prefixLength();
                assertTrue(addrs.contains(" " + a + " "), a + " in " + addrs);
            }
            assertFalse(addrs.contains("fe80"), "no link-local address: " + addrs);
            // Another process, put in the namespace by nsenter, reads the values (util-linux and
            // coreutils only: procps' sysctl may be missing on a minimal machine).
            assertEquals("1", run("nsenter", ns, "cat", "/proc/sys/net/mptcp/checksum_enabled").strip());
            assertEquals("0", run("nsenter", ns, "cat", "/proc/sys/net/ipv4/tcp_timestamps").strip());
            assertEquals("1", lab.kernel().sysctl("net.mptcp.checksum_enabled"));
            // The peer namespace and the host keep their own values.
            assertEquals("0", lab.peer().sysctl("net.mptcp.checksum_enabled"));
            assertEquals(before, Files.readString(Path.of("/proc/sys/net/mptcp/checksum_enabled")).strip());
            String peerNs = "--net=" + lab.peer().path();
            assertEquals("", run("nsenter", peerNs, "ip", "-o", "addr", "show", "dev", "p0").strip(), "the crafted peer owns no address");
            assertTrue(run("nsenter", peerNs, "ip", "neigh", "show").contains("169.254.0.1 dev p0 lladdr 02:6d:6b:00:00:01 PERMANENT"));
        }
    }

    @Test
    void labNamespacesAreDistinctFromTheHostAndEachOther() throws IOException {
        long host = inode(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString());
        try (Lab lab = Lab.builder().build()) {
            long k = lab.kernel().inode();
            long p = lab.peer().inode();
            assertNotEquals(host, k);
            assertNotEquals(host, p);
            assertNotEquals(k, p);
            assertEquals("net:[" + k + "]", Files.readSymbolicLink(Path.of("/proc/self/task/" + lab.kernel().ownerTid() + "/ns/net")).toString());
        }
    }

    @Test
    void errorsSayWhatToDo() {
        LabException taken = assertThrows(LabException.class, () -> Lab.builder().kernelLink("lo").build());
        assertTrue(taken.getMessage().contains("already taken"), taken.getMessage());
        LabException disabled = assertThrows(LabException.class,
                () -> Lab.builder().sysctl("net.mptcp.enabled", "0").echoServer(0).build());
        assertTrue(disabled.getMessage().contains("net.mptcp.enabled=0"), disabled.getMessage());
        LabException sysctl = assertThrows(LabException.class, () -> Lab.builder().sysctl("net.mptcp.no_such_knob", "1").build());
        assertTrue(sysctl.getMessage().startsWith("Cannot set sysctl net.mptcp.no_such_knob=1"), sysctl.getMessage());
    }

    static long inode(String link) {
        return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
    }

    static String run(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), String.join(" ", cmd));
        assertEquals(0, p.exitValue(), String.join(" ", cmd) + ": " + out);
        return out;
    }

    private static byte[] nextTcp(PacketSocket s, int srcPort, long timeoutMs, boolean outgoing) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        while (System.nanoTime() < deadline) {
            Frame f = s.receive(100);
            if (f == null || f.isOutgoing() != outgoing) continue;
            byte[] b = f.data().toByteArray();
            if (TestPackets.isTcp(b) && TestPackets.srcPort(b) == srcPort) return b;
        }
        return null;
    }

    private static Frame nextFrame(PacketSocket s, int srcPort, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000L;
        List<String> skipped = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            Frame f = s.receive(100);
            if (f == null) continue;
            byte[] b = f.data().toByteArray();
            if (!f.isOutgoing() && TestPackets.isTcp(b) && TestPackets.srcPort(b) == srcPort) return f;
            skipped.add(f.toString());
        }
        return null;
    }
}
