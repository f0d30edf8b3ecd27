package org.mptcpkit.io.lab;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.mptcpkit.io.net.RtNetlink;
import org.mptcpkit.io.sys.LibC;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NetNamespaceTest {
    @Test
    void sysctlKeysMapToProcSys() {
        assertEquals(Path.of("/proc/sys/net/mptcp/checksum_enabled"), NetNamespace.sysctlPath("net.mptcp.checksum_enabled"));
        assertEquals(Path.of("/proc/sys/net/ipv4/conf/eth0.1/rp_filter"), NetNamespace.sysctlPath("net/ipv4/conf/eth0.1/rp_filter"));
        assertEquals(Path.of("/proc/sys/net/ipv4/tcp_sack"), NetNamespace.sysctlPath("/proc/sys/net/ipv4/tcp_sack"));
        assertThrows(IllegalArgumentException.class, () -> NetNamespace.sysctlPath("net/../../etc/passwd"));
    }

    @Tag("kernel")
    @Test
    void tasksRunOnTheOwnerThreadInsideTheNamespace() throws Exception {
        long host = LabKernelTest.inode(Files.readSymbolicLink(Path.of("/proc/self/ns/net")).toString());
        try (NetNamespace ns = NetNamespace.create("t")) {
            assertNotEquals(host, ns.inode());
            long seen = ns.call(() -> LabKernelTest.inode(Files.readSymbolicLink(Path.of("/proc/thread-self/ns/net")).toString()));
            assertEquals(ns.inode(), seen);
            // Re-entrant: a task may call into its own namespace.
            assertEquals(7, (int) ns.call(() -> ns.call(() -> 7)));
            // Exceptions come back as they were thrown.
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ns.run(() -> {
                throw new IllegalStateException("boom");
            }));
            assertEquals("boom", e.getMessage());
            // Only lo exists, and it is up.
            RtNetlink.Link lo = ns.rtnetlink().link("lo");
            assertTrue(lo.isUp());
            assertEquals(0, (int) ns.call(() -> LibC.ifNameToIndex("eth0")));
        }
    }

    @Tag("kernel")
    @Test
    void joinEntersAnExistingNamespaceAndCloseLetsGo() {
        NetNamespace owner = NetNamespace.create("owner");
        NetNamespace joined = NetNamespace.join(owner.path(), "joined");
        try {
            assertEquals(owner.inode(), joined.inode());
        } finally {
            joined.close();
        }
        assertTrue(joined.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> joined.call(() -> 1));
        assertEquals("namespace joined is closed", e.getMessage());
        assertEquals(1, (int) owner.call(() -> 1), "the owner is unaffected");
        owner.close();
        owner.close(); // idempotent
    }
}
