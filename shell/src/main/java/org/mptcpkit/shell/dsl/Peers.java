package org.mptcpkit.shell.dsl;

import java.net.InetAddress;
import java.util.Map;
import org.mptcpkit.io.lab.Lab;
import org.mptcpkit.peer.MptcpPeer;

/** {@code mptcp(lab, checksum: true, ...)}: named options onto {@link MptcpPeer.Builder}. */
final class Peers {
    static final Map<String, String> ALIASES = Build.aliases("port", "remotePort", "timeout", "timeoutMillis",
            "key", "localKey");

    private Peers() {
    }

    static MptcpPeer build(Lab lab, Map<String, ?> options) {
        MptcpPeer.Builder b = MptcpPeer.builder(lab);
        for (Map.Entry<String, ?> e : options.entrySet()) {
            String key = e.getKey();
            Object v = e.getValue();
            switch (key) {
                case "local" -> b.local(address("local", v));
                case "remote" -> {
                    // remote: '10.0.1.1' keeps the lab server's port; remote: '10.0.1.1:9000' sets both.
                    String s = v.toString();
                    int colon = s.lastIndexOf(':');
                    if (colon > 0 && s.indexOf(':') == colon) {
                        b.remote(address("remote", s.substring(0, colon)), Integer.parseInt(s.substring(colon + 1)));
                    } else {
                        int port = lab.server() != null ? lab.server().port() : 0;
                        if (options.get("port") instanceof Integer p) port = p;
                        b.remote(address("remote", s), port);
                    }
                }
                default -> Build.set("mptcp", b, key, ALIASES.getOrDefault(key, key), v, ALIASES);
            }
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mptcp: " + e.getMessage(), e);
        }
    }

    static InetAddress address(String key, Object v) {
        if (v instanceof InetAddress a) return a;
        try {
            return InetAddress.ofLiteral(v.toString());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("mptcp: " + key + ": " + Build.describe(v) + " (expected: an address literal)", e);
        }
    }
}
