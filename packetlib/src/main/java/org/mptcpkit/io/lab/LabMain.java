package org.mptcpkit.io.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.mptcpkit.io.net.MptcpPm;

/**
 * {@code mptcpkit lab}: builds a {@link Lab}, prints how to reach it, and keeps it until standard
 * input closes (Ctrl-D), SIGINT/SIGTERM (Ctrl-C), or {@code --duration} ends. Errors are one
 * sentence on stderr and exit code 1, never a stack trace.
 */
public final class LabMain {
    static final String USAGE = """
            usage: mptcpkit lab [options]
              Builds an isolated network where this machine's kernel is the MPTCP peer under test,
              prints its addresses, and keeps it until stdin closes (Ctrl-D) or Ctrl-C.
              Nothing outside the lab is changed; nothing is left behind, even after kill -9.

              --link veth|tun          peer attached by a veth pair (default) or a TUN device
              --peer crafted|kernel    veth peer's own kernel silent (default) or a normal host
              --ipv4 N                 IPv4 paths: kernel 10.0.i.1/24, peer 10.0.i.2 (default 1)
              --ipv6 N                 IPv6 paths: kernel fd00:10:i::1/64, peer fd00:10:i::2 (default 1)
              --path K,P/LEN           a path with chosen addresses (repeatable; replaces the defaults)
              --sysctl KEY=VALUE       sysctl in the kernel namespace (repeatable)
              --limits SUBFLOWS,ADD_ADDR_ACCEPTED
                                       ip mptcp limits (default 8,8)
              --endpoint ADDR[,FLAG..] ip mptcp endpoint; flags signal subflow backup fullmesh (repeatable)
              --announce FLAG[,FLAG..] an endpoint with these flags for every kernel address but the first
              --peer-limits S,A        ip mptcp limits in a kernel peer (--peer kernel)
              --peer-announce FLAG[,FLAG..]
                                       kernel peer: endpoints on every peer address but the first
              --echo PORT | --sink PORT
                                       MPTCP echo or discard server in the kernel namespace
              --blackhole PREFIX       blackhole route in the kernel namespace (a sink for floods)
              --mtu N                  link MTU
              --no-vnet                TUN link without the vnet header and offloads
              --kernel-link NAME       kernel side interface name (default k0, or tun0)
              --peer-link NAME         peer side interface name (default p0)
              --duration SECONDS       stop after this long instead of waiting for stdin
              -h, --help               this text
            """;

    private LabMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command with standard input as the stop signal; returns the exit code. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /** As {@link #run(String[], PrintStream, PrintStream)} with an explicit input that ends the lab when it closes. */
    public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        Lab.Builder builder = Lab.builder();
        long durationMillis = -1;
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    case "--link" -> builder.linkType(parseEnum(Lab.LinkType.class, a, value(args, ++i, a)));
                    case "--peer" -> builder.peerMode(parseEnum(Lab.PeerMode.class, a, value(args, ++i, a)));
                    case "--ipv4" -> builder.ipv4Paths(parseInt(a, value(args, ++i, a)));
                    case "--ipv6" -> builder.ipv6Paths(parseInt(a, value(args, ++i, a)));
                    case "--path" -> {
                        String v = value(args, ++i, a);
                        int comma = v.indexOf(',');
                        int slash = v.lastIndexOf('/');
                        if (comma < 0 || slash < comma) throw new IllegalArgumentException("--path wants KERNEL,PEER/PREFIX, e.g. 192.168.0.1,192.0.2.1/16; got " + v);
                        builder.path(v.substring(0, comma), v.substring(comma + 1, slash), parseInt(a, v.substring(slash + 1)));
                    }
                    case "--sysctl" -> {
                        String v = value(args, ++i, a);
                        int eq = v.indexOf('=');
                        if (eq <= 0) throw new IllegalArgumentException("--sysctl wants KEY=VALUE, e.g. net.mptcp.checksum_enabled=1; got " + v);
                        builder.sysctl(v.substring(0, eq).strip(), v.substring(eq + 1).strip());
                    }
                    case "--limits" -> {
                        String[] v = value(args, ++i, a).split(",");
                        if (v.length != 2) throw new IllegalArgumentException("--limits wants SUBFLOWS,ADD_ADDR_ACCEPTED, e.g. 8,8");
                        builder.mptcpLimits(parseInt(a, v[0]), parseInt(a, v[1]));
                    }
                    case "--endpoint" -> {
                        String[] v = value(args, ++i, a).split(",");
                        builder.endpoint(v[0], parseFlags(List.of(v).subList(1, v.length)).toArray(new MptcpPm.Flag[0]));
                    }
                    case "--announce" -> builder.endpointsForExtraPaths(
                            parseFlags(List.of(value(args, ++i, a).split(","))).toArray(new MptcpPm.Flag[0]));
                    case "--peer-limits" -> {
                        String[] v = value(args, ++i, a).split(",");
                        if (v.length != 2) throw new IllegalArgumentException("--peer-limits wants SUBFLOWS,ADD_ADDR_ACCEPTED, e.g. 8,8");
                        builder.peerMptcpLimits(parseInt(a, v[0]), parseInt(a, v[1]));
                    }
                    case "--peer-announce" -> builder.peerEndpointsForExtraPaths(
                            parseFlags(List.of(value(args, ++i, a).split(","))).toArray(new MptcpPm.Flag[0]));
                    case "--echo" -> builder.echoServer(parseInt(a, value(args, ++i, a)));
                    case "--sink" -> builder.sinkServer(parseInt(a, value(args, ++i, a)));
                    case "--blackhole" -> builder.blackhole(value(args, ++i, a));
                    case "--mtu" -> builder.mtu(parseInt(a, value(args, ++i, a)));
                    case "--no-vnet" -> builder.vnetHeader(false);
                    case "--kernel-link" -> builder.kernelLink(value(args, ++i, a));
                    case "--peer-link" -> builder.peerLink(value(args, ++i, a));
                    case "--duration" -> durationMillis = (long) (Double.parseDouble(value(args, ++i, a)) * 1000);
                    default -> throw new IllegalArgumentException("unknown option " + a + " (see mptcpkit lab --help)");
                }
            }
        } catch (IllegalArgumentException e) {
            err.println("mptcpkit lab: " + e.getMessage());
            return 1;
        }

        Lab lab;
        try {
            lab = builder.build();
        } catch (LabException | IllegalArgumentException e) {
            err.println("mptcpkit lab: " + e.getMessage());
            return 1;
        } catch (RuntimeException | LinkageError e) {
            // Not foreseen (e.g. not Linux): still one line, with what the JVM said.
            err.println("mptcpkit lab: the lab could not be built (" + e + "): this needs Linux with network namespaces.");
            return 1;
        }
        CountDownLatch stop = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            lab.close();
        }, "mptcpkit-lab-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.print(lab.describe());
            out.println(durationMillis >= 0 ? "Stops in " + durationMillis / 1000.0 + " s, or on Ctrl-C."
                    : "Stop with Ctrl-D (end of input) or Ctrl-C.");
            out.flush();
            if (durationMillis < 0) {
                Thread.ofPlatform().daemon(true).name("mptcpkit-lab-stdin").start(() -> {
                    byte[] buf = new byte[256];
                    try {
                        while (in.read(buf) >= 0) {
                            // Input is ignored; only its end matters.
                        }
                    } catch (IOException e) {
                        // A closed or broken input ends the lab too.
                    }
                    stop.countDown();
                });
                stop.await();
            } else {
                stop.await(durationMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            lab.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // Already shutting down (SIGINT/SIGTERM): the hook closes the lab.
            }
        }
        out.println("lab closed");
        return 0;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value (see mptcpkit lab --help)");
        return args[i];
    }

    private static int parseInt(String option, String v) {
        try {
            return Integer.parseInt(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " wants a number; got " + v);
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String option, String v) {
        try {
            return Enum.valueOf(type, v.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> names = new ArrayList<>();
            for (E c : type.getEnumConstants()) names.add(c.name().toLowerCase(Locale.ROOT));
            throw new IllegalArgumentException(option + " wants one of " + String.join(", ", names) + "; got " + v);
        }
    }

    private static EnumSet<MptcpPm.Flag> parseFlags(List<String> names) {
        EnumSet<MptcpPm.Flag> flags = EnumSet.noneOf(MptcpPm.Flag.class);
        for (String n : names) {
            if (n.isBlank()) continue;
            try {
                flags.add(MptcpPm.Flag.valueOf(n.strip().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown endpoint flag " + n + " (expected: signal, subflow, backup, fullmesh)");
            }
        }
        return flags;
    }
}
