package org.mptcpkit.shell.dsl;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.peer.Alter;

/**
 * What an {@code alter { ... }} closure is delegated to: changes to a packet the peer is about to
 * send, applied in order, over {@link Alter}. Inside {@code tcp { }}, {@code ip { }} and
 * {@code option(Type) { }} the value itself is the delegate, so its {@code withX} copies are
 * called by name:
 * <pre>{@code
 * peer.send(sf, data, alter { option(Dss) { withChecksum(0x1234) } })
 * peer.sendSyn(alter { tcp { withWindow(0) }; without(Timestamps); adding(mss(1)) })
 * }</pre>
 */
public final class AlterSpec {
    final List<UnaryOperator<IpPacket>> changes = new ArrayList<>();

    AlterSpec() {
    }

    UnaryOperator<IpPacket> operator() {
        List<UnaryOperator<IpPacket>> all = List.copyOf(changes);
        return p -> {
            IpPacket out = p;
            for (UnaryOperator<IpPacket> c : all) out = c.apply(out);
            return out;
        };
    }

    /** Changes the TCP segment: {@code tcp { withWindow(0) }}. */
    public AlterSpec tcp(@DelegatesTo(value = Tcp.class, strategy = Closure.DELEGATE_FIRST) Closure<?> change) {
        changes.add(Alter.tcp(t -> with(change, t, Tcp.class)));
        return this;
    }

    /** Changes the IPv4 header: {@code ip { withTtl(1) }}. */
    public AlterSpec ip(@DelegatesTo(value = Ip4.class, strategy = Closure.DELEGATE_FIRST) Closure<?> change) {
        changes.add(Alter.ip4(h -> with(change, h, Ip4.class)));
        return this;
    }

    /** Changes every option of {@code type}: {@code option(Dss) { withChecksum(0) }}. */
    public <T extends TcpOption> AlterSpec option(Class<T> type, Closure<?> change) {
        changes.add(Alter.option(type, o -> with(change, o, type)));
        return this;
    }

    /** Drops the options of {@code type}. */
    public AlterSpec without(Class<? extends TcpOption> type) {
        changes.add(Alter.without(type));
        return this;
    }

    /** Appends {@code option}. */
    public AlterSpec adding(TcpOption option) {
        changes.add(Alter.adding(option));
        return this;
    }

    private static <T> T with(Closure<?> change, T value, Class<T> type) {
        Closure<?> c = (Closure<?>) change.clone();
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        c.setDelegate(value);
        Object r = c.call(value);
        if (!type.isInstance(r)) {
            throw new IllegalArgumentException("alter: the closure gave " + Build.describe(r) + " (expected: the changed "
                    + type.getSimpleName() + ", e.g. { withWindow(0) })");
        }
        return type.cast(r);
    }
}
