package org.mptcpkit.shell.dsl;

import java.util.Collection;
import org.mptcpkit.peer.MptcpPeer;
import org.mptcpkit.peer.Step;
import org.mptcpkit.shell.Renderer;

/**
 * How the shell shows the DSL's values: a packet as the formatter's summary line, a list of
 * packets one per line (null answers as {@code (no answer)}), a peer's step as its packets, a
 * peer as its state.
 */
public final class PacketRenderer implements Renderer {
    @Override
    public String render(Object value, boolean color) {
        String s = Render.summary(value);
        if (s != null) return s;
        if (value instanceof Collection<?> c) return Render.summaries(c);
        if (value instanceof Step step) return Render.step(step);
        if (value instanceof MptcpPeer peer) return peer.describe().stripTrailing();
        return null;
    }
}
