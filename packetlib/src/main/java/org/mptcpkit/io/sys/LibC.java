package org.mptcpkit.io.sys;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * The C library calls Java lacks, bound with {@code java.lang.foreign}: sockets of every family
 * (raw, packet, netlink, MPTCP), {@code poll}, {@code ioctl}, TUN, and namespaces.
 *
 * <p>Each method is the C call, one to one: it returns what C returns (-1 on failure) and never
 * throws, so a caller can emulate a system call exactly (the .pkt interpreter needs
 * {@code connect(...) = -1 EINPROGRESS}). The errno of the calling thread's last call is
 * {@link #errno()}; {@link SysException#last(String)} turns it into an exception.
 *
 * <p>Method handles are created on first use (a class-holder per call: the JVM initialises it
 * lazily and the JIT treats the handle as a constant), because creating one costs up to half a
 * second in a fresh JVM. errno is captured per call ({@code Linker.Option.captureCallState}) into
 * a per-thread segment, since the JVM itself may overwrite the C {@code errno} between calls.
 */
@SuppressWarnings("restricted") // binding native code is what this class is for
public final class LibC {
    // Address families, socket types and protocols (Linux, <bits/socket.h>, <netinet/in.h>).
    public static final int AF_UNSPEC = 0;
    public static final int AF_INET = 2;
    public static final int AF_INET6 = 10;
    public static final int AF_NETLINK = 16;
    public static final int AF_PACKET = 17;
    public static final int SOCK_STREAM = 1;
    public static final int SOCK_DGRAM = 2;
    public static final int SOCK_RAW = 3;
    public static final int SOCK_NONBLOCK = 0x800;
    public static final int SOCK_CLOEXEC = 0x80000;
    public static final int IPPROTO_IP = 0;
    public static final int IPPROTO_TCP = 6;
    public static final int IPPROTO_UDP = 17;
    public static final int IPPROTO_IPV6 = 41;
    public static final int IPPROTO_RAW = 255;
    /** RFC 8684 sockets on Linux: {@code socket(AF_INET, SOCK_STREAM, IPPROTO_MPTCP)}. */
    public static final int IPPROTO_MPTCP = 262;

    // Socket option levels and names.
    public static final int SOL_SOCKET = 1;
    public static final int SOL_PACKET = 263;
    public static final int SOL_NETLINK = 270;
    public static final int SOL_MPTCP = 284;
    public static final int SO_REUSEADDR = 2;
    public static final int SO_ERROR = 4;
    public static final int SO_SNDBUF = 7;
    public static final int SO_RCVBUF = 8;
    public static final int SO_BINDTODEVICE = 25;
    public static final int SO_ATTACH_FILTER = 26;
    public static final int SO_SNDBUFFORCE = 32;
    public static final int SO_RCVBUFFORCE = 33;
    public static final int IP_HDRINCL = 3;
    public static final int IPV6_V6ONLY = 26;
    public static final int IPV6_HDRINCL = 36;
    public static final int TCP_NODELAY = 1;
    public static final int MPTCP_INFO = 1;

    // Flags for send/recv, shutdown, fcntl, open, poll, unshare/setns.
    public static final int MSG_TRUNC = 0x20;
    public static final int MSG_DONTWAIT = 0x40;
    public static final int SHUT_RD = 0;
    public static final int SHUT_WR = 1;
    public static final int SHUT_RDWR = 2;
    public static final int F_GETFL = 3;
    public static final int F_SETFL = 4;
    public static final int O_RDONLY = 0;
    public static final int O_WRONLY = 1;
    public static final int O_RDWR = 2;
    public static final int O_NONBLOCK = 0x800;
    public static final int O_CLOEXEC = 0x80000;
    public static final short POLLIN = 0x1;
    public static final short POLLOUT = 0x4;
    public static final short POLLERR = 0x8;
    public static final short POLLHUP = 0x10;
    public static final short POLLNVAL = 0x20;
    public static final int CLONE_NEWNET = 0x40000000;
    public static final int EFD_CLOEXEC = 0x80000;
    public static final int EFD_NONBLOCK = 0x800;

    // ioctl requests (<linux/sockios.h>, <linux/if_tun.h>).
    public static final long SIOCGIFFLAGS = 0x8913;
    public static final long SIOCSIFFLAGS = 0x8914;
    public static final long SIOCGIFINDEX = 0x8933;
    public static final long TUNSETIFF = 0x400454caL;
    public static final long TUNGETIFF = 0x800454d2L;
    public static final long TUNSETOFFLOAD = 0x400454d0L;
    public static final long TUNSETVNETHDRSZ = 0x400454d8L;

    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup LOOKUP = LINKER.defaultLookup();
    private static final StructLayout CAPTURE_LAYOUT = Linker.Option.captureStateLayout();
    private static final VarHandle ERRNO =
            CAPTURE_LAYOUT.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE_ERRNO = Linker.Option.captureCallState("errno");
    private static final ThreadLocal<MemorySegment> CAPTURE =
            ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CAPTURE_LAYOUT));
    private static final AddressLayout PTR = ADDRESS;

    private LibC() {
    }

    static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment symbol = LOOKUP.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        Linker.Option[] all = Arrays.copyOf(options, options.length + 1);
        all[options.length] = CAPTURE_ERRNO;
        return LINKER.downcallHandle(symbol, descriptor, all);
    }

    private static MethodHandle plain(String name, FunctionDescriptor descriptor) {
        MemorySegment symbol = LOOKUP.find(name)
                .orElseThrow(() -> new UnsatisfiedLinkError("libc has no " + name));
        return LINKER.downcallHandle(symbol, descriptor);
    }

    /** The calling thread's capture segment: the first argument of every errno-capturing handle. */
    static MemorySegment capture() {
        return CAPTURE.get();
    }

    /** errno of the calling thread's last call through this class. */
    public static int errno() {
        return (int) ERRNO.get(CAPTURE.get(), 0L);
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException(t);
    }

    // ---------------------------------------------------------------------------------------
    // One holder class per call: created on first use, constant for the JIT afterwards.

    private static final class Socket {
        static final MethodHandle MH = downcall("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class Bind {
        static final MethodHandle MH = downcall("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, PTR, JAVA_INT));
    }

    private static final class Listen {
        static final MethodHandle MH = downcall("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class Accept4 {
        static final MethodHandle MH = downcall("accept4", FunctionDescriptor.of(JAVA_INT, JAVA_INT, PTR, PTR, JAVA_INT));
    }

    private static final class Connect {
        static final MethodHandle MH = downcall("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, PTR, JAVA_INT));
    }

    private static final class Read {
        static final MethodHandle MH = downcall("read", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, PTR, JAVA_LONG));
    }

    private static final class Write {
        static final MethodHandle MH = downcall("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, PTR, JAVA_LONG));
    }

    private static final class Writev {
        static final MethodHandle MH = downcall("writev", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, PTR, JAVA_INT));
    }

    private static final class Readv {
        static final MethodHandle MH = downcall("readv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, PTR, JAVA_INT));
    }

    private static final class SendTo {
        static final MethodHandle MH = downcall("sendto",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, PTR, JAVA_LONG, JAVA_INT, PTR, JAVA_INT));
    }

    private static final class RecvFrom {
        static final MethodHandle MH = downcall("recvfrom",
                FunctionDescriptor.of(JAVA_LONG, JAVA_INT, PTR, JAVA_LONG, JAVA_INT, PTR, PTR));
    }

    private static final class SendMmsg {
        static final MethodHandle MH = downcall("sendmmsg", FunctionDescriptor.of(JAVA_INT, JAVA_INT, PTR, JAVA_INT, JAVA_INT));
    }

    private static final class SetSockOpt {
        static final MethodHandle MH = downcall("setsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, PTR, JAVA_INT));
    }

    private static final class GetSockOpt {
        static final MethodHandle MH = downcall("getsockopt",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, PTR, PTR));
    }

    private static final class GetSockName {
        static final MethodHandle MH = downcall("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, PTR, PTR));
    }

    private static final class GetPeerName {
        static final MethodHandle MH = downcall("getpeername", FunctionDescriptor.of(JAVA_INT, JAVA_INT, PTR, PTR));
    }

    private static final class Fcntl {
        // int fcntl(int fd, int cmd, ...): variadic from the third argument.
        static final MethodHandle MH = downcall("fcntl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    }

    private static final class IoctlPtr {
        // int ioctl(int fd, unsigned long request, ...)
        static final MethodHandle MH = downcall("ioctl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, PTR), Linker.Option.firstVariadicArg(2));
    }

    private static final class IoctlLong {
        static final MethodHandle MH = downcall("ioctl",
                FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG, JAVA_LONG), Linker.Option.firstVariadicArg(2));
    }

    private static final class Open {
        // int open(const char *path, int flags, ...): mode is variadic.
        static final MethodHandle MH = downcall("open",
                FunctionDescriptor.of(JAVA_INT, PTR, JAVA_INT, JAVA_INT), Linker.Option.firstVariadicArg(2));
    }

    private static final class Poll {
        static final MethodHandle MH = downcall("poll", FunctionDescriptor.of(JAVA_INT, PTR, JAVA_LONG, JAVA_INT));
    }

    private static final class Close {
        static final MethodHandle MH = downcall("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    private static final class Shutdown {
        static final MethodHandle MH = downcall("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class Unshare {
        static final MethodHandle MH = downcall("unshare", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
    }

    private static final class SetNs {
        static final MethodHandle MH = downcall("setns", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class IfNameToIndex {
        static final MethodHandle MH = downcall("if_nametoindex", FunctionDescriptor.of(JAVA_INT, PTR));
    }

    private static final class EventFd {
        static final MethodHandle MH = downcall("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
    }

    private static final class GetTid {
        static final MethodHandle MH = plain("gettid", FunctionDescriptor.of(JAVA_INT));
    }

    private static final class GetPid {
        static final MethodHandle MH = plain("getpid", FunctionDescriptor.of(JAVA_INT));
    }

    // ---------------------------------------------------------------------------------------

    public static int socket(int domain, int type, int protocol) {
        try {
            return (int) Socket.MH.invokeExact(capture(), domain, type, protocol);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int bind(int fd, MemorySegment addr, int addrLen) {
        try {
            return (int) Bind.MH.invokeExact(capture(), fd, addr, addrLen);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int listen(int fd, int backlog) {
        try {
            return (int) Listen.MH.invokeExact(capture(), fd, backlog);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code addr} and {@code addrLen} may be {@link MemorySegment#NULL}. */
    public static int accept4(int fd, MemorySegment addr, MemorySegment addrLen, int flags) {
        try {
            return (int) Accept4.MH.invokeExact(capture(), fd, addr, addrLen, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int connect(int fd, MemorySegment addr, int addrLen) {
        try {
            return (int) Connect.MH.invokeExact(capture(), fd, addr, addrLen);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long read(int fd, MemorySegment buf, long count) {
        try {
            return (long) Read.MH.invokeExact(capture(), fd, buf, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long write(int fd, MemorySegment buf, long count) {
        try {
            return (long) Write.MH.invokeExact(capture(), fd, buf, count);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code iov} holds {@code iovcnt} {@code struct iovec} ({@link #IOVEC}). */
    public static long writev(int fd, MemorySegment iov, int iovcnt) {
        try {
            return (long) Writev.MH.invokeExact(capture(), fd, iov, iovcnt);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long readv(int fd, MemorySegment iov, int iovcnt) {
        try {
            return (long) Readv.MH.invokeExact(capture(), fd, iov, iovcnt);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static long sendto(int fd, MemorySegment buf, long len, int flags, MemorySegment addr, int addrLen) {
        try {
            return (long) SendTo.MH.invokeExact(capture(), fd, buf, len, flags, addr, addrLen);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code addr} and {@code addrLen} may be {@link MemorySegment#NULL}. */
    public static long recvfrom(int fd, MemorySegment buf, long len, int flags, MemorySegment addr, MemorySegment addrLen) {
        try {
            return (long) RecvFrom.MH.invokeExact(capture(), fd, buf, len, flags, addr, addrLen);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code msgvec} holds {@code vlen} {@code struct mmsghdr} ({@link #MMSGHDR}). */
    public static int sendmmsg(int fd, MemorySegment msgvec, int vlen, int flags) {
        try {
            return (int) SendMmsg.MH.invokeExact(capture(), fd, msgvec, vlen, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int setsockopt(int fd, int level, int name, MemorySegment value, int len) {
        try {
            return (int) SetSockOpt.MH.invokeExact(capture(), fd, level, name, value, len);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getsockopt(int fd, int level, int name, MemorySegment value, MemorySegment lenPtr) {
        try {
            return (int) GetSockOpt.MH.invokeExact(capture(), fd, level, name, value, lenPtr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getsockname(int fd, MemorySegment addr, MemorySegment lenPtr) {
        try {
            return (int) GetSockName.MH.invokeExact(capture(), fd, addr, lenPtr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getpeername(int fd, MemorySegment addr, MemorySegment lenPtr) {
        try {
            return (int) GetPeerName.MH.invokeExact(capture(), fd, addr, lenPtr);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int fcntl(int fd, int cmd, int arg) {
        try {
            return (int) Fcntl.MH.invokeExact(capture(), fd, cmd, arg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code ioctl} whose argument is a pointer (struct ifreq and the like). */
    public static int ioctl(int fd, long request, MemorySegment arg) {
        try {
            return (int) IoctlPtr.MH.invokeExact(capture(), fd, request, arg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code ioctl} whose argument is a value ({@code TUNSETOFFLOAD} takes its flags by value). */
    public static int ioctl(int fd, long request, long arg) {
        try {
            return (int) IoctlLong.MH.invokeExact(capture(), fd, request, arg);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int open(String path, int flags, int mode) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) Open.MH.invokeExact(capture(), arena.allocateFrom(path), flags, mode);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** {@code fds} holds {@code nfds} {@code struct pollfd} ({@link #POLLFD}). */
    public static int poll(MemorySegment fds, long nfds, int timeoutMillis) {
        try {
            return (int) Poll.MH.invokeExact(capture(), fds, nfds, timeoutMillis);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int close(int fd) {
        try {
            return (int) Close.MH.invokeExact(capture(), fd);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int shutdown(int fd, int how) {
        try {
            return (int) Shutdown.MH.invokeExact(capture(), fd, how);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Moves the calling thread (only it) into new namespaces; see {@code unshare(2)}. */
    public static int unshare(int flags) {
        try {
            return (int) Unshare.MH.invokeExact(capture(), flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** Moves the calling thread (only it) into the namespace {@code fd} refers to. */
    public static int setns(int fd, int nstype) {
        try {
            return (int) SetNs.MH.invokeExact(capture(), fd, nstype);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The interface index of {@code name} in the calling thread's namespace; 0 (and errno) if none. */
    public static int ifNameToIndex(String name) {
        try (Arena arena = Arena.ofConfined()) {
            return (int) IfNameToIndex.MH.invokeExact(capture(), arena.allocateFrom(name));
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int eventfd(int initval, int flags) {
        try {
            return (int) EventFd.MH.invokeExact(capture(), initval, flags);
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    /** The kernel thread id of the calling (platform) thread. */
    public static int gettid() {
        try {
            return (int) GetTid.MH.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    public static int getpid() {
        try {
            return (int) GetPid.MH.invokeExact();
        } catch (Throwable t) {
            throw rethrow(t);
        }
    }

    // ---------------------------------------------------------------------------------------
    // Structures and small checked helpers shared by the socket classes.

    /** {@code struct pollfd}: int fd, short events, short revents. */
    public static final StructLayout POLLFD = MemoryLayout.structLayout(
            JAVA_INT.withName("fd"), ValueLayout.JAVA_SHORT.withName("events"),
            ValueLayout.JAVA_SHORT.withName("revents"));
    /** {@code struct iovec}: void *base, size_t len. */
    public static final StructLayout IOVEC = MemoryLayout.structLayout(PTR.withName("base"), JAVA_LONG.withName("len"));
    /** {@code struct msghdr} (56 bytes on LP64). */
    public static final StructLayout MSGHDR = MemoryLayout.structLayout(
            PTR.withName("name"), JAVA_INT.withName("namelen"), MemoryLayout.paddingLayout(4),
            PTR.withName("iov"), JAVA_LONG.withName("iovlen"),
            PTR.withName("control"), JAVA_LONG.withName("controllen"),
            JAVA_INT.withName("flags"), MemoryLayout.paddingLayout(4));
    /** {@code struct mmsghdr}: a msghdr and the count the kernel fills in (64 bytes). */
    public static final StructLayout MMSGHDR = MemoryLayout.structLayout(
            MSGHDR.withName("hdr"), JAVA_INT.withName("len"), MemoryLayout.paddingLayout(4));

    /**
     * Waits up to {@code timeoutMillis} (negative: forever is not offered; 0 polls once) for
     * {@code events} on {@code fd}, retrying on EINTR with the time left. Returns the revents,
     * 0 on timeout.
     */
    public static int pollOne(int fd, short events, long timeoutMillis) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment pfd = arena.allocate(POLLFD);
            return pollOne(pfd, fd, events, timeoutMillis);
        }
    }

    /** As {@link #pollOne(int, short, long)} with a caller-owned {@code struct pollfd} segment. */
    public static int pollOne(MemorySegment pfd, int fd, short events, long timeoutMillis) {
        long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
        while (true) {
            long left = Math.max(0, (deadline - System.nanoTime() + 999_999) / 1_000_000L);
            pfd.set(JAVA_INT, 0, fd);
            pfd.set(ValueLayout.JAVA_SHORT, 4, events);
            pfd.set(ValueLayout.JAVA_SHORT, 6, (short) 0);
            int r = poll(pfd, 1, (int) Math.min(Integer.MAX_VALUE, left));
            if (r > 0) return pfd.get(ValueLayout.JAVA_SHORT, 6) & 0xffff;
            if (r == 0) return 0;
            int errno = errno();
            if (errno != Errno.EINTR) throw new SysException("poll", errno);
            if (System.nanoTime() >= deadline) return 0;
        }
    }

    public static void setIntOption(int fd, int level, int name, int value) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocateFrom(JAVA_INT, value);
            if (setsockopt(fd, level, name, v, 4) < 0) {
                throw SysException.last("setsockopt", optionName(level, name));
            }
        }
    }

    public static int getIntOption(int fd, int level, int name) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment v = arena.allocate(JAVA_INT);
            MemorySegment len = arena.allocateFrom(JAVA_INT, 4);
            if (getsockopt(fd, level, name, v, len) < 0) {
                throw SysException.last("getsockopt", optionName(level, name));
            }
            return v.get(JAVA_INT, 0);
        }
    }

    private static String optionName(int level, int name) {
        return "(level " + level + ", option " + name + ")";
    }

    /** Sets or clears O_NONBLOCK. */
    public static void setNonBlocking(int fd, boolean on) {
        int flags = fcntl(fd, F_GETFL, 0);
        if (flags < 0) throw SysException.last("fcntl", "F_GETFL");
        int want = on ? flags | O_NONBLOCK : flags & ~O_NONBLOCK;
        if (want != flags && fcntl(fd, F_SETFL, want) < 0) throw SysException.last("fcntl", "F_SETFL");
    }

    /** close(2), ignoring errors: for cleanup paths that must not hide the first failure. */
    public static void closeQuietly(int fd) {
        if (fd >= 0) close(fd);
    }
}
