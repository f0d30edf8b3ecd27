package org.mptcpkit.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.mptcpkit.drill.ast.AddAddrHmac;
import org.mptcpkit.drill.ast.CodeEvent;
import org.mptcpkit.drill.ast.CommandEvent;
import org.mptcpkit.drill.ast.Direction;
import org.mptcpkit.drill.ast.DssChecksum;
import org.mptcpkit.drill.ast.DssNumber;
import org.mptcpkit.drill.ast.DssValue;
import org.mptcpkit.drill.ast.Endpoint;
import org.mptcpkit.drill.ast.Event;
import org.mptcpkit.drill.ast.EventTime;
import org.mptcpkit.drill.ast.Expr;
import org.mptcpkit.drill.ast.HashAlgorithm;
import org.mptcpkit.drill.ast.HmacSpec;
import org.mptcpkit.drill.ast.IpInfo;
import org.mptcpkit.drill.ast.IpVersion;
import org.mptcpkit.drill.ast.KeyVar;
import org.mptcpkit.drill.ast.OuterHeader;
import org.mptcpkit.drill.ast.PacketEvent;
import org.mptcpkit.drill.ast.Position;
import org.mptcpkit.drill.ast.Script;
import org.mptcpkit.drill.ast.Segment;
import org.mptcpkit.drill.ast.SyscallEvent;
import org.mptcpkit.drill.ast.TcpOptionSpec;
import org.mptcpkit.drill.ast.TcpOptions;
import org.mptcpkit.drill.ast.TokenSpec;
import org.mptcpkit.drill.ast.Tuple;
import org.mptcpkit.drill.parse.Parser;
import org.mptcpkit.packet.Bytes;

/** The AST the parser builds, form by form. */
class ParserTest {
    private static final String HEAD = "0 socket(..., SOCK_STREAM, IPPROTO_MPTCP) = 3\n";

    private static Script parse(String s) {
        return Parser.parse("t.pkt", s);
    }

    /** The single event after HEAD. */
    private static Event one(String line) {
        Script s = parse(HEAD + line + "\n");
        assertEquals(2, s.events().size());
        return s.events().get(1);
    }

    private static Segment.Tcp tcp(String line) {
        return (Segment.Tcp) ((PacketEvent) one(line).action()).segment();
    }

    private static TcpOptionSpec option(String options) {
        Segment.Tcp t = tcp("+0 < . 1:1(0) ack 1 win 1 <" + options + ">");
        return ((TcpOptions.Exactly) t.options()).options().getFirst();
    }

    @Test
    void scriptStructure() {
        Script s = parse("""
                --tolerance_usecs=100000
                --define=CC="reno"
                `../common/defaults.sh`
                0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
                +0 setsockopt(3, IPPROTO_TCP, TCP_CONGESTION, CC, 4) = 0
                +0 `ip mptcp endpoint flush`
                +0 %{ assert tcpi_rto > 0 }%
                `echo cleanup`
                """);
        assertEquals(2, s.options().size());
        assertEquals("tolerance_usecs", s.options().get(0).name());
        assertEquals(Optional.of("100000"), s.options().get(0).value());
        assertEquals(Optional.of("CC=\"reno\""), s.option("define"));
        assertEquals(new Position("t.pkt", 1, 1), s.options().getFirst().position());
        assertEquals("../common/defaults.sh", s.initCommand().orElseThrow().command());
        assertEquals(new Position("t.pkt", 3, 1), s.initCommand().orElseThrow().position());
        assertEquals(4, s.events().size());
        SyscallEvent set = (SyscallEvent) s.events().get(1).action();
        assertEquals(new Expr.StringLit("reno", false), set.arguments().get(3), "the script's own --define applies");
        assertEquals(new CommandEvent("ip mptcp endpoint flush"), s.events().get(2).action());
        assertEquals(new CodeEvent("assert tcpi_rto > 0"), s.events().get(3).action());
        assertEquals("echo cleanup", s.cleanupCommand().orElseThrow().command());
        assertEquals(new Position("t.pkt", 5, 1), s.events().get(1).position());
    }

    @Test
    void timeForms() {
        Script s = parse("""
                0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
                +0.1 close(3) = 0
                1.5 close(3) = 0
                * > S 0:0(0)
                2~2.25 > S 0:0(0)
                +0.1~+0.2 > S 0:0(0)
                +0...0.020 poll([], 0, 20) = 0
                3.000001...3.5 close(3) = 0
                +.000001 close(3) = 0
                """);
        List<EventTime> t = s.events().stream().map(Event::time).toList();
        assertEquals(new EventTime.Absolute(0), t.get(0));
        assertEquals(new EventTime.Relative(100_000), t.get(1));
        assertEquals(new EventTime.Absolute(1_500_000), t.get(2));
        assertEquals(new EventTime.Any(), t.get(3));
        assertEquals(new EventTime.AbsoluteRange(2_000_000, 2_250_000), t.get(4));
        assertEquals(new EventTime.RelativeRange(100_000, 200_000), t.get(5));
        assertEquals(new EventTime.Blocking(new EventTime.Relative(0), 20_000), t.get(6));
        assertEquals(new EventTime.Blocking(new EventTime.Absolute(3_000_001), 3_500_000), t.get(7));
        assertEquals(new EventTime.Relative(1), t.get(8), "decimal text converted exactly, not via a double");
    }

    @Test
    void packetLineWithTupleVariablesAndOptions() {
        Event e = one("+0.0 < addr[caddr0] > addr[saddr0] S. 0:0(0) ack 1 win 65535 "
                + "<mss 1460, sackOK, TS val 4074410674 ecr 0, nop, wscale 8, mpcapable v1 flags[flag_h] key[skey=2]>");
        PacketEvent p = (PacketEvent) e.action();
        assertEquals(Direction.INBOUND, p.direction());
        assertTrue(p.inbound());
        assertEquals(IpInfo.NONE, p.ipInfo());
        Segment.Tcp t = (Segment.Tcp) p.segment();
        assertEquals(new Tuple(new Endpoint.Variable("caddr0"), new Endpoint.Variable("saddr0")), t.tuple());
        assertTrue(t.flags().syn() && t.flags().ack() && !t.flags().fin());
        assertEquals(0, t.startSequence());
        assertEquals(0, t.payloadLength());
        assertEquals(OptionalLong.of(1), t.ack());
        assertEquals(OptionalInt.of(65535), t.window());
        assertEquals(OptionalInt.empty(), t.urgentPointer());
        List<TcpOptionSpec> o = ((TcpOptions.Exactly) t.options()).options();
        assertEquals(List.of(new TcpOptionSpec.Mss(1460), new TcpOptionSpec.SackPermitted(),
                new TcpOptionSpec.Timestamp(4074410674L, 0), new TcpOptionSpec.Nop(), new TcpOptionSpec.WindowScale(8),
                new TcpOptionSpec.MpCapable(1, 0x01, List.of(new KeyVar("skey", OptionalLong.of(2))), 0)), o);
    }

    @Test
    void tuplesWithOneSideOrAddresses() throws Exception {
        assertEquals(new Tuple(new Endpoint.Unspecified(), new Endpoint.Variable("saddr1")),
                tcp("+0 < > addr[saddr1] F. 1:1(0) ack 1 win 256").tuple());
        assertEquals(new Tuple(new Endpoint.Port(1234), new Endpoint.Unspecified()),
                tcp("+0 < 1234 > . 1:1(0) ack 1 win 256").tuple());
        assertEquals(new Tuple(new Endpoint.Address(InetAddress.getByName("192.0.2.1"), 5555),
                        new Endpoint.Address(InetAddress.getByName("192.168.0.1"), 8080)),
                tcp("+0 < 192.0.2.1:5555 > 192.168.0.1:8080 S 0:0(0) win 1").tuple());
        assertEquals(new Tuple(new Endpoint.Address(InetAddress.getByName("2001:db8::1"), 8080),
                        new Endpoint.Address(InetAddress.getByName("fd3d::2"), 80)),
                tcp("+0 < 2001:db8::1:8080 > fd3d::2:80 S 0:0(0) win 1").tuple());
        assertEquals(Tuple.NONE, tcp("+0 > S 0:0(0)").tuple());
    }

    @Test
    void flagsAndOptionalFields() {
        Segment.Tcp ace = tcp("+0 < S.5 0:0(0) ack 1 win 1");
        assertEquals("S.5", ace.flags().text());
        assertEquals(OptionalInt.of(5), ace.flags().ace());
        assertTrue(ace.flags().ece() && !ace.flags().cwr() && ace.flags().ae());
        Segment.Tcp none = tcp("+0 < - 1:1(0) win 1");
        assertEquals("", none.flags().text());
        assertEquals("-", none.flags().toString());
        Segment.Tcp all = tcp("+0 < FSRPEWAU. 1:11(10) ack 4294967295 win 65535 urg 65535");
        assertTrue(all.flags().fin() && all.flags().syn() && all.flags().rst() && all.flags().psh()
                && all.flags().ece() && all.flags().cwr() && all.flags().ae() && all.flags().urg() && all.flags().ack());
        assertEquals(11, all.endSequence());
        assertEquals(OptionalInt.of(65535), all.urgentPointer());
        assertEquals(OptionalLong.of(4294967295L), all.ack());
        assertInstanceOf(TcpOptions.Any.class, tcp("+0 > . 1:1(0) ack 1 <...>").options());
        assertEquals(TcpOptions.NONE, tcp("+0 > R 0:0(0)").options());
    }

    @Test
    void ipInfoAndOuterHeaders() throws Exception {
        PacketEvent p = (PacketEvent) one("+0 < ipv4 (tos 0x10) 192.0.2.1 > 192.168.0.1 : gre : [ce, flowlabel 0x12345] "
                + "S 0:0(0) win 1").action();
        assertEquals(2, p.outerHeaders().size());
        OuterHeader.Ipv4 v4 = (OuterHeader.Ipv4) p.outerHeaders().get(0);
        assertEquals(InetAddress.getByName("192.0.2.1"), v4.source());
        assertEquals(Optional.of(new IpInfo.TosSpec.Tos(0x10)), v4.info().tos());
        assertEquals(new OuterHeader.Gre(Optional.empty()), p.outerHeaders().get(1));
        assertEquals(new IpInfo(Optional.of(new IpInfo.TosSpec.Ecn(IpInfo.EcnCheck.CE)), OptionalInt.of(0x12345),
                OptionalInt.empty()), p.ipInfo());
        PacketEvent u = (PacketEvent) one("+0 < [ttl 3] udp 1 > 2 (100)").action();
        assertEquals(new Segment.Udp(new Tuple(new Endpoint.Port(1), new Endpoint.Port(2)), 100), u.segment());
        assertEquals(OptionalInt.of(3), u.ipInfo().ttl());
        PacketEvent i = (PacketEvent) one("+0 > icmp unreachable frag_needed mtu 1200 [1:1461(1460)]").action();
        assertEquals(new Segment.Icmp("unreachable", Optional.of("frag_needed"), OptionalInt.of(1200), OptionalInt.empty(),
                Optional.of(new Segment.Echoed.TcpSegment(1, 1460))), i.segment());
    }

    @Test
    void genericTcpOptions() {
        assertEquals(new TcpOptionSpec.Sack(List.of(new TcpOptionSpec.SackBlock(1, 2), new TcpOptionSpec.SackBlock(3, 4))),
                ((TcpOptions.Exactly) tcp("+0 < . 1:1(0) ack 1 win 1 <nop, nop, sack 1:2 3:4>").options()).options().get(2));
        assertEquals(new TcpOptionSpec.Md5(Bytes.fromHex("000102030405060708090a0b0c0d0e0f")),
                option("md5 000102030405060708090a0b0c0d0e0f, nop, nop"));
        assertEquals(new TcpOptionSpec.Md5(Bytes.fromHex("12345678")), option("md5 12345678, nop, nop"),
                "an all-digit digest lexes as an INTEGER and still counts as hex");
        assertEquals(new TcpOptionSpec.FastOpen(Bytes.fromHex("de4f234f0f433a55")), option("FO de4f234f0f433a55, nop, nop"));
        assertEquals(new TcpOptionSpec.FastOpen(Bytes.EMPTY), option("FO, nop, nop"));
        assertEquals(new TcpOptionSpec.FastOpenExp(Bytes.fromHex("0102030405060708")), option("FOEXP 0102030405060708"));
        assertEquals(new TcpOptionSpec.Eol(), option("eol, eol, eol, eol"));
    }

    @Test
    void mpCapableForms() {
        assertEquals(new TcpOptionSpec.MpCapable(1, 0x01, List.of(), 0), option("mpcapable v1 flags[flag_h] nokey"));
        assertEquals(new TcpOptionSpec.MpCapable(1, 0x81, List.of(), 0), option("mpcapable none flags 0x81 nokey"));
        assertEquals(new TcpOptionSpec.MpCapable(0, 0x41, List.of(KeyVar.of("a")), 0),
                option("mpcapable v0 flags[flag_b, flag_h] key[a]"));
        assertEquals(new TcpOptionSpec.MpCapable(1, 0, List.of(KeyVar.of("c"), KeyVar.of("s")), 100),
                option("mpcapable v1 flags[no_flags] key[c, s] mpcdatalen 100, nop, nop"));
        assertEquals(new TcpOptionSpec.MpCapable(1, 1, List.of(new KeyVar("c", OptionalLong.of(-1)), KeyVar.of("s")), 0),
                option("mpcapable v1 flags[flag_h] key[c=18446744073709551615, s]"), "u64 keys keep their 64 bits");
        assertEquals(new TcpOptionSpec.MpCapableV0(false, new KeyVar("a", OptionalLong.of(7)), Optional.empty(), 0x81),
                option("mp_capable a=7"), "default flags of mp_capable");
        assertEquals(new TcpOptionSpec.MpCapableV0(true, KeyVar.of("a"), Optional.of(KeyVar.of("b")), 0x01),
                option("mp_capable_no_cs a b"), "default flags of mp_capable_no_cs");
        assertEquals(new TcpOptionSpec.MpCapableV0(false, KeyVar.of("a"), Optional.empty(), 0xc1),
                option("mp_capable a flag_a flag_b flag_h"));
        assertEquals(new TcpOptionSpec.MpCapableV0(false, KeyVar.of("a"), Optional.empty(), 0),
                option("mp_capable a flag_a no_flags"));
    }

    @Test
    void mpJoinForms() {
        assertEquals(new TcpOptionSpec.MpJoinSyn(true, OptionalInt.of(1), new TokenSpec.OfKey(HashAlgorithm.SHA256, "skey"),
                OptionalLong.empty()), option("mp_join_syn backup=1 address_id=1 token=sha256_32(skey)"));
        assertEquals(new TcpOptionSpec.MpJoinSyn(false, OptionalInt.empty(), new TokenSpec.OfKey(HashAlgorithm.SHA1, "k"),
                OptionalLong.of(7)), option("mp_join_syn backup=0 address_id=auto token=sha1_32(k) rand=7"));
        assertEquals(new TcpOptionSpec.MpJoinSyn(false, OptionalInt.empty(), new TokenSpec.Literal(0xdeadbeefL),
                OptionalLong.empty()), option("mp_join_syn token=0xdeadbeef"));
        assertEquals(new TokenSpec.Auto(), ((TcpOptionSpec.MpJoinSyn) option("mp_join_syn token=auto")).token());
        assertEquals(new TcpOptionSpec.MpJoinSynAck(false, OptionalInt.of(0), new HmacSpec.Auto(), OptionalLong.empty()),
                option("mp_join_syn_ack address_id=0 sender_hmac=auto"));
        assertEquals(new HmacSpec.Auto(), ((TcpOptionSpec.MpJoinSynAck) option("mp_join_syn_ack token=auto")).hmac());
        assertEquals(new HmacSpec.TruncatedLiteral(99),
                ((TcpOptionSpec.MpJoinSynAck) option("mp_join_syn_ack sender_hmac=trunc_l64_hmac(99)")).hmac());
        assertEquals(new HmacSpec.Truncated("a", "b"),
                ((TcpOptionSpec.MpJoinSynAck) option("mp_join_syn_ack sender_hmac=trunc_l64_hmac(a b) rand=1")).hmac());
        assertEquals(new TcpOptionSpec.MpJoinAck(new HmacSpec.Full("c", "s")),
                option("mp_join_ack sender_hmac=full_160_hmac(c s)"));
    }

    @Test
    void dssForms() {
        assertEquals(new TcpOptionSpec.Dss(Optional.of(new DssNumber(4, new DssValue.Literal(1))), Optional.empty(),
                OptionalLong.empty(), OptionalInt.empty(), new DssChecksum.Computed(), false), option("dss dack4=1"));
        assertEquals(new TcpOptionSpec.Dss(Optional.of(new DssNumber(8, new DssValue.Literal(1001))),
                Optional.of(new DssNumber(8, new DssValue.Literal(1))), OptionalLong.of(0), OptionalInt.of(1),
                new DssChecksum.Absent(), true), option("dss dack8=1001 dsn8=1 ssn=0 dll=1 nocs fin, nop, nop"));
        assertEquals(new TcpOptionSpec.Dss(Optional.of(new DssNumber(8, new DssValue.KeyIdsn("skey", 5))),
                Optional.of(new DssNumber(4, new DssValue.Unset())), OptionalLong.empty(), OptionalInt.empty(),
                new DssChecksum.Value(0xbeef), false), option("dss dack8=trunc_r64_hmac(skey)+5 dsn4 cksum=0xbeef"));
        assertEquals(new DssValue.KeyIdsnLiteral(HashAlgorithm.SHA1, 2),
                ((TcpOptionSpec.Dss) option("dss dack8=trunc_r64_hmac_sha1(2) nocs")).dataAck().orElseThrow().value());
        TcpOptionSpec.Dss dsnOnly = (TcpOptionSpec.Dss) option("dss dsn8=1 ssn=1 dll=10 nocs, nop, nop");
        assertTrue(dsnOnly.dataAck().isEmpty());
        assertEquals(new TcpOptionSpec.MpFail(new DssValue.Literal(1001)), option("mp_fail dsn8=1001"));
        assertEquals(new TcpOptionSpec.MpFail(new DssValue.Unset()), option("mp_fail"));
    }

    @Test
    void addressOptions() throws Exception {
        assertEquals(new TcpOptionSpec.AddAddress(OptionalInt.of(1), "saddr1", Optional.empty(), OptionalInt.empty(),
                new AddAddrHmac.Auto()), option("add_address address_id=1 addr[saddr1] hmac=auto"));
        assertEquals(new TcpOptionSpec.AddAddress(OptionalInt.empty(), "ep",
                Optional.of(InetAddress.getByName("198.51.100.2")), OptionalInt.of(8080), new AddAddrHmac.Echo()),
                option("add_address addr[ep=inet_addr(\"198.51.100.2\")] port=8080 addr_echo, nop, nop"));
        assertEquals(new TcpOptionSpec.AddAddress(OptionalInt.of(3), "v6",
                Optional.of(InetAddress.getByName("2001:db8::7")), OptionalInt.empty(),
                new AddAddrHmac.Value(-1)), option("add_address address_id=3 addr[v6=inet6_addr(\"2001:db8::7\")] "
                + "hmac=18446744073709551615"));
        assertEquals(new TcpOptionSpec.RemoveAddress(List.of(1, 2, 3, 4, 5)), option("remove_address address_id=[1, 2, 3, 4, 5]"));
        assertEquals(new TcpOptionSpec.MpPrio(true, OptionalInt.empty()), option("mp_prio backup=1, nop"));
        assertEquals(new TcpOptionSpec.MpPrio(false, OptionalInt.of(2)), option("mp_prio backup=0 address_id=2"));
        assertEquals(new TcpOptionSpec.MpFastclose(Optional.empty(), 0), option("mp_fastclose"));
        assertEquals(new TcpOptionSpec.MpFastclose(Optional.of(new KeyVar("ckey", OptionalLong.of(42))), 0),
                option("mp_fastclose ckey=42"));
        assertEquals(new TcpOptionSpec.MpFastclose(Optional.of(KeyVar.of("skey")), 1), option("mp_fastclose skey +1"));
        assertEquals(new TcpOptionSpec.MpReset(1, false), option("mp_reset 1"));
        assertEquals(new TcpOptionSpec.MpReset(2, true), option("mp_reset 2 flags[flag_t]"));
    }

    @Test
    void syscallExpressions() {
        SyscallEvent s = (SyscallEvent) one("+0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)").action();
        assertEquals("connect", s.name());
        assertEquals(List.of(new Expr.IntLit(3, false), new Expr.Ellipsis(), new Expr.Ellipsis()), s.arguments());
        assertEquals(new Expr.IntLit(-1, false), s.result());
        assertEquals(Optional.of(new SyscallEvent.Errno("EINPROGRESS", "Operation now in progress")), s.errno());
        assertEquals(Optional.empty(), s.note());

        SyscallEvent f = (SyscallEvent) one("+0 fcntl(3, F_SETFL, O_RDWR|O_NONBLOCK|O_CLOEXEC) = 0x2 (flags O_RDWR)").action();
        assertEquals(new Expr.Or(new Expr.Symbol("O_RDWR"), new Expr.Or(new Expr.Symbol("O_NONBLOCK"),
                new Expr.Symbol("O_CLOEXEC"))), f.arguments().get(2));
        assertEquals(new Expr.IntLit(2, true), f.result());
        assertEquals(Optional.of("flags O_RDWR"), f.note());

        SyscallEvent poll = (SyscallEvent) one("+0...0.020 poll([{fd=3, events=POLLOUT, revents=POLLOUT|POLLERR}], 1, 1000) = 1")
                .action();
        assertEquals(new Expr.ListExpr(List.of(new Expr.Pollfd(new Expr.IntLit(3, false), new Expr.Symbol("POLLOUT"),
                Optional.of(new Expr.Or(new Expr.Symbol("POLLOUT"), new Expr.Symbol("POLLERR")))))), poll.arguments().get(0));

        SyscallEvent msg = (SyscallEvent) one("+0 recvmsg(3, {msg_name(...)=..., msg_iov(1)=[{..., 0}], msg_flags=0}, 0) = 0")
                .action();
        assertEquals(new Expr.Msghdr(1, new Expr.ListExpr(List.of(new Expr.Iovec(0))), new Expr.IntLit(0, false),
                Optional.empty()), msg.arguments().get(1));

        SyscallEvent lin = (SyscallEvent) one("+0 setsockopt(3, SOL_SOCKET, SO_LINGER, {onoff=1, linger=0}, 8) = 0").action();
        assertEquals(new Expr.Linger(1, 0), lin.arguments().get(3));

        SyscallEvent ep = (SyscallEvent) one("+0 epoll_ctl(5, EPOLL_CTL_ADD, 3, {events=EPOLLIN, ptr=0}) = 0").action();
        assertEquals(new Expr.EpollEvent(new Expr.Symbol("EPOLLIN"), Expr.EpollData.PTR, new Expr.IntLit(0, false)),
                ep.arguments().get(3));

        SyscallEvent str = (SyscallEvent) one("+0 getsockopt(3, SOL_TCP, TCP_ULP, \"t\" \"ls\"..., [3]) = 0").action();
        assertEquals(new Expr.StringLit("tls", true), str.arguments().get(3));
        assertEquals(new Expr.ListExpr(List.of(new Expr.IntLit(3, false))), str.arguments().get(4));

        SyscallEvent generic = (SyscallEvent) one("+0 setsockopt(3, 1, 2, {1, tv_sec=3, [NULL]}, 4) = 0").action();
        assertEquals(new Expr.StructExpr(List.of(new Expr.IntLit(1, false), new Expr.Assign("tv_sec", new Expr.IntLit(3, false)),
                new Expr.ListExpr(List.of(new Expr.Symbol("NULL"))))), generic.arguments().get(3));
    }

    @Test
    void structuredExpressionsAreValidated() {
        SyscallEvent s = (SyscallEvent) one("+0 sendto(3, ..., 10, 0, {sa_family=AF_INET6, sin_port=htons(8080), "
                + "sin_addr=inet_addr(\"2001:db8::1\")}, 28) = 10").action();
        assertEquals(new Expr.Sockaddr("AF_INET6", 8080, "2001:db8::1"), s.arguments().get(4));
        SyscallEvent ee = (SyscallEvent) one("+0 recvmsg(4, {msg_name(...)=..., msg_iov(1)=[{..., 0}], msg_flags=MSG_ERRQUEUE, "
                + "msg_control=[{cmsg_level=SOL_IP, cmsg_type=IP_RECVERR, cmsg_data={ee_errno=ENOMSG, ee_origin=0, ee_type=0, "
                + "ee_code=0, ee_info=0, ee_data=0}}]}, MSG_ERRQUEUE) = 0").action();
        Expr.Msghdr m = (Expr.Msghdr) ee.arguments().get(1);
        Expr.Cmsg c = (Expr.Cmsg) m.control().orElseThrow().elements().getFirst();
        assertInstanceOf(Expr.SockExtendedErr.class, c.data());
        ScriptException bad = assertThrows(ScriptException.class, () -> one("+0 sendto(3, ..., 10, 0, {sa_family=AF_INET, "
                + "sin_port=htons(8080), sin_addr=inet_addr(\"1.2.3\")}, 16) = 10"));
        assertEquals("invalid IPv4 address", bad.detail());
        ScriptException bad6 = assertThrows(ScriptException.class,
                () -> one("+0 setsockopt(3, 1, 2, inet6_addr(\"::g\"), 16) = 0"));
        assertEquals("cannot parse in6_addr '::g'", bad6.detail());
    }

    @Test
    void definesFromSettingsAndIpVersionOverride() {
        Script s = Parser.parse("t.pkt", "--ip_version=ipv4\n0 socket(..., SOCK_STREAM, PROTO) = 3\n",
                new Parser.Settings(Map.of("PROTO", "262"), Optional.of(IpVersion.IPV6)));
        assertEquals(new Expr.IntLit(262, false), ((SyscallEvent) s.events().getFirst().action()).arguments().get(2));
        assertEquals(Optional.of("ipv4"), s.option("ip_version"), "the script's option is kept; the executor merges");
    }

    @Test
    void lenientOptionValues() {
        Script s = parse("--ip_version=ipv4-mapped-ipv6\n--remote_ip=192.0.2.1/24\n--define=PORT=8080\n"
                + "0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0 listen(3, PORT) = 0\n");
        assertEquals(Optional.of("ipv4-mapped-ipv6"), s.option("ip_version"));
        assertEquals(Optional.of("192.0.2.1/24"), s.option("remote_ip"));
        assertEquals(new Expr.IntLit(8080, false), ((SyscallEvent) s.events().get(1).action()).arguments().get(1));
    }

    @Test
    void timelineChecks() {
        // an absolute time after a relative one is a runtime question: the live anchor decides
        assertFalse(parse("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n+0.5 close(3) = 0\n0.2 close(3) = 0\n")
                .events().isEmpty());
        ScriptException e = assertThrows(ScriptException.class,
                () -> parse("0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3\n1...1.5 close(3) = 0\n0.5 close(3) = 0\n"));
        assertEquals("t.pkt:3:1: time goes backward in script from 1000000 usec to 500000 usec", e.getMessage());
        assertEquals("t.pkt:1:1: first event should be at time 0",
                assertThrows(ScriptException.class, () -> parse("+0.1 close(3) = 0\n")).getMessage());
        assertEquals("t.pkt:2:1: time range is backwards", assertThrows(ScriptException.class,
                () -> parse(HEAD + "+0.5...0.1 close(3) = 0\n")).getMessage());
    }

    @Test
    void reentrantParsersDoNotShareDefines() {
        Script a = parse("--define=X=1\n0 close(X) = 0\n");
        Script b = parse("0 close(X) = 0\n");
        assertEquals(new Expr.IntLit(1, false), ((SyscallEvent) a.events().getFirst().action()).arguments().getFirst());
        assertEquals(new Expr.Symbol("X"), ((SyscallEvent) b.events().getFirst().action()).arguments().getFirst());
    }
}
