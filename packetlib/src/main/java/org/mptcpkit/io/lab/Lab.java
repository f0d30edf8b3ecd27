package org.mptcpkit.io.lab;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mptcpkit.io.net.Answers;
import org.mptcpkit.io.net.Ethtool;
import org.mptcpkit.io.net.Frame;
import org.mptcpkit.io.net.MptcpPm;
import org.mptcpkit.io.net.PacketSocket;
import org.mptcpkit.io.net.RawSocket;
import org.mptcpkit.io.net.RtNetlink;
import org.mptcpkit.io.net.TunDevice;
import org.mptcpkit.io.pcap.PcapLive;
import org.mptcpkit.io.sys.Errno;
import org.mptcpkit.io.sys.SockAddr;
import org.mptcpkit.io.sys.SysException;
import org.mptcpkit.packet.Bytes;

/**
 * An isolated network in which the local Linux kernel is the MPTCP peer under test.
 *
 * <p>The <em>kernel</em> side is an anonymous network namespace with the addresses, routes,
 * {@code ip mptcp} endpoints and limits, sysctls and (optionally) an MPTCP echo or sink server
 * the test wants. The <em>peer</em> side is where crafted packets come from. Two link types:
 * <ul>
 * <li>{@link LinkType#VETH} (default): a veth pair from a second namespace. Crafted packets go out
 * of a {@link #openRawSocket raw socket} or a {@link #openSniffer packet socket} there; the kernel's
 * answers are captured there. In {@link PeerMode#CRAFTED} mode (default) the peer's own kernel stays
 * silent, so it never answers the kernel under test with a RST: it owns no address, and the
 * kernel side's link is NOARP, so every frame the kernel sends carries the kernel link's own MAC
 * as destination, which the peer's IP stack discards as "for another host" while packet sockets
 * still see it. The peer reaches the kernel through a permanent neighbour entry. In
 * {@link PeerMode#KERNEL} mode the peer namespace owns its addresses and is an ordinary second
 * host, for kernel-to-kernel runs and reference captures.</li>
 * <li>{@link LinkType#TUN}: a TUN device in the kernel namespace ({@code tun0}, packetdrill's
 * setup); the peer is {@link #tun()}, read and written by Java. There is no peer kernel at all.</li>
 * </ul>
 *
 * <p>Nothing in the host namespace is changed, and nothing survives the process, not even a
 * SIGKILL: see {@link NetNamespace}.
 *
 * <pre>{@code
 * try (Lab lab = Lab.builder().ipv4Paths(2).ipv6Paths(1).echoServer(8080)
 *         .sysctl("net.mptcp.checksum_enabled", "1").build()) {
 *     Bytes synAck = lab.sr1(syn, 1000);   // sent from the peer side, answer matched TCP-aware
 *     lab.send(ack);
 * }
 * }</pre>
 */
public final class Lab implements AutoCloseable {
    /** How the peer side is attached. */
    public enum LinkType { VETH, TUN }

    /** Whether the peer namespace's own kernel takes part (VETH only). */
    public enum PeerMode { CRAFTED, KERNEL }

    /** A side of the link: the crafting peer's end, or the kernel under test's end. */
    public enum Side { PEER, KERNEL }

    /** One path: a kernel address and the peer address it talks to, in one subnet. */
    public record Subnet(InetAddress kernel, InetAddress peer, int prefixLength) {
        public Subnet {
            if ((kernel instanceof Inet6Address) != (peer instanceof Inet6Address)) {
                throw new IllegalArgumentException("path " + SockAddr.format(kernel) + " / " + SockAddr.format(peer)
                        + ": both ends must be IPv4 or both IPv6");
            }
            int max = kernel instanceof Inet4Address ? 32 : 128;
            if (prefixLength < 1 || prefixLength > max) {
                throw new IllegalArgumentException("prefixLength: " + prefixLength + " (expected: 1.." + max + ")");
            }
        }

        public boolean isIpv6() {
            return kernel instanceof Inet6Address;
        }
    }

    // Locally administered, fixed MACs: easy to recognise in a capture.
    static final byte[] KERNEL_MAC = {0x02, 0x6d, 0x6b, 0x00, 0x00, 0x01};
    static final byte[] PEER_MAC = {0x02, 0x6d, 0x6b, 0x00, 0x00, 0x02};
    // The crafted peer routes everything to these gateways, pinned to the kernel link's MAC.
    private static final InetAddress GW4 = InetAddress.ofLiteral("169.254.0.1");
    private static final InetAddress GW6 = InetAddress.ofLiteral("fe80::1");

    private final Builder config;
    private final List<Subnet> subnets;
    private NetNamespace kernel;
    private NetNamespace peer;
    private TunDevice tun;
    private MptcpServer server;
    private int kernelIndex;
    private int peerIndex;
    private final List<MptcpPm.Endpoint> endpoints = new ArrayList<>();
    private MptcpPm.Limits limits;
    private final List<MptcpPm.Endpoint> peerEndpoints = new ArrayList<>();
    private MptcpPm.Limits peerLimits;
    private final java.util.EnumMap<RawSocket.IpVersion, RawSocket> senders = new java.util.EnumMap<>(RawSocket.IpVersion.class);
    private long startNanos;
    private volatile boolean closed;

    private Lab(Builder config) {
        this.config = config;
        this.subnets = List.copyOf(config.subnets());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds the lab; on failure everything built so far is torn down. */
    private Lab start() {
        long t0 = System.nanoTime();
        try {
            kernel = createNamespace("kernel");
            checkMptcp();
            for (Map.Entry<String, String> e : config.sysctls.entrySet()) setSysctl(kernel, e.getKey(), e.getValue());
            if (config.linkType == LinkType.TUN) {
                startTun();
            } else {
                peer = createNamespace("peer");
                for (Map.Entry<String, String> e : config.peerSysctls.entrySet()) setSysctl(peer, e.getKey(), e.getValue());
                startVeth();
            }
            configureMptcp();
            if (peer != null && config.peerMode == PeerMode.KERNEL) configurePeerMptcp();
            if (config.serverMode != null) startServer();
        } catch (RuntimeException e) {
            close();
            throw translate(e);
        }
        startNanos = System.nanoTime() - t0;
        return this;
    }

    private static NetNamespace createNamespace(String label) {
        try {
            return NetNamespace.create(label);
        } catch (SysException e) {
            if (NetNamespace.isPermissionError(e)) {
                throw new LabException("Building a lab needs CAP_SYS_ADMIN and CAP_NET_ADMIN (network namespaces): run as root, e.g. sudo mptcpkit lab.", e);
            }
            throw e;
        }
    }

    private void checkMptcp() {
        boolean present = kernel.call(() -> Files.isDirectory(Path.of("/proc/sys/net/mptcp")));
        if (!present) {
            throw new LabException("This kernel has no MPTCP (no /proc/sys/net/mptcp): boot a kernel built with CONFIG_MPTCP=y.");
        }
    }

    private static void setSysctl(NetNamespace ns, String key, String value) {
        try {
            ns.sysctl(key, value);
        } catch (IllegalArgumentException e) {
            throw new LabException("Cannot set sysctl " + key + "=" + value + " in the " + ns.label()
                    + " namespace (" + e.getMessage() + "): check the name and the value.", e);
        }
    }

    private void startVeth() {
        boolean crafted = config.peerMode == PeerMode.CRAFTED;
        int kernelFd = kernel.fd();
        peer.run(() -> {
            RtNetlink rt = peer.rtnetlink();
            try {
                rt.createVeth(config.peerLink, PEER_MAC, config.kernelLink, KERNEL_MAC, kernelFd);
            } catch (SysException e) {
                if (e.errno() == Errno.EEXIST) {
                    throw new LabException("Interface name " + config.peerLink + " or " + config.kernelLink
                            + " is already taken in the lab: choose other link names.", e);
                }
                if (e.errno() == Errno.EOPNOTSUPP) {
                    throw new LabException("This kernel cannot create veth pairs: load the module (modprobe veth) or use a TUN link (--link tun).", e);
                }
                throw e;
            }
        });
        kernel.run(() -> {
            RtNetlink rt = kernel.rtnetlink();
            kernelIndex = rt.link(config.kernelLink).index();
            rt.disableIpv6LinkLocal(kernelIndex);
            if (!config.offloads) wireExact(config.kernelLink);
            // NOARP: neighbours resolve to the link's own MAC, which the crafted peer's IP stack
            // discards as PACKET_OTHERHOST; packet sockets still capture it. No ARP, NDP or DAD.
            if (crafted) rt.setFlags(kernelIndex, RtNetlink.IFF_NOARP, RtNetlink.IFF_NOARP);
            if (config.mtu > 0) rt.setMtu(kernelIndex, config.mtu);
            for (Subnet s : subnets) rt.addAddress(kernelIndex, s.kernel(), s.prefixLength());
            rt.setUp(kernelIndex);
            if (crafted) {
                // The crafted peer is the whole world: any destination leaves through the link.
                rt.addRoute(InetAddress.ofLiteral("0.0.0.0"), 0, null, kernelIndex, false);
                rt.addRoute(InetAddress.ofLiteral("::"), 0, null, kernelIndex, false);
            }
            for (String prefix : config.blackholes) {
                Prefix p = Prefix.parse(prefix);
                rt.addRoute(p.address(), p.length(), null, 0, true);
            }
        });
        peer.run(() -> {
            RtNetlink rt = peer.rtnetlink();
            peerIndex = rt.link(config.peerLink).index();
            rt.disableIpv6LinkLocal(peerIndex);
            if (!config.offloads) wireExact(config.peerLink);
            if (config.mtu > 0) rt.setMtu(peerIndex, config.mtu);
            if (crafted) {
                rt.setUp(peerIndex);
                rt.addNeighbor(peerIndex, GW4, KERNEL_MAC);
                rt.addNeighbor(peerIndex, GW6, KERNEL_MAC);
                rt.addRoute(InetAddress.ofLiteral("0.0.0.0"), 0, GW4, peerIndex, false);
                rt.addRoute(InetAddress.ofLiteral("::"), 0, GW6, peerIndex, false);
            } else {
                for (Subnet s : subnets) rt.addAddress(peerIndex, s.peer(), s.prefixLength());
                rt.setUp(peerIndex);
            }
            rt.awaitRunning(peerIndex, 3000);
        });
        kernel.run(() -> kernel.rtnetlink().awaitRunning(kernelIndex, 3000));
    }

    // Checksums finished and segments cut in software, before any capture point: what a
    // sniffer sees is what a wire would carry (Ethtool explains why veth needs this).
    private static void wireExact(String link) {
        Ethtool.set(link, Ethtool.Offload.TX_CHECKSUM, false);
        Ethtool.set(link, Ethtool.Offload.TSO, false);
        Ethtool.set(link, Ethtool.Offload.GRO, false);
    }

    private void startTun() {
        kernel.run(() -> {
            RtNetlink rt = kernel.rtnetlink();
            try {
                tun = TunDevice.open(config.kernelLink, config.vnetHeader, config.vnetHeader ? TunDevice.PACKETDRILL_OFFLOADS : 0);
            } catch (SysException e) {
                if (e.errno() == Errno.ENOENT || e.errno() == Errno.ENODEV) {
                    throw new LabException("/dev/net/tun is missing: load the tun module (modprobe tun) or use a veth link (--link veth).", e);
                }
                throw e;
            }
            kernelIndex = tun.index();
            rt.disableIpv6LinkLocal(kernelIndex);
            if (config.mtu > 0) rt.setMtu(kernelIndex, config.mtu);
            for (Subnet s : subnets) rt.addAddress(kernelIndex, s.kernel(), s.prefixLength());
            rt.setUp(kernelIndex);
            rt.awaitRunning(kernelIndex, 3000);
            rt.addRoute(InetAddress.ofLiteral("0.0.0.0"), 0, null, kernelIndex, false);
            rt.addRoute(InetAddress.ofLiteral("::"), 0, null, kernelIndex, false);
            for (String prefix : config.blackholes) {
                Prefix p = Prefix.parse(prefix);
                rt.addRoute(p.address(), p.length(), null, 0, true);
            }
        });
    }

    private void configureMptcp() {
        kernel.run(() -> {
            try (MptcpPm pm = MptcpPm.open()) {
                if (config.limits != null) pm.setLimits(config.limits);
                int id = 1;
                List<MptcpPm.Endpoint> wanted = new ArrayList<>(config.endpoints);
                if (!config.extraPathFlags.isEmpty()) {
                    for (int i = 1; i < subnets.size(); i++) {
                        wanted.add(new MptcpPm.Endpoint(0, subnets.get(i).kernel(), 0, config.extraPathFlags, 0));
                    }
                }
                for (MptcpPm.Endpoint e : wanted) {
                    while (idTaken(wanted, id)) id++;
                    MptcpPm.Endpoint withId = e.id() != 0 ? e
                            : new MptcpPm.Endpoint(id++, e.address(), e.port(), e.flags(), kernelIndex);
                    pm.addEndpoint(withId);
                    endpoints.add(withId);
                }
                limits = pm.limits();
            } catch (SysException e) {
                if (e.call().startsWith("CTRL") || e.errno() == Errno.ENOENT) {
                    throw new LabException("The kernel's MPTCP path manager is not available (no mptcp_pm netlink family): boot a kernel with CONFIG_MPTCP=y.", e);
                }
                throw e;
            }
        });
    }

    // A kernel peer is a second MPTCP host: its own limits and endpoints make real multipath.
    private void configurePeerMptcp() {
        if (config.peerLimits == null && config.peerExtraPathFlags.isEmpty()) return;
        peer.run(() -> {
            try (MptcpPm pm = MptcpPm.open()) {
                if (config.peerLimits != null) pm.setLimits(config.peerLimits);
                int id = 1;
                if (!config.peerExtraPathFlags.isEmpty()) {
                    for (int i = 1; i < subnets.size(); i++) {
                        MptcpPm.Endpoint e = new MptcpPm.Endpoint(id++, subnets.get(i).peer(), 0, config.peerExtraPathFlags, peerIndex);
                        pm.addEndpoint(e);
                        peerEndpoints.add(e);
                    }
                }
                peerLimits = pm.limits();
            }
        });
    }

    private static boolean idTaken(List<MptcpPm.Endpoint> list, int id) {
        for (MptcpPm.Endpoint e : list) if (e.id() == id) return true;
        return false;
    }

    private void startServer() {
        try {
            server = MptcpServer.start(kernel, config.serverPort, config.serverMode);
        } catch (SysException e) {
            if (e.errno() == Errno.ENOPROTOOPT) {
                throw new LabException("MPTCP is disabled in the lab's kernel namespace (net.mptcp.enabled=0): remove that sysctl or run without a server.", e);
            }
            if (e.errno() == Errno.EPROTONOSUPPORT) {
                throw new LabException("This kernel has no MPTCP sockets: boot a kernel built with CONFIG_MPTCP=y.", e);
            }
            if (e.errno() == Errno.EADDRINUSE) {
                throw new LabException("Port " + config.serverPort + " is already taken in the lab: choose another server port.", e);
            }
            throw e;
        }
    }

    private static RuntimeException translate(RuntimeException e) {
        if (e instanceof LabException) return e;
        return new LabException("The lab could not be built (" + e.getMessage() + "): check the options, or report this with the message.", e);
    }

    // -------------------------------------------------------------------------------------------

    /** The namespace whose kernel is under test. */
    public NetNamespace kernel() {
        checkOpen();
        return kernel;
    }

    /** The peer namespace (VETH labs). */
    public NetNamespace peer() {
        checkOpen();
        if (peer == null) throw new IllegalStateException("a TUN lab has no peer namespace: use tun()");
        return peer;
    }

    /** The TUN device the peer reads and writes (TUN labs). */
    public TunDevice tun() {
        checkOpen();
        if (tun == null) throw new IllegalStateException("a veth lab has no TUN device: use openRawSocket() and openSniffer()");
        return tun;
    }

    public LinkType linkType() {
        return config.linkType;
    }

    public PeerMode peerMode() {
        return config.peerMode;
    }

    /** The paths (kernel address, peer address, prefix), IPv4 ones first. */
    public List<Subnet> subnets() {
        return subnets;
    }

    /** The kernel side's link name ({@code k0}, or {@code tun0} for TUN labs). */
    public String kernelLink() {
        return config.linkType == LinkType.TUN && tun != null ? tun.name() : config.kernelLink;
    }

    /** The peer side's link name (VETH labs). */
    public String peerLink() {
        return config.peerLink;
    }

    public int kernelLinkIndex() {
        return kernelIndex;
    }

    /** The MAC address of the kernel side's veth link (layer-2 frames to the kernel go there). */
    public Bytes kernelMac() {
        return Bytes.of(KERNEL_MAC);
    }

    /** The MAC address of the peer side's veth link. */
    public Bytes peerMac() {
        return Bytes.of(PEER_MAC);
    }

    /**
     * The kernel namespace's MPTCP counters ({@code MPTcpExt} of {@code /proc/net/netstat}, as
     * {@code nstat -az} shows them without the prefix): {@code MPJoinAckRx}, {@code AddAddr}, ...
     */
    public Map<String, Long> mptcpCounters() {
        return kernel().netstat("MPTcpExt");
    }

    /** The endpoints configured in the kernel's path manager (with their ids). */
    public List<MptcpPm.Endpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    /** The path manager's limits as the kernel reports them after setup. */
    public MptcpPm.Limits limits() {
        return limits;
    }

    /** The endpoints of a kernel peer's path manager (empty unless configured). */
    public List<MptcpPm.Endpoint> peerEndpoints() {
        return List.copyOf(peerEndpoints);
    }

    /** The echo or sink server in the kernel namespace, or null. */
    public MptcpServer server() {
        return server;
    }

    /** How long {@link Builder#build()} took, in nanoseconds. */
    public long startNanos() {
        return startNanos;
    }

    /** A raw socket in the peer namespace: crafted packets sent with it reach the kernel side. */
    public RawSocket openRawSocket(RawSocket.IpVersion version) {
        return peer().call(() -> RawSocket.open(version));
    }

    /**
     * A packet socket on the peer's link: it sees what the kernel sends to the peer (and the
     * peer's own sends, marked outgoing). {@code cooked}: IP packets without Ethernet header.
     */
    public PacketSocket openSniffer(boolean cooked) {
        return peer().call(() -> PacketSocket.open(config.peerLink, cooked));
    }

    /** A packet socket on the kernel's link, inside the kernel namespace. */
    public PacketSocket openKernelSniffer(boolean cooked) {
        return kernel().call(() -> PacketSocket.open(kernelLink(), cooked));
    }

    /**
     * A libpcap live capture (pcap4j) on one side's link, opened inside that side's namespace,
     * with the tcpdump expression {@code filter} (null: every frame) and {@link PcapLive.Options}'
     * other defaults; see {@link #openCapture(Side, PcapLive.Options)}.
     */
    public PcapLive openCapture(Side side, String filter) {
        return openCapture(side, PcapLive.Options.DEFAULTS.withFilter(filter));
    }

    /**
     * A libpcap live capture (pcap4j) on the peer's link ({@link Side#PEER}: what the kernel sends
     * and, with {@link PcapLive.Direction#BOTH}, what the peer sends) or on the kernel's link
     * ({@link Side#KERNEL}; on TUN labs the TUN device, link type RAW). Its
     * {@link PcapLive#sendp sendp} sends whole frames out of that link. Close it before, or with,
     * the lab: an open capture keeps its namespace alive.
     */
    public PcapLive openCapture(Side side, PcapLive.Options options) {
        checkOpen();
        if (side == null) throw new IllegalArgumentException("side: null (expected: PEER or KERNEL)");
        if (options == null) throw new IllegalArgumentException("options: null (expected: PcapLive.Options.DEFAULTS or built)");
        if (side == Side.PEER) {
            if (peer == null) throw new IllegalStateException("a TUN lab has no peer link: capture Side.KERNEL (" + kernelLink() + ")");
            return peer.call(() -> PcapLive.open(config.peerLink, options));
        }
        return kernel.call(() -> PcapLive.open(kernelLink(), options));
    }

    /**
     * Sends one crafted IP packet from the peer side (a reused raw socket in the peer
     * namespace, or the TUN device), exactly as given (see {@link RawSocket} for the two IPv4
     * header fields Linux fills in on raw sockets).
     */
    public void send(Bytes packet) {
        checkOpen();
        if (tun != null) {
            tun.write(packet);
        } else {
            sender(packet).send(packet);
        }
    }

    /** Sends every packet, batched ({@code sendmmsg}) on veth labs. */
    public void sendAll(List<Bytes> packets) {
        checkOpen();
        if (tun != null) {
            for (Bytes p : packets) tun.write(p);
            return;
        }
        if (packets.isEmpty()) return;
        int version = packets.get(0).isEmpty() ? -1 : packets.get(0).u8(0) >> 4;
        boolean oneVersion = true;
        for (Bytes p : packets) oneVersion &= !p.isEmpty() && p.u8(0) >> 4 == version;
        if (oneVersion) {
            sender(packets.get(0)).sendAll(packets);
        } else {
            for (Bytes p : packets) sender(p).send(p);
        }
    }

    private synchronized RawSocket sender(Bytes packet) {
        if (packet.isEmpty()) throw new IllegalArgumentException("empty packet");
        int version = packet.u8(0) >> 4;
        if (version != 4 && version != 6) throw new IllegalArgumentException("not an IP packet (version " + version + ")");
        RawSocket.IpVersion v = version == 4 ? RawSocket.IpVersion.IPV4 : RawSocket.IpVersion.IPV6;
        return senders.computeIfAbsent(v, this::openRawSocket);
    }

    /**
     * Sends {@code packet} and returns the kernel's first answer to it (TCP-aware matching,
     * {@link Answers}), or null after {@code timeoutMillis}. On TUN labs, packets read while
     * waiting that are not the answer are consumed.
     */
    public Bytes sr1(Bytes packet, long timeoutMillis) {
        return sr(List.of(packet), timeoutMillis).get(0);
    }

    /**
     * Sends every packet, then collects answers until each has one or {@code timeoutMillis}
     * passes; returns the answers in the packets' order, null where none came.
     */
    public List<Bytes> sr(List<Bytes> packets, long timeoutMillis) {
        checkOpen();
        Bytes[] answers = new Bytes[packets.size()];
        int open = answers.length;
        PacketSocket sniffer = tun == null ? openSniffer(true) : null; // opened first: no answer is missed
        try {
            sendAll(packets);
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (open > 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0) break;
                Frame f = sniffer != null ? sniffer.receive(left) : tun.receive(left);
                if (f == null) break;
                if (sniffer != null && f.isOutgoing()) continue; // our own packets
                for (int i = 0; i < answers.length; i++) {
                    if (answers[i] == null && Answers.isAnswer(packets.get(i), f.data())) {
                        answers[i] = f.data();
                        open--;
                        break;
                    }
                }
            }
        } finally {
            if (sniffer != null) sniffer.close();
        }
        return java.util.Arrays.asList(answers);
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the lab is closed");
    }

    public boolean isClosed() {
        return closed;
    }

    /** Stops the server, closes the TUN device and both namespaces: the kernel deletes the rest. */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        if (server != null) server.close();
        synchronized (this) {
            for (RawSocket r : senders.values()) r.close();
            senders.clear();
        }
        if (tun != null) tun.close();
        if (peer != null) peer.close();
        if (kernel != null) kernel.close();
    }

    /** A human-readable description: what {@code mptcpkit lab} prints. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("lab up in %.1f ms: %s link, %s%n", startNanos / 1e6,
                config.linkType == LinkType.TUN ? "TUN" : "veth",
                config.linkType == LinkType.TUN ? "the peer is a TUN device read and written by mptcpkit"
                        : config.peerMode == PeerMode.CRAFTED ? "crafted peer (its kernel owns no address and never answers)"
                        : "kernel peer (the peer namespace owns its addresses)"));
        b.append("kernel under test\n");
        b.append("  enter      nsenter --net=").append(kernel.path()).append('\n');
        b.append("  link       ").append(kernelLink());
        if (config.linkType == LinkType.VETH) b.append("  mac ").append(mac(KERNEL_MAC)).append(config.peerMode == PeerMode.CRAFTED ? "  noarp" : "");
        if (tun != null && tun.hasVnetHeader()) b.append("  vnet_hdr, offloads csum tso4 tso6 tso_ecn");
        b.append('\n');
        b.append("  addresses ");
        for (Subnet s : subnets) b.append(' ').append(SockAddr.format(s.kernel())).append('/').append(s.prefixLength());
        b.append('\n');
        b.append("  mptcp      limits subflows ").append(limits.subflows()).append(" add_addr_accepted ").append(limits.addAddrAccepted());
        b.append('\n');
        for (MptcpPm.Endpoint e : endpoints) b.append("  endpoint   ").append(e.describe()).append(" dev ").append(kernelLink()).append('\n');
        for (Map.Entry<String, String> e : config.sysctls.entrySet()) {
            b.append("  sysctl     ").append(e.getKey()).append(" = ").append(e.getValue()).append('\n');
        }
        for (String p : config.blackholes) b.append("  blackhole  ").append(p).append('\n');
        if (server != null) {
            b.append("  server     MPTCP ").append(server.mode().name().toLowerCase(java.util.Locale.ROOT))
                    .append(" on port ").append(server.port()).append(" of every address\n");
        }
        if (config.linkType == LinkType.VETH) {
            b.append("peer\n");
            b.append("  enter      nsenter --net=").append(peer.path()).append('\n');
            b.append("  link       ").append(config.peerLink).append("  mac ").append(mac(PEER_MAC)).append('\n');
            if (peerLimits != null) {
                b.append("  mptcp      limits subflows ").append(peerLimits.subflows())
                        .append(" add_addr_accepted ").append(peerLimits.addAddrAccepted()).append('\n');
            }
            for (MptcpPm.Endpoint e : peerEndpoints) b.append("  endpoint   ").append(e.describe()).append(" dev ").append(config.peerLink).append('\n');
        } else {
            b.append("peer (TUN)\n");
        }
        b.append(config.peerMode == PeerMode.KERNEL && config.linkType == LinkType.VETH ? "  addresses " : "  addresses  (owned by no interface)");
        for (Subnet s : subnets) b.append(' ').append(SockAddr.format(s.peer()));
        b.append('\n');
        return b.toString();
    }

    static String mac(byte[] m) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < m.length; i++) {
            if (i > 0) b.append(':');
            b.append(String.format("%02x", m[i] & 0xff));
        }
        return b.toString();
    }

    /** An address and a prefix length ("10.0.0.0/24", "fd00::/64"). */
    record Prefix(InetAddress address, int length) {
        static Prefix parse(String s) {
            int slash = s.indexOf('/');
            InetAddress a = SockAddr.parseAddress(slash < 0 ? s : s.substring(0, slash));
            int max = a instanceof Inet4Address ? 32 : 128;
            int len;
            try {
                len = slash < 0 ? max : Integer.parseInt(s.substring(slash + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("prefix: '" + s + "' (expected: address/length)");
            }
            if (len < 0 || len > max) throw new IllegalArgumentException("prefix length: " + len + " (expected: 0.." + max + ")");
            return new Prefix(a, len);
        }
    }

    /** Configures and {@linkplain #build() builds} a lab. */
    public static final class Builder {
        private LinkType linkType = LinkType.VETH;
        private PeerMode peerMode = PeerMode.CRAFTED;
        private int ipv4Paths = 1;
        private int ipv6Paths = 1;
        private final List<Subnet> custom = new ArrayList<>();
        private String kernelLink;
        private String peerLink = "p0";
        private int mtu;
        private boolean vnetHeader = true;
        private boolean offloads;
        private final Map<String, String> sysctls = new LinkedHashMap<>();
        private final Map<String, String> peerSysctls = new LinkedHashMap<>();
        private MptcpPm.Limits limits = new MptcpPm.Limits(8, 8);
        private final List<MptcpPm.Endpoint> endpoints = new ArrayList<>();
        private Set<MptcpPm.Flag> extraPathFlags = Set.of();
        private MptcpPm.Limits peerLimits;
        private Set<MptcpPm.Flag> peerExtraPathFlags = Set.of();
        private MptcpServer.Mode serverMode;
        private int serverPort;
        private final List<String> blackholes = new ArrayList<>();

        private Builder() {
        }

        public Builder linkType(LinkType type) {
            this.linkType = type;
            return this;
        }

        public Builder peerMode(PeerMode mode) {
            this.peerMode = mode;
            return this;
        }

        /** Number of default IPv4 paths: kernel 10.0.i.1/24, peer 10.0.i.2 (default 1). */
        public Builder ipv4Paths(int n) {
            if (n < 0 || n > 200) throw new IllegalArgumentException("ipv4Paths: " + n + " (expected: 0..200)");
            this.ipv4Paths = n;
            return this;
        }

        /** Number of default IPv6 paths: kernel fd00:10:i::1/64, peer fd00:10:i::2 (default 1). */
        public Builder ipv6Paths(int n) {
            if (n < 0 || n > 200) throw new IllegalArgumentException("ipv6Paths: " + n + " (expected: 0..200)");
            this.ipv6Paths = n;
            return this;
        }

        /** Adds a path with chosen addresses; once any is given, the default paths are not created. */
        public Builder path(String kernelAddress, String peerAddress, int prefixLength) {
            custom.add(new Subnet(SockAddr.parseAddress(kernelAddress), SockAddr.parseAddress(peerAddress), prefixLength));
            return this;
        }

        /** The kernel side's interface name (default {@code k0}; {@code tun0} for TUN labs). */
        public Builder kernelLink(String name) {
            this.kernelLink = checkName(name);
            return this;
        }

        public Builder peerLink(String name) {
            this.peerLink = checkName(name);
            return this;
        }

        private static String checkName(String name) {
            if (name == null || name.isEmpty() || name.length() > 15 || name.contains("/") || name.contains(" ")) {
                throw new IllegalArgumentException("interface name: '" + name + "' (expected: 1..15 characters, no '/' or space)");
            }
            return name;
        }

        public Builder mtu(int mtu) {
            if (mtu < 1280 || mtu > 65535) throw new IllegalArgumentException("mtu: " + mtu + " (expected: 1280..65535)");
            this.mtu = mtu;
            return this;
        }

        /** TUN labs: whether to use the vnet header with packetdrill's offloads (default true). */
        public Builder vnetHeader(boolean on) {
            this.vnetHeader = on;
            return this;
        }

        /**
         * veth labs: keep the links' checksum and segmentation offloads (default false: they are
         * switched off, so captures show final checksums and MTU-sized segments, as on a wire).
         */
        public Builder offloads(boolean on) {
            this.offloads = on;
            return this;
        }

        /** Sets a sysctl in the kernel namespace, e.g. {@code net.mptcp.checksum_enabled = 1}. */
        public Builder sysctl(String key, String value) {
            sysctls.put(key, value);
            return this;
        }

        public Builder peerSysctl(String key, String value) {
            peerSysctls.put(key, value);
            return this;
        }

        /** {@code ip mptcp limits subflows N add_addr_accepted M} (default 8 and 8). */
        public Builder mptcpLimits(int subflows, int addAddrAccepted) {
            this.limits = new MptcpPm.Limits(subflows, addAddrAccepted);
            return this;
        }

        /** Adds an {@code ip mptcp endpoint} (id chosen automatically) on the kernel link. */
        public Builder endpoint(String address, MptcpPm.Flag... flags) {
            endpoints.add(new MptcpPm.Endpoint(0, SockAddr.parseAddress(address), 0,
                    flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags), 0));
            return this;
        }

        /** Adds an endpoint with {@code flags} for every kernel address but the first path's. */
        public Builder endpointsForExtraPaths(MptcpPm.Flag... flags) {
            this.extraPathFlags = flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags);
            return this;
        }

        /** Kernel peers: {@code ip mptcp limits} in the peer namespace (a new namespace has 0 and 2). */
        public Builder peerMptcpLimits(int subflows, int addAddrAccepted) {
            this.peerLimits = new MptcpPm.Limits(subflows, addAddrAccepted);
            return this;
        }

        /** Kernel peers: an endpoint with {@code flags} for every peer address but the first path's. */
        public Builder peerEndpointsForExtraPaths(MptcpPm.Flag... flags) {
            this.peerExtraPathFlags = flags.length == 0 ? Set.of() : EnumSet.of(flags[0], flags);
            return this;
        }

        /** Runs an MPTCP echo server on {@code port} (0: any free port) in the kernel namespace. */
        public Builder echoServer(int port) {
            return server(MptcpServer.Mode.ECHO, port);
        }

        /** Runs an MPTCP server that discards what it reads. */
        public Builder sinkServer(int port) {
            return server(MptcpServer.Mode.SINK, port);
        }

        private Builder server(MptcpServer.Mode mode, int port) {
            if (port < 0 || port > 65535) throw new IllegalArgumentException("port: " + port + " (expected: 0..65535)");
            this.serverMode = mode;
            this.serverPort = port;
            return this;
        }

        /** Routes {@code prefix} to a blackhole in the kernel namespace: a sink for floods. */
        public Builder blackhole(String prefix) {
            Prefix.parse(prefix);
            blackholes.add(prefix);
            return this;
        }

        List<Subnet> subnets() {
            if (!custom.isEmpty()) return custom;
            List<Subnet> out = new ArrayList<>();
            for (int i = 0; i < ipv4Paths; i++) {
                out.add(new Subnet(InetAddress.ofLiteral("10.0." + i + ".1"), InetAddress.ofLiteral("10.0." + i + ".2"), 24));
            }
            for (int i = 0; i < ipv6Paths; i++) {
                String hex = Integer.toHexString(i);
                out.add(new Subnet(InetAddress.ofLiteral("fd00:10:" + hex + "::1"), InetAddress.ofLiteral("fd00:10:" + hex + "::2"), 64));
            }
            if (out.isEmpty()) throw new IllegalArgumentException("a lab needs at least one path");
            return out;
        }

        /** Builds the lab; a {@link LabException} says in one sentence what to do when it cannot. */
        public Lab build() {
            if (kernelLink == null) kernelLink = linkType == LinkType.TUN ? "tun0" : "k0";
            if (linkType == LinkType.TUN && peerMode == PeerMode.KERNEL) {
                throw new IllegalArgumentException("a TUN lab has no peer kernel: use PeerMode.CRAFTED or a veth link");
            }
            if (peerMode != PeerMode.KERNEL && (peerLimits != null || !peerExtraPathFlags.isEmpty())) {
                throw new IllegalArgumentException("peer MPTCP limits and endpoints need a kernel peer (PeerMode.KERNEL)");
            }
            if (linkType == LinkType.VETH && kernelLink.equals(peerLink)) {
                // Legal (they live in different namespaces) but confusing in every capture.
                throw new IllegalArgumentException("kernel and peer links are both called " + peerLink + ": give them different names");
            }
            return new Lab(this).start();
        }
    }
}
