package org.mptcpkit.drill.ast;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An encapsulating header written before the packet proper, outermost first:
 * {@code < ipv4 192.0.2.1 > 192.168.0.1 : gre : S 0:0(0) win 1000}.
 */
public sealed interface OuterHeader {

    /** {@code ipv4 [info] SRC > DST :} */
    record Ipv4(Inet4Address source, Inet4Address destination, IpInfo info) implements OuterHeader {
        public Ipv4 {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(info, "info");
        }
    }

    /** {@code ipv6 [info] SRC > DST :} */
    record Ipv6(Inet6Address source, Inet6Address destination, IpInfo info) implements OuterHeader {
        public Ipv6 {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(destination, "destination");
            Objects.requireNonNull(info, "info");
        }
    }

    /** {@code gre :} or {@code gre flags[...] sum N off N key N seq N :} */
    record Gre(Optional<GreHeader> header) implements OuterHeader {
        public Gre {
            Objects.requireNonNull(header, "header");
        }
    }

    /** {@code mpls (label N, tc N, [S], ttl N) ... :} */
    record Mpls(List<MplsEntry> stack) implements OuterHeader {
        public Mpls {
            stack = List.copyOf(stack);
        }
    }
}
