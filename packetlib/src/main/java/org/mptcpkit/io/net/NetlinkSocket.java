package org.mptcpkit.io.net;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.mptcpkit.io.sys.Errno;
import org.mptcpkit.io.sys.LibC;
import org.mptcpkit.io.sys.SysException;

/**
 * A netlink socket (rtnetlink or generic netlink) in the namespace of the thread that opened it,
 * speaking request/acknowledge: every request asks for an ACK, every wait has a timeout, and a
 * kernel error comes back as a {@link NetlinkException} carrying the errno and the kernel's
 * extended-ACK text ("Unknown device type", "Nexthop has invalid gateway").
 *
 * <p>Not thread-safe: one request at a time (callers synchronise).
 */
final class NetlinkSocket implements AutoCloseable {
    static final int NETLINK_ROUTE = 0;
    static final int NETLINK_GENERIC = 16;

    static final int NLM_F_REQUEST = 0x1;
    static final int NLM_F_MULTI = 0x2;
    static final int NLM_F_ACK = 0x4;
    static final int NLM_F_DUMP = 0x300;
    static final int NLM_F_REPLACE = 0x100;
    static final int NLM_F_EXCL = 0x200;
    static final int NLM_F_CREATE = 0x400;
    static final int NLM_F_CAPPED = 0x100;
    static final int NLM_F_ACK_TLVS = 0x200;
    static final int NLMSG_ERROR = 2;
    static final int NLMSG_DONE = 3;
    static final int NLA_F_NESTED = 0x8000;
    private static final int NETLINK_EXT_ACK = 11;
    private static final int NETLINK_CAP_ACK = 10;
    private static final int NLMSGERR_ATTR_MSG = 1;
    private static final long TIMEOUT_MS = 5000;
    private static final int BUFFER = 1 << 16;

    private final Arena arena = Arena.ofShared();
    private final MemorySegment buffer = arena.allocate(BUFFER, 8);
    private final MemorySegment pollfd = arena.allocate(LibC.POLLFD);
    private final int fd;
    private int seq = (int) (System.nanoTime() & 0x3fffffff);

    private NetlinkSocket(int fd) {
        this.fd = fd;
    }

    /** Opens a netlink socket of {@code protocol} in the calling thread's network namespace. */
    static NetlinkSocket open(int protocol) {
        int fd = LibC.socket(LibC.AF_NETLINK, LibC.SOCK_RAW | LibC.SOCK_CLOEXEC, protocol);
        if (fd < 0) throw SysException.last("socket", "(AF_NETLINK)");
        NetlinkSocket s = new NetlinkSocket(fd);
        try {
            // sockaddr_nl {family, pad, pid = 0 (kernel assigns), groups = 0}
            MemorySegment sa = s.arena.allocate(12);
            sa.set(ValueLayout.JAVA_SHORT, 0, (short) LibC.AF_NETLINK);
            if (LibC.bind(fd, sa, 12) < 0) throw SysException.last("bind", "(AF_NETLINK)");
            // Best effort: older kernels lack extended ACKs; the errno alone still tells.
            MemorySegment one = s.arena.allocateFrom(ValueLayout.JAVA_INT, 1);
            LibC.setsockopt(fd, LibC.SOL_NETLINK, NETLINK_EXT_ACK, one, 4);
            LibC.setsockopt(fd, LibC.SOL_NETLINK, NETLINK_CAP_ACK, one, 4);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /**
     * Sends {@code message} (built by {@link Message}) with NLM_F_ACK, and returns every reply
     * message before the ACK (or NLMSG_DONE for a dump), each as a little buffer positioned at
     * its netlink header.
     */
    List<ByteBuffer> request(Message message, String what) {
        int mySeq = ++seq;
        byte[] bytes = message.finish(mySeq);
        MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, 0, bytes.length);
        if (LibC.sendto(fd, buffer, bytes.length, 0, MemorySegment.NULL, 0) < 0) {
            throw SysException.last("sendto", "(netlink " + what + ")");
        }
        boolean dump = (message.flags & NLM_F_DUMP) == NLM_F_DUMP;
        List<ByteBuffer> replies = new ArrayList<>();
        long deadline = System.nanoTime() + TIMEOUT_MS * 1_000_000L;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0 || LibC.pollOne(pollfd, fd, LibC.POLLIN, left) == 0) {
                throw new SysException("netlink " + what, "(no answer within " + TIMEOUT_MS + " ms)", Errno.ETIMEDOUT);
            }
            long n = LibC.recvfrom(fd, buffer, BUFFER, 0, MemorySegment.NULL, MemorySegment.NULL);
            if (n < 0) {
                if (LibC.errno() == Errno.EINTR || LibC.errno() == Errno.EAGAIN) continue;
                throw SysException.last("recvfrom", "(netlink " + what + ")");
            }
            ByteBuffer in = ByteBuffer.wrap(buffer.asSlice(0, n).toArray(ValueLayout.JAVA_BYTE)).order(ByteOrder.nativeOrder());
            int off = 0;
            while (off + 16 <= n) {
                int len = in.getInt(off);
                int type = in.getShort(off + 4) & 0xffff;
                int flags = in.getShort(off + 6) & 0xffff;
                int rseq = in.getInt(off + 8);
                if (len < 16 || off + len > n) break;
                if (rseq == mySeq) {
                    if (type == NLMSG_ERROR) {
                        int error = -in.getInt(off + 16);
                        if (error == 0) return replies; // the ACK
                        throw new NetlinkException(what, error, extAckMessage(in, off, len, flags));
                    }
                    if (type == NLMSG_DONE) return replies;
                    replies.add(in.slice(off, len).order(ByteOrder.nativeOrder()));
                    if (!dump && (flags & NLM_F_MULTI) == 0 && (message.flags & NLM_F_ACK) == 0) return replies;
                }
                off += align4(len);
            }
        }
    }

    private static String extAckMessage(ByteBuffer in, int off, int len, int flags) {
        if ((flags & NLM_F_ACK_TLVS) == 0) return null;
        // struct nlmsgerr { int error; struct nlmsghdr msg; } + the request's payload unless capped.
        int tlv = off + 16 + 4 + 16;
        if ((flags & NLM_F_CAPPED) == 0) {
            int origLen = in.getInt(off + 20);
            tlv = off + 16 + 4 + align4(origLen);
        }
        int end = off + len;
        while (tlv + 4 <= end) {
            int alen = in.getShort(tlv) & 0xffff;
            int atype = in.getShort(tlv + 2) & 0x3fff;
            if (alen < 4 || tlv + alen > end) break;
            if (atype == NLMSGERR_ATTR_MSG) {
                int l = alen - 4;
                while (l > 0 && in.get(tlv + 4 + l - 1) == 0) l--;
                byte[] s = new byte[l];
                in.get(tlv + 4, s);
                return new String(s, java.nio.charset.StandardCharsets.UTF_8);
            }
            tlv += align4(alen);
        }
        return null;
    }

    static int align4(int n) {
        return (n + 3) & ~3;
    }

    @Override
    public void close() {
        LibC.closeQuietly(fd);
        arena.close();
    }

    /** A netlink error: errno plus the kernel's extended-ACK text when it gave one. */
    static final class NetlinkException extends SysException {
        private final String kernelMessage;

        NetlinkException(String what, int errno, String kernelMessage) {
            super("netlink", errno, "netlink " + what + ": " + Errno.describe(errno)
                    + (kernelMessage == null || kernelMessage.isEmpty() ? "" : ": " + kernelMessage));
            this.kernelMessage = kernelMessage;
        }

        String kernelMessage() {
            return kernelMessage;
        }
    }

    /** Builds one netlink message: header, a fixed family header, then attributes (TLVs). */
    static final class Message {
        private ByteBuffer b = ByteBuffer.allocate(512).order(ByteOrder.nativeOrder());
        final int flags;

        Message(int type, int flags) {
            this.flags = flags | NLM_F_REQUEST | ((flags & NLM_F_DUMP) == NLM_F_DUMP ? 0 : NLM_F_ACK);
            b.putInt(0).putShort((short) type).putShort((short) this.flags).putInt(0).putInt(0);
        }

        private void room(int n) {
            if (b.remaining() < n + 8) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(b.capacity() * 2, b.position() + n + 64)).order(ByteOrder.nativeOrder());
                b.flip();
                bigger.put(b);
                b = bigger;
            }
        }

        Message u8(int v) {
            room(1);
            b.put((byte) v);
            return this;
        }

        Message u16(int v) {
            room(2);
            b.putShort((short) v);
            return this;
        }

        Message u32(int v) {
            room(4);
            b.putInt(v);
            return this;
        }

        Message raw(byte[] bytes) {
            room(bytes.length);
            b.put(bytes);
            return this;
        }

        Message attr(int type, byte[] payload) {
            room(4 + payload.length + 3);
            b.putShort((short) (4 + payload.length)).putShort((short) type).put(payload);
            pad();
            return this;
        }

        Message attrU8(int type, int v) {
            return attr(type, new byte[] {(byte) v});
        }

        Message attrU16(int type, int v) {
            room(8);
            b.putShort((short) 6).putShort((short) type).putShort((short) v);
            pad();
            return this;
        }

        Message attrU32(int type, int v) {
            room(8);
            b.putShort((short) 8).putShort((short) type).putInt(v);
            return this;
        }

        Message attrString(int type, String s) {
            byte[] z = (s + "\0").getBytes(java.nio.charset.StandardCharsets.UTF_8);
            return attr(type, z);
        }

        /** Starts a nested attribute; close it with {@link #end(int)}. */
        int nest(int type) {
            room(4);
            int at = b.position();
            b.putShort((short) 0).putShort((short) type);
            return at;
        }

        Message end(int at) {
            b.putShort(at, (short) (b.position() - at));
            return this;
        }

        private void pad() {
            while ((b.position() & 3) != 0) b.put((byte) 0);
        }

        byte[] finish(int seq) {
            pad();
            b.putInt(0, b.position());
            b.putInt(8, seq);
            byte[] out = new byte[b.position()];
            b.get(0, out);
            return out;
        }
    }

    /** Iterates the attributes of a reply from {@code from} (after the family header) to its end. */
    static void forEachAttr(ByteBuffer msg, int from, int to, AttrVisitor v) {
        int off = from;
        while (off + 4 <= to) {
            int len = msg.getShort(off) & 0xffff;
            int type = msg.getShort(off + 2) & 0x3fff;
            if (len < 4 || off + len > to) return;
            v.visit(type, off + 4, len - 4);
            off += align4(len);
        }
    }

    @FunctionalInterface
    interface AttrVisitor {
        void visit(int type, int offset, int length);
    }
}
