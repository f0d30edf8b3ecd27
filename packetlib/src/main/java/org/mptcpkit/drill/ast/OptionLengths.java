package org.mptcpkit.drill.ast;

import java.util.List;

/**
 * The wire size of each option a script can write, kind and length bytes included, as the fork
 * lays them out ({@code parser.y}, {@code tcp_options.h}). The parser uses it for the padding and
 * size checks; the executor uses it for data offsets and to build the options.
 */
public final class OptionLengths {
    /** At most 40 option bytes fit in a TCP header (data offset 15). */
    public static final int MAX_OPTION_BYTES = 40;

    private OptionLengths() {
    }

    /** The bytes {@code option} takes on the wire. */
    public static int of(TcpOptionSpec option) {
        return switch (option) {
            case TcpOptionSpec.Eol e -> 1;
            case TcpOptionSpec.Nop n -> 1;
            case TcpOptionSpec.Mss m -> 4;
            case TcpOptionSpec.WindowScale w -> 3;
            case TcpOptionSpec.SackPermitted s -> 2;
            case TcpOptionSpec.Sack s -> 2 + 8 * s.blocks().size();
            case TcpOptionSpec.Timestamp t -> 10;
            case TcpOptionSpec.Md5 m -> 2 + m.digest().length();
            case TcpOptionSpec.FastOpen f -> 2 + f.cookie().length();
            case TcpOptionSpec.FastOpenExp f -> 4 + f.cookie().length();
            // RFC 8684 §3.1: 4 (SYN), 12 (SYN-ACK), 20 (ACK), 22 (ACK carrying data)
            case TcpOptionSpec.MpCapable m -> m.dataLevelLength() > 0 ? 22 : 4 + 8 * m.keys().size();
            case TcpOptionSpec.MpCapableV0 m -> m.receiverKey().isPresent() ? 20 : 12;
            case TcpOptionSpec.MpJoinSyn j -> 12;
            case TcpOptionSpec.MpJoinSynAck j -> 16;
            case TcpOptionSpec.MpJoinAck j -> 24;
            case TcpOptionSpec.Dss d -> dss(d);
            case TcpOptionSpec.AddAddress a -> addAddress(a);
            case TcpOptionSpec.RemoveAddress r -> 3 + r.addressIds().size();
            case TcpOptionSpec.MpPrio p -> p.addressId().isPresent() ? 4 : 3;
            case TcpOptionSpec.MpFail f -> 12;
            case TcpOptionSpec.MpFastclose f -> 12;
            case TcpOptionSpec.MpReset r -> 4;
        };
    }

    /** The total of {@link #of} over a list. */
    public static int total(List<TcpOptionSpec> options) {
        int n = 0;
        for (TcpOptionSpec o : options) n += of(o);
        return n;
    }

    /** RFC 8684 §3.3 Figure 5: 4 + data ACK + (DSN + SSN 4 + DLL 2 + checksum 2) when mapped. */
    private static int dss(TcpOptionSpec.Dss d) {
        int n = 4;
        if (d.dataAck().isPresent()) n += d.dataAck().get().width();
        if (d.dataSequence().isPresent()) {
            n += d.dataSequence().get().width() + 4 + 2;
            if (!(d.checksum() instanceof DssChecksum.Absent)) n += 2;
        }
        return n;
    }

    /**
     * RFC 8684 §3.4.1 Figure 11: 4 + address + [port 2] + [HMAC 8]. An {@code addr[NAME]} without
     * a literal is IPv4-sized even in the ipv6 variant, as in the 2021 fork the baseline was
     * recorded with: its add_addr_client.pkt fails in ipv6 with {@code ipv6_payload_len: expected:
     * 48}, which counts an 8-byte ADD_ADDR echo (later fork versions size it by wire protocol).
     */
    private static int addAddress(TcpOptionSpec.AddAddress a) {
        boolean v6 = a.address().map(x -> x.getAddress().length == 16).orElse(false);
        int n = 4 + (v6 ? 16 : 4);
        if (a.port().isPresent()) n += 2;
        if (!(a.hmac() instanceof AddAddrHmac.Echo)) n += 8;
        return n;
    }
}
