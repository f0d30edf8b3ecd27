package org.mptcpkit.drill.ast;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;

/**
 * Prints the AST back as canonical packetdrill syntax, for golden files, {@code --print} and
 * mismatch reports. Parsing the output gives the same AST, positions aside.
 *
 * <p>Canonical means: one event per line, times in seconds with at most six decimals and no
 * trailing zeros ({@code +0.2}, {@code 1}, {@code +0...0.02}), single spaces, options separated
 * by {@code ", "}, flags of MPTCP options spelled {@code flags[flag_h]}, omitted defaults left
 * out ({@code backup=0} of an MP_JOIN, {@code address_id=auto}), and {@code -} for a segment
 * without flags.
 */
public final class ScriptPrinter {
    private static final String[] MPC_FLAGS = {"flag_a", "flag_b", "flag_c", "flag_d", "flag_e", "flag_f",
            "flag_g", "flag_h"};

    private ScriptPrinter() {
    }

    /** The whole script, one line per option, command and event. */
    public static String print(Script script) {
        StringBuilder sb = new StringBuilder();
        for (ScriptOption o : script.options()) {
            sb.append("--").append(o.name());
            o.value().ifPresent(v -> sb.append('=').append(optionValue(v)));
            sb.append('\n');
        }
        script.initCommand().ifPresent(c -> sb.append('`').append(c.command()).append("`\n"));
        if (sb.length() > 0) sb.append('\n');
        for (Event e : script.events()) sb.append(print(e)).append('\n');
        script.cleanupCommand().ifPresent(c -> sb.append('`').append(c.command()).append("`\n"));
        return sb.toString();
    }

    /** {@code +0.1 write(3, ..., 100) = 100} */
    public static String print(Event event) {
        return print(event.time()) + " " + print(event.action());
    }

    /** {@code 1.5}, {@code +0.1}, {@code *}, {@code 0.1~0.3}, {@code +0.1~+0.3}, {@code +0...0.02}. */
    public static String print(EventTime time) {
        return switch (time) {
            case EventTime.Absolute a -> seconds(a.micros());
            case EventTime.Relative r -> "+" + seconds(r.micros());
            case EventTime.Any a -> "*";
            case EventTime.AbsoluteRange r -> seconds(r.startMicros()) + "~" + seconds(r.endMicros());
            case EventTime.RelativeRange r -> "+" + seconds(r.startMicros()) + "~+" + seconds(r.endMicros());
            case EventTime.Blocking b -> print(b.start()) + "..." + seconds(b.endMicros());
        };
    }

    /** Microseconds as seconds: {@code 100000} is {@code 0.1}, {@code 2000000} is {@code 2}. */
    public static String seconds(long micros) {
        long whole = micros / 1_000_000, frac = micros % 1_000_000;
        if (frac == 0) return Long.toString(whole);
        StringBuilder f = new StringBuilder(Long.toString(frac + 1_000_000).substring(1));
        while (f.charAt(f.length() - 1) == '0') f.setLength(f.length() - 1);
        return whole + "." + f;
    }

    public static String print(Action action) {
        return switch (action) {
            case PacketEvent p -> print(p);
            case SyscallEvent s -> print(s);
            case CommandEvent c -> "`" + c.command() + "`";
            case CodeEvent c -> "%{" + (c.code().startsWith("\n") ? "" : " ") + c.code()
                    + (c.code().endsWith("\n") ? "" : " ") + "}%";
        };
    }

    /** {@code < S 0:0(0) win 65535 <mss 1460, sackOK, nop, wscale 8>} */
    public static String print(PacketEvent packet) {
        StringBuilder sb = new StringBuilder();
        sb.append(packet.direction().symbol());
        for (OuterHeader h : packet.outerHeaders()) sb.append(' ').append(print(h));
        if (!packet.ipInfo().isEmpty()) sb.append(' ').append(print(packet.ipInfo()));
        sb.append(' ').append(print(packet.segment()));
        return sb.toString();
    }

    public static String print(Segment segment) {
        return switch (segment) {
            case Segment.Tcp t -> {
                StringBuilder sb = new StringBuilder();
                if (!t.tuple().isEmpty()) sb.append(print(t.tuple())).append(' ');
                sb.append(t.flags()).append(' ').append(t.startSequence()).append(':').append(t.endSequence())
                        .append('(').append(t.payloadLength()).append(')');
                t.ack().ifPresent(a -> sb.append(" ack ").append(a));
                t.window().ifPresent(w -> sb.append(" win ").append(w));
                t.urgentPointer().ifPresent(u -> sb.append(" urg ").append(u));
                switch (t.options()) {
                    case TcpOptions.Any a -> sb.append(" <...>");
                    case TcpOptions.Exactly x -> {
                        if (!x.options().isEmpty()) sb.append(" <").append(printOptions(x.options())).append('>');
                    }
                }
                yield sb.toString();
            }
            case Segment.Udp u -> "udp " + (u.tuple().isEmpty() ? "" : print(u.tuple()) + " ")
                    + "(" + u.payloadLength() + ")";
            case Segment.Icmp i -> {
                StringBuilder sb = new StringBuilder("icmp ").append(i.type());
                i.code().ifPresent(c -> sb.append(' ').append(c));
                i.mtu().ifPresent(m -> sb.append(" mtu ").append(m));
                i.echoId().ifPresent(m -> sb.append(" id ").append(m));
                i.echoed().ifPresent(e -> sb.append(" [").append(switch (e) {
                    case Segment.Echoed.TcpSegment s -> s.startSequence() + ":"
                            + (s.startSequence() + s.payloadLength()) + "(" + s.payloadLength() + ")";
                    case Segment.Echoed.UdpDatagram d -> "udp(" + d.payloadLength() + ")";
                    case Segment.Echoed.Raw r -> "raw(" + r.payloadLength() + ")";
                }).append(']'));
                yield sb.toString();
            }
        };
    }

    /** {@code addr[caddr0] > addr[saddr0]}, {@code > addr[saddr1]}, {@code 1234 > 8080}. */
    public static String print(Tuple tuple) {
        String src = print(tuple.source());
        String dst = print(tuple.destination());
        return (src.isEmpty() ? "" : src + " ") + ">" + (dst.isEmpty() ? "" : " " + dst);
    }

    public static String print(Endpoint endpoint) {
        return switch (endpoint) {
            case Endpoint.Unspecified u -> "";
            case Endpoint.Port p -> Integer.toString(p.port());
            case Endpoint.Address a -> address(a.address()) + ":" + a.port();
            case Endpoint.Variable v -> "addr[" + v.name() + "]";
        };
    }

    public static String print(OuterHeader header) {
        return switch (header) {
            case OuterHeader.Ipv4 h -> "ipv4 " + (h.info().isEmpty() ? "" : print(h.info()) + " ")
                    + address(h.source()) + " > " + address(h.destination()) + " :";
            case OuterHeader.Ipv6 h -> "ipv6 " + (h.info().isEmpty() ? "" : print(h.info()) + " ")
                    + address(h.source()) + " > " + address(h.destination()) + " :";
            case OuterHeader.Gre g -> "gre " + g.header().map(h -> print(h) + " ").orElse("") + ":";
            case OuterHeader.Mpls m -> "mpls " + mpls(m.stack()) + (m.stack().isEmpty() ? "" : " ") + ":";
        };
    }

    /** {@code [ect0]}, {@code [tos 0x10, flowlabel 0x12345]}, {@code [ttl 64]}. */
    public static String print(IpInfo info) {
        StringBuilder sb = new StringBuilder("[");
        info.tos().ifPresent(t -> sb.append(switch (t) {
            case IpInfo.TosSpec.Ecn e -> e.check().spelling();
            case IpInfo.TosSpec.Tos v -> "tos 0x" + Integer.toHexString(v.value());
        }));
        info.flowLabel().ifPresent(f -> sb.append(sb.length() > 1 ? ", " : "").append("flowlabel 0x")
                .append(Integer.toHexString(f)));
        info.ttl().ifPresent(t -> sb.append(sb.length() > 1 ? ", " : "").append("ttl ").append(t));
        return sb.append(']').toString();
    }

    private static String print(GreHeader h) {
        StringBuilder sb = new StringBuilder("flags");
        int known = GreHeader.FLAG_CHECKSUM | GreHeader.FLAG_KEY | GreHeader.FLAG_SEQUENCE;
        if ((h.flags() & ~known) != 0) {
            sb.append(" 0x").append(Integer.toHexString(h.flags()));
        } else if (h.flags() == 0) {
            sb.append("[none]");
        } else {
            StringBuilder f = new StringBuilder();
            if ((h.flags() & GreHeader.FLAG_CHECKSUM) != 0) f.append("checksum present");
            if ((h.flags() & GreHeader.FLAG_KEY) != 0) f.append(f.isEmpty() ? "" : ", ").append("key present");
            if ((h.flags() & GreHeader.FLAG_SEQUENCE) != 0) f.append(f.isEmpty() ? "" : ", ").append("sequence# present");
            sb.append('[').append(f).append(']');
        }
        return sb.append(" sum ").append(h.checksum()).append(" off ").append(h.offset()).append(" key ")
                .append(h.key()).append(" seq ").append(h.sequence()).toString();
    }

    private static String mpls(List<MplsEntry> stack) {
        StringBuilder sb = new StringBuilder();
        for (MplsEntry e : stack) {
            if (!sb.isEmpty()) sb.append(' ');
            sb.append("(label ").append(e.label()).append(", tc ").append(e.trafficClass()).append(", ")
                    .append(e.bottomOfStack() ? "[S], " : "").append("ttl ").append(e.ttl()).append(')');
        }
        return sb.toString();
    }

    /** Options separated by {@code ", "}, without the angle brackets. */
    public static String printOptions(List<TcpOptionSpec> options) {
        StringBuilder sb = new StringBuilder();
        for (TcpOptionSpec o : options) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(print(o));
        }
        return sb.toString();
    }

    /** One option in script syntax, e.g. {@code dss dack8=1001 dsn8=1 ssn=1 dll=100 nocs}. */
    public static String print(TcpOptionSpec option) {
        return switch (option) {
            case TcpOptionSpec.Eol e -> "eol";
            case TcpOptionSpec.Nop n -> "nop";
            case TcpOptionSpec.Mss m -> "mss " + m.mss();
            case TcpOptionSpec.WindowScale w -> "wscale " + w.shiftCount();
            case TcpOptionSpec.SackPermitted s -> "sackOK";
            case TcpOptionSpec.Sack s -> {
                StringBuilder sb = new StringBuilder("sack");
                for (TcpOptionSpec.SackBlock b : s.blocks()) sb.append(' ').append(b.left()).append(':').append(b.right());
                yield sb.toString();
            }
            case TcpOptionSpec.Timestamp t -> "TS val " + t.value() + " ecr " + t.echoReply();
            case TcpOptionSpec.Md5 m -> "md5 " + m.digest().hex();
            case TcpOptionSpec.FastOpen f -> f.cookie().isEmpty() ? "FO" : "FO " + f.cookie().hex();
            case TcpOptionSpec.FastOpenExp f -> f.cookie().isEmpty() ? "FOEXP" : "FOEXP " + f.cookie().hex();
            case TcpOptionSpec.MpCapable m -> {
                StringBuilder sb = new StringBuilder("mpcapable v").append(m.version()).append(" flags[");
                sb.append(flagNames(m.flags(), ", ")).append("] ");
                if (m.keys().isEmpty()) {
                    sb.append("nokey");
                } else {
                    sb.append("key[");
                    for (int i = 0; i < m.keys().size(); i++) sb.append(i > 0 ? ", " : "").append(print(m.keys().get(i)));
                    sb.append(']');
                }
                if (m.dataLevelLength() > 0) sb.append(" mpcdatalen ").append(m.dataLevelLength());
                yield sb.toString();
            }
            case TcpOptionSpec.MpCapableV0 m -> (m.noChecksum() ? "mp_capable_no_cs " : "mp_capable ")
                    + print(m.senderKey()) + m.receiverKey().map(k -> " " + print(k)).orElse("")
                    + " " + flagNames(m.flags(), " ");
            case TcpOptionSpec.MpJoinSyn j -> "mp_join_syn" + (j.backup() ? " backup=1" : "")
                    + j.addressId().stream().mapToObj(i -> " address_id=" + i).findFirst().orElse("")
                    + " " + print(j.token())
                    + (j.rand().isPresent() ? " rand=" + j.rand().getAsLong() : "");
            case TcpOptionSpec.MpJoinSynAck j -> "mp_join_syn_ack" + (j.backup() ? " backup=1" : "")
                    + j.addressId().stream().mapToObj(i -> " address_id=" + i).findFirst().orElse("")
                    + " " + print(j.hmac())
                    + (j.rand().isPresent() ? " rand=" + j.rand().getAsLong() : "");
            case TcpOptionSpec.MpJoinAck j -> "mp_join_ack " + print(j.hmac());
            case TcpOptionSpec.Dss d -> {
                StringBuilder sb = new StringBuilder("dss");
                d.dataAck().ifPresent(a -> sb.append(" dack").append(a.width()).append(print(a.value())));
                d.dataSequence().ifPresent(a -> sb.append(" dsn").append(a.width()).append(print(a.value())));
                if (d.subflowSequence().isPresent()) sb.append(" ssn=").append(d.subflowSequence().getAsLong());
                d.dataLevelLength().ifPresent(l -> sb.append(" dll=").append(l));
                switch (d.checksum()) {
                    case DssChecksum.Computed c -> { }
                    case DssChecksum.Absent a -> sb.append(" nocs");
                    case DssChecksum.Value v -> sb.append(" cksum=").append(v.checksum());
                }
                if (d.dataFin()) sb.append(" fin");
                yield sb.toString();
            }
            case TcpOptionSpec.AddAddress a -> {
                StringBuilder sb = new StringBuilder("add_address");
                a.addressId().ifPresent(i -> sb.append(" address_id=").append(i));
                sb.append(" addr[").append(a.addressVariable());
                a.address().ifPresent(x -> sb.append(x instanceof Inet6Address ? "=inet6_addr(\"" : "=inet_addr(\"")
                        .append(address(x)).append("\")"));
                sb.append(']');
                a.port().ifPresent(p -> sb.append(" port=").append(p));
                sb.append(switch (a.hmac()) {
                    case AddAddrHmac.Echo e -> " addr_echo";
                    case AddAddrHmac.Value v -> " hmac=" + Long.toUnsignedString(v.hmac());
                    case AddAddrHmac.Auto x -> " hmac=auto";
                });
                yield sb.toString();
            }
            case TcpOptionSpec.RemoveAddress r -> {
                StringBuilder sb = new StringBuilder("remove_address address_id=[");
                for (int i = 0; i < r.addressIds().size(); i++) sb.append(i > 0 ? ", " : "").append(r.addressIds().get(i));
                yield sb.append(']').toString();
            }
            case TcpOptionSpec.MpPrio p -> "mp_prio backup=" + (p.backup() ? 1 : 0)
                    + p.addressId().stream().mapToObj(i -> " address_id=" + i).findFirst().orElse("");
            case TcpOptionSpec.MpFail f -> "mp_fail dsn8" + print(f.dataSequence());
            case TcpOptionSpec.MpFastclose f -> "mp_fastclose" + f.key().map(k -> " " + print(k)).orElse("")
                    + (f.offset() != 0 ? " +" + f.offset() : "");
            case TcpOptionSpec.MpReset r -> "mp_reset " + r.reason() + (r.transientFlag() ? " flags[flag_t]" : "");
        };
    }

    private static String flagNames(int flags, String separator) {
        if (flags == 0) return "no_flags";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if ((flags & (0x80 >> i)) != 0) sb.append(sb.isEmpty() ? "" : separator).append(MPC_FLAGS[i]);
        }
        return sb.toString();
    }

    private static String print(KeyVar k) {
        return k.name() + (k.value().isPresent() ? "=" + Long.toUnsignedString(k.value().getAsLong()) : "");
    }

    private static String print(TokenSpec t) {
        return switch (t) {
            case TokenSpec.Literal l -> "token=" + l.token();
            case TokenSpec.OfKey k -> "token=" + (k.algorithm() == HashAlgorithm.SHA1 ? "sha1_32(" : "sha256_32(")
                    + k.key() + ")";
            case TokenSpec.Auto a -> "token=auto";
        };
    }

    private static String print(HmacSpec h) {
        return switch (h) {
            case HmacSpec.Auto a -> "sender_hmac=auto";
            case HmacSpec.TruncatedLiteral l -> "sender_hmac=trunc_l64_hmac(" + Long.toUnsignedString(l.value()) + ")";
            case HmacSpec.Truncated t -> "sender_hmac=trunc_l64_hmac(" + t.firstKey() + " " + t.secondKey() + ")";
            case HmacSpec.Full f -> "sender_hmac=full_160_hmac(" + f.firstKey() + " " + f.secondKey() + ")";
        };
    }

    /** {@code ""}, {@code =1001}, {@code =trunc_r64_hmac(skey)+1}. */
    private static String print(DssValue v) {
        return switch (v) {
            case DssValue.Unset u -> "";
            case DssValue.Literal l -> "=" + Long.toUnsignedString(l.value());
            case DssValue.KeyIdsnLiteral k -> "=" + (k.algorithm() == HashAlgorithm.SHA1
                    ? "trunc_r64_hmac_sha1(" : "trunc_r64_hmac_sha256(") + Long.toUnsignedString(k.key()) + ")";
            case DssValue.KeyIdsn k -> "=trunc_r64_hmac(" + k.key() + ")" + (k.offset() != 0 ? "+" + k.offset() : "");
        };
    }

    /** {@code connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)} */
    public static String print(SyscallEvent s) {
        StringBuilder sb = new StringBuilder(s.name()).append('(').append(printList(s.arguments())).append(") = ")
                .append(print(s.result()));
        s.errno().ifPresent(e -> sb.append(' ').append(e.name()).append(" (").append(e.description()).append(')'));
        s.note().ifPresent(n -> sb.append(" (").append(n).append(')'));
        return sb.toString();
    }

    private static String printList(List<Expr> exprs) {
        StringBuilder sb = new StringBuilder();
        for (Expr e : exprs) {
            if (!sb.isEmpty()) sb.append(", ");
            sb.append(print(e));
        }
        return sb.toString();
    }

    public static String print(Expr expr) {
        return switch (expr) {
            case Expr.Ellipsis e -> "...";
            case Expr.IntLit i -> i.hex() ? "0x" + Long.toHexString(i.value()) : Long.toString(i.value());
            case Expr.Symbol s -> s.name();
            case Expr.StringLit s -> "\"" + s.value() + "\"" + (s.prefixOnly() ? "..." : "");
            case Expr.Or o -> print(o.left()) + "|" + print(o.right());
            case Expr.Assign a -> a.name() + "=" + print(a.value());
            case Expr.ListExpr l -> "[" + printList(l.elements()) + "]";
            case Expr.StructExpr s -> "{" + printList(s.elements()) + "}";
            case Expr.InetAddr a -> "inet_addr(\"" + a.address() + "\")";
            case Expr.Inet6Addr a -> "inet6_addr(\"" + a.address() + "\")";
            case Expr.Sockaddr s -> "{sa_family=" + s.family() + ", sin_port=htons(" + s.port() + "), sin_addr="
                    + (s.family().equals("AF_INET6") ? "inet6_addr(\"" : "inet_addr(\"") + s.address() + "\")}";
            case Expr.Msghdr m -> "{msg_name(...)=..., msg_iov(" + m.iovLength() + ")=" + print(m.iov())
                    + ", msg_flags=" + print(m.flags()) + m.control().map(c -> ", msg_control=" + print(c)).orElse("")
                    + "}";
            case Expr.Iovec i -> "{..., " + i.length() + "}";
            case Expr.Pollfd p -> "{fd=" + print(p.fd()) + ", events=" + print(p.events())
                    + p.revents().map(r -> ", revents=" + print(r)).orElse("") + "}";
            case Expr.Linger l -> "{onoff=" + l.onoff() + ", linger=" + l.linger() + "}";
            case Expr.Cmsg c -> "{cmsg_level=" + print(c.level()) + ", cmsg_type=" + print(c.type())
                    + ", cmsg_data=" + print(c.data()) + "}";
            case Expr.ScmTimestamping t -> "{scm_sec=" + t.seconds() + ", scm_nsec=" + t.nanoseconds() + "}";
            case Expr.SockExtendedErr e -> "{ee_errno=" + print(e.errno()) + ", ee_origin=" + print(e.origin())
                    + ", ee_type=" + print(e.type()) + ", ee_code=" + print(e.code()) + ", ee_info=" + print(e.info())
                    + ", ee_data=" + print(e.data()) + "}";
            case Expr.EpollEvent e -> "{events=" + print(e.events()) + ", " + e.member().spelling() + "="
                    + print(e.data()) + "}";
            case Expr.GreExpr g -> "{" + print(g.header()) + "}";
            case Expr.MplsExpr m -> "{" + mpls(m.stack()) + "}";
        };
    }

    /** Dotted quad, or RFC 5952 text for IPv6 ({@code 2001:db8::1}, not {@code 2001:db8:0:0:0:0:0:1}). */
    static String address(InetAddress a) {
        return org.mptcpkit.packet.IpAddress.format(a);
    }

    /** An option value raw when it reads back as one token sequence, quoted otherwise. */
    private static String optionValue(String v) {
        if (v.matches("[A-Za-z0-9_]+") || v.equals("ipv4-mapped-ipv6")
                || v.matches("[0-9.]+(/[0-9]+)?") || v.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*(/[0-9]+)?")
                || v.matches("[A-Za-z0-9_]+=.*")) {
            return v;
        }
        return "\"" + v + "\"";
    }
}
