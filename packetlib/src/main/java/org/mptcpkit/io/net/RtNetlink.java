package org.mptcpkit.io.net;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.List;

import org.mptcpkit.io.sys.Errno;
import org.mptcpkit.io.sys.LibC;
import org.mptcpkit.io.sys.SockAddr;
import org.mptcpkit.io.sys.SysException;

/**
 * Interface, address, route and neighbour configuration over rtnetlink, in the network namespace
 * of the thread that {@linkplain #open() opened} it: what {@code ip link/addr/route/neigh} do, as
 * direct kernel requests (a few hundred microseconds each, against milliseconds for a process).
 * Use it from any thread once open; calls are serialised.
 *
 * <p>Errors are {@link SysException}s with the kernel's own text, e.g.
 * {@code "netlink RTM_NEWLINK veth k0: EEXIST (File exists)"}.
 */
public final class RtNetlink implements AutoCloseable {
    private static final int RTM_NEWLINK = 16;
    private static final int RTM_DELLINK = 17;
    private static final int RTM_GETLINK = 18;
    private static final int RTM_NEWADDR = 20;
    private static final int RTM_NEWROUTE = 24;
    private static final int RTM_NEWNEIGH = 28;
    private static final int IFLA_ADDRESS = 1;
    private static final int IFLA_IFNAME = 3;
    private static final int IFLA_MTU = 4;
    private static final int IFLA_LINKINFO = 18;
    private static final int IFLA_AF_SPEC = 26;
    private static final int IFLA_NET_NS_FD = 28;
    private static final int IFLA_INFO_KIND = 1;
    private static final int IFLA_INFO_DATA = 2;
    private static final int VETH_INFO_PEER = 1;
    private static final int IFLA_INET6_ADDR_GEN_MODE = 8;
    private static final int IN6_ADDR_GEN_MODE_NONE = 1;
    private static final int IFA_ADDRESS = 1;
    private static final int IFA_LOCAL = 2;
    private static final int IFA_FLAGS = 8;
    private static final int IFA_F_NODAD = 0x02;
    private static final int RTA_DST = 1;
    private static final int RTA_OIF = 4;
    private static final int RTA_GATEWAY = 5;
    private static final int RT_TABLE_MAIN = 254;
    private static final int RTPROT_STATIC = 4;
    private static final int RT_SCOPE_UNIVERSE = 0;
    private static final int RT_SCOPE_LINK = 253;
    private static final int RTN_UNICAST = 1;
    private static final int RTN_BLACKHOLE = 6;
    private static final int RTNH_F_ONLINK = 4;
    private static final int NDA_DST = 1;
    private static final int NDA_LLADDR = 2;
    private static final int NUD_PERMANENT = 0x80;

    /** {@code IFF_UP}. */
    public static final int IFF_UP = 0x1;
    /** {@code IFF_RUNNING}: operationally up (carrier, qdisc attached). */
    public static final int IFF_RUNNING = 0x40;
    /** {@code IFF_NOARP}: no ARP/NDP; every neighbour resolves to the device's own MAC. */
    public static final int IFF_NOARP = 0x80;

    private final NetlinkSocket socket;

    private RtNetlink(NetlinkSocket socket) {
        this.socket = socket;
    }

    /** Opens rtnetlink in the calling thread's network namespace. */
    public static RtNetlink open() {
        return new RtNetlink(NetlinkSocket.open(NetlinkSocket.NETLINK_ROUTE));
    }

    /** A link as the kernel reports it. */
    public record Link(int index, String name, int flags, int mtu, byte[] mac) {
        public Link {
            mac = mac == null ? null : mac.clone();
        }

        @Override
        public byte[] mac() {
            return mac == null ? null : mac.clone();
        }

        public boolean isUp() {
            return (flags & IFF_UP) != 0;
        }
    }

    private static NetlinkSocket.Message linkMessage(int type, int flags, int index, int ifFlags, int change) {
        // struct ifinfomsg { u8 family, pad; u16 type; s32 index; u32 flags, change; }
        return new NetlinkSocket.Message(type, flags)
                .u8(LibC.AF_UNSPEC).u8(0).u16(0).u32(index).u32(ifFlags).u32(change);
    }

    /**
     * Creates a veth pair: {@code name} here, {@code peerName} in the namespace that
     * {@code peerNamespaceFd} refers to (an fd of this process), with the given MACs
     * (6 bytes each, or null for random ones).
     */
    public synchronized void createVeth(String name, byte[] mac, String peerName, byte[] peerMac, int peerNamespaceFd) {
        NetlinkSocket.Message m = linkMessage(RTM_NEWLINK,
                NetlinkSocket.NLM_F_CREATE | NetlinkSocket.NLM_F_EXCL, 0, 0, 0);
        m.attrString(IFLA_IFNAME, name);
        if (mac != null) m.attr(IFLA_ADDRESS, mac);
        int info = m.nest(IFLA_LINKINFO);
        m.attrString(IFLA_INFO_KIND, "veth");
        int data = m.nest(IFLA_INFO_DATA);
        int peer = m.nest(VETH_INFO_PEER);
        m.u8(LibC.AF_UNSPEC).u8(0).u16(0).u32(0).u32(0).u32(0); // the peer's ifinfomsg
        m.attrString(IFLA_IFNAME, peerName);
        if (peerMac != null) m.attr(IFLA_ADDRESS, peerMac);
        if (peerNamespaceFd >= 0) m.attrU32(IFLA_NET_NS_FD, peerNamespaceFd);
        m.end(peer);
        m.end(data);
        m.end(info);
        socket.request(m, "RTM_NEWLINK veth " + name + "/" + peerName);
    }

    /** The link called {@code name}; {@link SysException} ENODEV when there is none. */
    public synchronized Link link(String name) {
        NetlinkSocket.Message m = linkMessage(RTM_GETLINK, 0, 0, 0, 0);
        m.attrString(IFLA_IFNAME, name);
        List<ByteBuffer> replies = socket.request(m, "RTM_GETLINK " + name);
        for (ByteBuffer r : replies) {
            if ((r.getShort(4) & 0xffff) == RTM_NEWLINK) return parseLink(r);
        }
        throw new SysException("RTM_GETLINK", name, Errno.ENODEV);
    }

    /** The link with index {@code index}; {@link SysException} ENODEV when there is none. */
    public synchronized Link link(int index) {
        List<ByteBuffer> replies = socket.request(linkMessage(RTM_GETLINK, 0, index, 0, 0), "RTM_GETLINK " + index);
        for (ByteBuffer r : replies) {
            if ((r.getShort(4) & 0xffff) == RTM_NEWLINK) return parseLink(r);
        }
        throw new SysException("RTM_GETLINK", "index " + index, Errno.ENODEV);
    }

    /**
     * Waits until the link is operationally up ({@code IFF_RUNNING}): only then has the kernel
     * attached its queueing discipline, and until then it silently drops what is sent.
     */
    public void awaitRunning(int index, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            Link l = link(index);
            if ((l.flags() & IFF_RUNNING) != 0) return;
            if (System.nanoTime() > deadline) {
                throw new SysException("awaitRunning", l.name() + " is not running after " + timeoutMillis + " ms", Errno.ETIMEDOUT);
            }
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
    }

    private static Link parseLink(ByteBuffer r) {
        int index = r.getInt(16 + 4);
        int flags = r.getInt(16 + 8);
        String[] name = {null};
        int[] mtu = {0};
        byte[][] mac = {null};
        NetlinkSocket.forEachAttr(r, 16 + 16, r.getInt(0), (type, off, len) -> {
            switch (type) {
                case IFLA_IFNAME -> {
                    int l = len;
                    while (l > 0 && r.get(off + l - 1) == 0) l--;
                    byte[] s = new byte[l];
                    r.get(off, s);
                    name[0] = new String(s, java.nio.charset.StandardCharsets.UTF_8);
                }
                case IFLA_MTU -> mtu[0] = r.getInt(off);
                case IFLA_ADDRESS -> {
                    mac[0] = new byte[len];
                    r.get(off, mac[0]);
                }
                default -> { }
            }
        });
        return new Link(index, name[0], flags, mtu[0], mac[0]);
    }

    /** Sets the link's flags in {@code mask} to those of {@code flags} (e.g. IFF_UP, IFF_NOARP). */
    public synchronized void setFlags(int index, int flags, int mask) {
        socket.request(linkMessage(RTM_NEWLINK, 0, index, flags, mask), "RTM_NEWLINK set flags of link " + index);
    }

    public void setUp(int index) {
        setFlags(index, IFF_UP, IFF_UP);
    }

    public synchronized void setMtu(int index, int mtu) {
        socket.request(linkMessage(RTM_NEWLINK, 0, index, 0, 0).attrU32(IFLA_MTU, mtu), "RTM_NEWLINK mtu " + mtu);
    }

    /**
     * Stops the kernel from giving the link an IPv6 link-local address (addr_gen_mode none):
     * no link-local means no router solicitations or DAD probes leaking into a capture.
     */
    public synchronized void disableIpv6LinkLocal(int index) {
        NetlinkSocket.Message m = linkMessage(RTM_NEWLINK, 0, index, 0, 0);
        int spec = m.nest(IFLA_AF_SPEC);
        int inet6 = m.nest(LibC.AF_INET6);
        m.attrU8(IFLA_INET6_ADDR_GEN_MODE, IN6_ADDR_GEN_MODE_NONE);
        m.end(inet6);
        m.end(spec);
        socket.request(m, "RTM_NEWLINK addr_gen_mode none");
    }

    public synchronized void deleteLink(int index) {
        socket.request(linkMessage(RTM_DELLINK, 0, index, 0, 0), "RTM_DELLINK " + index);
    }

    /** Adds {@code address/prefixLength} to the link; IPv6 addresses skip DAD (usable at once). */
    public synchronized void addAddress(int index, InetAddress address, int prefixLength) {
        boolean v6 = address instanceof Inet6Address;
        checkPrefix(address, prefixLength);
        // struct ifaddrmsg { u8 family, prefixlen, flags, scope; u32 index; }
        NetlinkSocket.Message m = new NetlinkSocket.Message(RTM_NEWADDR,
                NetlinkSocket.NLM_F_CREATE | NetlinkSocket.NLM_F_EXCL)
                .u8(v6 ? LibC.AF_INET6 : LibC.AF_INET).u8(prefixLength).u8(v6 ? IFA_F_NODAD : 0).u8(RT_SCOPE_UNIVERSE)
                .u32(index);
        m.attr(IFA_LOCAL, address.getAddress());
        m.attr(IFA_ADDRESS, address.getAddress());
        if (v6) m.attrU32(IFA_FLAGS, IFA_F_NODAD);
        socket.request(m, "RTM_NEWADDR " + SockAddr.format(address) + "/" + prefixLength);
    }

    /**
     * Adds a route to {@code destination/prefixLength} (prefix 0: the default route) out of link
     * {@code index}, via {@code gateway} when not null (treated as on-link, so a gateway that no
     * address covers is accepted), or as a blackhole when {@code blackhole}.
     */
    public synchronized void addRoute(InetAddress destination, int prefixLength, InetAddress gateway, int index, boolean blackhole) {
        boolean v6 = destination instanceof Inet6Address;
        checkPrefix(destination, prefixLength);
        if (gateway != null && (gateway instanceof Inet6Address) != v6) {
            throw new IllegalArgumentException("gateway " + SockAddr.format(gateway) + " is not of the destination's family");
        }
        int scope = blackhole || gateway != null || v6 ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
        // struct rtmsg { u8 family, dst_len, src_len, tos, table, protocol, scope, type; u32 flags; }
        NetlinkSocket.Message m = new NetlinkSocket.Message(RTM_NEWROUTE,
                NetlinkSocket.NLM_F_CREATE | NetlinkSocket.NLM_F_EXCL)
                .u8(v6 ? LibC.AF_INET6 : LibC.AF_INET).u8(prefixLength).u8(0).u8(0)
                .u8(RT_TABLE_MAIN).u8(RTPROT_STATIC).u8(scope).u8(blackhole ? RTN_BLACKHOLE : RTN_UNICAST)
                .u32(gateway != null ? RTNH_F_ONLINK : 0);
        if (prefixLength > 0) m.attr(RTA_DST, destination.getAddress());
        if (gateway != null) m.attr(RTA_GATEWAY, gateway.getAddress());
        if (!blackhole) m.attrU32(RTA_OIF, index);
        socket.request(m, "RTM_NEWROUTE " + SockAddr.format(destination) + "/" + prefixLength
                + (gateway != null ? " via " + SockAddr.format(gateway) : "") + (blackhole ? " blackhole" : ""));
    }

    /** Adds (or replaces) a permanent neighbour entry: {@code address} is at {@code mac} on link {@code index}. */
    public synchronized void addNeighbor(int index, InetAddress address, byte[] mac) {
        boolean v6 = address instanceof Inet6Address;
        // struct ndmsg { u8 family, pad1; u16 pad2; s32 ifindex; u16 state; u8 flags, type; }
        NetlinkSocket.Message m = new NetlinkSocket.Message(RTM_NEWNEIGH,
                NetlinkSocket.NLM_F_CREATE | NetlinkSocket.NLM_F_REPLACE)
                .u8(v6 ? LibC.AF_INET6 : LibC.AF_INET).u8(0).u16(0).u32(index).u16(NUD_PERMANENT).u8(0).u8(0);
        m.attr(NDA_DST, address.getAddress());
        m.attr(NDA_LLADDR, mac);
        socket.request(m, "RTM_NEWNEIGH " + SockAddr.format(address));
    }

    private static void checkPrefix(InetAddress address, int prefixLength) {
        int max = address instanceof Inet4Address ? 32 : 128;
        if (prefixLength < 0 || prefixLength > max) {
            throw new IllegalArgumentException("prefixLength: " + prefixLength + " (expected: 0.." + max + ")");
        }
    }

    @Override
    public synchronized void close() {
        socket.close();
    }
}
