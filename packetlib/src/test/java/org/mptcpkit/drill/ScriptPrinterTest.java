package org.mptcpkit.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;
import org.mptcpkit.drill.ast.AddAddrHmac;
import org.mptcpkit.drill.ast.DssChecksum;
import org.mptcpkit.drill.ast.DssNumber;
import org.mptcpkit.drill.ast.DssValue;
import org.mptcpkit.drill.ast.Endpoint;
import org.mptcpkit.drill.ast.EventTime;
import org.mptcpkit.drill.ast.KeyVar;
import org.mptcpkit.drill.ast.ScriptPrinter;
import org.mptcpkit.drill.ast.TcpOptionSpec;
import org.mptcpkit.drill.ast.Tuple;
import org.mptcpkit.drill.parse.Parser;

/** The printer on hand-built values and on lines of the fork's style. */
class ScriptPrinterTest {

    @Test
    void seconds() {
        assertEquals("0", ScriptPrinter.seconds(0));
        assertEquals("0.1", ScriptPrinter.seconds(100_000));
        assertEquals("0.02", ScriptPrinter.seconds(20_000));
        assertEquals("0.000001", ScriptPrinter.seconds(1));
        assertEquals("2", ScriptPrinter.seconds(2_000_000));
        assertEquals("12.345678", ScriptPrinter.seconds(12_345_678));
    }

    @Test
    void times() {
        assertEquals("+0...0.02", ScriptPrinter.print(new EventTime.Blocking(new EventTime.Relative(0), 20_000)));
        assertEquals("0.1~0.3", ScriptPrinter.print(new EventTime.AbsoluteRange(100_000, 300_000)));
        assertEquals("+0.1~+0.3", ScriptPrinter.print(new EventTime.RelativeRange(100_000, 300_000)));
        assertEquals("*", ScriptPrinter.print(new EventTime.Any()));
    }

    @Test
    void mptcpOptionsFromValues() throws Exception {
        assertEquals("dss dack8=1001 dsn8=1 ssn=1 dll=100 nocs", ScriptPrinter.print(new TcpOptionSpec.Dss(
                Optional.of(new DssNumber(8, new DssValue.Literal(1001))), Optional.of(new DssNumber(8, new DssValue.Literal(1))),
                OptionalLong.of(1), OptionalInt.of(100), new DssChecksum.Absent(), false)));
        assertEquals("mpcapable v1 flags[flag_a, flag_h] key[ckey=2, skey] mpcdatalen 100",
                ScriptPrinter.print(new TcpOptionSpec.MpCapable(1, 0x81,
                        List.of(new KeyVar("ckey", OptionalLong.of(2)), KeyVar.of("skey")), 100)));
        assertEquals("add_address address_id=1 addr[ep=inet6_addr(\"2001:db8::1\")] port=80 hmac=18446744073709551615",
                ScriptPrinter.print(new TcpOptionSpec.AddAddress(OptionalInt.of(1), "ep",
                        Optional.of(InetAddress.getByName("2001:db8:0:0:0:0:0:1")), OptionalInt.of(80),
                        new AddAddrHmac.Value(-1))));
        assertEquals("mp_fastclose skey +5", ScriptPrinter.print(new TcpOptionSpec.MpFastclose(Optional.of(KeyVar.of("skey")), 5)));
        assertEquals("mp_reset 4 flags[flag_t]", ScriptPrinter.print(new TcpOptionSpec.MpReset(4, true)));
        assertEquals("mp_capable_no_cs a b=3 no_flags", ScriptPrinter.print(new TcpOptionSpec.MpCapableV0(true,
                KeyVar.of("a"), Optional.of(new KeyVar("b", OptionalLong.of(3))), 0)));
    }

    @Test
    void ipv6AddressesAreCompressedAsRfc5952Says() throws Exception {
        assertEquals("2001:db8::1:8080", ScriptPrinter.print(new Endpoint.Address(InetAddress.getByName("2001:db8::1"), 8080)));
        assertEquals("1:0:0:2::3:1", ScriptPrinter.print(new Endpoint.Address(InetAddress.getByName("1:0:0:2:0:0:0:3"), 1)),
                "the longest run of zeros is compressed");
        assertEquals("1::2:0:0:3:0:1", ScriptPrinter.print(new Endpoint.Address(InetAddress.getByName("1:0:0:2:0:0:3:0"), 1)),
                "on a tie the first run is compressed");
        assertEquals("1:0:2:0:3:0:4:0:9", ScriptPrinter.print(new Endpoint.Address(InetAddress.getByName("1:0:2:0:3:0:4:0"), 9)),
                "a single zero group is not compressed");
        assertEquals("::1:7", ScriptPrinter.print(new Endpoint.Address(InetAddress.getByName("::1"), 7)));
        assertEquals("> addr[s1]", ScriptPrinter.print(new Tuple(new Endpoint.Unspecified(), new Endpoint.Variable("s1"))));
    }

    @Test
    void forkStyleLinesPrintCanonically() {
        String src = """
                0.0 socket(..., SOCK_STREAM, IPPROTO_MPTCP) = 3
                +0.0      <  addr[caddr1] > addr[saddr1]  S   0:0(0)    win 65535  <mss 1460, sackOK, TS val 448955294  ecr 0,  nop, wscale 8, mp_join_syn     backup=1 address_id=1 token=sha256_32(skey)>
                +0.200  getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0
                +0...0.020  poll([{fd=3,
                                   events=POLLOUT,
                                   revents=POLLOUT}], 1, 1000) = 1
                """;
        assertEquals("""
                0 socket(..., SOCK_STREAM, IPPROTO_MPTCP) = 3
                +0 < addr[caddr1] > addr[saddr1] S 0:0(0) win 65535 <mss 1460, sackOK, TS val 448955294 ecr 0, nop, wscale 8, mp_join_syn backup=1 address_id=1 token=sha256_32(skey)>
                +0.2 getsockopt(3, SOL_SOCKET, SO_ERROR, [0], [4]) = 0
                +0...0.02 poll([{fd=3, events=POLLOUT, revents=POLLOUT}], 1, 1000) = 1
                """, ScriptPrinter.print(Parser.parse("t.pkt", src)));
    }
}
