package org.mptcpkit.shell.dsl;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.mptcpkit.format.PacketFormatter;
import org.mptcpkit.io.PacketIo;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Field;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpFlags;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.peer.Event;
import org.mptcpkit.peer.MptcpPeer;
import org.mptcpkit.peer.Step;

/** Text for packets, steps and peers, all through {@link PacketFormatter}. */
final class Render {
    private Render() {
    }

    /** The formatter's summary line of a packet or a received packet, or null for anything else. */
    static String summary(Object o) {
        if (o instanceof IpPacket p) return PacketFormatter.summary(p);
        if (o instanceof PacketIo.Received r) return PacketFormatter.summary(r.packet(), r.diagnostics());
        if (o instanceof Tcp t) {
            // A segment alone: the formatter's line for it under a placeholder header, without the addresses.
            String s = PacketFormatter.summary(Ip4.builder().src("0.0.0.0").dst("0.0.0.0").payload(t).build());
            String head = "IP 0.0.0.0." + t.srcPort() + " > 0.0.0.0." + t.dstPort();
            return s.startsWith(head) ? "TCP " + t.srcPort() + " > " + t.dstPort() + s.substring(head.length()) : s;
        }
        if (o instanceof TcpOption opt) return PacketFormatter.summaryOption(opt, TcpFlags.NONE);
        return null;
    }

    /** One summary line per element when every element is a packet, else null. */
    static String summaries(Collection<?> c) {
        if (c.isEmpty()) return null;
        StringBuilder b = new StringBuilder();
        int i = 0;
        for (Object o : c) {
            String s = o == null ? "(no answer)" : summary(o);
            if (s == null) return null;
            if (i > 0) b.append('\n');
            b.append(s);
            i++;
        }
        return b.toString();
    }

    /** A step: its name, then one line per packet: direction, subflow, summary, the peer's note. */
    static String step(Step s) {
        StringBuilder b = new StringBuilder(s.name());
        if (!s.data().isEmpty()) b.append("  (").append(s.data().length()).append(" bytes delivered)");
        for (Event e : s.events()) {
            b.append("\n  ").append(e.isSent() ? "> " : "< ").append(e.subflow() < 0 ? "--- " : "sf" + e.subflow() + " ")
                    .append(PacketFormatter.summary(e.packet()));
            if (!e.note().isEmpty()) b.append("  (").append(e.note()).append(')');
        }
        return b.toString();
    }

    static String show(Object thing) {
        if (thing == null) throw new IllegalArgumentException("show: nothing to show (null: did sr1 get no answer within its timeout?)");
        if (thing instanceof IpPacket p) return PacketFormatter.show(p).stripTrailing();
        if (thing instanceof PacketIo.Received r) return PacketFormatter.show(r.packet(), r.diagnostics()).stripTrailing();
        if (thing instanceof Step s) return step(s);
        if (thing instanceof MptcpPeer peer) {
            StringBuilder b = new StringBuilder(peer.describe().stripTrailing());
            for (Step s : peer.transcript()) b.append('\n').append(step(s));
            return b.toString();
        }
        if (thing instanceof Bytes bytes) return PacketFormatter.hexdump(bytes).stripTrailing();
        if (thing instanceof Collection<?> c) {
            List<String> parts = new ArrayList<>();
            for (Object o : c) parts.add(o == null ? "(no answer)" : show(o));
            return String.join("\n\n", parts);
        }
        throw new IllegalArgumentException("show: " + Build.describe(thing) + " (expected: a packet, a step, a peer or bytes)");
    }

    /** ls(TCP): the fields of a layer or option, with the DSL's defaults; auto fields marked. */
    static String ls(PacketDsl dsl, Object thing) {
        Class<?> type = thing instanceof Class<?> c ? c : thing.getClass();
        if (type.isInterface() && type.isSealed()) {
            StringBuilder b = new StringBuilder();
            for (Class<?> sub : type.getPermittedSubclasses()) {
                if (!b.isEmpty()) b.append("\n\n");
                b.append(ls(dsl, sub));
            }
            return b.toString();
        }
        RecordComponent[] rc = type.getRecordComponents();
        if (rc == null) throw new IllegalArgumentException("ls: " + type.getSimpleName() + " (expected: a layer or option, e.g. ls(TCP), ls(MpCapable))");
        Object value = thing instanceof Class<?> ? PacketDsl.defaultInstance(dsl, type) : thing;
        Map<String, String> aliases = type == Tcp.class ? PacketDsl.TCP : type == Ip4.class ? PacketDsl.IP4 : type == Ip6.class ? PacketDsl.IP6 : Map.of();
        int width = 0;
        for (RecordComponent c : rc) width = Math.max(width, c.getName().length());
        StringBuilder b = new StringBuilder(name(type)).append(thing instanceof Class<?> ? " (defaults)" : "");
        for (RecordComponent c : rc) {
            String shown;
            if (value == null) {
                shown = "";
            } else {
                Object v;
                try {
                    v = c.getAccessor().invoke(value);
                } catch (ReflectiveOperationException e) {
                    v = "?";
                }
                shown = (c.getType() == int.class && Integer.valueOf(Field.AUTO).equals(v)) ? "auto (computed when encoding)"
                        : v instanceof IpPacket || v instanceof Tcp ? v.getClass().getSimpleName() : String.valueOf(v);
            }
            b.append("\n  ").append(c.getName()).append(" ".repeat(width - c.getName().length() + 2))
                    .append(pad(c.getType().getSimpleName(), 12)).append(value == null ? "" : "= " + shown);
            List<String> keys = new ArrayList<>();
            for (Map.Entry<String, String> e : aliases.entrySet()) if (e.getValue().equals(c.getName())) keys.add(e.getKey());
            if (!keys.isEmpty()) b.append("  (also: ").append(String.join(", ", keys)).append(')');
        }
        return b.toString();
    }

    private static String name(Class<?> type) {
        Class<?> outer = type.getEnclosingClass();
        return outer == null ? type.getSimpleName() : outer.getSimpleName() + "." + type.getSimpleName();
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s + " " : s + " ".repeat(w - s.length());
    }
}
