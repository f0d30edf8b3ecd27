package org.mptcpkit.drill.exec;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.mptcpkit.drill.ast.IpVersion;

/**
 * One address setup a script runs in, with the values of the MPTCP fork's {@code run_all.py}
 * (reference §2.1): the local address on tun0, the gateway, and the remote address whose prefix is
 * routed through tun0, so that the extra remote addresses the fork invents (192.0.2.2, ...) are
 * reachable.
 */
public enum Variant {
    IPV4("ipv4", IpVersion.IPV4, "192.168.0.2", 16, "192.168.0.1", "192.0.2.1", 24, "255.255.0.0", 0,
            Map.of("TFO_COOKIE", "de4f234f0f433a55", "CMSG_LEVEL_IP", "SOL_IP", "CMSG_TYPE_RECVERR", "IP_RECVERR")),
    IPV4_MAPPED_IPV6("ipv4-mapped-v6", IpVersion.IPV4_MAPPED_IPV6, "192.168.0.2", 16, "192.168.0.1", "192.0.2.1", 24,
            "255.255.0.0", 0,
            Map.of("TFO_COOKIE", "de4f234f0f433a55", "CMSG_LEVEL_IP", "SOL_IPV6", "CMSG_TYPE_RECVERR", "IPV6_RECVERR")),
    IPV6("ipv6", IpVersion.IPV6, "fd3d:fa7b:d17d::0", 48, "fd3d:fa7b:d17d:8888::0", "2001:db8::1", 32, "", 1520,
            Map.of("TFO_COOKIE", "6aa6ae70c288023b", "CMSG_LEVEL_IP", "SOL_IPV6", "CMSG_TYPE_RECVERR", "IPV6_RECVERR"));

    private final String label;
    private final IpVersion ipVersion;
    private final InetAddress local;
    private final int localPrefix;
    private final InetAddress gateway;
    private final InetAddress remote;
    private final int remotePrefix;
    private final String netmask;
    private final int mtu;
    private final Map<String, String> defines;

    Variant(String label, IpVersion ipVersion, String local, int localPrefix, String gateway, String remote,
            int remotePrefix, String netmask, int mtu, Map<String, String> defines) {
        this.label = label;
        this.ipVersion = ipVersion;
        this.local = addr(local);
        this.localPrefix = localPrefix;
        this.gateway = addr(gateway);
        this.remote = addr(remote);
        this.remotePrefix = remotePrefix;
        this.netmask = netmask;
        this.mtu = mtu;
        this.defines = defines;
    }

    private static InetAddress addr(String s) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(s, e);
        }
    }

    /** As BASELINE.json and run_all.py name it: {@code ipv4}, {@code ipv4-mapped-v6}, {@code ipv6}. */
    public String label() {
        return label;
    }

    public IpVersion ipVersion() {
        return ipVersion;
    }

    /** The kernel's address on tun0 (on the wire: IPv4 for both IPv4 variants). */
    public InetAddress localIp() {
        return local;
    }

    public int localPrefix() {
        return localPrefix;
    }

    public InetAddress gatewayIp() {
        return gateway;
    }

    /** packetdrill's own (remote) address. */
    public InetAddress remoteIp() {
        return remote;
    }

    public int remotePrefix() {
        return remotePrefix;
    }

    /** {@code OPT_NETMASK_IP}: empty for IPv6, as the fork exports it. */
    public String netmask() {
        return netmask;
    }

    /** The tun0 MTU to set, 0 for the default. */
    public int mtu() {
        return mtu;
    }

    /** The {@code -D} symbols run_all.py passes for this variant. */
    public Map<String, String> defines() {
        return defines;
    }

    public boolean wireIpv6() {
        return this == IPV6;
    }

    /** The variant spelled {@code s} (label or {@code --ip_version} spelling), or null. */
    public static Variant of(String s) {
        for (Variant v : values()) {
            if (v.label.equals(s) || v.ipVersion.spelling().equals(s)) return v;
        }
        return null;
    }

    /**
     * The variants run_all.py runs for a file: a name not ending in {@code v6.pkt} runs both IPv4
     * variants, a name not ending in {@code v4.pkt} runs IPv6.
     */
    public static List<Variant> forFile(Path file) {
        String name = file.getFileName().toString();
        List<Variant> out = new ArrayList<>();
        if (!name.endsWith("v6.pkt")) {
            out.add(IPV4);
            out.add(IPV4_MAPPED_IPV6);
        }
        if (!name.endsWith("v4.pkt")) out.add(IPV6);
        return out;
    }
}
