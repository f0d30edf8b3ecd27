package org.mptcpkit.drill.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A system-call argument or result expression. Symbols such as {@code SOCK_STREAM} stay names
 * here; the executor resolves them against its symbol table.
 *
 * <p>Forms, as written: {@code ...}, {@code 3}, {@code 0x2}, {@code SOCK_STREAM}, {@code NULL},
 * {@code "reno"}, {@code "abc"...}, {@code O_RDWR|O_NONBLOCK}, {@code name=expr}, {@code [1]},
 * {@code inet_addr("1.2.3.4")}, {@code inet6_addr("::1")},
 * {@code {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("192.0.2.1")}},
 * {@code {msg_name(...)=..., msg_iov(1)=[{..., 100}], msg_flags=0}}, {@code {..., 100}} (iovec),
 * {@code {fd=3, events=POLLIN, revents=0}}, {@code {onoff=1, linger=0}},
 * {@code {cmsg_level=..., cmsg_type=..., cmsg_data=...}}, {@code {scm_sec=1, scm_nsec=0}},
 * {@code {ee_errno=..., ee_origin=..., ee_type=..., ee_code=..., ee_info=..., ee_data=...}},
 * {@code {events=EPOLLIN, fd=3}}, {@code {expr, ...}}, GRE headers and MPLS stacks.
 */
public sealed interface Expr {

    /** {@code ...}: "the harness fills this in" (addresses, buffers). */
    record Ellipsis() implements Expr {
    }

    /**
     * An integer; {@code NULL} is a {@link Symbol}, resolved to 0 by the executor.
     *
     * @param hex written as {@code 0x...}, kept to print it back the same way
     */
    record IntLit(long value, boolean hex) implements Expr {
    }

    /** A symbolic name such as {@code SOCK_STREAM}, {@code EINPROGRESS} or {@code NULL}. */
    record Symbol(String name) implements Expr {
        public Symbol {
            Objects.requireNonNull(name, "name");
        }
    }

    /**
     * A string. Adjacent strings are concatenated. {@code "abc"...} (a prefix) sets
     * {@code prefixOnly}.
     *
     * @param value the characters between the quotes, backslash escapes kept as written
     */
    record StringLit(String value, boolean prefixOnly) implements Expr {
        public StringLit {
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code a|b}: bitwise OR. */
    record Or(Expr left, Expr right) implements Expr {
        public Or {
            Objects.requireNonNull(left, "left");
            Objects.requireNonNull(right, "right");
        }
    }

    /** {@code name=value}, as in {@code {tv_sec=1, ...}} or netlink attribute lists. */
    record Assign(String name, Expr value) implements Expr {
        public Assign {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
        }
    }

    /** {@code [a, b]}: a pointer to values, e.g. an {@code int *} argument {@code [1]}. */
    record ListExpr(List<Expr> elements) implements Expr {
        public ListExpr {
            elements = List.copyOf(elements);
        }
    }

    /** {@code {a, b}}: a generic brace list. */
    record StructExpr(List<Expr> elements) implements Expr {
        public StructExpr {
            elements = List.copyOf(elements);
        }
    }

    /** {@code inet_addr("192.0.2.1")}: an IPv4 address in network order, as {@code inet_addr(3)}. */
    record InetAddr(String address) implements Expr {
        public InetAddr {
            Objects.requireNonNull(address, "address");
        }
    }

    /** {@code inet6_addr("2001:db8::1")}: a {@code struct in6_addr}. */
    record Inet6Addr(String address) implements Expr {
        public Inet6Addr {
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * {@code {sa_family=AF_INET, sin_port=htons(8080), sin_addr=inet_addr("192.0.2.1")}}.
     *
     * @param family {@code AF_INET} or {@code AF_INET6}
     */
    record Sockaddr(String family, int port, String address) implements Expr {
        public Sockaddr {
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(address, "address");
        }
    }

    /**
     * {@code {msg_name(...)=..., msg_iov(N)=[...], msg_flags=F [, msg_control=[...]]}}.
     *
     * @param iovLength the N of {@code msg_iov(N)}
     * @param iov       a {@link ListExpr} of {@link Iovec}
     * @param control   the {@code msg_control} list, when written
     */
    record Msghdr(long iovLength, ListExpr iov, Expr flags, Optional<ListExpr> control) implements Expr {
        public Msghdr {
            Objects.requireNonNull(iov, "iov");
            Objects.requireNonNull(flags, "flags");
            Objects.requireNonNull(control, "control");
        }
    }

    /** {@code {..., LEN}}: a zero-filled buffer of LEN bytes. */
    record Iovec(long length) implements Expr {
    }

    /**
     * {@code {fd=3, events=POLLIN [, revents=R]}}.
     *
     * @param revents the expected returned events; absent means 0
     */
    record Pollfd(Expr fd, Expr events, Optional<Expr> revents) implements Expr {
        public Pollfd {
            Objects.requireNonNull(fd, "fd");
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(revents, "revents");
        }
    }

    /** {@code {onoff=1, linger=0}}: a {@code struct linger}. */
    record Linger(long onoff, long linger) implements Expr {
    }

    /** {@code {cmsg_level=L, cmsg_type=T, cmsg_data=D}}. */
    record Cmsg(Expr level, Expr type, Expr data) implements Expr {
        public Cmsg {
            Objects.requireNonNull(level, "level");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(data, "data");
        }
    }

    /** {@code {scm_sec=S, scm_nsec=N}}. */
    record ScmTimestamping(long seconds, long nanoseconds) implements Expr {
    }

    /** {@code {ee_errno=..., ee_origin=..., ee_type=..., ee_code=..., ee_info=..., ee_data=...}}. */
    record SockExtendedErr(Expr errno, Expr origin, Expr type, Expr code, Expr info, Expr data) implements Expr {
        public SockExtendedErr {
            Objects.requireNonNull(errno, "errno");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(info, "info");
            Objects.requireNonNull(data, "data");
        }
    }

    /** Which member of {@code epoll_data} an {@link EpollEvent} sets. */
    enum EpollData {
        FD("fd"), PTR("ptr"), U32("u32"), U64("u64");

        private final String spelling;

        EpollData(String spelling) {
            this.spelling = spelling;
        }

        public String spelling() {
            return spelling;
        }
    }

    /** {@code {events=EPOLLIN, fd=3}} (or {@code ptr=}, {@code u32=}, {@code u64=}). */
    record EpollEvent(Expr events, EpollData member, Expr data) implements Expr {
        public EpollEvent {
            Objects.requireNonNull(events, "events");
            Objects.requireNonNull(member, "member");
            Objects.requireNonNull(data, "data");
        }
    }

    /** {@code {flags[...] sum N off N key N seq N}}: a GRE header for socket options. */
    record GreExpr(GreHeader header) implements Expr {
        public GreExpr {
            Objects.requireNonNull(header, "header");
        }
    }

    /** {@code {(label N, tc N, [S], ttl N) ...}}: an MPLS label stack for socket options. */
    record MplsExpr(List<MplsEntry> stack) implements Expr {
        public MplsExpr {
            stack = List.copyOf(stack);
        }
    }
}
