package org.mptcpkit.io.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.mptcpkit.io.sys.Errno;
import org.mptcpkit.io.sys.LibC;
import org.mptcpkit.io.sys.SockAddr;
import org.mptcpkit.io.sys.SysException;

/**
 * A kernel TCP or MPTCP stream socket ({@code socket(AF_INET[6], SOCK_STREAM, IPPROTO_MPTCP)}),
 * in the network namespace of the thread that opened it: the kernel side of a lab, the peer of
 * crafted packets, or a reference client.
 *
 * <p>Every wait has a timeout (the descriptor is non-blocking; waits are {@code poll}s). A
 * timeout is a {@link SysException} with ETIMEDOUT; other failures carry the call's errno, e.g.
 * {@code "connect 10.0.0.1:9: ECONNREFUSED (Connection refused)"}.
 */
public final class StreamSocket implements AutoCloseable {
    private static final int CHUNK = 1 << 16;

    private final int fd;
    private final int family;
    private final boolean mptcp;
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private Arena arena; // created with the first read or write, closed with the socket
    private MemorySegment readBuf;
    private MemorySegment writeBuf;
    private volatile boolean closed;

    private StreamSocket(int fd, int family, boolean mptcp) {
        this.fd = fd;
        this.family = family;
        this.mptcp = mptcp;
    }

    /**
     * Opens a stream socket for addresses like {@code sameFamilyAs} (IPv4 or IPv6), MPTCP when
     * {@code mptcp}. Without MPTCP in the kernel this fails with EPROTONOSUPPORT, with
     * {@code net.mptcp.enabled=0} with ENOPROTOOPT.
     */
    public static StreamSocket open(InetAddress sameFamilyAs, boolean mptcp) {
        return open(sameFamilyAs instanceof Inet6Address ? LibC.AF_INET6 : LibC.AF_INET, mptcp);
    }

    /** Opens a stream socket of {@code family} ({@link LibC#AF_INET} or {@link LibC#AF_INET6}). */
    public static StreamSocket open(int family, boolean mptcp) {
        int protocol = mptcp ? LibC.IPPROTO_MPTCP : LibC.IPPROTO_TCP;
        int fd = LibC.socket(family, LibC.SOCK_STREAM | LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            int errno = LibC.errno();
            String what = mptcp ? "(IPPROTO_MPTCP" + (errno == Errno.ENOPROTOOPT ? "; MPTCP is disabled: sysctl net.mptcp.enabled=1"
                    : errno == Errno.EPROTONOSUPPORT ? "; this kernel has no MPTCP (CONFIG_MPTCP)" : "") + ")" : "(IPPROTO_TCP)";
            throw new SysException("socket", what, errno);
        }
        return new StreamSocket(fd, family, mptcp);
    }

    public int fd() {
        return fd;
    }

    public boolean isMptcp() {
        return mptcp;
    }

    public StreamSocket reuseAddress() {
        LibC.setIntOption(fd, LibC.SOL_SOCKET, LibC.SO_REUSEADDR, 1);
        return this;
    }

    /** For an IPv6 socket: accept IPv4 too (v4-mapped), whatever net.ipv6.bindv6only says. */
    public StreamSocket dualStack() {
        if (family == LibC.AF_INET6) LibC.setIntOption(fd, LibC.IPPROTO_IPV6, LibC.IPV6_V6ONLY, 0);
        return this;
    }

    public StreamSocket bind(InetSocketAddress local) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment sa = a.allocate(SockAddr.MAX_LENGTH, 8);
            int len = SockAddr.write(sa, local);
            if (LibC.bind(fd, sa, len) < 0) throw SysException.last("bind", format(local));
        }
        return this;
    }

    public StreamSocket listen(int backlog) {
        if (LibC.listen(fd, backlog) < 0) throw SysException.last("listen");
        return this;
    }

    /** Waits at most {@code timeoutMillis} for a connection; ETIMEDOUT when none came. */
    public StreamSocket accept(long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            int c = LibC.accept4(fd, MemorySegment.NULL, MemorySegment.NULL, LibC.SOCK_NONBLOCK | LibC.SOCK_CLOEXEC);
            if (c >= 0) return new StreamSocket(c, family, mptcp);
            int errno = LibC.errno();
            if (errno != Errno.EAGAIN && errno != Errno.EINTR && errno != Errno.ECONNABORTED) {
                throw new SysException("accept", errno);
            }
            await(LibC.POLLIN, deadline, "accept");
        }
    }

    /** Connects, waiting at most {@code timeoutMillis}; the errno on refusal, ETIMEDOUT on timeout. */
    public StreamSocket connect(InetSocketAddress remote, long timeoutMillis) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment sa = a.allocate(SockAddr.MAX_LENGTH, 8);
            int len = SockAddr.write(sa, remote);
            if (LibC.connect(fd, sa, len) == 0) return this;
            int errno = LibC.errno();
            if (errno != Errno.EINPROGRESS && errno != Errno.EINTR) throw new SysException("connect", format(remote), errno);
        }
        await(LibC.POLLOUT, deadline, "connect " + format(remote));
        int error = LibC.getIntOption(fd, LibC.SOL_SOCKET, LibC.SO_ERROR);
        if (error != 0) throw new SysException("connect", format(remote), error);
        return this;
    }

    /**
     * Reads what is available (at least one byte, at most 64 KiB), waiting at most
     * {@code timeoutMillis}; returns the count, or -1 at end of stream.
     */
    public int read(byte[] buffer, int offset, int length, long timeoutMillis) {
        java.util.Objects.checkFromIndexSize(offset, length, buffer.length);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (readLock) {
            checkOpen();
            if (readBuf == null) readBuf = buffers().allocate(CHUNK, 8);
            int want = Math.min(length, CHUNK);
            while (true) {
                long n = LibC.read(fd, readBuf, want);
                if (n > 0) {
                    MemorySegment.copy(readBuf, ValueLayout.JAVA_BYTE, 0, buffer, offset, (int) n);
                    return (int) n;
                }
                if (n == 0) return length == 0 ? 0 : -1;
                int errno = LibC.errno();
                if (errno != Errno.EAGAIN && errno != Errno.EINTR) throw new SysException("read", errno);
                await(LibC.POLLIN, deadline, "read");
            }
        }
    }

    /** Writes all of {@code data}, waiting at most {@code timeoutMillis} in all. */
    public void write(byte[] data, int offset, int length, long timeoutMillis) {
        java.util.Objects.checkFromIndexSize(offset, length, data.length);
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        synchronized (writeLock) {
            checkOpen();
            if (writeBuf == null) writeBuf = buffers().allocate(CHUNK, 8);
            int done = 0;
            while (done < length) {
                int chunk = Math.min(CHUNK, length - done);
                MemorySegment.copy(data, offset + done, writeBuf, ValueLayout.JAVA_BYTE, 0, chunk);
                int sent = 0;
                while (sent < chunk) {
                    long n = LibC.write(fd, writeBuf.asSlice(sent), chunk - sent);
                    if (n >= 0) {
                        sent += (int) n;
                        continue;
                    }
                    int errno = LibC.errno();
                    if (errno != Errno.EAGAIN && errno != Errno.EINTR) throw new SysException("write", errno);
                    await(LibC.POLLOUT, deadline, "write");
                }
                done += chunk;
            }
        }
    }

    private synchronized Arena buffers() {
        if (arena == null) arena = Arena.ofShared();
        return arena;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("socket is closed");
    }

    public void write(byte[] data, long timeoutMillis) {
        write(data, 0, data.length, timeoutMillis);
    }

    public void shutdownOutput() {
        if (LibC.shutdown(fd, LibC.SHUT_WR) < 0) throw SysException.last("shutdown");
    }

    public InetSocketAddress localAddress() {
        return name(true);
    }

    public InetSocketAddress remoteAddress() {
        return name(false);
    }

    private InetSocketAddress name(boolean local) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment sa = a.allocate(SockAddr.MAX_LENGTH, 8);
            MemorySegment len = a.allocateFrom(ValueLayout.JAVA_INT, SockAddr.MAX_LENGTH);
            int r = local ? LibC.getsockname(fd, sa, len) : LibC.getpeername(fd, sa, len);
            if (r < 0) throw SysException.last(local ? "getsockname" : "getpeername");
            return SockAddr.read(sa, len.get(ValueLayout.JAVA_INT, 0));
        }
    }

    /**
     * The MPTCP connection token ({@code mptcpi_token} of {@code MPTCP_INFO}), or -1 when the
     * connection is plain TCP (not MPTCP, or fallen back: RFC 8684 section 3.7).
     */
    public long mptcpToken() {
        // struct mptcp_info: u8 subflows, add_addr_signal, add_addr_accepted, subflows_max,
        // add_addr_signal_max, add_addr_accepted_max, (pad to 8) u32 flags at 8, u32 token at 12.
        return mptcpInfo(16, info -> Integer.toUnsignedLong(info.get(ValueLayout.JAVA_INT, 12)));
    }

    /**
     * The number of additional subflows ({@code mptcpi_subflows} of {@code MPTCP_INFO}: the
     * initial one is not counted), or -1 when the connection is not MPTCP.
     */
    public int mptcpSubflows() {
        return (int) mptcpInfo(1, info -> info.get(ValueLayout.JAVA_BYTE, 0) & 0xff);
    }

    /**
     * Reads {@code MPTCP_INFO} and applies {@code field} when the kernel filled at least
     * {@code needed} bytes; -1 for a socket that is not (or no longer) MPTCP.
     */
    private long mptcpInfo(int needed, java.util.function.ToLongFunction<MemorySegment> field) {
        if (!mptcp) return -1;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment info = a.allocate(256, 8);
            MemorySegment len = a.allocateFrom(ValueLayout.JAVA_INT, 256);
            if (LibC.getsockopt(fd, LibC.SOL_MPTCP, LibC.MPTCP_INFO, info, len) < 0) {
                int errno = LibC.errno();
                if (errno == Errno.EOPNOTSUPP) return -1;
                throw new SysException("getsockopt", "MPTCP_INFO", errno);
            }
            return len.get(ValueLayout.JAVA_INT, 0) < needed ? -1 : field.applyAsLong(info);
        }
    }

    private void await(short events, long deadline, String what) {
        long left = (deadline - System.nanoTime()) / 1_000_000L;
        if (left <= 0 || LibC.pollOne(fd, events, left) == 0) {
            throw new SysException(what.split(" ")[0], what.indexOf(' ') > 0 ? what.substring(what.indexOf(' ') + 1) : null, Errno.ETIMEDOUT);
        }
    }

    private static String format(InetSocketAddress a) {
        InetAddress ip = a.getAddress();
        String host = ip == null ? a.getHostString() : SockAddr.format(ip);
        return (ip instanceof Inet6Address ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes the socket. A read or write blocked in another thread is woken (by a shutdown) and
     * finishes first, so the descriptor is never closed under it.
     */
    @Override
    public void close() {
        if (closed) return;
        LibC.shutdown(fd, LibC.SHUT_RDWR); // ENOTCONN on an unconnected socket: harmless
        synchronized (readLock) {
            synchronized (writeLock) {
                if (closed) return;
                closed = true;
                LibC.close(fd);
                synchronized (this) {
                    if (arena != null) arena.close();
                }
            }
        }
    }
}
