package org.mptcpkit.io.lab;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mptcpkit.io.TestPackets;
import org.mptcpkit.io.net.MptcpPm;
import org.mptcpkit.io.net.RawSocket;
import org.mptcpkit.io.net.StreamSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host is never changed, and nothing outlives the process, not even after SIGKILL. */
@Tag("kernel")
class LabIsolationTest {
    private static final Pattern ENTER = Pattern.compile("nsenter --net=(/proc/\\d+/fd/\\d+)");

    @Test
    void hostNetworkIsUnchangedByLabs() throws Exception {
        Map<String, String> before = hostSnapshot();
        try (Lab veth = Lab.builder().ipv4Paths(3).ipv6Paths(2).echoServer(0).mptcpLimits(2, 2)
                .endpointsForExtraPaths(MptcpPm.Flag.SIGNAL, MptcpPm.Flag.SUBFLOW)
                .sysctl("net.mptcp.checksum_enabled", "1").sysctl("net.mptcp.enabled", "1")
                .blackhole("198.18.0.0/15").build();
             Lab kernelPeer = Lab.builder().peerMode(Lab.PeerMode.KERNEL).sinkServer(0).build();
             Lab tun = Lab.builder().linkType(Lab.LinkType.TUN).mtu(1520).sysctl("net.ipv4.tcp_sack", "0").build()) {
            // Use them: traffic in each.
            try (RawSocket raw = veth.openRawSocket(RawSocket.IpVersion.IPV4)) {
                raw.send(TestPackets.syn(InetAddress.ofLiteral("10.0.0.2"), 41000, InetAddress.ofLiteral("10.0.0.1"),
                        veth.server().port(), 1, TestPackets.MPC_SYN_OPTIONS));
            }
            kernelPeer.peer().run(() -> {
                try (StreamSocket c = StreamSocket.open(InetAddress.ofLiteral("10.0.0.1"), true)) {
                    c.connect(new InetSocketAddress(InetAddress.ofLiteral("10.0.0.1"), kernelPeer.server().port()), 3000);
                    c.write(new byte[1000], 3000);
                }
            });
            tun.tun().write(TestPackets.syn(InetAddress.ofLiteral("10.0.0.2"), 41001, InetAddress.ofLiteral("10.0.0.1"), 9, 1, new byte[0]));
            assertEquals(before, hostSnapshot(), "while labs run");
        }
        assertEquals(before, hostSnapshot(), "after the labs closed");
    }

    @Test
    void sigkilledLabLeavesNoNamespaceBehind() throws Exception {
        Map<String, String> before = hostSnapshot();
        Process child = startLabProcess(List.of("--ipv4", "2", "--ipv6", "1", "--echo", "8080", "--announce", "signal"), List.of());
        try {
            List<String> paths = new ArrayList<>();
            StringBuilder output = new StringBuilder();
            BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while ((line = r.readLine()) != null && System.nanoTime() < deadline) {
                output.append(line).append('\n');
                Matcher m = ENTER.matcher(line);
                if (m.find()) paths.add(m.group(1));
                if (line.startsWith("Stop with")) break;
            }
            assertEquals(2, paths.size(), "kernel and peer namespaces printed:\n" + output);
            Set<Long> inodes = new TreeSet<>();
            for (String p : paths) inodes.add(LabKernelTest.inode(Files.readSymbolicLink(Path.of(p)).toString()));
            assertEquals(2, inodes.size());
            // While the child lives, its namespaces are reachable, and configured.
            assertTrue(LabKernelTest.run("nsenter", "--net=" + paths.get(0), "ip", "mptcp", "endpoint", "show").contains("10.0.1.1 id 1 signal"));
            Set<Long> seen = namespaceInodesInUse();
            assertTrue(seen.containsAll(inodes), "found by scanning /proc while alive: " + inodes);

            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            assertEquals(137, child.exitValue(), "killed by SIGKILL");

            Set<Long> left = new TreeSet<>(namespaceInodesInUse());
            left.retainAll(inodes);
            assertTrue(left.isEmpty(), "namespaces still held by some process: " + left);
            assertEquals(before, hostSnapshot(), "host unchanged after SIGKILL");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void sigtermClosesTheLabAndEndsTheProcess() throws Exception {
        Process child = startLabProcess(List.of("--echo", "8080"), List.of());
        try {
            BufferedReader r = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder output = new StringBuilder();
            for (String line; (line = r.readLine()) != null; ) {
                output.append(line).append('\n');
                if (line.startsWith("Stop with")) break;
            }
            assertTrue(output.toString().contains("MPTCP echo on port 8080"), output.toString());
            // SIGTERM through the handle: Process.destroy() would also close our end of its output.
            assertTrue(child.toHandle().destroy());
            StringBuilder rest = new StringBuilder();
            for (String line; (line = r.readLine()) != null; ) rest.append(line).append('\n');
            assertTrue(child.waitFor(10, TimeUnit.SECONDS), "ended promptly");
            assertEquals(143, child.exitValue(), "128 + SIGTERM");
            assertFalse(rest.toString().contains("Exception"), rest.toString());
            assertTrue(rest.toString().contains("lab closed") || rest.isEmpty(), rest.toString());
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void withoutCapabilitiesTheCommandSaysRunAsRoot() throws Exception {
        // setpriv drops the capabilities from the bounding set: the child is root without them.
        Process child = startLabProcess(List.of("--duration", "0"),
                List.of("setpriv", "--bounding-set", "-sys_admin,-net_admin,-net_raw", "--"));
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, child.exitValue(), out);
        assertEquals("mptcpkit lab: Building a lab needs CAP_SYS_ADMIN and CAP_NET_ADMIN (network namespaces): "
                + "run as root, e.g. sudo mptcpkit lab.", out.strip());
    }

    @Test
    void withoutDevNetTunTheTunLabSaysWhatToLoad() throws Exception {
        // A private mount namespace hides /dev/net/tun from the child only.
        List<String> javaCmd = javaCommand(List.of("--link", "tun", "--duration", "0"));
        String script = "mount -t tmpfs none /dev/net && exec \"$@\"";
        List<String> cmd = new ArrayList<>(List.of("unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh"));
        cmd.addAll(javaCmd);
        Process child = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        child.getOutputStream().close();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(1, child.exitValue(), out);
        assertEquals("mptcpkit lab: /dev/net/tun is missing: load the tun module (modprobe tun) or use a veth link (--link veth).",
                out.strip());
        assertTrue(Files.exists(Path.of("/dev/net/tun")), "the host's node is untouched");
    }

    /** Starts LabMain in a child JVM (optionally behind a wrapper), stdin kept open, stderr merged. */
    static Process startLabProcess(List<String> args, List<String> wrapper) throws IOException, URISyntaxException {
        List<String> cmd = new ArrayList<>(wrapper);
        cmd.addAll(javaCommand(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertNotNull(p);
        return p;
    }

    static List<String> javaCommand(List<String> args) throws URISyntaxException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classes = Path.of(LabMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", classes, LabMain.class.getName()));
        cmd.addAll(args);
        return cmd;
    }

    /** Every network namespace inode that any process, thread or descriptor refers to. */
    static Set<Long> namespaceInodesInUse() throws IOException {
        Set<Long> out = new TreeSet<>();
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), p -> p.getFileName().toString().matches("\\d+"))) {
            for (Path proc : procs) {
                addLink(out, proc.resolve("ns/net"));
                scan(out, proc.resolve("task"), "ns/net");
                scan(out, proc.resolve("fd"), null);
            }
        }
        return out;
    }

    private static void scan(Set<Long> out, Path dir, String sub) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) addLink(out, sub == null ? e : e.resolve(sub));
        } catch (IOException | SecurityException e) {
            // The process ended while we looked: nothing of it is left to hold a namespace.
        }
    }

    private static void addLink(Set<Long> out, Path link) {
        try {
            String t = Files.readSymbolicLink(link).toString();
            if (t.startsWith("net:[")) out.add(LabKernelTest.inode(t));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // Not a link, or gone: skip.
        }
    }

    /** The host's network state as iproute2 and /proc/sys print it. */
    static Map<String, String> hostSnapshot() throws IOException, InterruptedException {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("ip -d link", LabKernelTest.run("ip", "-d", "link", "show"));
        s.put("ip addr", LabKernelTest.run("ip", "addr", "show"));
        s.put("ip route", LabKernelTest.run("ip", "route", "show", "table", "all"));
        s.put("ip -6 route", LabKernelTest.run("ip", "-6", "route", "show", "table", "all"));
        s.put("ip rule", LabKernelTest.run("ip", "rule", "show"));
        s.put("ip netns", LabKernelTest.run("ip", "netns", "list"));
        s.put("ip mptcp endpoint", LabKernelTest.run("ip", "mptcp", "endpoint", "show"));
        s.put("ip mptcp limits", LabKernelTest.run("ip", "mptcp", "limits", "show"));
        for (String k : List.of("net/mptcp/enabled", "net/mptcp/checksum_enabled", "net/ipv4/tcp_sack",
                "net/ipv4/ip_forward", "net/ipv6/conf/all/forwarding")) {
            s.put(k, Files.readString(Path.of("/proc/sys", k)).strip());
        }
        // The veth and TUN names a lab uses must not exist in the host.
        String links = s.get("ip -d link");
        assertFalse(links.contains(" k0") || links.contains(" p0") || links.contains(" tun0"), links);
        return s;
    }
}
