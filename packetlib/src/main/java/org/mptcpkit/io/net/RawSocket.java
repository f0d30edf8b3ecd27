package org.mptcpkit.io.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

import org.mptcpkit.io.sys.Errno;
import org.mptcpkit.io.sys.LibC;
import org.mptcpkit.io.sys.SockAddr;
import org.mptcpkit.packet.Bytes;

/**
 * A raw IPv4 or IPv6 socket that sends packets exactly as given, IP header included
 * ({@code IP_HDRINCL} / {@code IPV6_HDRINCL}): the kernel routes them by their destination
 * address and hands them to the link as they are. It lives in the network namespace of the
 * thread that {@linkplain #open(IpVersion) opened} it.
 *
 * <p>Sending reuses native buffers and never allocates; {@link #sendAll(byte[][], int, int)} hands
 * up to {@value #BATCH} packets to the kernel per {@code sendmmsg(2)} call.
 *
 * <p>IPv4 note: with {@code IP_HDRINCL} Linux always fills in the IP checksum and the total
 * length, and the source address and identification when they are zero ({@code raw(7)}); the
 * rest of the packet goes out verbatim. To send a wrong IP checksum or total length, use a
 * {@link PacketSocket} (layer 2) or a {@link TunDevice}.
 */
public final class RawSocket implements AutoCloseable {
    /** Packets per {@code sendmmsg} call. */
    public static final int BATCH = 64;
    /** Largest packet a batch slot holds; larger ones go out one by one. */
    private static final int SLOT = 2048;
    private static final int MAX_PACKET = 65535;

    /** IP version of the socket. */
    public enum IpVersion { IPV4, IPV6 }

    private final int fd;
    private final IpVersion version;
    private final int protocol;
    private final Arena arena = Arena.ofShared();
    private final Object sendLock = new Object();
    private final Object receiveLock = new Object();
    // Send side: BATCH slots of (packet buffer, iovec, sockaddr) and the mmsghdr array.
    private final MemorySegment packets;
    private final MemorySegment iovecs;
    private final MemorySegment addrs;
    private final MemorySegment msgs;
    private final MemorySegment big;
    private final int addrLen;
    // Receive side.
    private final MemorySegment rbuf;
    private final MemorySegment pollfd;
    private volatile boolean closed;

    private RawSocket(int fd, IpVersion version, int protocol) {
        this.fd = fd;
        this.version = version;
        this.protocol = protocol;
        this.addrLen = version == IpVersion.IPV4 ? SockAddr.IN_LENGTH : SockAddr.IN6_LENGTH;
        packets = arena.allocate((long) SLOT * BATCH, 64);
        iovecs = arena.allocate(LibC.IOVEC, BATCH);
        addrs = arena.allocate((long) addrLen * BATCH, 8);
        msgs = arena.allocate(LibC.MMSGHDR, BATCH);
        big = arena.allocate(MAX_PACKET, 8);
        rbuf = arena.allocate(MAX_PACKET, 8);
        pollfd = arena.allocate(LibC.POLLFD);
        short family = (short) (version == IpVersion.IPV4 ? LibC.AF_INET : LibC.AF_INET6);
        long msgSize = LibC.MMSGHDR.byteSize();
        for (int i = 0; i < BATCH; i++) {
            MemorySegment sa = addrs.asSlice((long) i * addrLen, addrLen);
            sa.set(ValueLayout.JAVA_SHORT, 0, family); // port 0, flowinfo 0, scope 0
            iovecs.set(ValueLayout.ADDRESS, i * 16L, packets.asSlice((long) i * SLOT, SLOT));
            long m = i * msgSize;
            msgs.set(ValueLayout.ADDRESS, m, sa);                       // msg_name
            msgs.set(ValueLayout.JAVA_INT, m + 8, addrLen);             // msg_namelen
            msgs.set(ValueLayout.ADDRESS, m + 16, iovecs.asSlice(i * 16L, 16)); // msg_iov
            msgs.set(ValueLayout.JAVA_LONG, m + 24, 1);                 // msg_iovlen
        }
    }

    /** A send-only raw socket ({@code IPPROTO_RAW}) in the calling thread's namespace. */
    public static RawSocket open(IpVersion version) {
        return open(version, LibC.IPPROTO_RAW);
    }

    /**
     * A raw socket for {@code protocol} (e.g. {@link LibC#IPPROTO_TCP}) that also
     * {@linkplain #receive(byte[], long) receives} copies of that protocol's packets delivered to
     * this namespace's IP stack. Sends still carry their own IP header.
     */
    public static RawSocket open(IpVersion version, int protocol) {
        int family = version == IpVersion.IPV4 ? LibC.AF_INET : LibC.AF_INET6;
        int fd = LibC.socket(family, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        if (fd < 0) {
            int errno = LibC.errno();
            if (errno == Errno.EPERM || errno == Errno.EACCES) {
                throw new org.mptcpkit.io.sys.SysException("socket", "(raw " + version + "; needs CAP_NET_RAW: run as root)", errno);
            }
            throw new org.mptcpkit.io.sys.SysException("socket", "(raw " + version + ")", errno);
        }
        try {
            if (version == IpVersion.IPV4) {
                LibC.setIntOption(fd, LibC.IPPROTO_IP, LibC.IP_HDRINCL, 1);
            } else {
                LibC.setIntOption(fd, LibC.IPPROTO_IPV6, LibC.IPV6_HDRINCL, 1);
            }
            // A larger send buffer lets batches through without blocking on the socket's quota.
            try {
                LibC.setIntOption(fd, LibC.SOL_SOCKET, LibC.SO_SNDBUFFORCE, 4 << 20);
            } catch (org.mptcpkit.io.sys.SysException e) {
                // Lenient: without CAP_NET_ADMIN the default buffer only means more blocking.
            }
        } catch (RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
        return new RawSocket(fd, version, protocol);
    }

    public IpVersion version() {
        return version;
    }

    public int protocol() {
        return protocol;
    }

    public int fd() {
        return fd;
    }

    /** Sends one packet (an IP header first); {@link org.mptcpkit.io.sys.SysException} on failure. */
    public void send(Bytes packet) {
        synchronized (sendLock) {
            int n = packet.length();
            if (n > MAX_PACKET) throw new IllegalArgumentException("packet of " + n + " bytes (expected: at most 65535)");
            packet.copyTo(scratch, 0); // no allocation: the scratch array is reused
            send(scratch, 0, n);
        }
    }

    public void send(byte[] packet) {
        send(packet, 0, packet.length);
    }

    public void send(byte[] packet, int offset, int length) {
        synchronized (sendLock) {
            checkOpen();
            MemorySegment buf = length <= SLOT ? packets : big;
            if (length > MAX_PACKET) throw new IllegalArgumentException("packet of " + length + " bytes (expected: at most 65535)");
            MemorySegment.copy(packet, offset, buf, ValueLayout.JAVA_BYTE, 0, length);
            MemorySegment sa = addrs.asSlice(0, addrLen);
            setDestination(sa, packet, offset, length);
            long r = LibC.sendto(fd, buf, length, 0, sa, addrLen);
            if (r < 0) throw org.mptcpkit.io.sys.SysException.last("sendto", "(raw " + version + ", " + length + " bytes)");
        }
    }

    /** Sends every packet, batching them with {@code sendmmsg}; returns the number sent. */
    public int sendAll(List<Bytes> packets) {
        byte[][] arrays = new byte[packets.size()][];
        for (int i = 0; i < arrays.length; i++) arrays[i] = packets.get(i).toByteArray();
        return sendAll(arrays, 0, arrays.length);
    }

    private final byte[] scratch = new byte[MAX_PACKET];

    /**
     * Sends {@code packets[from .. from+count)} with as few {@code sendmmsg} calls as possible
     * ({@value #BATCH} a call); packets longer than 2048 bytes go out alone.
     */
    public int sendAll(byte[][] packets, int from, int count) {
        synchronized (sendLock) {
            checkOpen();
            int sent = 0;
            int i = from;
            int end = from + count;
            long msgSize = LibC.MMSGHDR.byteSize();
            while (i < end) {
                int n = 0;
                while (i < end && n < BATCH && packets[i].length <= SLOT) {
                    byte[] p = packets[i];
                    MemorySegment.copy(p, 0, this.packets, ValueLayout.JAVA_BYTE, (long) n * SLOT, p.length);
                    iovecs.set(ValueLayout.JAVA_LONG, n * 16L + 8, p.length);
                    setDestination(addrs.asSlice((long) n * addrLen, addrLen), p, 0, p.length);
                    n++;
                    i++;
                }
                int done = 0;
                while (done < n) {
                    int r = LibC.sendmmsg(fd, msgs.asSlice(done * msgSize), n - done, 0);
                    if (r < 0) {
                        if (LibC.errno() == Errno.EINTR) continue;
                        throw org.mptcpkit.io.sys.SysException.last("sendmmsg", "(raw " + version + ")");
                    }
                    done += r;
                }
                sent += n;
                if (n == 0) { // an oversized packet
                    byte[] p = packets[i++];
                    sendUnlocked(p);
                    sent++;
                }
            }
            return sent;
        }
    }

    private void sendUnlocked(byte[] p) {
        if (p.length > MAX_PACKET) throw new IllegalArgumentException("packet of " + p.length + " bytes (expected: at most 65535)");
        MemorySegment.copy(p, 0, big, ValueLayout.JAVA_BYTE, 0, p.length);
        MemorySegment sa = addrs.asSlice(0, addrLen);
        setDestination(sa, p, 0, p.length);
        if (LibC.sendto(fd, big, p.length, 0, sa, addrLen) < 0) {
            throw org.mptcpkit.io.sys.SysException.last("sendto", "(raw " + version + ", " + p.length + " bytes)");
        }
    }

    // The kernel routes a header-included packet by the sendto address: take it from the header.
    private void setDestination(MemorySegment sa, byte[] p, int off, int len) {
        if (version == IpVersion.IPV4) {
            if (len < 20) throw new IllegalArgumentException("IPv4 packet of " + len + " bytes (expected: at least 20)");
            MemorySegment.copy(p, off + 16, sa, ValueLayout.JAVA_BYTE, 4, 4);
        } else {
            if (len < 40) throw new IllegalArgumentException("IPv6 packet of " + len + " bytes (expected: at least 40)");
            MemorySegment.copy(p, off + 24, sa, ValueLayout.JAVA_BYTE, 8, 16);
        }
    }

    /**
     * Receives one packet of this socket's protocol into {@code buffer}, waiting at most
     * {@code timeoutMillis}; returns its length (IPv4: with the IP header; IPv6: the kernel strips
     * it, {@code raw(7)}), or -1 on timeout. A send-only ({@code IPPROTO_RAW}) socket never receives.
     */
    public int receive(byte[] buffer, long timeoutMillis) {
        synchronized (receiveLock) {
            checkOpen();
            long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
            while (true) {
                long n = LibC.recvfrom(fd, rbuf, MAX_PACKET, LibC.MSG_DONTWAIT, MemorySegment.NULL, MemorySegment.NULL);
                if (n >= 0) {
                    int len = (int) Math.min(n, buffer.length);
                    MemorySegment.copy(rbuf, ValueLayout.JAVA_BYTE, 0, buffer, 0, len);
                    return len;
                }
                int errno = LibC.errno();
                if (errno != Errno.EAGAIN && errno != Errno.EINTR) throw new org.mptcpkit.io.sys.SysException("recvfrom", errno);
                long left = (deadline - System.nanoTime()) / 1_000_000L;
                if (left <= 0 || LibC.pollOne(pollfd, fd, LibC.POLLIN, left) == 0) return -1;
            }
        }
    }

    /** Receives one packet as {@link Bytes}; null on timeout. */
    public Bytes receive(long timeoutMillis) {
        byte[] b = new byte[MAX_PACKET];
        int n = receive(b, timeoutMillis);
        return n < 0 ? null : Bytes.copyOf(b, 0, n);
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("raw socket is closed");
    }

    @Override
    public void close() {
        synchronized (sendLock) {
            synchronized (receiveLock) {
                if (closed) return;
                closed = true;
                LibC.close(fd);
                arena.close();
            }
        }
    }
}
