package org.mptcpkit.drill.parse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.mptcpkit.drill.ast.IpVersion;

/**
 * The {@code --options} packetdrill knows (its {@code config.c} table, fork and upstream), valid
 * both on the command line and as {@code --name[=value]} lines at the top of a script, and the
 * checks the front end can make on their values before anything runs.
 */
public final class PacketdrillOptions {
    /** Name (without dashes) to "takes an argument". */
    private static final Map<String, Boolean> TAKES_ARGUMENT = new LinkedHashMap<>();

    static {
        for (String s : new String[] {"ip_version", "bind_port", "code_command", "code_format", "code_sockopt",
                "connect_port", "remote_ip", "local_ip", "gateway_ip", "netmask_ip", "speed", "mss", "mtu",
                "init_scripts", "tolerance_usecs", "tolerance_percent", "wire_server_ip", "wire_server_at",
                "wire_server_port", "wire_client_dev", "wire_server_dev", "so_filename", "so_flags",
                "tcp_ts_tick_usecs", "non_fatal", "define"}) {
            TAKES_ARGUMENT.put(s, true);
        }
        for (String s : new String[] {"wire_client", "wire_server", "tcp_ts_ecr_scaled", "strict_segments",
                "dry_run", "is_anyip", "send_omit_free", "debug", "verbose"}) {
            TAKES_ARGUMENT.put(s, false);
        }
    }

    private PacketdrillOptions() {
    }

    /** Every option name, without dashes. */
    public static Set<String> names() {
        return Collections.unmodifiableSet(TAKES_ARGUMENT.keySet());
    }

    public static boolean isKnown(String name) {
        return TAKES_ARGUMENT.containsKey(name);
    }

    public static boolean takesArgument(String name) {
        return Boolean.TRUE.equals(TAKES_ARGUMENT.get(name));
    }

    /**
     * Why {@code --name[=value]} is not acceptable, or null when it is. The messages follow
     * packetdrill's ({@code option 'foo' unknown}, {@code option 'x' requires an argument},
     * {@code bad --tolerance_usecs: 0}).
     *
     * @param value null when no value was given
     */
    public static String check(String name, String value) {
        if (!isKnown(name)) return "option '" + name + "' unknown";
        boolean takes = takesArgument(name);
        if (takes && value == null) return "option '" + name + "' requires an argument";
        if (!takes && value != null) return "option '" + name + "' forbids an argument";
        if (value == null) return null;
        return switch (name) {
            case "ip_version" -> IpVersion.of(value) != null ? null
                    : "bad --ip_version: '" + value + "' (expected ipv4, ipv4-mapped-ipv6 or ipv6)";
            case "bind_port", "connect_port", "wire_server_port" -> inRange(value, 0, 65535) ? null
                    : "bad --" + name + ": '" + value + "' (expected a port, 0..65535)";
            case "tolerance_usecs" -> inRange(value, 1, Integer.MAX_VALUE) ? null
                    : "bad --tolerance_usecs: '" + value + "' (expected a positive number of microseconds)";
            case "tcp_ts_tick_usecs" -> inRange(value, 0, 1_000_000) ? null
                    : "bad --tcp_ts_tick_usecs: '" + value + "' (expected 0..1000000)";
            case "mss", "mtu", "speed" -> inRange(value, 0, Integer.MAX_VALUE) ? null
                    : "bad --" + name + ": '" + value + "' (expected a non-negative integer)";
            case "define" -> value.indexOf('=') > 0 ? null
                    : "bad --define: '" + value + "' (expected SYMBOL=VALUE)";
            default -> null;
        };
    }

    private static boolean inRange(String s, long min, long max) {
        try {
            long v = Long.parseLong(s.strip());
            return v >= min && v <= max;
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
