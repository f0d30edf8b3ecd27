package org.mptcpkit.drill.ast;

import java.util.List;
import java.util.Objects;

/**
 * A packet line: {@code DIR [outer headers] [ip info] SEGMENT}, e.g.
 * {@code < addr[caddr0] > addr[saddr0] S 0:0(0) win 65535 <mss 1460, mpcapable v1 flags[flag_h] nokey>}.
 *
 * @param outerHeaders encapsulation, outermost first; usually empty
 * @param ipInfo       the {@code [..]} written before the segment
 */
public record PacketEvent(Direction direction, List<OuterHeader> outerHeaders, IpInfo ipInfo,
                          Segment segment) implements Action {
    public PacketEvent {
        Objects.requireNonNull(direction, "direction");
        outerHeaders = List.copyOf(outerHeaders);
        Objects.requireNonNull(ipInfo, "ipInfo");
        Objects.requireNonNull(segment, "segment");
    }

    public boolean inbound() {
        return direction == Direction.INBOUND;
    }

    public boolean outbound() {
        return direction == Direction.OUTBOUND;
    }
}
