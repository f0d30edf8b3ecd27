package org.mptcpkit.drill.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import org.mptcpkit.drill.ScriptException;
import org.mptcpkit.drill.ast.Endpoint;
import org.mptcpkit.drill.ast.Event;
import org.mptcpkit.drill.ast.EventTime;
import org.mptcpkit.drill.ast.PacketEvent;
import org.mptcpkit.drill.ast.Script;
import org.mptcpkit.drill.ast.ScriptOption;
import org.mptcpkit.drill.ast.ScriptPrinter;
import org.mptcpkit.drill.ast.Segment;
import org.mptcpkit.drill.ast.ShellCommand;
import org.mptcpkit.drill.ast.SyscallEvent;
import org.mptcpkit.drill.ast.TcpOptionSpec;
import org.mptcpkit.drill.ast.TcpOptions;
import org.mptcpkit.drill.parse.Parser;
import org.mptcpkit.io.lab.NetNamespace;
import org.mptcpkit.io.net.RtNetlink;
import org.mptcpkit.io.net.TunDevice;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.MpJoin;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.wire.PacketCodec;

/**
 * Runs one {@code .pkt} script in one {@link Variant} against the kernel, as packetdrill does
 * (reference §6): a fresh network namespace with {@code lo} up and a TUN device named tun0 (vnet
 * header, packetdrill's offloads), the variant's addresses and route, the init command, then the
 * events in order on the namespace's own thread, and the cleanup command.
 *
 * <p>Better than packetdrill: a missing outbound packet times out after the scripted gap plus
 * {@link Config#waitExtraMillis()} (2 s by default) and the run fails; a mismatch reports every
 * differing field and both packets. Nothing outlives the run: the namespace is anonymous and dies
 * with its last descriptor, and with it tun0 and every address.
 */
public final class ScriptRun {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    /**
     * What to run.
     *
     * @param script          the {@code .pkt} file
     * @param variant         the address setup
     * @param defines         {@code -D} symbols from the command line (the variant's own come first)
     * @param options         {@code --name=value} options from the command line; they override
     *                        the script's
     * @param waitExtraMillis how much longer than scripted to wait for an outbound packet
     * @param verbose         where to log every injected and sniffed packet and syscall, or null
     */
    public record Config(Path script, Variant variant, Map<String, String> defines, Map<String, String> options,
                         long waitExtraMillis, PrintStream verbose) {
        public Config {
            Objects.requireNonNull(script, "script");
            Objects.requireNonNull(variant, "variant");
            defines = Map.copyOf(defines);
            options = Map.copyOf(options);
        }

        public static Config of(Path script, Variant variant) {
            return new Config(script, variant, Map.of(), Map.of(), 2000, null);
        }
    }

    private final Config config;
    private final Script script;
    private final String fileName;
    private final Variant variant;
    private final long toleranceUsecs;
    private final MptcpState mp;
    private final PacketEngine engine;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<Long> injectionErrors = new ArrayList<>();
    private final StringBuilder commandOutput = new StringBuilder();

    private NetNamespace ns;
    private TunDevice tun;
    private final LinkedBlockingDeque<Sniffed> sniffed = new LinkedBlockingDeque<>();
    private long startNanos;
    private final Syscaller sys;

    /** Connections, newest first (packetdrill's fd list order). */
    final List<Conn> conns = new ArrayList<>();
    private int nextEphemeralPort;

    record Sniffed(Bytes bytes, long nanos) {
    }

    private ScriptRun(Config config, Script script) {
        this.config = config;
        this.script = script;
        this.fileName = config.script().getFileName().toString();
        this.variant = config.variant();
        this.toleranceUsecs = Long.parseLong(option("tolerance_usecs", "4000"));
        long tick = Long.parseLong(option("tcp_ts_tick_usecs", "0"));
        this.mp = new MptcpState(variant.remoteIp());
        this.engine = new PacketEngine(mp, variant.wireIpv6(), tick, toleranceUsecs);
        this.sys = new Syscaller(this);
        this.nextEphemeralPort = 40000 + (SEQUENCE.getAndIncrement() * 97) % 20000;
    }

    private String option(String name, String dflt) {
        String v = config.options().get(name);
        if (v != null) return v;
        return script.option(name).orElse(dflt);
    }

    /** Parses and runs; never throws for a script problem. */
    public static RunResult run(Config config) {
        long t0 = System.nanoTime();
        String name = config.script().toString();
        Map<String, String> defines = new LinkedHashMap<>(config.variant().defines());
        defines.putAll(config.defines());
        Script script;
        try {
            script = Parser.parse(config.script(), new Parser.Settings(defines, Optional.of(config.variant().ipVersion())));
        } catch (ScriptException e) {
            return new RunResult(name, config.variant(), RunResult.Verdict.ERROR, e.getMessage(), e.line(), e.getMessage(),
                    System.nanoTime() - t0, new long[0]);
        } catch (IOException e) {
            String m = name + ": cannot read: " + e.getMessage();
            return new RunResult(name, config.variant(), RunResult.Verdict.ERROR, m, 0, m, System.nanoTime() - t0, new long[0]);
        }
        Warmup.once();
        ScriptRun run = new ScriptRun(config, script);
        return run.execute(t0, defines);
    }

    private RunResult execute(long t0, Map<String, String> defines) {
        String name = config.script().toString();
        RunResult.Verdict verdict = RunResult.Verdict.PASS;
        String first = "";
        int line = 0;
        StringBuilder report = new StringBuilder();
        try {
            ns = NetNamespace.create("drill-" + SEQUENCE.get());
        } catch (RuntimeException e) {
            String m = fileName + ": cannot create a network namespace: " + e.getMessage();
            return new RunResult(name, variant, RunResult.Verdict.ERROR, m, 0, m, System.nanoTime() - t0, new long[0]);
        }
        try {
            ns.call(() -> {
                body(defines);
                return null;
            });
        } catch (ScriptFailure f) {
            verdict = RunResult.Verdict.FAIL;
            line = f.line();
            first = fileName + (line > 0 ? ":" + line : "") + ": " + f.getMessage();
            report.append(first).append('\n');
            if (!f.details().isEmpty()) report.append(f.details()).append(f.details().endsWith("\n") ? "" : "\n");
        } catch (RuntimeException e) {
            Throwable c = e;
            while (c.getCause() != null && !(c instanceof ScriptFailure)) c = c.getCause();
            if (c instanceof ScriptFailure f) {
                verdict = RunResult.Verdict.FAIL;
                line = f.line();
                first = fileName + (line > 0 ? ":" + line : "") + ": " + f.getMessage();
                report.append(first).append('\n');
                if (!f.details().isEmpty()) report.append(f.details()).append('\n');
            } else {
                verdict = RunResult.Verdict.ERROR;
                first = fileName + ": " + c;
                report.append(first).append('\n');
            }
        } finally {
            shutdown();
        }
        long[] inj = new long[injectionErrors.size()];
        for (int i = 0; i < inj.length; i++) inj[i] = injectionErrors.get(i);
        if (verdict != RunResult.Verdict.PASS && !commandOutput.isEmpty()) {
            report.append("command output:\n").append(commandOutput);
        }
        return new RunResult(name, variant, verdict, first, line, report.toString(), System.nanoTime() - t0, inj);
    }

    private void shutdown() {
        sys.close();
        if (ns != null) {
            try {
                ns.run(() -> {
                    sys.closeAll();
                    if (tun != null) tun.close();
                });
            } catch (RuntimeException ignored) {
                // The namespace goes away below whatever failed here.
            }
            ns.close();
        }
    }

    // ================================================================== setup

    private void body(Map<String, String> defines) throws Exception {
        tun = TunDevice.open("tun0", true, TunDevice.PACKETDRILL_OFFLOADS);
        RtNetlink rtnl = ns.rtnetlink();
        if (variant.mtu() > 0) rtnl.setMtu(tun.index(), variant.mtu());
        rtnl.setUp(tun.index());
        rtnl.addAddress(tun.index(), variant.localIp(), variant.localPrefix());
        rtnl.addRoute(network(variant.remoteIp(), variant.remotePrefix()), variant.remotePrefix(), variant.gatewayIp(),
                tun.index(), false);
        if (variant.wireIpv6()) awaitUsable(variant.localIp());
        buildEnv(defines);
        if (script.initCommand().isPresent()) {
            ShellCommand init = script.initCommand().get();
            int status = shell(init.command());
            if (status != 0) {
                throw new ScriptFailure(0, "error executing init command: non-zero status " + status);
            }
        }
        Warmup.thisThread(variant.wireIpv6());
        Warmup.syscalls();
        if (!"0".equals(option("realtime", "1"))) Realtime.enter();
        startNanos = System.nanoTime();
        try {
            events();
        } finally {
            if (script.initCommand().isPresent() && script.cleanupCommand().isPresent()) {
                shell(script.cleanupCommand().get().command());
            }
        }
    }

    /**
     * Waits until the kernel may use the IPv6 address: a new address is tentative until the
     * duplicate address detection work has run (skipped on NOARP tun0, but still asynchronous),
     * and a SYN to a tentative address is dropped. bind() refuses it meanwhile (EADDRNOTAVAIL).
     */
    private static void awaitUsable(InetAddress address) {
        long deadline = System.nanoTime() + 3_000_000_000L;
        try (java.lang.foreign.Arena a = java.lang.foreign.Arena.ofConfined()) {
            java.lang.foreign.MemorySegment sa = a.allocate(org.mptcpkit.io.sys.SockAddr.MAX_LENGTH);
            int len = org.mptcpkit.io.sys.SockAddr.write(sa, address, 0);
            while (System.nanoTime() < deadline) {
                int fd = org.mptcpkit.io.sys.LibC.socket(org.mptcpkit.io.sys.LibC.AF_INET6, org.mptcpkit.io.sys.LibC.SOCK_DGRAM, 0);
                int r = org.mptcpkit.io.sys.LibC.bind(fd, sa, len);
                org.mptcpkit.io.sys.LibC.closeQuietly(fd);
                if (r == 0) return;
                LockSupport.parkNanos(200_000);
            }
        }
    }

    private static InetAddress network(InetAddress a, int prefix) throws UnknownHostException {
        byte[] b = a.getAddress();
        for (int i = 0; i < b.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            b[i] &= (byte) (0xff << (8 - bits));
        }
        return InetAddress.getByAddress(b);
    }

    private void buildEnv(Map<String, String> defines) {
        String localIp = variant.localIp().getHostAddress();
        if (variant.wireIpv6()) localIp = "fd3d:fa7b:d17d::0";
        env.put("OPT_IP_VERSION", variant.ipVersion().spelling());
        env.put("OPT_BIND_PORT", "8080");
        env.put("OPT_CONNECT_PORT", "8080");
        env.put("OPT_REMOTE_IP", variant.remoteIp().getHostAddress());
        env.put("OPT_LOCAL_IP", localIp);
        env.put("OPT_GATEWAY_IP", variant.gatewayIp().getHostAddress());
        env.put("OPT_NETMASK_IP", variant.netmask());
        env.put("OPT_LOCAL_DEV", "tun0");
        env.put("OPT_MSS", "0");
        env.put("OPT_MTU", Integer.toString(variant.mtu() > 0 ? variant.mtu() : 1500));
        env.put("OPT_TOLERANCE_USECS", Long.toString(toleranceUsecs));
        env.put("OPT_TCP_TS_TICK_USECS", option("tcp_ts_tick_usecs", "0"));
        env.put("OPT_NON_FATAL", "");
        env.put("OPT_INIT_SCRIPTS", "");
        env.put("OPT_STRICT_SEGMENTS", option("strict_segments", "0"));
        env.put("OPT_CODE_COMMAND", "python3");
        env.put("OPT_CODE_FORMAT", "python");
        env.put("OPT_DRY_RUN", "0");
        env.put("OPT_VERBOSE", config.verbose() != null ? "1" : "0");
        for (ScriptOption o : script.options()) {
            if (o.name().equals("define") && o.value().isPresent()) {
                String v = o.value().get();
                int eq = v.indexOf('=');
                if (eq > 0) env.put(v.substring(0, eq), v.substring(eq + 1));
            }
        }
        env.putAll(defines);
    }

    /** Runs {@code sh -c command} inside the namespace with cwd = the script's folder. */
    private int shell(String command) throws IOException, InterruptedException {
        Path dir = config.script().toAbsolutePath().getParent();
        ProcessBuilder pb = new ProcessBuilder("nsenter", "--net=" + ns.path(), "sh", "-c", command);
        pb.directory(dir.toFile());
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        int status = p.waitFor();
        if (out.length > 0) {
            String text = new String(out, StandardCharsets.UTF_8);
            commandOutput.append("`").append(command).append("`:\n").append(text);
            if (config.verbose() != null) config.verbose().print(text);
        }
        return status;
    }

    private final byte[] readBuffer = new byte[70_000];

    /**
     * Reads the next packet the kernel sent out of tun0 into the queue, waiting at most
     * {@code millis}; false on timeout. Read on the script's own thread, as packetdrill does: a
     * hand-off through a sniffer thread costs two wake-ups, enough for the kernel's path manager
     * to send an ADD_ADDR before an RST that packetdrill injects first.
     */
    private boolean sniff(long millis) {
        int n = tun.read(readBuffer, millis);
        if (n < 0) return false;
        sniffed.add(new Sniffed(Bytes.copyOf(readBuffer, 0, n), System.nanoTime()));
        return true;
    }

    /** The next sniffed packet, at most until script time {@code deadlineUsecs}; null on timeout. */
    private Sniffed nextSniffed(long deadlineUsecs) {
        Sniffed s = sniffed.poll();
        if (s != null) return s;
        while (true) {
            long left = deadlineUsecs - nowUsecs();
            if (left < 0) return null;
            if (sniff(Math.max(1, Math.min(left / 1000 + 1, 1000)))) return sniffed.poll();
        }
    }

    // ================================================================== time

    long nowUsecs() {
        return (System.nanoTime() - startNanos) / 1000;
    }

    long usecsOf(long nanos) {
        return (nanos - startNanos) / 1000;
    }

    /**
     * Waits until script time {@code usecs}: reads (and time-stamps) outbound packets while more
     * than 1.5 ms are left, then parks until 200 µs before and spins.
     */
    void waitUntil(long usecs) {
        long target = startNanos + usecs * 1000;
        while (true) {
            long left = target - System.nanoTime();
            if (left <= 0) return;
            if (left > 1_500_000) sniff((left - 1_000_000) / 1_000_000);
            else if (left > 300_000) LockSupport.parkNanos(left - 200_000);
            else Thread.onSpinWait();
        }
    }

    static String secs(long usecs) {
        // No String.format: its first use costs milliseconds, and this runs between packets.
        StringBuilder sb = new StringBuilder();
        if (usecs < 0) {
            sb.append('-');
            usecs = -usecs;
        }
        String frac = Long.toString(usecs % 1_000_000);
        sb.append(usecs / 1_000_000).append('.');
        for (int i = frac.length(); i < 6; i++) sb.append('0');
        return sb.append(frac).toString();
    }

    String tolSecs() {
        return secs(toleranceUsecs);
    }

    long waitExtraMillis() {
        return config.waitExtraMillis();
    }

    long tolerance() {
        return toleranceUsecs;
    }

    int line(Event e) {
        return e.position().line();
    }

    // ================================================================== events

    private void events() throws Exception {
        Event last = null;
        long lastScriptTime = 0;
        boolean first = true;
        for (Event e : script.events()) {
            sys.checkFinished();
            long start, end;
            EventTime t = e.time();
            long anchor;
            boolean chain = last != null && last.action() instanceof PacketEvent lp && lp.inbound()
                    && e.action() instanceof PacketEvent cp && cp.inbound();
            anchor = chain ? lastScriptTime : nowUsecs();
            switch (t) {
                case EventTime.Absolute a -> {
                    start = end = a.micros();
                    if (first && a.micros() != 0) throw new ScriptFailure(line(e), "first event should be at time 0");
                    if (a.micros() < lastScriptTime) {
                        throw new ScriptFailure(line(e), "time goes backward in script from " + lastScriptTime + " usec to "
                                + a.micros() + " usec");
                    }
                }
                case EventTime.Relative r -> start = end = anchor + r.micros();
                case EventTime.Any any -> {
                    start = anchor;
                    end = Long.MAX_VALUE;
                }
                case EventTime.AbsoluteRange r -> {
                    start = r.startMicros();
                    end = r.endMicros();
                }
                case EventTime.RelativeRange r -> {
                    start = anchor + r.startMicros();
                    end = anchor + r.endMicros();
                }
                case EventTime.Blocking b -> {
                    if (b.start() instanceof EventTime.Relative r) {
                        start = anchor + r.micros();
                        end = anchor + b.endMicros();
                    } else {
                        start = b.start().micros();
                        end = b.endMicros();
                    }
                }
            }
            first = false;
            switch (e.action()) {
                case PacketEvent p -> {
                    if (p.inbound()) inject(e, p, start);
                    else expect(e, p, start, end, t instanceof EventTime.Any);
                }
                case SyscallEvent s -> {
                    waitUntil(start);
                    checkStartTime(e, "system call start", start);
                    sys.call(e, s, start, t instanceof EventTime.Blocking ? end : -1);
                }
                case org.mptcpkit.drill.ast.CommandEvent c -> {
                    waitUntil(start);
                    checkStartTime(e, "command start", start);
                    int status = shell(c.command());
                    if (status != 0) {
                        throw new ScriptFailure(line(e), "error executing `" + c.command() + "` command: non-zero status " + status);
                    }
                }
                case org.mptcpkit.drill.ast.CodeEvent c -> {
                    // Python TCP_INFO assertions need packetdrill's own TCP_INFO dump; not supported.
                    throw new ScriptFailure(line(e), "%{ }% code blocks are not supported by mptcpkit drill");
                }
            }
            last = e;
            lastScriptTime = t instanceof EventTime.Any ? nowUsecs() : start;
        }
        sys.finish();
    }

    private void checkStartTime(Event e, String what, long expected) {
        long now = nowUsecs();
        if (now > expected + toleranceUsecs) {
            throw new ScriptFailure(line(e), "timing error: expected " + what + " at " + secs(expected) + " sec but happened at "
                    + secs(now) + " sec; tolerance " + tolSecs() + " sec");
        }
    }

    // ================================================================== inbound

    private int ephemeralPort() {
        int p = nextEphemeralPort++;
        if (nextEphemeralPort > 60999) nextEphemeralPort = 40000;
        return p;
    }

    private InetAddress wireLocal() {
        return variant.localIp();
    }

    private static boolean hasJoinSyn(Segment.Tcp seg) {
        if (seg.options() instanceof TcpOptions.Exactly ex) {
            for (TcpOptionSpec o : ex.options()) if (o instanceof TcpOptionSpec.MpJoinSyn) return true;
        }
        return false;
    }

    private MptcpState.Endpoint boundVar(Endpoint e) {
        return e instanceof Endpoint.Variable v ? mp.addrVars.get(v.name()) : null;
    }

    private void inject(Event e, PacketEvent p, long at) {
        Conn c;
        IpPacket pkt;
        switch (p.segment()) {
            case Segment.Tcp seg -> {
                c = inboundConn(e, seg);
                pkt = engine.inbound(p, seg, c, line(e));
            }
            case Segment.Udp seg -> {
                c = udpConn(seg);
                if (c == null) throw new ScriptFailure(line(e), "error handling packet: no UDP socket for script packet");
                pkt = engine.inbound(p, seg, c);
            }
            case Segment.Icmp seg -> {
                c = icmpConn(seg);
                if (c == null) throw new ScriptFailure(line(e), "error handling packet: no socket for the ICMP message to quote");
                try {
                    pkt = engine.inbound(p, seg, c);
                } catch (IllegalArgumentException x) {
                    throw new ScriptFailure(line(e), "error handling packet: " + x.getMessage());
                }
            }
        }
        byte[] bytes = PacketCodec.encode(pkt);
        waitUntil(at);
        long before = System.nanoTime();
        tun.write(bytes);
        long error = before - (startNanos + at * 1000);
        injectionErrors.add(error);
        if (error / 1000 > toleranceUsecs) {
            throw new ScriptFailure(line(e), "error handling packet: timing error: expected inbound packet at " + secs(at)
                    + " sec but happened at " + secs(usecsOf(before)) + " sec; tolerance " + tolSecs() + " sec");
        }
        if (config.verbose() != null) {
            config.verbose().println(secs(usecsOf(before)) + " inbound injected packet (" + (error / 1000) + " us late): "
                    + (p.segment() instanceof Segment.Tcp ? MptcpFormat.packet(pkt, c, mp, '<')
                    : ScriptPrinter.print(p) + " (" + c + ", " + bytes.length + " bytes)"));
        }
        if (p.segment() instanceof Segment.Tcp seg) bindTuple(seg, c, true);
    }

    /**
     * The socket an inbound ICMP error is about: the newest UDP socket for a {@code [udp(N)]}
     * quote, else the newest TCP connection whose kernel side is known (a connect() whose SYN was
     * seen included).
     */
    private Conn icmpConn(Segment.Icmp seg) {
        boolean udp = seg.echoed().isPresent() && seg.echoed().get() instanceof Segment.Echoed.UdpDatagram;
        for (Conn c : conns) {
            if (c.udp == udp && !c.connecting) return c;
        }
        if (seg.echoed().isEmpty()) {
            for (Conn c : conns) if (c.udp) return c;
        }
        return null;
    }

    /**
     * The newest UDP socket whose endpoints fit the line's tuple variables where they are bound
     * ({@code addr[NAME]}); unbound ones are then bound to it.
     */
    private Conn udpConn(Segment.Udp seg) {
        MptcpState.Endpoint bsrc = boundVar(seg.tuple().source()), bdst = boundVar(seg.tuple().destination());
        for (Conn c : conns) {
            if (!c.udp) continue;
            if (bsrc != null && !(c.remoteIp.equals(bsrc.address()) && c.remotePort == bsrc.port())) continue;
            if (bdst != null && !(c.localIp.equals(bdst.address()) && c.localPort == bdst.port())) continue;
            MptcpState.Endpoint local = new MptcpState.Endpoint(c.localIp, c.localPort);
            MptcpState.Endpoint remote = new MptcpState.Endpoint(c.remoteIp, c.remotePort);
            if (seg.tuple().source() instanceof Endpoint.Variable v) mp.addrVars.putIfAbsent(v.name(), remote);
            if (seg.tuple().destination() instanceof Endpoint.Variable v) mp.addrVars.putIfAbsent(v.name(), local);
            return c;
        }
        return null;
    }

    private Conn inboundConn(Event e, Segment.Tcp seg) {
        boolean synOnly = seg.flags().syn() && !seg.flags().ack();
        Endpoint src = seg.tuple().source(), dst = seg.tuple().destination();
        MptcpState.Endpoint bsrc = boundVar(src), bdst = boundVar(dst);
        if (synOnly && (hasJoinSyn(seg) || sys.hasListener())) {
            InetAddress lip = bdst != null ? bdst.address() : wireLocal();
            int lport = bdst != null ? bdst.port() : 8080;
            InetAddress rip;
            int rport;
            if (bsrc != null) {
                rip = bsrc.address();
                rport = bsrc.port();
            } else if (hasJoinSyn(seg) && src instanceof Endpoint.Variable) {
                rip = mp.newPdAddress().address();
                rport = ephemeralPort();
            } else {
                rip = variant.remoteIp();
                rport = ephemeralPort();
            }
            Conn c = new Conn(lip, lport, rip, rport);
            c.mptcp = true;
            c.join = hasJoinSyn(seg);
            c.awaitingAccept = !c.join;
            conns.addFirst(c);
            return c;
        }
        for (Conn c : conns) {
            if (c.udp) continue;
            if (bsrc != null && !(c.remoteIp.equals(bsrc.address()) && c.remotePort == bsrc.port())) continue;
            if (bdst != null && !(c.localIp.equals(bdst.address()) && c.localPort == bdst.port())) continue;
            if (c.connecting) continue;
            return c;
        }
        throw new ScriptFailure(line(e), "error handling packet: no matching socket for script packet");
    }

    /** Binds unbound tuple variables to the connection's live endpoints (§4.6). */
    private void bindTuple(Segment.Tcp seg, Conn c, boolean inbound) {
        Endpoint src = seg.tuple().source(), dst = seg.tuple().destination();
        MptcpState.Endpoint local = new MptcpState.Endpoint(c.localIp, c.localPort);
        MptcpState.Endpoint remote = new MptcpState.Endpoint(c.remoteIp, c.remotePort);
        if (src instanceof Endpoint.Variable v) mp.addrVars.putIfAbsent(v.name(), inbound ? remote : local);
        if (dst instanceof Endpoint.Variable v) mp.addrVars.putIfAbsent(v.name(), inbound ? local : remote);
    }

    // ================================================================== outbound

    private record Live(IpPacket ip, Tcp tcp, InetAddress src, InetAddress dst, long nanos) {
    }

    private Live decode(Sniffed s) {
        IpPacket ip = PacketCodec.decode(s.bytes()).value();
        return switch (ip) {
            case Ip4 p when p.payload() instanceof Tcp t ->
                    new Live(ip, t, p.src().toInetAddress(), p.dst().toInetAddress(), s.nanos());
            case Ip6 p when p.payload() instanceof Tcp t ->
                    new Live(ip, t, p.src().toInetAddress(), p.dst().toInetAddress(), s.nanos());
            default -> null;
        };
    }

    /** The connection a live outbound packet belongs to; may create one (connect, kernel join); null = unknown. */
    private Conn liveConn(Live l) {
        for (Conn c : conns) {
            if (!c.udp && c.matchesOutbound(l.src(), l.tcp().srcPort(), l.dst(), l.tcp().dstPort())) return c;
        }
        boolean synOnly = l.tcp().flags().syn() && !l.tcp().flags().ack();
        if (!synOnly) return null;
        for (Conn c : conns) {
            if (!c.udp && c.connecting && c.remoteIp.equals(l.dst()) && c.remotePort == l.tcp().dstPort()) {
                c.connecting = false;
                c.localIp = l.src();
                c.localPort = l.tcp().srcPort();
                return c;
            }
        }
        for (TcpOption o : l.tcp().options()) {
            if (o instanceof MpJoin.Syn) {
                Conn c = new Conn(l.src(), l.tcp().srcPort(), l.dst(), l.tcp().dstPort());
                c.mptcp = true;
                c.join = true;
                c.kernelInitiated = true;
                conns.addFirst(c);
                return c;
            }
        }
        return null;
    }

    private Conn expectedConn(Segment.Tcp seg, Conn live, boolean liveIsNew) {
        boolean synOnly = seg.flags().syn() && !seg.flags().ack();
        if (synOnly && hasJoinSyn(seg)) return liveIsNew ? live : null;
        MptcpState.Endpoint bsrc = boundVar(seg.tuple().source()), bdst = boundVar(seg.tuple().destination());
        for (Conn c : conns) {
            if (c.udp) continue;
            if (bsrc != null && !(c.localIp.equals(bsrc.address()) && c.localPort == bsrc.port())) continue;
            if (bdst != null && !(c.remoteIp.equals(bdst.address()) && c.remotePort == bdst.port())) continue;
            if (c.connecting && c != live) continue;
            return c;
        }
        return null;
    }

    private void expect(Event e, PacketEvent p, long start, long end, boolean any) throws InterruptedException {
        long deadlineUsecs = (end == Long.MAX_VALUE ? Math.max(start, nowUsecs()) : Math.max(end, nowUsecs()))
                + config.waitExtraMillis() * 1000;
        Segment.Tcp seg;
        switch (p.segment()) {
            case Segment.Tcp t -> seg = t;
            case Segment.Udp u -> {
                expectUdp(e, p, u, start, end, any, deadlineUsecs);
                return;
            }
            case Segment.Icmp i -> throw new ScriptFailure(line(e),
                    "error handling packet: outbound ICMP packets are not supported by mptcpkit drill");
        }
        Live live;
        Conn c;
        while (true) {
            Sniffed s = nextSniffed(deadlineUsecs);
            if (s == null) {
                throw new ScriptFailure(line(e), "error handling packet: timed out waiting for packet: no outbound packet within "
                        + secs(config.waitExtraMillis() * 1000) + " s after its scripted time " + secs(start) + " sec",
                        "script packet:  " + ScriptPrinter.print(p));
            }
            live = decode(s);
            if (live == null) continue;
            int before = conns.size();
            c = liveConn(live);
            if (c == null) continue;
            boolean isNew = conns.size() > before;
            Conn want = expectedConn(seg, c, isNew);
            if (config.verbose() != null) {
                config.verbose().println(secs(usecsOf(live.nanos())) + " outbound sniffed packet: "
                        + MptcpFormat.packet(live.ip(), c, mp, '>'));
            }
            if (want != c) {
                throw new ScriptFailure(line(e), "error handling packet: packet is not for expected socket",
                        "script packet:  " + ScriptPrinter.print(p) + "\nactual packet:  " + MptcpFormat.packet(live.ip(), c, mp, '>'));
            }
            break;
        }
        Tcp tcp = live.tcp();
        // Aggregation of TSO-split or small segments up to the scripted payload (§5).
        if (!"1".equals(option("strict_segments", "0")) && tcp.payload().length() > 0 && tcp.payload().length() < seg.payloadLength()) {
            live = aggregate(live, seg.payloadLength(), deadlineUsecs);
            tcp = live.tcp();
        }
        if (tcp.flags().syn()) {
            if (!c.localIsnKnown) {
                c.localIsnKnown = true;
                c.localIsnOffset = (tcp.seq() - seg.startSequence()) & 0xffff_ffffL;
            }
        }
        PacketEngine.Diffs d = engine.compare(p, seg, live.ip(), tcp, c, line(e));
        if (!d.isEmpty()) {
            StringBuilder sb = new StringBuilder();
            sb.append("differing fields (").append(d.all.size()).append("):\n");
            for (String s : d.all) sb.append("  ").append(s).append('\n');
            sb.append("script packet:  ").append(secs(start)).append(' ').append(ScriptPrinter.print(p)).append('\n');
            sb.append("actual packet:  ").append(secs(usecsOf(live.nanos()))).append(' ')
                    .append(MptcpFormat.packet(live.ip(), c, mp, '>'));
            throw new ScriptFailure(line(e), "error handling packet: " + d.first, sb.toString());
        }
        checkOutboundTime(e, live.nanos(), start, end, any);
        bindTuple(seg, c, false);
    }

    private void checkOutboundTime(Event e, long nanos, long start, long end, boolean any) {
        long at = usecsOf(nanos);
        if (!any) {
            long lo = start - toleranceUsecs, hi = end + toleranceUsecs;
            if (at < lo || at > hi) {
                String exp = start == end ? secs(start) : secs(start) + "~" + secs(end);
                throw new ScriptFailure(line(e), "error handling packet: timing error: expected outbound packet at " + exp
                        + " sec but happened at " + secs(at) + " sec; tolerance " + tolSecs() + " sec");
            }
        }
    }

    /**
     * An outbound {@code udp (LEN)} line: the next live UDP datagram of a UDP socket the script
     * opened is compared field by field; a TCP segment of a known connection in its place fails
     * the line (packetdrill compares whatever comes next); anything else (IPv6 neighbour
     * discovery, a datagram of no script socket) is skipped.
     */
    private void expectUdp(Event e, PacketEvent p, Segment.Udp seg, long start, long end, boolean any, long deadlineUsecs)
            throws InterruptedException {
        while (true) {
            Sniffed s = nextSniffed(deadlineUsecs);
            if (s == null) {
                throw new ScriptFailure(line(e), "error handling packet: timed out waiting for packet: no outbound packet within "
                        + secs(config.waitExtraMillis() * 1000) + " s after its scripted time " + secs(start) + " sec",
                        "script packet:  " + ScriptPrinter.print(p));
            }
            IpPacket ip = PacketCodec.decode(s.bytes()).value();
            InetAddress src, dst;
            org.mptcpkit.packet.IpPayload payload;
            int proto;
            switch (ip) {
                case Ip4 v4 -> {
                    src = v4.src().toInetAddress();
                    dst = v4.dst().toInetAddress();
                    payload = v4.payload();
                    proto = v4.protocol();
                }
                case Ip6 v6 -> {
                    src = v6.src().toInetAddress();
                    dst = v6.dst().toInetAddress();
                    payload = v6.payload();
                    proto = v6.nextHeader();
                }
                case org.mptcpkit.packet.RawPacket r -> {
                    continue;
                }
            }
            if (payload instanceof Tcp t) {
                Live l = new Live(ip, t, src, dst, s.nanos());
                Conn tc = null;
                for (Conn c : conns) {
                    if (!c.udp && c.matchesOutbound(src, t.srcPort(), dst, t.dstPort())) tc = c;
                }
                if (tc == null) continue;
                throw new ScriptFailure(line(e), "error handling packet: live packet is TCP, script packet is UDP",
                        "script packet:  " + ScriptPrinter.print(p) + "\nactual packet:  " + MptcpFormat.packet(l.ip(), tc, mp, '>'));
            }
            if (proto != UdpHeader.PROTOCOL || !(payload instanceof org.mptcpkit.packet.RawPayload raw)) continue;
            UdpHeader udp = UdpHeader.parse(raw.bytes());
            if (udp == null) continue;
            Conn c = null;
            for (Conn k : conns) {
                if (k.udp && k.matchesOutbound(src, udp.srcPort(), dst, udp.dstPort())) {
                    c = k;
                    break;
                }
            }
            if (c == null) {
                // An unconnected socket's datagram: take the newest UDP socket bound to its port.
                for (Conn k : conns) {
                    if (k.udp && k.localPort == udp.srcPort()) {
                        c = k;
                        break;
                    }
                }
            }
            if (c == null) continue;
            if (config.verbose() != null) {
                config.verbose().println(secs(usecsOf(s.nanos())) + " outbound sniffed packet: " + udpText(ip, udp, src, dst));
            }
            PacketEngine.Diffs d = engine.compare(p, seg, ip, udp, c);
            if (!d.isEmpty()) {
                StringBuilder sb = new StringBuilder();
                sb.append("differing fields (").append(d.all.size()).append("):\n");
                for (String x : d.all) sb.append("  ").append(x).append('\n');
                sb.append("script packet:  ").append(secs(start)).append(' ').append(ScriptPrinter.print(p)).append('\n');
                sb.append("actual packet:  ").append(secs(usecsOf(s.nanos()))).append(' ').append(udpText(ip, udp, src, dst));
                throw new ScriptFailure(line(e), "error handling packet: " + d.first, sb.toString());
            }
            checkOutboundTime(e, s.nanos(), start, end, any);
            return;
        }
    }

    private static String hostPort(InetAddress a, int port) {
        return (a instanceof java.net.Inet6Address ? "[" + a.getHostAddress() + "]" : a.getHostAddress()) + ":" + port;
    }

    /** A live datagram in {@code .pkt} syntax, with its addresses and ports. */
    private static String udpText(IpPacket ip, UdpHeader udp, InetAddress src, InetAddress dst) {
        return "> " + hostPort(src, udp.srcPort()) + " > " + hostPort(dst, udp.dstPort())
                + " udp (" + udp.payload().length() + ")" + (udp.length() != UdpHeader.HEADER_LENGTH + udp.payload().length()
                ? " [udp length " + udp.length() + "]" : "");
    }

    private Live aggregate(Live first, int want, long deadlineUsecs) throws InterruptedException {
        Bytes payload = first.tcp().payload();
        Tcp last = first.tcp();
        while (payload.length() < want) {
            Sniffed s = nextSniffed(deadlineUsecs);
            if (s == null) break;
            Live l = decode(s);
            if (l == null || !l.src().equals(first.src()) || l.tcp().srcPort() != first.tcp().srcPort()
                    || !l.dst().equals(first.dst()) || l.tcp().dstPort() != first.tcp().dstPort()
                    || l.tcp().seq() != ((first.tcp().seq() + payload.length()) & 0xffff_ffffL)) {
                sniffed.addFirst(s);
                break;
            }
            payload = payload.concat(l.tcp().payload());
            last = l.tcp();
        }
        Tcp t = first.tcp();
        Tcp merged = new Tcp(t.srcPort(), t.dstPort(), t.seq(), t.ack(), t.dataOffset(), t.reserved(),
                org.mptcpkit.packet.TcpFlags.of(t.flags().bits() | last.flags().bits()), t.window(), t.checksum(),
                t.urgentPointer(), t.options(), payload);
        IpPacket ip = switch (first.ip()) {
            case Ip4 p -> new Ip4(p.version(), p.ihl(), p.dscp(), p.ecn(), p.totalLength() + payload.length() - t.payload().length(),
                    p.identification(), p.reservedFlag(), p.df(), p.mf(), p.fragmentOffset(), p.ttl(), p.protocol(),
                    p.headerChecksum(), p.src(), p.dst(), p.options(), merged, p.trailer());
            case Ip6 p -> new Ip6(p.version(), p.dscp(), p.ecn(), p.flowLabel(), p.payloadLength() + payload.length() - t.payload().length(),
                    p.nextHeader(), p.hopLimit(), p.src(), p.dst(), p.extensionHeaders(), merged, p.trailer());
            default -> first.ip();
        };
        return new Live(ip, merged, first.src(), first.dst(), first.nanos());
    }

    // ================================================================== for Syscaller

    Variant variant() {
        return variant;
    }

    /** The folder of the script: relative paths in open() resolve against it. */
    java.nio.file.Path scriptFolder() {
        java.nio.file.Path parent = config.script().toAbsolutePath().getParent();
        return parent == null ? java.nio.file.Path.of(".") : parent;
    }

    NetNamespace namespace() {
        return ns;
    }

    PrintStream verbose() {
        return config.verbose();
    }

    /** connect(): a new connection towards remote:8080 whose local side the outbound SYN tells. */
    Conn newConnecting(boolean mptcp) {
        Conn c = new Conn(wireLocal(), 0, variant.remoteIp(), 8080);
        c.connecting = true;
        c.mptcp = mptcp;
        conns.addFirst(c);
        return c;
    }

    /**
     * A UDP socket's endpoints (bind, connect or an implicit bind by sending): the local side from
     * getsockname (the wildcard address means tun0's), the remote side from getpeername or, for an
     * unconnected socket, packetdrill's address and a port of its own.
     */
    Conn udpSocket(Conn c, InetAddress localIp, int localPort, InetAddress peerIp, int peerPort) {
        if (c == null) {
            c = new Conn(wireLocal(), 0, variant.remoteIp(), ephemeralPort());
            c.udp = true;
            conns.addFirst(c);
        }
        c.localIp = localIp == null || localIp.isAnyLocalAddress() ? wireLocal() : unmapped(localIp);
        c.localPort = localPort;
        if (peerIp != null) {
            c.remoteIp = unmapped(peerIp);
            c.remotePort = peerPort;
        }
        return c;
    }

    /** Where an unconnected UDP socket's last sendto() went: its datagrams are checked against it. */
    void udpDestination(Conn c, InetAddress ip, int port) {
        c.remoteIp = unmapped(ip);
        c.remotePort = port;
    }

    /** ::ffff:a.b.c.d as a.b.c.d: what an IPv6 socket in the mapped variant puts on the wire. */
    private static InetAddress unmapped(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length != 16) return a;
        for (int i = 0; i < 10; i++) if (b[i] != 0) return a;
        if (b[10] != (byte) 0xff || b[11] != (byte) 0xff) return a;
        try {
            return InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]});
        } catch (UnknownHostException x) {
            throw new IllegalStateException(x);
        }
    }

    /** accept(): the oldest connection a SYN opened that no accept() returned yet. */
    Conn takeAccepted() {
        for (int i = conns.size() - 1; i >= 0; i--) {
            Conn c = conns.get(i);
            if (c.awaitingAccept) {
                c.awaitingAccept = false;
                return c;
            }
        }
        return null;
    }
}
