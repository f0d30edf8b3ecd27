package org.mptcpkit.io.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import org.mptcpkit.io.sys.Errno;
import org.mptcpkit.io.sys.LibC;
import org.mptcpkit.io.sys.SysException;
import org.mptcpkit.packet.Bytes;

/**
 * An AF_PACKET socket bound to one interface: it sees every frame the interface sends and
 * receives (including frames addressed to another MAC, which the IP stack drops), and sends
 * whole frames at layer 2, untouched by the kernel's IP code. Lives in the network namespace of
 * the thread that {@linkplain #open(String, boolean) opened} it.
 *
 * <p>With {@code cooked} true ({@code SOCK_DGRAM}) frames are delivered and sent without their
 * link-layer header: on a veth that means bare IP packets, the same bytes a TUN device carries.
 */
public final class PacketSocket implements PacketSource, AutoCloseable {
    private static final int ETH_P_ALL = 0x0003;
    private static final int ETH_P_IP = 0x0800;
    private static final int ETH_P_IPV6 = 0x86dd;
    private static final int SOCKADDR_LL = 20;
    private static final int MAX_FRAME = 65536 + 64;
    private static final ValueLayout.OfShort U16_BE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    /** {@code sll_pkttype} values: see {@link Frame}. */
    public static final int PACKET_HOST = Frame.PACKET_HOST;
    /** Addressed to another MAC: the namespace's IP stack drops it (the lab's silent peer). */
    public static final int PACKET_OTHERHOST = Frame.PACKET_OTHERHOST;
    /** Sent by this namespace. */
    public static final int PACKET_OUTGOING = Frame.PACKET_OUTGOING;

    private final int fd;
    private final int ifindex;
    private final String ifname;
    private final boolean cooked;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment rbuf = arena.allocate(MAX_FRAME, 8);
    private final MemorySegment raddr = arena.allocate(SOCKADDR_LL, 8);
    private final MemorySegment raddrLen = arena.allocate(ValueLayout.JAVA_INT);
    private final MemorySegment pollfd = arena.allocate(LibC.POLLFD);
    private final MemorySegment sbuf = arena.allocate(MAX_FRAME, 8);
    private final MemorySegment saddr = arena.allocate(SOCKADDR_LL, 8);
    private final Object sendLock = new Object();
    private final Object receiveLock = new Object();
    private volatile boolean closed;

    private PacketSocket(int fd, int ifindex, String ifname, boolean cooked) {
        this.fd = fd;
        this.ifindex = ifindex;
        this.ifname = ifname;
        this.cooked = cooked;
    }

    /** Opens a socket on interface {@code ifname} of the calling thread's namespace, for every protocol. */
    public static PacketSocket open(String ifname, boolean cooked) {
        int index = LibC.ifNameToIndex(ifname);
        if (index == 0) throw SysException.last("if_nametoindex", ifname);
        int proto = Short.toUnsignedInt(Short.reverseBytes((short) ETH_P_ALL)); // htons
        int fd = LibC.socket(LibC.AF_PACKET, (cooked ? LibC.SOCK_DGRAM : LibC.SOCK_RAW) | LibC.SOCK_CLOEXEC, proto);
        if (fd < 0) {
            int errno = LibC.errno();
            throw new SysException("socket", "(AF_PACKET" + (errno == Errno.EPERM ? "; needs CAP_NET_RAW: run as root" : "") + ")", errno);
        }
        PacketSocket s = new PacketSocket(fd, index, ifname, cooked);
        try {
            MemorySegment sll = s.saddr;
            sll.fill((byte) 0);
            sll.set(ValueLayout.JAVA_SHORT, 0, (short) LibC.AF_PACKET);
            sll.set(U16_BE, 2, (short) ETH_P_ALL);
            sll.set(ValueLayout.JAVA_INT, 4, index);
            if (LibC.bind(fd, sll, SOCKADDR_LL) < 0) throw SysException.last("bind", "(AF_PACKET " + ifname + ")");
            try {
                LibC.setIntOption(fd, LibC.SOL_SOCKET, LibC.SO_RCVBUFFORCE, 8 << 20);
            } catch (SysException e) {
                // Lenient: a smaller queue only drops sooner under load.
            }
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    public int ifindex() {
        return ifindex;
    }

    public String ifname() {
        return ifname;
    }

    public int fd() {
        return fd;
    }

    /**
     * Waits at most {@code timeoutMillis} for a frame; copies it into {@code buffer} (truncating)
     * and returns its full length, or -1 on timeout.
     */
    public int receive(byte[] buffer, long timeoutMillis) {
        synchronized (receiveLock) {
            int n = await(timeoutMillis);
            if (n >= 0) MemorySegment.copy(rbuf, ValueLayout.JAVA_BYTE, 0, buffer, 0, Math.min(n, buffer.length));
            return n;
        }
    }

    /** Waits at most {@code timeoutMillis} for a frame; null on timeout. */
    @Override
    public Frame receive(long timeoutMillis) {
        synchronized (receiveLock) {
            int n = await(timeoutMillis);
            if (n < 0) return null;
            long now = System.currentTimeMillis() * 1_000_000L;
            byte[] data = rbuf.asSlice(0, Math.min(n, MAX_FRAME)).toArray(ValueLayout.JAVA_BYTE);
            int protocol = raddr.get(U16_BE, 2) & 0xffff;
            int index = raddr.get(ValueLayout.JAVA_INT, 4);
            int type = raddr.get(ValueLayout.JAVA_BYTE, 10) & 0xff;
            return new Frame(Bytes.wrap(data), protocol, type, index, now);
        }
    }

    // Receives the next frame into rbuf/raddr; returns its length, or -1 on timeout.
    private int await(long timeoutMillis) {
        checkOpen();
        long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
        while (true) {
            raddrLen.set(ValueLayout.JAVA_INT, 0, SOCKADDR_LL);
            long n = LibC.recvfrom(fd, rbuf, MAX_FRAME, LibC.MSG_DONTWAIT | LibC.MSG_TRUNC, raddr, raddrLen);
            if (n >= 0) return (int) Math.min(n, MAX_FRAME);
            int errno = LibC.errno();
            if (errno != Errno.EAGAIN && errno != Errno.EINTR) throw new SysException("recvfrom", "(AF_PACKET " + ifname + ")", errno);
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0 || LibC.pollOne(pollfd, fd, LibC.POLLIN, left) == 0) return -1;
        }
    }

    /**
     * Keeps only frames matching the tcpdump expression {@code filter} (compiled by libpcap,
     * {@link Bpf}); the kernel drops the rest before queueing them. Frames queued before the
     * call are discarded, so every frame received afterwards matches.
     */
    public void setFilter(String filter) {
        setFilter(Bpf.compile(filter, cooked ? Bpf.DLT_RAW : Bpf.DLT_EN10MB));
    }

    /** Attaches a compiled classic BPF program ({@code SO_ATTACH_FILTER}); see {@link #setFilter(String)}. */
    public void setFilter(Bpf.Program program) {
        synchronized (receiveLock) {
            checkOpen();
            // As libpcap does: a drop-everything filter first, drain what is already queued,
            // then the real one, so no frame that passed no filter is ever returned.
            attach(new byte[] {0x06, 0, 0, 0, 0, 0, 0, 0}, 1); // BPF_RET | BPF_K, 0
            while (LibC.recvfrom(fd, rbuf, MAX_FRAME, LibC.MSG_DONTWAIT, MemorySegment.NULL, MemorySegment.NULL) >= 0) {
                // Drained.
            }
            attach(program.instructions().toByteArray(), program.length());
        }
    }

    private void attach(byte[] insns, int count) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment code = a.allocate(Math.max(8, insns.length), 8);
            MemorySegment.copy(insns, 0, code, ValueLayout.JAVA_BYTE, 0, insns.length);
            // struct sock_fprog { unsigned short len; struct sock_filter *filter; }
            MemorySegment fprog = a.allocate(16, 8);
            fprog.set(ValueLayout.JAVA_SHORT, 0, (short) count);
            fprog.set(ValueLayout.ADDRESS, 8, code);
            if (LibC.setsockopt(fd, LibC.SOL_SOCKET, LibC.SO_ATTACH_FILTER, fprog, 16) < 0) {
                throw SysException.last("setsockopt", "SO_ATTACH_FILTER (" + count + " instructions)");
            }
        }
    }

    /**
     * Sends one frame out of the interface. Raw sockets take the whole frame (Ethernet header
     * first); cooked ones take an IP packet, whose version picks the EtherType.
     */
    public void send(byte[] frame, int offset, int length) {
        synchronized (sendLock) {
            checkOpen();
            if (length > MAX_FRAME) throw new IllegalArgumentException("frame of " + length + " bytes is too long");
            MemorySegment.copy(frame, offset, sbuf, ValueLayout.JAVA_BYTE, 0, length);
            saddr.fill((byte) 0);
            saddr.set(ValueLayout.JAVA_SHORT, 0, (short) LibC.AF_PACKET);
            int proto = ETH_P_ALL;
            if (cooked && length > 0) proto = ((frame[offset] & 0xf0) == 0x60) ? ETH_P_IPV6 : ETH_P_IP;
            saddr.set(U16_BE, 2, (short) proto);
            saddr.set(ValueLayout.JAVA_INT, 4, ifindex);
            saddr.set(ValueLayout.JAVA_BYTE, 11, (byte) 6); // sll_halen; sll_addr all zero
            if (LibC.sendto(fd, sbuf, length, 0, saddr, SOCKADDR_LL) < 0) {
                throw SysException.last("sendto", "(AF_PACKET " + ifname + ", " + length + " bytes)");
            }
        }
    }

    public void send(byte[] frame) {
        send(frame, 0, frame.length);
    }

    public void send(Bytes frame) {
        send(frame.toByteArray());
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("packet socket on " + ifname + " is closed");
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
