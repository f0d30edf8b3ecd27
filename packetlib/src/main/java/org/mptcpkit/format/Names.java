package org.mptcpkit.format;

import org.mptcpkit.packet.AddAddr;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MpExperimental;
import org.mptcpkit.packet.MpFail;
import org.mptcpkit.packet.MpFastclose;
import org.mptcpkit.packet.MpJoin;
import org.mptcpkit.packet.MpPrio;
import org.mptcpkit.packet.MpTcpRst;
import org.mptcpkit.packet.MptcpOption;
import org.mptcpkit.packet.RemoveAddr;
import org.mptcpkit.packet.UnknownMptcp;

/** Names the RFCs give to codes: MP_TCPRST reasons, MPTCP forms, ECN codepoints, protocols. */
final class Names {
    private Names() {
    }

    /** RFC 8684 §3.6 Table 2 (MPTCP Reset Reason Codes). */
    static String tcpRstReason(int reason) {
        return switch (reason) {
            case MpTcpRst.UNSPECIFIED -> "unspecified error";
            case MpTcpRst.MPTCP_SPECIFIC -> "MPTCP-specific error";
            case MpTcpRst.LACK_OF_RESOURCES -> "lack of resources";
            case MpTcpRst.ADMINISTRATIVELY_PROHIBITED -> "administratively prohibited";
            case MpTcpRst.TOO_MUCH_OUTSTANDING_DATA -> "too much outstanding data";
            case MpTcpRst.UNACCEPTABLE_PERFORMANCE -> "unacceptable performance";
            case MpTcpRst.MIDDLEBOX_INTERFERENCE -> "middlebox interference";
            default -> "unassigned";
        };
    }

    /**
     * The form of an MPTCP option, the layout its length selected: {@code SYN}, {@code SYN-ACK},
     * {@code ACK}, {@code ACK-DATA} (MP_CAPABLE, MP_JOIN); {@code v1}, {@code v1-echo},
     * {@code v0} (ADD_ADDR); {@code v0} for MP_PRIO with an address id; {@code null} when the
     * option has one layout only.
     */
    static String form(MptcpOption option) {
        return switch (option) {
            case MpCapable c -> switch (c) {
                case MpCapable.Syn s -> "SYN";
                case MpCapable.SynAck s -> "SYN-ACK";
                case MpCapable.Ack a -> "ACK";
                case MpCapable.AckData a -> "ACK-DATA";
            };
            case MpJoin j -> switch (j) {
                case MpJoin.Syn s -> "SYN";
                case MpJoin.SynAck s -> "SYN-ACK";
                case MpJoin.Ack a -> "ACK";
            };
            case AddAddr a -> switch (a) {
                case AddAddr.V1 v -> v.echo() ? "v1-echo" : "v1";
                case AddAddr.V0 v -> "v0";
            };
            case MpPrio p -> p.addressIdPresent() ? "v0" : null;
            case Dss d -> null;
            case RemoveAddr r -> null;
            case MpFail f -> null;
            case MpFastclose f -> null;
            case MpTcpRst r -> null;
            case MpExperimental x -> null;
            case UnknownMptcp u -> null;
        };
    }

    /** RFC 3168 §5 ECN codepoints. */
    static String ecn(int ecn) {
        return switch (ecn) {
            case 0 -> "Not-ECT";
            case 1 -> "ECT(1)";
            case 2 -> "ECT(0)";
            default -> "CE";
        };
    }

    static String protocol(int protocol) {
        return switch (protocol) {
            case 0 -> "HOPOPT";
            case 1 -> "ICMP";
            case 6 -> "TCP";
            case 17 -> "UDP";
            case 43 -> "IPv6-Route";
            case 44 -> "IPv6-Frag";
            case 47 -> "GRE";
            case 50 -> "ESP";
            case 51 -> "AH";
            case 58 -> "IPv6-ICMP";
            case 59 -> "IPv6-NoNxt";
            case 60 -> "IPv6-Opts";
            case 132 -> "SCTP";
            case 136 -> "UDPLite";
            case 262 -> "MPTCP";
            default -> null;
        };
    }

    /** The flag names of TcpFlags bits, RFC 9293 order from the most significant. */
    static final String[] TCP_FLAG_NAMES = {"AE", "CWR", "ECE", "URG", "ACK", "PSH", "RST", "SYN", "FIN"};
}
