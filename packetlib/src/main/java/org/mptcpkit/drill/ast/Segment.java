package org.mptcpkit.drill.ast;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/** The transport part of a packet line. */
public sealed interface Segment {

    /**
     * A TCP segment: {@code FLAGS START:END(LEN) [ack N] [win N] [urg N] [<options>]}, e.g.
     * {@code S. 0:0(0) ack 1 win 65535 <mss 1460, nop, wscale 8>}.
     *
     * <p>{@code END} is not stored: the parser rejects a line where it is not
     * {@code START + LEN} ({@code inconsistent TCP sequence numbers and payload size}).
     * The payload is {@code payloadLength} zero bytes. Sequence and ack numbers are relative, as
     * in tcpdump, except a SYN's sequence number, which is the ISN.
     *
     * @param ack           absent means an ack field of 0
     * @param window        required on inbound packets; absent on an outbound packet means "not
     *                      checked"
     * @param urgentPointer absent means 0
     */
    record Tcp(Tuple tuple, TcpFlags flags, long startSequence, int payloadLength, OptionalLong ack,
               OptionalInt window, OptionalInt urgentPointer, TcpOptions options) implements Segment {
        public Tcp {
            Objects.requireNonNull(tuple, "tuple");
            Objects.requireNonNull(flags, "flags");
            Objects.requireNonNull(ack, "ack");
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(urgentPointer, "urgentPointer");
            Objects.requireNonNull(options, "options");
        }

        /** {@code START + LEN}, the {@code END} of {@code START:END(LEN)}. */
        public long endSequence() {
            return startSequence + payloadLength;
        }
    }

    /** A UDP datagram: {@code udp [tuple] (LEN)}. */
    record Udp(Tuple tuple, int payloadLength) implements Segment {
        public Udp {
            Objects.requireNonNull(tuple, "tuple");
        }
    }

    /**
     * An ICMP message: {@code icmp TYPE [CODE] [mtu N] [id N] [[echoed]]}, e.g.
     * {@code icmp unreachable frag_needed mtu 1200 [1:1461(1460)]}. Type and code names are
     * resolved by the executor.
     */
    record Icmp(String type, Optional<String> code, OptionalInt mtu, OptionalInt echoId,
                Optional<Echoed> echoed) implements Segment {
        public Icmp {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(mtu, "mtu");
            Objects.requireNonNull(echoId, "echoId");
            Objects.requireNonNull(echoed, "echoed");
        }
    }

    /** What an ICMP error quotes of the offending packet. */
    sealed interface Echoed {
        /** {@code [START:END(LEN)]}: a TCP segment. */
        record TcpSegment(long startSequence, int payloadLength) implements Echoed {
        }

        /** {@code [udp(LEN)]} */
        record UdpDatagram(int payloadLength) implements Echoed {
        }

        /** {@code [raw(LEN)]} */
        record Raw(int payloadLength) implements Echoed {
        }
    }
}
