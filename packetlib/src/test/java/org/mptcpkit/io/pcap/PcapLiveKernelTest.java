package org.mptcpkit.io.pcap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpkit.io.TestPackets;
import org.mptcpkit.io.lab.Lab;
import org.mptcpkit.io.lab.NetNamespace;
import org.mptcpkit.io.sys.LibC;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpFlags;
import org.mptcpkit.wire.Decoded;
import org.mptcpkit.wire.PacketCodec;
import org.pcap4j.core.PcapHandle;

/**
 * Live capture and layer-2 send through pcap4j in a lab: the kernel under test answers a SYN sent
 * with {@code pcap_sendpacket}, libpcap's filter picks its SYN-ACK, a dump reads back identical,
 * and tcpdump reads the dump as we do.
 */
@Tag("kernel")
@Timeout(20) // a wait that is not bounded fails here instead of hanging the build
class PcapLiveKernelTest {
    private static final InetAddress KERNEL = InetAddress.ofLiteral("10.0.0.1");
    private static final InetAddress PEER = InetAddress.ofLiteral("10.0.0.2");
    private static final String SYN_ACK = "tcp[tcpflags] & (tcp-syn|tcp-ack) == (tcp-syn|tcp-ack)";
    /** {@code SIOCGSKNS} (linux/sockios.h): an fd for the network namespace a socket lives in. */
    private static final long SIOCGSKNS = 0x894c;

    @TempDir
    Path dir;

    /** An Ethernet frame from the peer to the kernel link carrying an MPTCP SYN (MP_CAPABLE v1). */
    private static Bytes ethernetSyn(Lab lab, int sport, int dport, long seq) {
        Bytes ip = Bytes.wrap(TestPackets.tcp(PEER, sport, KERNEL, dport, seq, 0x02, TestPackets.MPC_SYN_OPTIONS));
        return LinkHeader.Ethernet.of(lab.kernelMac(), lab.peerMac(), EtherType.IPV4).bytes().concat(ip);
    }

    private static Lab lab() {
        return Lab.builder().ipv6Paths(0).echoServer(0).build();
    }

    @Test
    void sendpAnMpCapableSynAndCaptureTheKernelsSynAckThroughAFilter() throws Exception {
        try (Lab lab = lab()) {
            int port = lab.server().port();
            Bytes syn = ethernetSyn(lab, 41000, port, 1000);
            try (PcapLive peer = lab.openCapture(Lab.Side.PEER, SYN_ACK + " and src host 10.0.0.1");
                 PcapLive kernel = lab.openCapture(Lab.Side.KERNEL, "tcp[tcpflags] == tcp-syn")) {
                // libpcap opened its socket where the lab's thread lives, not where we are.
                assertEquals(lab.peer().inode(), socketNamespace(peer));
                assertEquals(lab.kernel().inode(), socketNamespace(kernel));
                assertEquals(LinkType.ETHERNET, peer.linkType());
                assertTrue(peer.nanosecondTimestamps());

                peer.sendp(syn);

                // The kernel's link received our frame exactly as sent.
                PcapRecord in = kernel.next(2000);
                assertNotNull(in, "the SYN on the kernel's link");
                assertEquals(syn, in.frame());

                List<PcapRecord> got = peer.sniff(1, 2000);
                assertEquals(1, got.size(), "the SYN-ACK");
                PcapRecord r = got.get(0);
                assertEquals(1, r.number());
                assertEquals(r.frame().length(), r.originalLength());
                long now = System.currentTimeMillis() * 1_000_000L;
                assertTrue(Math.abs(now - r.timestampNanos()) < 5_000_000_000L, "a wall-clock stamp: " + r.timestamp());
                LinkFrame f = r.link();
                LinkHeader.Ethernet eth = (LinkHeader.Ethernet) f.header();
                assertEquals(lab.kernelMac(), eth.source());
                assertEquals(EtherType.IPV4, eth.etherType());
                Decoded<IpPacket> d = PacketCodec.decode(f.payload());
                assertTrue(d.diagnostics().isEmpty(), d.diagnostics().toString());
                Tcp t = d.value().tcp().orElseThrow();
                assertEquals(TcpFlags.SYN_ACK, t.flags());
                assertEquals(41000, t.dstPort());
                assertEquals(1001, t.ack());
                MpCapable.SynAck mpc = t.option(MpCapable.SynAck.class).orElseThrow(() -> new AssertionError("no MP_CAPABLE: " + t));
                assertEquals(1, mpc.version());
                assertTrue(mpc.senderKey() != 0, "the kernel's key");

                PcapLive.Stats s = peer.stats();
                assertTrue(s.received() >= 1 && s.dropped() == 0, s.toString());
            }
        }
    }

    @Test
    void aFilterThatMatchesNothingTimesOutWithinItsDeadlineAndCloseBreaksAWait() throws Exception {
        try (Lab lab = lab(); PcapLive cap = lab.openCapture(Lab.Side.PEER, "tcp port 1")) {
            cap.sendp(ethernetSyn(lab, 41001, 9, 1)); // answered by a RST, which the filter drops
            long t0 = System.nanoTime();
            assertTrue(cap.sniff(1, 300).isEmpty());
            long ms = (System.nanoTime() - t0) / 1_000_000;
            // The deadline alarm is exact; the slack is for a loaded 2-core CI machine.
            assertTrue(ms >= 300 && ms < 300 + 300, "returned after " + ms + " ms");
            t0 = System.nanoTime();
            assertNull(cap.next(0));
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 300);

            // close() from another thread ends a long wait at once (pcap_breakloop).
            CompletableFuture<List<PcapRecord>> waiting = CompletableFuture.supplyAsync(() -> cap.sniff(1, 30_000));
            Thread.sleep(100);
            t0 = System.nanoTime();
            cap.close();
            assertTrue(waiting.get(2, TimeUnit.SECONDS).isEmpty());
            assertTrue((System.nanoTime() - t0) / 1_000_000 < 1000);
            assertThrows(IllegalStateException.class, () -> cap.sniff(1, 10));
            assertThrows(IllegalStateException.class, () -> cap.sendp(Bytes.zeros(60)));
        }
    }

    @Test
    void captureDumpsToAFileThatReadsBackIdenticalAndTcpdumpAgrees() throws Exception {
        try (Lab lab = lab()) {
            int port = lab.server().port();
            Path file = dir.resolve("handshake.pcap");
            List<PcapRecord> got;
            try (PcapLive cap = lab.openCapture(Lab.Side.PEER, "tcp port " + port)) {
                // sendp alongside a read in progress on another thread.
                CompletableFuture<List<PcapRecord>> reading = CompletableFuture.supplyAsync(() -> cap.sniff(2, 2000));
                Thread.sleep(50);
                cap.sendp(ethernetSyn(lab, 41002, port, 5000));
                got = reading.get(5, TimeUnit.SECONDS);
                assertEquals(2, got.size(), "our SYN (outgoing) and the SYN-ACK");
                assertEquals(got, cap.captured());
                assertEquals(2, cap.dump(file));
            }
            List<PcapRecord> back = PcapReader.readAll(file);
            assertEquals(got, back); // numbers, nanosecond stamps, lengths, link type, bytes

            // tcpdump as the outside judge: same frames, addresses and stamps.
            Process p = new ProcessBuilder("tcpdump", "-r", file.toString(), "-nn", "-e", "-tt",
                    "--time-stamp-precision=nano").redirectErrorStream(false).start();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS), "tcpdump timed out");
            List<String> lines = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertEquals(0, p.exitValue(), new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            assertEquals(2, lines.size(), lines.toString());
            String syn = lines.get(0);
            String synAck = lines.get(1);
            assertTrue(syn.startsWith(stamp(got.get(0)) + " 02:6d:6b:00:00:02 > 02:6d:6b:00:00:01, ethertype IPv4"), syn);
            assertTrue(syn.contains("10.0.0.2.41002 > 10.0.0.1." + port + ": Flags [S], seq 5000"), syn);
            assertTrue(syn.contains("mptcp 4 capable v1"), syn);
            assertTrue(synAck.startsWith(stamp(got.get(1)) + " 02:6d:6b:00:00:01 > 02:6d:6b:00:00:01, ethertype IPv4"), synAck);
            assertTrue(synAck.contains("10.0.0.1." + port + " > 10.0.0.2.41002: Flags [S.]"), synAck);
            assertTrue(synAck.contains("ack 5001"), synAck);
            // tcpdump reads the same MP_CAPABLE key from the file as our codec from the capture.
            long key = PacketCodec.decode(got.get(1).link().payload()).value().tcp().orElseThrow()
                    .option(MpCapable.SynAck.class).orElseThrow().senderKey();
            assertTrue(synAck.contains("mptcp 12 capable v1 {0x" + Long.toHexString(key) + "}"), synAck);
        }
    }

    @Test
    void tunLabsCaptureRawIpOnTheKernelSide() {
        try (Lab lab = Lab.builder().linkType(Lab.LinkType.TUN).ipv6Paths(0).build()) {
            assertThrows(IllegalStateException.class, () -> lab.openCapture(Lab.Side.PEER, (String) null));
            try (PcapLive cap = lab.openCapture(Lab.Side.KERNEL, "tcp port 9")) {
                assertEquals(LinkType.RAW, cap.linkType());
                lab.send(Bytes.wrap(TestPackets.tcp(PEER, 41003, KERNEL, 9, 1, 0x02, TestPackets.MPC_SYN_OPTIONS)));
                List<PcapRecord> got = cap.sniff(2, 2000);
                assertEquals(2, got.size(), "the SYN in, the RST out");
                assertTrue(PacketCodec.decode(got.get(1).frame()).value().tcp().orElseThrow().flags().rst());
            }
        }
    }

    @Test
    void openingOutsideTheLinksNamespaceSaysWhereToOpenIt() {
        try (Lab lab = lab()) {
            // The peer's link does not exist in the kernel's namespace.
            PcapLiveException e = assertThrows(PcapLiveException.class,
                    () -> lab.kernel().call(() -> PcapLive.open(lab.peerLink())));
            assertTrue(e.getMessage().startsWith("There is no interface p0 in this thread's network namespace ("), e.getMessage());
            assertTrue(e.getMessage().endsWith("Lab.openCapture."), e.getMessage());
            IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                    () -> lab.openCapture(Lab.Side.PEER, "tcp prot 80"));
            assertTrue(bad.getMessage().startsWith("filter 'tcp prot 80': "), bad.getMessage());
        }
    }

    /** In a child JVM without CAP_NET_RAW: opens a capture on {@code lo} of a new namespace, prints the outcome. */
    public static void main(String[] args) {
        try (NetNamespace ns = NetNamespace.create("nocap")) {
            ns.call(() -> PcapLive.open("lo")).close();
            System.out.println("opened");
        } catch (Exception e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Test
    void withoutCapNetRawTheMessageSaysRunAsRoot() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // Root without CAP_NET_RAW: dropped from the bounding set (and the inheritable set, which
        // would give it back to root across exec). CAP_SYS_ADMIN stays, for the namespace.
        Process proc = new ProcessBuilder("setpriv", "--bounding-set=-net_raw", "--inh-caps=-net_raw",
                java.toString(), "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), PcapLiveKernelTest.class.getName())
                .redirectErrorStream(true).start();
        assertTrue(proc.waitFor(60, TimeUnit.SECONDS), "child JVM timed out");
        List<String> lines = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines()
                .filter(l -> !l.startsWith("WARNING")).toList();
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.get(0);
        assertTrue(line.startsWith("PcapLiveException: Capturing on lo needs CAP_NET_RAW ("), line);
        assertTrue(line.endsWith("): run as root, e.g. with sudo."), line);
    }

    private static String stamp(PcapRecord r) {
        long s = Math.floorDiv(r.timestampNanos(), 1_000_000_000L);
        long n = Math.floorMod(r.timestampNanos(), 1_000_000_000L);
        String frac = Long.toString(n);
        return s + "." + "000000000".substring(frac.length()) + frac;
    }

    /** The inode of the network namespace the capture's socket lives in ({@code SIOCGSKNS}). */
    private static long socketNamespace(PcapLive cap) throws Exception {
        java.lang.reflect.Field f = PcapHandle.class.getDeclaredField("handle");
        f.setAccessible(true);
        Pointer pcap = (Pointer) f.get(cap.handle());
        int fd = NativeLibrary.getInstance(System.getProperty(Libpcap.LIB_NAME_PROPERTY, "pcap"))
                .getFunction("pcap_fileno").invokeInt(new Object[] {pcap});
        assertTrue(fd >= 0, "pcap_fileno");
        int ns = LibC.ioctl(fd, SIOCGSKNS, 0L);
        assertTrue(ns >= 0, "SIOCGSKNS");
        try {
            String link = Files.readSymbolicLink(Path.of("/proc/self/fd/" + ns)).toString(); // net:[4026532245]
            return Long.parseLong(link.substring(link.indexOf('[') + 1, link.indexOf(']')));
        } finally {
            LibC.close(ns);
        }
    }
}
