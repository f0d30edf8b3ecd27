package org.mptcpkit.drill.exec;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.mptcpkit.drill.ast.Event;
import org.mptcpkit.drill.ast.Expr;
import org.mptcpkit.drill.ast.SyscallEvent;
import org.mptcpkit.io.sys.Errno;
import org.mptcpkit.io.sys.LibC;
import org.mptcpkit.io.sys.SockAddr;

/**
 * Makes a script's system calls on the kernel through {@link LibC} (reference §4.7): script fds
 * mapped to live fds, {@code ...} arguments filled in from the variant (domain, local and remote
 * address, port 8080; MPTCP sockets bind to the wildcard address as in the fork), zero-filled
 * buffers, and the result, errno and output arguments checked. Blocking calls ({@code T...END})
 * run on a second thread; the script goes on once that thread sleeps in the kernel or is done.
 */
final class Syscaller {
    private static final Linker LINKER = Linker.nativeLinker();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO = CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final MethodHandle RECVMSG = handle("recvmsg",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle SENDMSG = handle("sendmsg",
            FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
    private static final MethodHandle PIPE = handle("pipe", FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle SENDFILE = handle("sendfile", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG));
    private static final MethodHandle SPLICE = handle("splice", FunctionDescriptor.of(ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
            ValueLayout.JAVA_INT));
    private static final MethodHandle EPOLL_CREATE = handle("epoll_create",
            FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    private static final MethodHandle EPOLL_CTL = handle("epoll_ctl", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.ADDRESS));
    private static final MethodHandle EPOLL_WAIT = handle("epoll_wait", FunctionDescriptor.of(ValueLayout.JAVA_INT,
            ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
    /** struct epoll_event is packed on x86-64: events (4 bytes) then data (8 bytes). */
    private static final long EPOLL_EVENT_SIZE = 12;
    private static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));

    @SuppressWarnings("restricted") // binding recvmsg/sendmsg is the point
    private static MethodHandle handle(String name, FunctionDescriptor fd) {
        MemorySegment sym = LINKER.defaultLookup().find(name).orElseThrow();
        return LINKER.downcallHandle(sym, fd, Linker.Option.captureCallState("errno"));
    }

    /** One recvmsg(MSG_DONTWAIT) on {@code fd} with an empty buffer, to link the downcall (Warmup). */
    static void warmRecvmsg(int fd) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment msg = a.allocate(56, 8);
            long r = (long) RECVMSG.invokeExact(CAPTURE.get(), fd, msg, LibC.MSG_DONTWAIT);
        } catch (Throwable t) {
            // Warming up is an optimisation only.
        }
    }

    /** A script fd. */
    static final class Fd {
        final int live;
        final boolean mptcp;
        /** SOCK_DGRAM: its endpoints are read back from the kernel after bind, connect and sends. */
        boolean udp;
        boolean listener;
        Conn conn;

        Fd(int live, boolean mptcp) {
            this.live = live;
            this.mptcp = mptcp;
        }
    }

    private record Outcome(long ret, int errno, long endNanos) {
    }

    private final ScriptRun run;
    private final Map<Integer, Fd> fds = new HashMap<>();
    private final List<Integer> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
    private Thread blockingThread;
    private volatile int blockingTid;
    private volatile boolean blockingInCall;
    private CompletableFuture<Outcome> pending;
    private Event pendingEvent;
    private long pendingEnd;

    Syscaller(ScriptRun run) {
        this.run = run;
    }

    boolean hasListener() {
        for (Fd f : fds.values()) if (f.listener) return true;
        return false;
    }

    // ------------------------------------------------------------------ scheduling

    void call(Event e, SyscallEvent s, long start, long blockingEnd) throws Exception {
        if (blockingEnd >= 0) {
            if (pending != null) {
                waitPending(1000);
                if (pending != null) {
                    throw new ScriptFailure(run.line(e), "blocking system call while another blocking system call is already in progress");
                }
            }
            CompletableFuture<Outcome> f = new CompletableFuture<>();
            pending = f;
            pendingEvent = e;
            pendingEnd = blockingEnd;
            Thread t = Thread.ofPlatform().name("drill-blocking").daemon(true).start(() -> {
                blockingTid = LibC.gettid();
                try {
                    f.complete(invoke(e, s, true));
                } catch (Throwable x) {
                    f.completeExceptionally(x);
                }
            });
            blockingThread = t;
            // Go on once the call sleeps in the kernel (state S) or has returned.
            long giveUp = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(1000, (blockingEnd - run.nowUsecs()) / 1000 + 1000));
            while (!f.isDone() && System.nanoTime() < giveUp) {
                if (blockingInCall && sleeping(blockingTid)) break;
                Thread.sleep(0, 100_000);
            }
            checkFinished();
            return;
        }
        if (pending != null) waitPending(1000);
        checkFinished();
        // Watchdog: a call the script did not mark blocking (T...END) that blocks all the same
        // would hang the run, as it hangs packetdrill; shutting the sockets down wakes it.
        long limit = run.waitExtraMillis();
        Thread self = Thread.currentThread();
        java.util.concurrent.atomic.AtomicBoolean fired = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.ScheduledFuture<?> dog = WATCHDOG.schedule(() -> {
            fired.set(true);
            for (int fd : List.copyOf(opened)) LibC.shutdown(fd, LibC.SHUT_RDWR);
        }, limit, TimeUnit.MILLISECONDS);
        try {
            invoke(e, s, false);
        } catch (ScriptFailure f) {
            if (!fired.get()) throw f;
        } finally {
            dog.cancel(false);
        }
        if (fired.get()) {
            throw fail(e, s, "did not return within " + ScriptRun.secs(limit * 1000) + " s; a call that blocks needs a "
                    + "blocking time such as '+0...0.5 " + s.name() + "(...)'");
        }
        if (self.isInterrupted()) Thread.interrupted();
    }

    private static final java.util.concurrent.ScheduledExecutorService WATCHDOG =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
                    r -> Thread.ofPlatform().name("drill-watchdog").daemon(true).unstarted(r));

    private static boolean sleeping(int tid) {
        if (tid == 0) return false;
        try {
            String stat = Files.readString(Path.of("/proc/thread-self/../" + tid + "/stat"));
            int close = stat.lastIndexOf(')');
            return close > 0 && close + 2 < stat.length() && stat.charAt(close + 2) == 'S';
        } catch (Exception x) {
            return false;
        }
    }

    private void waitPending(long millis) throws InterruptedException {
        try {
            pending.get(millis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException ignored) {
            // Reported by checkFinished.
        }
    }

    /** Verifies a blocking call that has returned; throws its failure. */
    void checkFinished() {
        if (pending == null || !pending.isDone()) return;
        CompletableFuture<Outcome> f = pending;
        Event e = pendingEvent;
        long end = pendingEnd;
        pending = null;
        Outcome o;
        try {
            o = f.get();
        } catch (ExecutionException x) {
            if (x.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(x.getCause());
        } catch (InterruptedException x) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(x);
        }
        long at = run.usecsOf(o.endNanos());
        if (Math.abs(at - end) > run.tolerance()) {
            throw new ScriptFailure(run.line(e), "timing error: expected system call return at " + ScriptRun.secs(end)
                    + " sec but happened at " + ScriptRun.secs(at) + " sec; tolerance " + run.tolSecs() + " sec");
        }
    }

    /** At the end of the script: wait for an outstanding blocking call and check it. */
    void finish() throws InterruptedException {
        if (pending == null) return;
        long waitMs = Math.max(0, (pendingEnd + run.tolerance() - run.nowUsecs()) / 1000) + 2000;
        try {
            pending.get(waitMs, TimeUnit.MILLISECONDS);
        } catch (ExecutionException ignored) {
            // Reported below.
        } catch (TimeoutException x) {
            throw new ScriptFailure(run.line(pendingEvent), "blocking system call did not return by "
                    + ScriptRun.secs(pendingEnd) + " sec");
        }
        checkFinished();
    }

    void close() {
        Thread t = blockingThread;
        if (t != null && t.isAlive()) {
            // Closing the fds (closeAll) wakes a call blocked on them.
            t.interrupt();
        }
    }

    /** Closes every live fd the script opened. */
    void closeAll() {
        for (int fd : opened) LibC.closeQuietly(fd);
        opened.clear();
    }

    // ------------------------------------------------------------------ calls

    private ScriptFailure fail(Event e, SyscallEvent s, String detail) {
        return new ScriptFailure(run.line(e), "runtime error in " + s.name() + " call: " + detail);
    }

    private long eval(Event e, SyscallEvent s, Expr x) {
        return switch (x) {
            case Expr.IntLit i -> i.value();
            case Expr.Symbol sym -> {
                OptionalLong v = Symbols.lookup(sym.name());
                if (v.isEmpty()) throw fail(e, s, "unknown symbol: '" + sym.name() + "'");
                yield v.getAsLong();
            }
            case Expr.Or o -> eval(e, s, o.left()) | eval(e, s, o.right());
            case Expr.ListExpr l when l.elements().size() == 1 -> eval(e, s, l.elements().get(0));
            default -> throw fail(e, s, "Bad type; actual: " + x.getClass().getSimpleName() + " expected: integer");
        };
    }

    private int liveFd(Event e, SyscallEvent s, Expr x) {
        int script = (int) eval(e, s, x);
        Fd f = fds.get(script);
        return f == null ? script : f.live;
    }

    private Fd fdOf(Event e, SyscallEvent s, Expr x) {
        return fds.get((int) eval(e, s, x));
    }

    private int family() {
        return run.variant() == Variant.IPV4 ? LibC.AF_INET : LibC.AF_INET6;
    }

    /** An address for the socket API: IPv4, or for IPv6 sockets ::ffff:a.b.c.d in the mapped variant. */
    private InetAddress sockAddress(InetAddress wire) {
        if (run.variant() != Variant.IPV4_MAPPED_IPV6 || !(wire instanceof Inet4Address)) return wire;
        byte[] v4 = wire.getAddress();
        byte[] b = new byte[16];
        b[10] = (byte) 0xff;
        b[11] = (byte) 0xff;
        System.arraycopy(v4, 0, b, 12, 4);
        try {
            return Inet6Address.getByAddress(null, b, -1);
        } catch (UnknownHostException x) {
            throw new IllegalStateException(x);
        }
    }

    private InetAddress any() {
        try {
            return InetAddress.getByAddress(new byte[family() == LibC.AF_INET ? 4 : 16]);
        } catch (UnknownHostException x) {
            throw new IllegalStateException(x);
        }
    }

    private static long errnoOf() {
        return LibC.errno();
    }

    private Outcome invoke(Event e, SyscallEvent s, boolean blocking) {
        List<Expr> a = s.arguments();
        long ret;
        int errno = 0;
        long end;
        try (Arena arena = Arena.ofConfined()) {
            if (blocking) blockingInCall = true;
            switch (s.name()) {
                case "socket" -> {
                    int type = (int) eval(e, s, a.get(1));
                    int proto = (int) eval(e, s, a.get(2));
                    ret = LibC.socket(family(), type, proto);
                    errno = LibC.errno();
                    end = System.nanoTime();
                    check(e, s, ret, errno, true);
                    if (ret >= 0) {
                        opened.add((int) ret);
                        Fd nf = new Fd((int) ret, proto == LibC.IPPROTO_MPTCP);
                        // The type may carry SOCK_NONBLOCK / SOCK_CLOEXEC in its upper bits.
                        nf.udp = (type & 0xf) == LibC.SOCK_DGRAM;
                        fds.put((int) eval(e, s, s.result()), nf);
                    }
                    return new Outcome(ret, errno, end);
                }
                case "bind", "connect" -> {
                    Fd f = fdOf(e, s, a.get(0));
                    int fd = liveFd(e, s, a.get(0));
                    MemorySegment sa = arena.allocate(SockAddr.MAX_LENGTH);
                    int len;
                    if (a.get(1) instanceof Expr.Sockaddr x) {
                        len = SockAddr.write(sa, SockAddr.parseAddress(x.address()), x.port());
                    } else if (s.name().equals("bind")) {
                        boolean mptcp = f != null && f.mptcp;
                        len = SockAddr.write(sa, mptcp ? any() : sockAddress(run.variant().localIp()), 8080);
                    } else {
                        len = SockAddr.write(sa, sockAddress(run.variant().remoteIp()), 8080);
                    }
                    if (s.name().equals("connect") && f != null && f.conn == null && !f.udp) f.conn = run.newConnecting(f.mptcp);
                    ret = s.name().equals("bind") ? LibC.bind(fd, sa, len) : LibC.connect(fd, sa, len);
                    errno = LibC.errno();
                    if (ret == 0 && f != null && f.udp) refreshUdp(f, arena);
                }
                case "listen" -> {
                    Fd f = fdOf(e, s, a.get(0));
                    ret = LibC.listen(liveFd(e, s, a.get(0)), (int) eval(e, s, a.get(1)));
                    errno = LibC.errno();
                    if (ret == 0 && f != null) f.listener = true;
                }
                case "accept" -> {
                    Fd lf = fdOf(e, s, a.get(0));
                    ret = LibC.accept4(liveFd(e, s, a.get(0)), MemorySegment.NULL, MemorySegment.NULL, 0);
                    errno = LibC.errno();
                    end = System.nanoTime();
                    check(e, s, ret, errno, true);
                    if (ret >= 0) {
                        opened.add((int) ret);
                        Fd nf = new Fd((int) ret, lf != null && lf.mptcp);
                        nf.conn = run.takeAccepted();
                        fds.put((int) eval(e, s, s.result()), nf);
                    }
                    return new Outcome(ret, errno, end);
                }
                case "read", "write", "send", "recv", "sendto", "recvfrom" -> {
                    int fd = liveFd(e, s, a.get(0));
                    long n = eval(e, s, a.get(2));
                    int flags = a.size() > 3 ? (int) eval(e, s, a.get(3)) : 0;
                    MemorySegment buf = arena.allocate(Math.max(1, n));
                    // sendto(..., {sa_family=..., sin_port=htons(P), sin_addr=...}, LEN): a destination,
                    // as an IPv4-mapped address on the mapped variant's IPv6 sockets.
                    MemorySegment dest = MemorySegment.NULL;
                    int destLen = 0;
                    InetAddress destIp = null;
                    int destPort = 0;
                    if (s.name().equals("sendto") && a.size() > 4 && a.get(4) instanceof Expr.Sockaddr x) {
                        destIp = SockAddr.parseAddress(x.address());
                        destPort = x.port();
                        dest = arena.allocate(SockAddr.MAX_LENGTH);
                        destLen = SockAddr.write(dest, sockAddress(destIp), destPort);
                    }
                    ret = switch (s.name()) {
                        case "read" -> LibC.read(fd, buf, n);
                        case "write" -> LibC.write(fd, buf, n);
                        case "send", "sendto" -> LibC.sendto(fd, buf, n, flags, dest, destLen);
                        default -> LibC.recvfrom(fd, buf, n, flags, MemorySegment.NULL, MemorySegment.NULL);
                    };
                    errno = LibC.errno();
                    Fd f = fdOf(e, s, a.get(0));
                    if (ret >= 0 && f != null && f.udp) {
                        refreshUdp(f, arena);
                        // An unconnected socket's datagram goes where sendto() said.
                        if (destIp != null && f.conn != null && !connected(f)) run.udpDestination(f.conn, destIp, destPort);
                    }
                }
                case "readv", "writev" -> {
                    int fd = liveFd(e, s, a.get(0));
                    List<Expr> iovs = a.get(1) instanceof Expr.ListExpr l ? l.elements() : List.of();
                    MemorySegment iov = arena.allocate(LibC.IOVEC, Math.max(1, iovs.size()));
                    for (int i = 0; i < iovs.size(); i++) {
                        long len = iovs.get(i) instanceof Expr.Iovec v ? v.length() : 0;
                        iov.set(ValueLayout.ADDRESS, i * 16L, arena.allocate(Math.max(1, len)));
                        iov.set(ValueLayout.JAVA_LONG, i * 16L + 8, len);
                    }
                    int cnt = (int) eval(e, s, a.get(2));
                    ret = s.name().equals("readv") ? LibC.readv(fd, iov, cnt) : LibC.writev(fd, iov, cnt);
                    errno = LibC.errno();
                }
                case "recvmsg", "sendmsg" -> {
                    int fd = liveFd(e, s, a.get(0));
                    if (!(a.get(1) instanceof Expr.Msghdr m)) throw fail(e, s, "Bad type; expected: struct msghdr");
                    List<Expr> iovs = m.iov().elements();
                    MemorySegment iov = arena.allocate(LibC.IOVEC, Math.max(1, iovs.size()));
                    for (int i = 0; i < iovs.size(); i++) {
                        long len = iovs.get(i) instanceof Expr.Iovec v ? v.length() : 0;
                        iov.set(ValueLayout.ADDRESS, i * 16L, arena.allocate(Math.max(1, len)));
                        iov.set(ValueLayout.JAVA_LONG, i * 16L + 8, len);
                    }
                    // struct msghdr: name(8) namelen(4)+pad iov(8) iovlen(8) control(8) controllen(8) flags(4)
                    MemorySegment msg = arena.allocate(56, 8);
                    MemorySegment name = arena.allocate(SockAddr.MAX_LENGTH);
                    msg.set(ValueLayout.ADDRESS, 0, s.name().equals("recvmsg") ? name : MemorySegment.NULL);
                    msg.set(ValueLayout.JAVA_INT, 8, s.name().equals("recvmsg") ? SockAddr.MAX_LENGTH : 0);
                    msg.set(ValueLayout.ADDRESS, 16, iov);
                    msg.set(ValueLayout.JAVA_LONG, 24, m.iovLength());
                    int flags = (int) eval(e, s, a.get(2));
                    MemorySegment cap = CAPTURE.get();
                    try {
                        ret = (long) (s.name().equals("recvmsg") ? RECVMSG : SENDMSG).invokeExact(cap, fd, msg, flags);
                    } catch (Throwable t) {
                        throw new IllegalStateException(t);
                    }
                    errno = (int) ERRNO.get(cap, 0L);
                    end = System.nanoTime();
                    check(e, s, ret, errno, false);
                    if (s.name().equals("recvmsg") && !(m.flags() instanceof Expr.Ellipsis)) {
                        long want = eval(e, s, m.flags());
                        int got = msg.get(ValueLayout.JAVA_INT, 48);
                        if (want != got) throw fail(e, s, "Expected msg_flags 0x" + Long.toHexString(want) + " but got 0x" + Integer.toHexString(got));
                    }
                    return new Outcome(ret, errno, end);
                }
                case "close" -> {
                    int script = (int) eval(e, s, a.get(0));
                    int fd = liveFd(e, s, a.get(0));
                    ret = LibC.close(fd);
                    errno = LibC.errno();
                    if (ret == 0) {
                        fds.remove(script);
                        opened.remove(Integer.valueOf(fd));
                    }
                }
                case "shutdown" -> {
                    ret = LibC.shutdown(liveFd(e, s, a.get(0)), (int) eval(e, s, a.get(1)));
                    errno = LibC.errno();
                }
                case "fcntl" -> {
                    int fd = liveFd(e, s, a.get(0));
                    int cmd = (int) eval(e, s, a.get(1));
                    int arg = a.size() > 2 ? (int) eval(e, s, a.get(2)) : 0;
                    ret = LibC.fcntl(fd, cmd, arg);
                    errno = LibC.errno();
                }
                case "setsockopt" -> {
                    int fd = liveFd(e, s, a.get(0));
                    int level = (int) eval(e, s, a.get(1));
                    int name = (int) eval(e, s, a.get(2));
                    MemorySegment val;
                    int len = (int) eval(e, s, a.get(4));
                    switch (a.get(3)) {
                        case Expr.Linger l -> {
                            val = arena.allocate(8);
                            val.set(ValueLayout.JAVA_INT, 0, (int) l.onoff());
                            val.set(ValueLayout.JAVA_INT, 4, (int) l.linger());
                        }
                        case Expr.StringLit str -> {
                            byte[] b = str.value().getBytes(StandardCharsets.UTF_8);
                            val = arena.allocate(Math.max(len, b.length + 1));
                            MemorySegment.copy(b, 0, val, ValueLayout.JAVA_BYTE, 0, b.length);
                        }
                        case Expr.Symbol sym when sym.name().equals("NULL") -> val = MemorySegment.NULL;
                        default -> {
                            val = arena.allocate(Math.max(8, len));
                            val.set(ValueLayout.JAVA_INT, 0, (int) eval(e, s, a.get(3)));
                        }
                    }
                    ret = LibC.setsockopt(fd, level, name, val, len);
                    errno = LibC.errno();
                }
                case "getsockopt" -> {
                    int fd = liveFd(e, s, a.get(0));
                    int level = (int) eval(e, s, a.get(1));
                    int name = (int) eval(e, s, a.get(2));
                    long wantLen = a.get(4) instanceof Expr.Ellipsis ? 256 : eval(e, s, a.get(4));
                    MemorySegment val = arena.allocate(Math.max(8, wantLen));
                    MemorySegment lenp = arena.allocate(ValueLayout.JAVA_INT);
                    lenp.set(ValueLayout.JAVA_INT, 0, (int) wantLen);
                    ret = LibC.getsockopt(fd, level, name, val, lenp);
                    errno = LibC.errno();
                    end = System.nanoTime();
                    check(e, s, ret, errno, false);
                    if (ret == 0) {
                        int gotLen = lenp.get(ValueLayout.JAVA_INT, 0);
                        if (!(a.get(4) instanceof Expr.Ellipsis) && gotLen != wantLen) {
                            throw fail(e, s, "Bad getsockopt optlen: expected: " + wantLen + " actual: " + gotLen);
                        }
                        Expr v = a.get(3);
                        if (v instanceof Expr.ListExpr || v instanceof Expr.IntLit || v instanceof Expr.Symbol) {
                            long want = eval(e, s, v);
                            long got = gotLen >= 8 && wantLen >= 8 ? val.get(ValueLayout.JAVA_LONG, 0) : val.get(ValueLayout.JAVA_INT, 0);
                            if (want != got) throw fail(e, s, "Bad getsockopt optval: expected: " + want + " actual: " + got);
                        } else if (v instanceof Expr.Linger l) {
                            int on = val.get(ValueLayout.JAVA_INT, 0), lg = val.get(ValueLayout.JAVA_INT, 4);
                            if (on != l.onoff() || lg != l.linger()) {
                                throw fail(e, s, "Bad getsockopt linger: expected: {onoff=" + l.onoff() + ", linger=" + l.linger()
                                        + "} actual: {onoff=" + on + ", linger=" + lg + "}");
                            }
                        } else if (v instanceof Expr.StringLit str) {
                            String got = val.getString(0);
                            boolean ok = str.prefixOnly() ? got.startsWith(str.value()) : got.equals(str.value());
                            if (!ok) throw fail(e, s, "Bad getsockopt optval: expected: '" + str.value() + "' actual: '" + got + "'");
                        }
                    }
                    return new Outcome(ret, errno, end);
                }
                case "poll" -> {
                    List<Expr> pfds = a.get(0) instanceof Expr.ListExpr l ? l.elements() : List.of();
                    MemorySegment arr = arena.allocate(LibC.POLLFD, Math.max(1, pfds.size()));
                    for (int i = 0; i < pfds.size(); i++) {
                        if (!(pfds.get(i) instanceof Expr.Pollfd p)) throw fail(e, s, "Bad type; expected: struct pollfd");
                        arr.set(ValueLayout.JAVA_INT, i * 8L, liveFd(e, s, p.fd()));
                        arr.set(ValueLayout.JAVA_SHORT, i * 8L + 4, (short) eval(e, s, p.events()));
                        arr.set(ValueLayout.JAVA_SHORT, i * 8L + 6, (short) 0);
                    }
                    ret = LibC.poll(arr, (int) eval(e, s, a.get(1)), (int) eval(e, s, a.get(2)));
                    errno = LibC.errno();
                    end = System.nanoTime();
                    check(e, s, ret, errno, false);
                    for (int i = 0; i < pfds.size(); i++) {
                        Expr.Pollfd p = (Expr.Pollfd) pfds.get(i);
                        long want = p.revents().isPresent() ? eval(e, s, p.revents().get()) : 0;
                        int got = arr.get(ValueLayout.JAVA_SHORT, i * 8L + 6) & 0xffff;
                        if (want != got) {
                            throw fail(e, s, "Expected revents of " + pollNames(want) + " but got " + pollNames(got) + " for pollfd " + i);
                        }
                    }
                    return new Outcome(ret, errno, end);
                }
                case "ioctl" -> {
                    // ioctl(fd, SIOCINQ|SIOCOUTQ|..., [N]): an int out-parameter, checked like getsockopt's.
                    int fd = liveFd(e, s, a.get(0));
                    long request = eval(e, s, a.get(1));
                    MemorySegment val = arena.allocate(8);
                    ret = LibC.ioctl(fd, request, val);
                    errno = LibC.errno();
                    end = System.nanoTime();
                    check(e, s, ret, errno, false);
                    if (ret == 0 && a.size() > 2 && a.get(2) instanceof Expr.ListExpr l && l.elements().size() == 1) {
                        long want = eval(e, s, l);
                        int got = val.get(ValueLayout.JAVA_INT, 0);
                        if (want != got) throw fail(e, s, "Bad ioctl value: expected: " + want + " actual: " + got);
                    }
                    return new Outcome(ret, errno, end);
                }
                case "pipe" -> {
                    // pipe([R, W]): the two script fds the new pipe's ends get.
                    if (!(a.get(0) instanceof Expr.ListExpr l) || l.elements().size() != 2) {
                        throw fail(e, s, "Bad type; expected: a list of the 2 fds, such as [5, 6]");
                    }
                    MemorySegment pair = arena.allocate(ValueLayout.JAVA_INT, 2);
                    MemorySegment cap = CAPTURE.get();
                    try {
                        ret = (int) PIPE.invokeExact(cap, pair);
                    } catch (Throwable t) {
                        throw new IllegalStateException(t);
                    }
                    errno = (int) ERRNO.get(cap, 0L);
                    end = System.nanoTime();
                    check(e, s, ret, errno, false);
                    if (ret == 0) {
                        for (int i = 0; i < 2; i++) {
                            int live = pair.getAtIndex(ValueLayout.JAVA_INT, i);
                            opened.add(live);
                            fds.put((int) eval(e, s, l.elements().get(i)), new Fd(live, false));
                        }
                    }
                    return new Outcome(ret, errno, end);
                }
                case "open" -> {
                    if (!(a.get(0) instanceof Expr.StringLit path)) throw fail(e, s, "Bad type; expected: a \"path\" string");
                    // Relative to the script's folder, as the shell commands' cwd.
                    String file = run.scriptFolder().resolve(path.value()).toString();
                    int flags = (int) eval(e, s, a.get(1));
                    int mode = a.size() > 2 ? (int) eval(e, s, a.get(2)) : 0;
                    ret = LibC.open(file, flags, mode);
                    errno = LibC.errno();
                    end = System.nanoTime();
                    check(e, s, ret, errno, true);
                    if (ret >= 0) {
                        opened.add((int) ret);
                        fds.put((int) eval(e, s, s.result()), new Fd((int) ret, false));
                    }
                    return new Outcome(ret, errno, end);
                }
                case "sendfile" -> {
                    // sendfile(OUT, IN, [OFFSET] | NULL, COUNT)
                    int out = liveFd(e, s, a.get(0)), in = liveFd(e, s, a.get(1));
                    MemorySegment off = offsetArg(e, s, a.get(2), arena);
                    long count = eval(e, s, a.get(3));
                    MemorySegment cap = CAPTURE.get();
                    try {
                        ret = (long) SENDFILE.invokeExact(cap, out, in, off, count);
                    } catch (Throwable t) {
                        throw new IllegalStateException(t);
                    }
                    errno = (int) ERRNO.get(cap, 0L);
                }
                case "splice" -> {
                    // splice(IN, [OFF_IN] | NULL, OUT, [OFF_OUT] | NULL, LEN, FLAGS)
                    int in = liveFd(e, s, a.get(0)), out = liveFd(e, s, a.get(2));
                    MemorySegment offIn = offsetArg(e, s, a.get(1), arena), offOut = offsetArg(e, s, a.get(3), arena);
                    long len = eval(e, s, a.get(4));
                    int flags = (int) eval(e, s, a.get(5));
                    MemorySegment cap = CAPTURE.get();
                    try {
                        ret = (long) SPLICE.invokeExact(cap, in, offIn, out, offOut, len, flags);
                    } catch (Throwable t) {
                        throw new IllegalStateException(t);
                    }
                    errno = (int) ERRNO.get(cap, 0L);
                }
                case "epoll_create" -> {
                    MemorySegment cap = CAPTURE.get();
                    try {
                        ret = (int) EPOLL_CREATE.invokeExact(cap, (int) eval(e, s, a.get(0)));
                    } catch (Throwable t) {
                        throw new IllegalStateException(t);
                    }
                    errno = (int) ERRNO.get(cap, 0L);
                    end = System.nanoTime();
                    check(e, s, ret, errno, true);
                    if (ret >= 0) {
                        opened.add((int) ret);
                        fds.put((int) eval(e, s, s.result()), new Fd((int) ret, false));
                    }
                    return new Outcome(ret, errno, end);
                }
                case "epoll_ctl" -> {
                    // epoll_ctl(EPFD, OP, FD, {events=..., fd=N | ptr=N | u32=N | u64=N}) (or NULL for DEL)
                    int epfd = liveFd(e, s, a.get(0));
                    int op = (int) eval(e, s, a.get(1));
                    int fd = liveFd(e, s, a.get(2));
                    MemorySegment ev = MemorySegment.NULL;
                    if (a.get(3) instanceof Expr.EpollEvent x) {
                        ev = arena.allocate(EPOLL_EVENT_SIZE, 4);
                        ev.set(ValueLayout.JAVA_INT_UNALIGNED, 0, (int) eval(e, s, x.events()));
                        ev.set(ValueLayout.JAVA_LONG_UNALIGNED, 4, epollData(e, s, x));
                    } else if (!(a.get(3) instanceof Expr.Symbol sym && sym.name().equals("NULL"))
                            && !(a.get(3) instanceof Expr.IntLit z && z.value() == 0)) {
                        throw fail(e, s, "Bad type; expected: struct epoll_event {events=..., fd=...} or NULL");
                    }
                    MemorySegment cap = CAPTURE.get();
                    try {
                        ret = (int) EPOLL_CTL.invokeExact(cap, epfd, op, fd, ev);
                    } catch (Throwable t) {
                        throw new IllegalStateException(t);
                    }
                    errno = (int) ERRNO.get(cap, 0L);
                }
                case "epoll_wait" -> {
                    // epoll_wait(EPFD, {events=..., fd=N} | [{...}, ...], MAXEVENTS, TIMEOUT): the ready
                    // events are checked in order against the ones written, as many as the result says.
                    int epfd = liveFd(e, s, a.get(0));
                    List<Expr.EpollEvent> want = new ArrayList<>();
                    if (a.get(1) instanceof Expr.EpollEvent x) {
                        want.add(x);
                    } else if (a.get(1) instanceof Expr.ListExpr l) {
                        for (Expr x : l.elements()) {
                            if (!(x instanceof Expr.EpollEvent ee)) throw fail(e, s, "Bad type; expected: struct epoll_event");
                            want.add(ee);
                        }
                    } else if (!(a.get(1) instanceof Expr.Ellipsis)) {
                        throw fail(e, s, "Bad type; expected: struct epoll_event {events=..., fd=...}");
                    }
                    int max = (int) eval(e, s, a.get(2));
                    MemorySegment evs = arena.allocate(EPOLL_EVENT_SIZE * Math.max(1, max), 4);
                    MemorySegment cap = CAPTURE.get();
                    try {
                        ret = (int) EPOLL_WAIT.invokeExact(cap, epfd, evs, max, (int) eval(e, s, a.get(3)));
                    } catch (Throwable t) {
                        throw new IllegalStateException(t);
                    }
                    errno = (int) ERRNO.get(cap, 0L);
                    end = System.nanoTime();
                    check(e, s, ret, errno, false);
                    for (int i = 0; i < ret && i < want.size(); i++) {
                        Expr.EpollEvent x = want.get(i);
                        long events = eval(e, s, x.events()) & 0xffff_ffffL;
                        long gotEvents = evs.get(ValueLayout.JAVA_INT_UNALIGNED, i * EPOLL_EVENT_SIZE) & 0xffff_ffffL;
                        long data = epollData(e, s, x);
                        long gotData = evs.get(ValueLayout.JAVA_LONG_UNALIGNED, i * EPOLL_EVENT_SIZE + 4);
                        boolean fdMember = x.member() == Expr.EpollData.FD || x.member() == Expr.EpollData.U32;
                        if (fdMember) gotData &= 0xffff_ffffL;
                        if (events != gotEvents || data != gotData) {
                            throw fail(e, s, "Expected epoll_event " + i + " {events=0x" + Long.toHexString(events) + ", "
                                    + x.member().spelling() + "=" + eval(e, s, x.data()) + "} but got {events=0x"
                                    + Long.toHexString(gotEvents) + ", " + x.member().spelling() + "="
                                    + (x.member() == Expr.EpollData.FD ? scriptFdOf((int) gotData) : gotData) + "}");
                        }
                    }
                    return new Outcome(ret, errno, end);
                }
                case "cap_set" -> throw fail(e, s, "cap_set is not supported by mptcpkit drill: capabilities are per "
                        + "thread, and the run's threads need CAP_NET_ADMIN to drive tun0 and the namespace; run the "
                        + "unprivileged part from a shell command (`setpriv --inh-caps=-all ...`) instead");
                default -> throw fail(e, s, "system call '" + s.name() + "' is not supported by mptcpkit drill");
            }
            end = System.nanoTime();
            check(e, s, ret, errno, false);
            return new Outcome(ret, errno, end);
        } finally {
            if (blocking) blockingInCall = false;
        }
    }

    /** {@code [N]} as a pointer to an off_t holding N; {@code NULL}, 0 or {@code ...} as NULL. */
    private MemorySegment offsetArg(Event e, SyscallEvent s, Expr x, Arena arena) {
        if (x instanceof Expr.Ellipsis || x instanceof Expr.Symbol sym && sym.name().equals("NULL")
                || x instanceof Expr.IntLit i && i.value() == 0) {
            return MemorySegment.NULL;
        }
        MemorySegment off = arena.allocate(ValueLayout.JAVA_LONG);
        off.set(ValueLayout.JAVA_LONG, 0, eval(e, s, x));
        return off;
    }

    /** The epoll_data of an event: {@code fd=} a script fd, mapped to its live fd; else the value. */
    private long epollData(Event e, SyscallEvent s, Expr.EpollEvent x) {
        if (x.member() == Expr.EpollData.FD) return liveFd(e, s, x.data()) & 0xffff_ffffL;
        long v = eval(e, s, x.data());
        return x.member() == Expr.EpollData.U32 ? v & 0xffff_ffffL : v;
    }

    /** The script fd of live fd {@code live} (itself when the script did not name it). */
    private int scriptFdOf(int live) {
        for (Map.Entry<Integer, Fd> en : fds.entrySet()) if (en.getValue().live == live) return en.getKey();
        return live;
    }

    private static boolean connected(Fd f) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment sa = a.allocate(SockAddr.MAX_LENGTH);
            MemorySegment lenp = a.allocate(ValueLayout.JAVA_INT);
            lenp.set(ValueLayout.JAVA_INT, 0, SockAddr.MAX_LENGTH);
            return LibC.getpeername(f.live, sa, lenp) == 0;
        }
    }

    /** Reads a UDP socket's endpoints back from the kernel into its connection. */
    private void refreshUdp(Fd f, Arena arena) {
        MemorySegment sa = arena.allocate(SockAddr.MAX_LENGTH);
        MemorySegment lenp = arena.allocate(ValueLayout.JAVA_INT);
        lenp.set(ValueLayout.JAVA_INT, 0, SockAddr.MAX_LENGTH);
        if (LibC.getsockname(f.live, sa, lenp) != 0) return;
        java.net.InetSocketAddress local = SockAddr.read(sa, lenp.get(ValueLayout.JAVA_INT, 0));
        if (local.getPort() == 0) return;
        lenp.set(ValueLayout.JAVA_INT, 0, SockAddr.MAX_LENGTH);
        java.net.InetSocketAddress peer = LibC.getpeername(f.live, sa, lenp) == 0
                ? SockAddr.read(sa, lenp.get(ValueLayout.JAVA_INT, 0)) : null;
        f.conn = run.udpSocket(f.conn, local.getAddress(), local.getPort(),
                peer == null ? null : peer.getAddress(), peer == null ? 0 : peer.getPort());
    }

    private static String pollNames(long v) {
        if (v == 0) return "0";
        String[] names = {"POLLIN", "POLLPRI", "POLLOUT", "POLLERR", "POLLHUP", "POLLNVAL", "POLLRDNORM", "POLLRDBAND",
                "POLLWRNORM", "POLLWRBAND", "POLLMSG", "", "", "POLLRDHUP"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if ((v & (1L << i)) != 0 && !names[i].isEmpty()) sb.append(sb.isEmpty() ? "" : "|").append(names[i]);
        }
        return sb.toString();
    }

    private void check(Event e, SyscallEvent s, long ret, int errno, boolean fdResult) {
        if (run.verbose() != null) {
            run.verbose().println(ScriptRun.secs(run.nowUsecs()) + " " + s.name() + " syscall = " + ret
                    + (ret < 0 ? " " + Errno.describe(errno) : ""));
        }
        long expected = eval(e, s, s.result());
        if (fdResult && expected >= 0) {
            if (ret < 0) {
                throw fail(e, s, "Expected non-negative result but got " + ret + " with errno " + errno + " (" + Errno.message(errno) + ")");
            }
            return;
        }
        if (ret != expected) {
            throw fail(e, s, "Expected result " + expected + " but got " + ret
                    + (ret == -1 ? " with errno " + errno + " (" + Errno.message(errno) + ")" : ""));
        }
        if (ret == -1 && s.errno().isPresent()) {
            int want = Errno.byName(s.errno().get().name());
            if (want < 0) throw fail(e, s, "unknown errno: '" + s.errno().get().name() + "'");
            if (want != errno) {
                throw fail(e, s, "Expected errno " + want + " (" + Errno.message(want) + ") but got " + errno + " ("
                        + Errno.message(errno) + ")");
            }
        }
    }
}
