package org.mptcpkit.io.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

import org.mptcpkit.io.sys.LibC;
import org.mptcpkit.io.sys.SysException;

/**
 * Offload switches of an interface in the calling thread's namespace, through the classic
 * {@code SIOCETHTOOL} ioctls ({@code ethtool -K}).
 *
 * <p>Why a lab turns them off: with transmit checksum offload, a veth hands packets over with
 * only the pseudo-header summed (CHECKSUM_PARTIAL), so a capture on the other side shows wrong
 * TCP checksums; with TSO it hands over 64 KB super-packets. Without them the kernel finishes
 * checksums and segments in software before any capture point: captures match a real wire.
 */
public final class Ethtool {
    private static final long SIOCETHTOOL = 0x8946;
    private static final int ETHTOOL_GTXCSUM = 0x16;
    private static final int ETHTOOL_STXCSUM = 0x17;
    private static final int ETHTOOL_GTSO = 0x1e;
    private static final int ETHTOOL_STSO = 0x1f;
    private static final int ETHTOOL_GGSO = 0x23;
    private static final int ETHTOOL_SGSO = 0x24;
    private static final int ETHTOOL_GGRO = 0x2b;
    private static final int ETHTOOL_SGRO = 0x2c;

    /** An offload that can be switched. */
    public enum Offload {
        TX_CHECKSUM(ETHTOOL_GTXCSUM, ETHTOOL_STXCSUM),
        TSO(ETHTOOL_GTSO, ETHTOOL_STSO),
        GSO(ETHTOOL_GGSO, ETHTOOL_SGSO),
        GRO(ETHTOOL_GGRO, ETHTOOL_SGRO);

        final int get;
        final int set;

        Offload(int get, int set) {
            this.get = get;
            this.set = set;
        }
    }

    private Ethtool() {
    }

    /** Switches {@code offload} on {@code ifname}. */
    public static void set(String ifname, Offload offload, boolean on) {
        call(ifname, offload.set, on ? 1 : 0, offload.name());
    }

    /** Whether {@code offload} is on for {@code ifname}. */
    public static boolean get(String ifname, Offload offload) {
        return call(ifname, offload.get, 0, offload.name()) != 0;
    }

    private static int call(String ifname, int cmd, int data, String what) {
        int fd = LibC.socket(LibC.AF_INET, LibC.SOCK_DGRAM | LibC.SOCK_CLOEXEC, 0);
        if (fd < 0) throw SysException.last("socket", "(for SIOCETHTOOL)");
        try (Arena a = Arena.ofConfined()) {
            // struct ethtool_value { u32 cmd; u32 data; }
            MemorySegment value = a.allocate(8, 8);
            value.set(ValueLayout.JAVA_INT, 0, cmd);
            value.set(ValueLayout.JAVA_INT, 4, data);
            // struct ifreq: name[16], then ifr_data (a pointer) at 16.
            MemorySegment ifr = a.allocate(40, 8);
            byte[] name = ifname.getBytes(StandardCharsets.US_ASCII);
            if (name.length > 15) throw new IllegalArgumentException("interface name too long: " + ifname);
            MemorySegment.copy(name, 0, ifr, ValueLayout.JAVA_BYTE, 0, name.length);
            ifr.set(ValueLayout.ADDRESS, 16, value);
            if (LibC.ioctl(fd, SIOCETHTOOL, ifr) < 0) throw SysException.last("ioctl", "SIOCETHTOOL " + what + " " + ifname);
            return value.get(ValueLayout.JAVA_INT, 4);
        } finally {
            LibC.close(fd);
        }
    }
}
