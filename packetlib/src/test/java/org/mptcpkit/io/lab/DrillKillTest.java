package org.mptcpkit.io.lab;

import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpkit.drill.DrillMain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code mptcpkit drill} killed with SIGKILL in the middle of a script leaves nothing behind: no
 * namespace, no tun0, no address or route on the host (issue 5). Here because it shares
 * {@link LabIsolationTest}'s host snapshot and /proc scan.
 */
@Tag("kernel")
class DrillKillTest {
    @TempDir
    Path dir;

    @Test
    void aKilledRunLeavesNoNamespaceTunOrAddressBehind() throws Exception {
        Path script = dir.resolve("long.pkt");
        Files.writeString(script, """
                0   socket(..., SOCK_STREAM, IPPROTO_MPTCP) = 3
                +0  bind(3, ..., ...) = 0
                +0  listen(3, 1) = 0
                +0  < S 0:0(0) win 1000 <mss 1000>
                +0  > S. 0:0(0) ack 1 <...>
                +60 < . 1:1(0) ack 1 win 1000
                """);
        Map<String, String> before = LabIsolationTest.hostSnapshot();
        long host = LabKernelTest.inode(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), DrillMain.class.getName(), "-j", "2", "--variant=ipv4,ipv6",
                script.toString()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            // Wait until both runs are inside their namespaces, with tun0 up.
            Set<Long> theirs = new TreeSet<>();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline) {
                theirs = namespacesOf(child.pid(), host);
                if (theirs.size() == 2 && bothHaveTun(child.pid(), host)) break;
                Thread.sleep(50);
            }
            assertEquals(2, theirs.size(), "two runs, two namespaces");

            child.destroyForcibly(); // SIGKILL: no finally, no shutdown hook
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            Set<Long> left = new TreeSet<>(LabIsolationTest.namespaceInodesInUse());
            left.retainAll(theirs);
            assertTrue(left.isEmpty(), "namespaces still held: " + left);
            assertEquals(before, LabIsolationTest.hostSnapshot(), "host unchanged");
        } finally {
            child.destroyForcibly();
        }
    }

    private static Set<Long> namespacesOf(long pid, long host) {
        Set<Long> out = new TreeSet<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks) {
                try {
                    long ino = LabKernelTest.inode(Files.readSymbolicLink(t.resolve("ns/net")).toString());
                    if (ino != host) out.add(ino);
                } catch (Exception e) {
                    // The thread ended meanwhile.
                }
            }
        } catch (Exception e) {
            // The process ended meanwhile.
        }
        return out;
    }

    private static boolean bothHaveTun(long pid, long host) {
        int found = 0;
        Set<Long> done = new TreeSet<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : tasks) {
                try {
                    long ino = LabKernelTest.inode(Files.readSymbolicLink(t.resolve("ns/net")).toString());
                    if (ino == host || !done.add(ino)) continue;
                    String links = LabKernelTest.run("nsenter", "--net=" + t.resolve("ns/net"), "ip", "-o", "link", "show");
                    if (links.contains("tun0:")) found++;
                } catch (Exception e) {
                    // The thread ended meanwhile.
                }
            }
        } catch (Exception e) {
            return false;
        }
        return found == 2;
    }
}
