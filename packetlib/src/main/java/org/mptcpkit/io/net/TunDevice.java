package org.mptcpkit.io.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;

import org.mptcpkit.io.sys.Errno;
import org.mptcpkit.io.sys.LibC;
import org.mptcpkit.io.sys.SysException;
import org.mptcpkit.packet.Bytes;

/**
 * A TUN device: an IP interface whose other end is this object. What the kernel sends out of
 * the interface, {@link #read(byte[], long)} returns; what {@link #write(byte[], int, int)} is
 * given, the kernel receives as if from a wire. The device exists while it is open, in the
 * network namespace of the thread that {@linkplain #open(String, boolean, int) opened} it.
 *
 * <p>Opened as packetdrill opens {@code tun0}: {@code IFF_TUN | IFF_NO_PI}, optionally
 * {@code IFF_VNET_HDR} with the {@link #PACKETDRILL_OFFLOADS} (checksum and TSO offloads, so the
 * kernel hands over unsegmented TSO packets with partial checksums, each preceded by a 10-byte
 * {@code struct virtio_net_hdr}). Reads strip that header ({@link #lastVnetHeader()} keeps it);
 * writes prepend an all-zero one.
 */
public final class TunDevice implements PacketSource, AutoCloseable {
    private static final short IFF_TUN = 0x0001;
    private static final short IFF_NO_PI = 0x1000;
    private static final short IFF_VNET_HDR = 0x4000;
    /** {@code TUN_F_CSUM}: the reader accepts packets with partial checksums. */
    public static final int TUN_F_CSUM = 0x01;
    public static final int TUN_F_TSO4 = 0x02;
    public static final int TUN_F_TSO6 = 0x04;
    public static final int TUN_F_TSO_ECN = 0x08;
    /** The offloads packetdrill sets: {@code CSUM | TSO4 | TSO6 | TSO_ECN}. */
    public static final int PACKETDRILL_OFFLOADS = TUN_F_CSUM | TUN_F_TSO4 | TUN_F_TSO6 | TUN_F_TSO_ECN;
    /** {@code sizeof(struct virtio_net_hdr)}, the kernel's default vnet header size. */
    public static final int VNET_HDR_LEN = 10;
    private static final int MAX = 65536 + VNET_HDR_LEN;

    private final int fd;
    private final String name;
    private final int index;
    private final boolean vnet;
    private final Arena arena = Arena.ofShared();
    private final MemorySegment rbuf = arena.allocate(MAX, 8);
    private final MemorySegment wbuf = arena.allocate(MAX, 8);
    private final MemorySegment pollfd = arena.allocate(LibC.POLLFD);
    private final byte[] vnetHeader = new byte[VNET_HDR_LEN];
    private final Object readLock = new Object();
    private final Object writeLock = new Object();
    private volatile boolean closed;

    private TunDevice(int fd, String name, int index, boolean vnet) {
        this.fd = fd;
        this.name = name;
        this.index = index;
        this.vnet = vnet;
    }

    /**
     * Creates a TUN device in the calling thread's namespace. {@code name} null lets the kernel
     * pick ({@code tun0}, {@code tun1}, ...); {@code offloads} apply only with {@code vnetHeader}.
     * The device is down: bring it up and address it with {@link RtNetlink}.
     */
    public static TunDevice open(String name, boolean vnetHeader, int offloads) {
        if (name != null && (name.isEmpty() || name.getBytes(StandardCharsets.US_ASCII).length > 15)) {
            throw new IllegalArgumentException("interface name: '" + name + "' (expected: 1..15 characters)");
        }
        int fd = LibC.open("/dev/net/tun", LibC.O_RDWR | LibC.O_CLOEXEC | LibC.O_NONBLOCK, 0);
        if (fd < 0) {
            int errno = LibC.errno();
            String hint = errno == Errno.ENOENT ? "; load the tun module (modprobe tun) or create the node (mknod /dev/net/tun c 10 200)"
                    : errno == Errno.EPERM || errno == Errno.EACCES ? "; needs CAP_NET_ADMIN: run as root" : "";
            throw new SysException("open", "/dev/net/tun" + hint, errno);
        }
        try (Arena a = Arena.ofConfined()) {
            // struct ifreq: char ifr_name[16]; short ifr_flags at 16; 40 bytes in all.
            MemorySegment ifr = a.allocate(40, 8);
            if (name != null) MemorySegment.copy(name.getBytes(StandardCharsets.US_ASCII), 0, ifr, ValueLayout.JAVA_BYTE, 0, name.length());
            short flags = (short) (IFF_TUN | IFF_NO_PI | (vnetHeader ? IFF_VNET_HDR : 0));
            ifr.set(ValueLayout.JAVA_SHORT, 16, flags);
            if (LibC.ioctl(fd, LibC.TUNSETIFF, ifr) < 0) {
                int errno = LibC.errno();
                String what = name == null ? "TUNSETIFF" : "TUNSETIFF " + name
                        + (errno == Errno.EBUSY || errno == Errno.EEXIST || errno == Errno.EINVAL ? " (is the name already taken?)" : "");
                throw new SysException("ioctl", what, errno);
            }
            String actual = ifr.getString(0, StandardCharsets.US_ASCII);
            if (vnetHeader && offloads != 0 && LibC.ioctl(fd, LibC.TUNSETOFFLOAD, (long) offloads) < 0) {
                throw SysException.last("ioctl", "TUNSETOFFLOAD 0x" + Integer.toHexString(offloads));
            }
            int index = LibC.ifNameToIndex(actual);
            if (index == 0) throw SysException.last("if_nametoindex", actual);
            return new TunDevice(fd, actual, index, vnetHeader);
        } catch (RuntimeException e) {
            LibC.close(fd);
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public int index() {
        return index;
    }

    public boolean hasVnetHeader() {
        return vnet;
    }

    public int fd() {
        return fd;
    }

    /**
     * Reads the next packet the kernel sent out of the device into {@code buffer} (truncating),
     * waiting at most {@code timeoutMillis}; returns its length without the vnet header, or -1
     * on timeout.
     */
    public int read(byte[] buffer, long timeoutMillis) {
        synchronized (readLock) {
            int n = await(timeoutMillis);
            if (n < 0) return -1;
            int skip = vnet ? VNET_HDR_LEN : 0;
            MemorySegment.copy(rbuf, ValueLayout.JAVA_BYTE, skip, buffer, 0, Math.min(n - skip, buffer.length));
            return n - skip;
        }
    }

    /** Reads the next packet as {@link Bytes}; null on timeout. */
    public Bytes read(long timeoutMillis) {
        synchronized (readLock) {
            int n = await(timeoutMillis);
            if (n < 0) return null;
            int skip = vnet ? VNET_HDR_LEN : 0;
            return Bytes.wrap(rbuf.asSlice(skip, n - skip).toArray(ValueLayout.JAVA_BYTE));
        }
    }

    /**
     * Reads the next packet as a {@link Frame} (marked {@link Frame#PACKET_OUTGOING}: the kernel
     * sent it out of the device); null on timeout.
     */
    @Override
    public Frame receive(long timeoutMillis) {
        Bytes b = read(timeoutMillis);
        if (b == null) return null;
        int protocol = !b.isEmpty() && (b.u8(0) >> 4) == 6 ? 0x86dd : 0x0800;
        return new Frame(b, protocol, Frame.PACKET_OUTGOING, index, System.currentTimeMillis() * 1_000_000L);
    }

    private int await(long timeoutMillis) {
        checkOpen();
        long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
        while (true) {
            long n = LibC.read(fd, rbuf, MAX);
            if (n >= 0) {
                if (vnet) {
                    if (n < VNET_HDR_LEN) continue; // cannot happen with IFF_VNET_HDR; skip it
                    MemorySegment.copy(rbuf, ValueLayout.JAVA_BYTE, 0, vnetHeader, 0, VNET_HDR_LEN);
                }
                return (int) n;
            }
            int errno = LibC.errno();
            if (errno != Errno.EAGAIN && errno != Errno.EINTR) throw new SysException("read", name, errno);
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0 || LibC.pollOne(pollfd, fd, LibC.POLLIN, left) == 0) return -1;
        }
    }

    /** The vnet header of the last packet read (GSO type and size, checksum start/offset). */
    public Bytes lastVnetHeader() {
        synchronized (readLock) {
            return Bytes.of(vnetHeader);
        }
    }

    /** Hands one IP packet to the kernel as received on this device. */
    public void write(byte[] packet, int offset, int length) {
        synchronized (writeLock) {
            checkOpen();
            int skip = vnet ? VNET_HDR_LEN : 0;
            if (length + skip > MAX) throw new IllegalArgumentException("packet of " + length + " bytes is too long");
            if (vnet) wbuf.asSlice(0, VNET_HDR_LEN).fill((byte) 0);
            MemorySegment.copy(packet, offset, wbuf, ValueLayout.JAVA_BYTE, skip, length);
            while (true) {
                long r = LibC.write(fd, wbuf, length + skip);
                if (r >= 0) return;
                int errno = LibC.errno();
                if (errno == Errno.EINTR) continue;
                if (errno == Errno.EAGAIN && LibC.pollOne(pollfd, fd, LibC.POLLOUT, 1000) != 0) continue;
                throw new SysException("write", name + " (" + length + " bytes)", errno);
            }
        }
    }

    public void write(byte[] packet) {
        write(packet, 0, packet.length);
    }

    public void write(Bytes packet) {
        write(packet.toByteArray());
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("TUN device " + name + " is closed");
    }

    /** Closes the descriptor; the kernel deletes the device with it. */
    @Override
    public void close() {
        synchronized (readLock) {
            synchronized (writeLock) {
                if (closed) return;
                closed = true;
                LibC.close(fd);
                arena.close();
            }
        }
    }
}
