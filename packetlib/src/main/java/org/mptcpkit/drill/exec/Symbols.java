package org.mptcpkit.drill.exec;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

import org.mptcpkit.io.sys.Errno;

/**
 * The Linux constants a script may name in a system call ({@code SOCK_STREAM},
 * {@code IPPROTO_MPTCP}, {@code EINPROGRESS}, ...), as packetdrill's {@code symbols_linux.c}
 * resolves them on x86-64. Errno names come from {@link Errno}.
 */
public final class Symbols {
    private static final Map<String, Long> TABLE = new HashMap<>();

    static {
        put("NULL", 0);
        // Address families and socket types.
        put("AF_UNSPEC", 0); put("AF_UNIX", 1); put("AF_INET", 2); put("AF_INET6", 10); put("AF_NETLINK", 16);
        put("AF_PACKET", 17); put("PF_INET", 2); put("PF_INET6", 10); put("PF_UNSPEC", 0);
        put("SOCK_STREAM", 1); put("SOCK_DGRAM", 2); put("SOCK_RAW", 3); put("SOCK_SEQPACKET", 5);
        put("SOCK_NONBLOCK", 0x800); put("SOCK_CLOEXEC", 0x80000);
        // Protocols and levels.
        put("IPPROTO_IP", 0); put("IPPROTO_ICMP", 1); put("IPPROTO_TCP", 6); put("IPPROTO_UDP", 17);
        put("IPPROTO_IPV6", 41); put("IPPROTO_ICMPV6", 58); put("IPPROTO_RAW", 255); put("IPPROTO_MPTCP", 262);
        put("SOL_SOCKET", 1); put("SOL_IP", 0); put("SOL_IPV6", 41); put("SOL_TCP", 6); put("SOL_UDP", 17);
        put("SOL_MPTCP", 284);
        // SOL_SOCKET options.
        put("SO_DEBUG", 1); put("SO_REUSEADDR", 2); put("SO_TYPE", 3); put("SO_ERROR", 4); put("SO_DONTROUTE", 5);
        put("SO_BROADCAST", 6); put("SO_SNDBUF", 7); put("SO_RCVBUF", 8); put("SO_KEEPALIVE", 9);
        put("SO_OOBINLINE", 10); put("SO_NO_CHECK", 11); put("SO_PRIORITY", 12); put("SO_LINGER", 13);
        put("SO_BSDCOMPAT", 14); put("SO_REUSEPORT", 15); put("SO_PASSCRED", 16); put("SO_RCVLOWAT", 18);
        put("SO_SNDLOWAT", 19); put("SO_RCVTIMEO", 20); put("SO_SNDTIMEO", 21); put("SO_BINDTODEVICE", 25);
        put("SO_TIMESTAMP", 29); put("SO_ACCEPTCONN", 30); put("SO_SNDBUFFORCE", 32); put("SO_RCVBUFFORCE", 33);
        put("SO_PROTOCOL", 38); put("SO_DOMAIN", 39); put("SO_MARK", 36); put("SO_TIMESTAMPING", 37);
        put("SO_ZEROCOPY", 60); put("SO_INCOMING_CPU", 49); put("SO_MAX_PACING_RATE", 47);
        // IP / IPv6 options.
        put("IP_TOS", 1); put("IP_TTL", 2); put("IP_RECVERR", 11); put("IP_MTU_DISCOVER", 10); put("IP_MTU", 14);
        put("IP_FREEBIND", 15); put("IP_TRANSPARENT", 19); put("IPV6_V6ONLY", 26); put("IPV6_RECVERR", 25);
        put("IPV6_TCLASS", 67); put("IPV6_MTU_DISCOVER", 23); put("IPV6_MTU", 24); put("IPV6_HOPLIMIT", 52);
        put("IP_PMTUDISC_DONT", 0); put("IP_PMTUDISC_WANT", 1); put("IP_PMTUDISC_DO", 2);
        // TCP options.
        put("TCP_NODELAY", 1); put("TCP_MAXSEG", 2); put("TCP_CORK", 3); put("TCP_KEEPIDLE", 4); put("TCP_KEEPINTVL", 5);
        put("TCP_KEEPCNT", 6); put("TCP_SYNCNT", 7); put("TCP_LINGER2", 8); put("TCP_DEFER_ACCEPT", 9);
        put("TCP_WINDOW_CLAMP", 10); put("TCP_INFO", 11); put("TCP_QUICKACK", 12); put("TCP_CONGESTION", 13);
        put("TCP_MD5SIG", 14); put("TCP_THIN_LINEAR_TIMEOUTS", 16); put("TCP_THIN_DUPACK", 17);
        put("TCP_USER_TIMEOUT", 18); put("TCP_REPAIR", 19); put("TCP_REPAIR_QUEUE", 20); put("TCP_QUEUE_SEQ", 21);
        put("TCP_REPAIR_OPTIONS", 22); put("TCP_FASTOPEN", 23); put("TCP_TIMESTAMP", 24);
        put("TCP_NOTSENT_LOWAT", 25); put("TCP_CC_INFO", 26); put("TCP_SAVE_SYN", 27); put("TCP_SAVED_SYN", 28);
        put("TCP_REPAIR_WINDOW", 29); put("TCP_FASTOPEN_CONNECT", 30); put("TCP_ULP", 31);
        put("TCP_MD5SIG_EXT", 32); put("TCP_FASTOPEN_KEY", 33); put("TCP_FASTOPEN_NO_COOKIE", 34);
        put("TCP_ZEROCOPY_RECEIVE", 35); put("TCP_INQ", 36); put("TCP_TX_DELAY", 37);
        // MPTCP options (SOL_MPTCP).
        put("MPTCP_INFO", 1); put("MPTCP_TCPINFO", 2); put("MPTCP_SUBFLOW_ADDRS", 3); put("MPTCP_FULL_INFO", 4);
        // File status flags and fcntl commands.
        put("O_RDONLY", 0); put("O_WRONLY", 1); put("O_RDWR", 2); put("O_CREAT", 0x40); put("O_EXCL", 0x80);
        put("O_NOCTTY", 0x100); put("O_TRUNC", 0x200); put("O_APPEND", 0x400); put("O_NONBLOCK", 0x800);
        put("O_NDELAY", 0x800); put("O_DSYNC", 0x1000); put("O_DIRECT", 0x4000); put("O_CLOEXEC", 0x80000);
        put("F_DUPFD", 0); put("F_GETFD", 1); put("F_SETFD", 2); put("F_GETFL", 3); put("F_SETFL", 4);
        put("F_GETLK", 5); put("F_SETLK", 6); put("F_SETLKW", 7); put("F_SETOWN", 8); put("F_GETOWN", 9);
        put("F_SETSIG", 10); put("F_GETSIG", 11); put("FD_CLOEXEC", 1);
        // poll(2).
        put("POLLIN", 0x1); put("POLLPRI", 0x2); put("POLLOUT", 0x4); put("POLLERR", 0x8); put("POLLHUP", 0x10);
        put("POLLNVAL", 0x20); put("POLLRDNORM", 0x40); put("POLLRDBAND", 0x80); put("POLLWRNORM", 0x100);
        put("POLLWRBAND", 0x200); put("POLLMSG", 0x400); put("POLLRDHUP", 0x2000);
        // epoll.
        put("EPOLLIN", 0x1); put("EPOLLPRI", 0x2); put("EPOLLOUT", 0x4); put("EPOLLERR", 0x8); put("EPOLLHUP", 0x10);
        put("EPOLLRDHUP", 0x2000); put("EPOLLET", 1L << 31); put("EPOLLONESHOT", 1L << 30);
        put("EPOLL_CTL_ADD", 1); put("EPOLL_CTL_DEL", 2); put("EPOLL_CTL_MOD", 3);
        // splice(2) flags.
        put("SPLICE_F_MOVE", 1); put("SPLICE_F_NONBLOCK", 2); put("SPLICE_F_MORE", 4); put("SPLICE_F_GIFT", 8);
        // shutdown(2) and message flags.
        put("SHUT_RD", 0); put("SHUT_WR", 1); put("SHUT_RDWR", 2);
        put("MSG_OOB", 0x1); put("MSG_PEEK", 0x2); put("MSG_DONTROUTE", 0x4); put("MSG_CTRUNC", 0x8);
        put("MSG_TRUNC", 0x20); put("MSG_DONTWAIT", 0x40); put("MSG_EOR", 0x80); put("MSG_WAITALL", 0x100);
        put("MSG_CONFIRM", 0x800); put("MSG_ERRQUEUE", 0x2000); put("MSG_NOSIGNAL", 0x4000); put("MSG_MORE", 0x8000);
        put("MSG_FASTOPEN", 0x20000000); put("MSG_ZEROCOPY", 0x4000000); put("MSG_CMSG_CLOEXEC", 0x40000000);
        // ioctl requests.
        put("SIOCINQ", 0x541b); put("SIOCOUTQ", 0x5411); put("SIOCOUTQNSD", 0x894b); put("FIONREAD", 0x541b);
        put("SIOCGSTAMP", 0x8906);
    }

    private Symbols() {
    }

    private static void put(String name, long value) {
        TABLE.put(name, value);
    }

    /** The value of {@code name}: a constant above, or an errno name ({@code ECONNREFUSED}). */
    public static OptionalLong lookup(String name) {
        Long v = TABLE.get(name);
        if (v != null) return OptionalLong.of(v);
        int e = Errno.byName(name);
        return e > 0 ? OptionalLong.of(e) : OptionalLong.empty();
    }
}
