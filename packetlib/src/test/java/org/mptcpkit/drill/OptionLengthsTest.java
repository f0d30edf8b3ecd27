package org.mptcpkit.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mptcpkit.drill.ast.OptionLengths;
import org.mptcpkit.drill.ast.PacketEvent;
import org.mptcpkit.drill.ast.Segment;
import org.mptcpkit.drill.ast.TcpOptionSpec;
import org.mptcpkit.drill.ast.TcpOptions;
import org.mptcpkit.drill.parse.Parser;

/**
 * Wire sizes per keyword: the RFC 8684 figures (§3.1 MP_CAPABLE 4/12/20/22, §3.2 MP_JOIN
 * 12/16/24, §3.3 DSS, §3.4.1 ADD_ADDR, §3.4.2 REMOVE_ADDR, §3.3.8 MP_PRIO, §3.5 MP_FASTCLOSE,
 * §3.6 MP_TCPRST, §3.7 MP_FAIL) and RFC 9293/7323/2018/7413 for the rest.
 */
class OptionLengthsTest {

    private static int size(String option) {
        // pad with nops so the line is valid whatever the size
        String script = "0 socket(..., SOCK_STREAM, IPPROTO_MPTCP) = 3\n+0 > . 1:1(0) ack 1 <" + option + ">\n";
        for (int pad = 0; pad < 4; pad++) {
            try {
                PacketEvent p = (PacketEvent) Parser.parse("t.pkt", script).events().get(1).action();
                List<TcpOptionSpec> all = ((TcpOptions.Exactly) ((Segment.Tcp) p.segment()).options()).options();
                return OptionLengths.of(all.getFirst());
            } catch (ScriptException e) {
                if (!e.detail().startsWith("TCP options are not padded")) throw e;
                script = script.replace(">\n", ", nop>\n");
            }
        }
        throw new AssertionError("unreachable");
    }

    @Test
    void genericOptions() {
        assertEquals(1, size("nop"));
        assertEquals(1, size("eol"));
        assertEquals(4, size("mss 1460"));
        assertEquals(3, size("wscale 7"));
        assertEquals(2, size("sackOK"));
        assertEquals(10, size("sack 1:2"));
        assertEquals(26, size("sack 1:2 3:4 5:6"));
        assertEquals(10, size("TS val 1 ecr 2"));
        assertEquals(18, size("md5 000102030405060708090a0b0c0d0e0f"));
        assertEquals(2, size("FO"));
        assertEquals(10, size("FO 0102030405060708"));
        assertEquals(4, size("FOEXP"));
        assertEquals(12, size("FOEXP 0102030405060708"));
    }

    @Test
    void mpCapable() {
        assertEquals(4, size("mpcapable v1 flags[flag_h] nokey"));
        assertEquals(12, size("mpcapable v1 flags[flag_h] key[a]"));
        assertEquals(20, size("mpcapable v1 flags[flag_h] key[a, b]"));
        assertEquals(22, size("mpcapable v1 flags[flag_h] key[a, b] mpcdatalen 10"));
        assertEquals(20, size("mpcapable v1 flags[flag_h] key[a, b] mpcdatalen 0"), "0 counts as absent");
        assertEquals(12, size("mp_capable a"));
        assertEquals(20, size("mp_capable_no_cs a b"));
    }

    @Test
    void mpJoin() {
        assertEquals(12, size("mp_join_syn token=auto"));
        assertEquals(16, size("mp_join_syn_ack sender_hmac=auto"));
        assertEquals(24, size("mp_join_ack sender_hmac=auto"));
    }

    @Test
    void dss() {
        assertEquals(8, size("dss dack4=1"));
        assertEquals(12, size("dss dack8=1"));
        assertEquals(8, size("dss dack4=1 ssn=1 dll=1 nocs"), "a data ACK alone ignores ssn, dll and nocs");
        assertEquals(20, size("dss dack4=1 dsn4=1"));
        assertEquals(18, size("dss dack4=1 dsn4=1 nocs"));
        assertEquals(24, size("dss dack4=1 dsn8=1"));
        assertEquals(22, size("dss dack4=1 dsn8=1 nocs"));
        assertEquals(24, size("dss dack8=1 dsn4=1 cksum=5"));
        assertEquals(22, size("dss dack8=1 dsn4=1 nocs"));
        assertEquals(28, size("dss dack8=1 dsn8=1"));
        assertEquals(26, size("dss dack8=1 dsn8=1 nocs fin"));
        assertEquals(16, size("dss dsn4=1"));
        assertEquals(18, size("dss dsn8=1 nocs"));
    }

    @Test
    void addressManagementAndClosing() {
        assertEquals(8, size("add_address addr[a] addr_echo"));
        assertEquals(10, size("add_address addr[a] port=1 addr_echo"));
        assertEquals(16, size("add_address addr[a] hmac=auto"));
        assertEquals(18, size("add_address addr[a] port=1 hmac=5"));
        assertEquals(16, size("add_address addr[a=inet_addr(\"192.0.2.1\")] hmac=auto"));
        assertEquals(20, size("add_address addr[a=inet6_addr(\"2001:db8::1\")] addr_echo"));
        assertEquals(22, size("add_address addr[a=inet6_addr(\"2001:db8::1\")] port=1 addr_echo"));
        assertEquals(28, size("add_address addr[a=inet6_addr(\"2001:db8::1\")] hmac=auto"));
        assertEquals(30, size("add_address addr[a=inet6_addr(\"2001:db8::1\")] port=1 hmac=auto"));
        assertEquals(4, size("remove_address address_id=[1]"));
        assertEquals(6, size("remove_address address_id=[1, 2, 3]"));
        assertEquals(3, size("mp_prio backup=1"));
        assertEquals(4, size("mp_prio backup=1 address_id=3"));
        assertEquals(3, size("mp_prio backup=1 address_id=auto"));
        assertEquals(12, size("mp_fail dsn8=1"));
        assertEquals(12, size("mp_fastclose"));
        assertEquals(4, size("mp_reset 1"));
    }

    @Test
    void totalAddsUp() {
        assertEquals(40, OptionLengths.total(List.of(new TcpOptionSpec.Mss(1460), new TcpOptionSpec.SackPermitted(),
                new TcpOptionSpec.Timestamp(1, 0), new TcpOptionSpec.Nop(), new TcpOptionSpec.WindowScale(7),
                new TcpOptionSpec.MpCapable(1, 1, List.of(org.mptcpkit.drill.ast.KeyVar.of("a"),
                        org.mptcpkit.drill.ast.KeyVar.of("b")), 0))));
        assertEquals(40, OptionLengths.MAX_OPTION_BYTES);
    }
}
