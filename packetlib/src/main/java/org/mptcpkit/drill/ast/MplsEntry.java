package org.mptcpkit.drill.ast;

/**
 * One MPLS label stack entry (RFC 3032 §2.1): {@code (label 16, tc 0, [S], ttl 64)}.
 *
 * @param label         20 bits
 * @param trafficClass  3 bits
 * @param bottomOfStack the S bit, written {@code [S],}
 * @param ttl           8 bits
 */
public record MplsEntry(int label, int trafficClass, boolean bottomOfStack, int ttl) {
}
