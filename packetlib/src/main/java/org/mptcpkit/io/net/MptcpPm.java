package org.mptcpkit.io.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.mptcpkit.io.sys.Errno;
import org.mptcpkit.io.sys.LibC;
import org.mptcpkit.io.sys.SysException;

/**
 * The Linux in-kernel MPTCP path manager over generic netlink (family {@code "mptcp_pm"}): what
 * {@code ip mptcp endpoint} and {@code ip mptcp limits} do, in the network namespace of the thread
 * that {@linkplain #open() opened} it.
 *
 * <p>Requests follow {@code include/uapi/linux/mptcp_pm.h}; an endpoint is an address with an
 * id and flags ({@code signal}: announce it with ADD_ADDR, RFC 8684 section 3.4.1;
 * {@code subflow}: open an MP_JOIN subflow from it, section 3.2; {@code backup}: section 3.3.8).
 */
public final class MptcpPm implements AutoCloseable {
    private static final int GENL_ID_CTRL = 16;
    private static final int CTRL_CMD_GETFAMILY = 3;
    private static final int CTRL_ATTR_FAMILY_ID = 1;
    private static final int CTRL_ATTR_FAMILY_NAME = 2;
    private static final int CMD_ADD_ADDR = 1;
    private static final int CMD_DEL_ADDR = 2;
    private static final int CMD_GET_ADDR = 3;
    private static final int CMD_FLUSH_ADDRS = 4;
    private static final int CMD_SET_LIMITS = 5;
    private static final int CMD_GET_LIMITS = 6;
    private static final int ATTR_ADDR = 1;
    private static final int ATTR_RCV_ADD_ADDRS = 2;
    private static final int ATTR_SUBFLOWS = 3;
    private static final int ADDR_ATTR_FAMILY = 1;
    private static final int ADDR_ATTR_ID = 2;
    private static final int ADDR_ATTR_ADDR4 = 3;
    private static final int ADDR_ATTR_ADDR6 = 4;
    private static final int ADDR_ATTR_PORT = 5;
    private static final int ADDR_ATTR_FLAGS = 6;
    private static final int ADDR_ATTR_IF_IDX = 7;

    /** Endpoint flags, with the kernel's bit values ({@code MPTCP_PM_ADDR_FLAG_*}). */
    public enum Flag {
        SIGNAL(1), SUBFLOW(2), BACKUP(4), FULLMESH(8), IMPLICIT(16);

        final int bit;

        Flag(int bit) {
            this.bit = bit;
        }

        /** The flag as {@code ip mptcp} spells it. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One endpoint; {@code id} 0 lets the kernel choose, {@code port} 0 and {@code ifindex} 0 mean none. */
    public record Endpoint(int id, InetAddress address, int port, Set<Flag> flags, int ifindex) {
        public Endpoint {
            if (id < 0 || id > 255) throw new IllegalArgumentException("id: " + id + " (expected: 0..255)");
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
            flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        }

        /** {@code ip mptcp endpoint} syntax: {@code 10.0.1.1 id 2 signal dev k0}. */
        public String describe() {
            StringBuilder b = new StringBuilder(org.mptcpkit.io.sys.SockAddr.format(address));
            if (port != 0) b.append(" port ").append(port);
            b.append(" id ").append(id);
            for (Flag f : Flag.values()) if (flags.contains(f)) b.append(' ').append(f.label());
            return b.toString();
        }
    }

    /** The path manager's limits ({@code ip mptcp limits}). */
    public record Limits(int subflows, int addAddrAccepted) {
    }

    private final NetlinkSocket socket;
    private final int family;

    private MptcpPm(NetlinkSocket socket, int family) {
        this.socket = socket;
        this.family = family;
    }

    /**
     * Opens the path manager of the calling thread's namespace; {@link SysException} with
     * ENOENT when the kernel has no MPTCP.
     */
    public static MptcpPm open() {
        NetlinkSocket s = NetlinkSocket.open(NetlinkSocket.NETLINK_GENERIC);
        try {
            NetlinkSocket.Message m = new NetlinkSocket.Message(GENL_ID_CTRL, 0).u8(CTRL_CMD_GETFAMILY).u8(1).u16(0);
            m.attrString(CTRL_ATTR_FAMILY_NAME, "mptcp_pm");
            int[] id = {-1};
            for (ByteBuffer r : s.request(m, "CTRL_CMD_GETFAMILY mptcp_pm")) {
                NetlinkSocket.forEachAttr(r, 20, r.getInt(0), (type, off, len) -> {
                    if (type == CTRL_ATTR_FAMILY_ID) id[0] = r.getShort(off) & 0xffff;
                });
            }
            if (id[0] < 0) throw new SysException("CTRL_CMD_GETFAMILY", "mptcp_pm", Errno.ENOENT);
            return new MptcpPm(s, id[0]);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
    }

    private NetlinkSocket.Message command(int cmd, int flags) {
        return new NetlinkSocket.Message(family, flags).u8(cmd).u8(1).u16(0);
    }

    public synchronized void addEndpoint(Endpoint e) {
        NetlinkSocket.Message m = command(CMD_ADD_ADDR, 0);
        int nest = m.nest(ATTR_ADDR | NetlinkSocket.NLA_F_NESTED);
        boolean v6 = e.address() instanceof Inet6Address;
        m.attrU16(ADDR_ATTR_FAMILY, v6 ? LibC.AF_INET6 : LibC.AF_INET);
        if (e.id() != 0) m.attrU8(ADDR_ATTR_ID, e.id());
        m.attr(v6 ? ADDR_ATTR_ADDR6 : ADDR_ATTR_ADDR4, e.address().getAddress());
        if (e.port() != 0) m.attrU16(ADDR_ATTR_PORT, e.port());
        int flags = 0;
        for (Flag f : e.flags()) flags |= f.bit;
        if (flags != 0) m.attrU32(ADDR_ATTR_FLAGS, flags);
        if (e.ifindex() != 0) m.attrU32(ADDR_ATTR_IF_IDX, e.ifindex());
        m.end(nest);
        socket.request(m, "MPTCP_PM_CMD_ADD_ADDR " + e.describe());
    }

    public synchronized void deleteEndpoint(int id) {
        NetlinkSocket.Message m = command(CMD_DEL_ADDR, 0);
        int nest = m.nest(ATTR_ADDR | NetlinkSocket.NLA_F_NESTED);
        m.attrU8(ADDR_ATTR_ID, id);
        m.end(nest);
        socket.request(m, "MPTCP_PM_CMD_DEL_ADDR id " + id);
    }

    public synchronized void flushEndpoints() {
        NetlinkSocket.Message m = command(CMD_FLUSH_ADDRS, 0);
        int nest = m.nest(ATTR_ADDR | NetlinkSocket.NLA_F_NESTED);
        m.end(nest);
        socket.request(m, "MPTCP_PM_CMD_FLUSH_ADDRS");
    }

    /** Every endpoint, as {@code ip mptcp endpoint show} lists them. */
    public synchronized List<Endpoint> endpoints() {
        List<Endpoint> out = new ArrayList<>();
        for (ByteBuffer r : socket.request(command(CMD_GET_ADDR, NetlinkSocket.NLM_F_DUMP), "MPTCP_PM_CMD_GET_ADDR")) {
            NetlinkSocket.forEachAttr(r, 20, r.getInt(0), (type, off, len) -> {
                if (type == ATTR_ADDR) out.add(parseEndpoint(r, off, off + len));
            });
        }
        return out;
    }

    private static Endpoint parseEndpoint(ByteBuffer r, int from, int to) {
        int[] v = new int[4]; // id, port, flags, ifindex
        byte[][] addr = {null};
        NetlinkSocket.forEachAttr(r, from, to, (type, off, len) -> {
            switch (type) {
                case ADDR_ATTR_ID -> v[0] = r.get(off) & 0xff;
                case ADDR_ATTR_PORT -> v[1] = r.getShort(off) & 0xffff;
                case ADDR_ATTR_FLAGS -> v[2] = r.getInt(off);
                case ADDR_ATTR_IF_IDX -> v[3] = r.getInt(off);
                case ADDR_ATTR_ADDR4, ADDR_ATTR_ADDR6 -> {
                    addr[0] = new byte[len];
                    r.get(off, addr[0]);
                }
                default -> { }
            }
        });
        EnumSet<Flag> flags = EnumSet.noneOf(Flag.class);
        for (Flag f : Flag.values()) if ((v[2] & f.bit) != 0) flags.add(f);
        try {
            return new Endpoint(v[0], InetAddress.getByAddress(addr[0]), v[1], flags, v[3]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("mptcp_pm returned an address of " + (addr[0] == null ? 0 : addr[0].length) + " bytes");
        }
    }

    public synchronized void setLimits(Limits limits) {
        NetlinkSocket.Message m = command(CMD_SET_LIMITS, 0);
        m.attrU32(ATTR_RCV_ADD_ADDRS, limits.addAddrAccepted());
        m.attrU32(ATTR_SUBFLOWS, limits.subflows());
        socket.request(m, "MPTCP_PM_CMD_SET_LIMITS subflows " + limits.subflows() + " add_addr_accepted " + limits.addAddrAccepted());
    }

    public synchronized Limits limits() {
        int[] v = {0, 0};
        for (ByteBuffer r : socket.request(command(CMD_GET_LIMITS, 0), "MPTCP_PM_CMD_GET_LIMITS")) {
            NetlinkSocket.forEachAttr(r, 20, r.getInt(0), (type, off, len) -> {
                if (type == ATTR_SUBFLOWS) v[0] = r.getInt(off);
                if (type == ATTR_RCV_ADD_ADDRS) v[1] = r.getInt(off);
            });
        }
        return new Limits(v[0], v[1]);
    }

    @Override
    public synchronized void close() {
        socket.close();
    }
}
