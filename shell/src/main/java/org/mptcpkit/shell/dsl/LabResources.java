package org.mptcpkit.shell.dsl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mptcpkit.io.PacketIo;
import org.mptcpkit.io.lab.Lab;
import org.mptcpkit.peer.MptcpPeer;

/**
 * What the words open on a lab: its {@link PacketIo} (one, opened on first use, so that
 * {@code send} and {@code sr1} share one capture) and the peers they made. {@link #release(Lab)}
 * closes them; the shell and the script runner call it before they close the lab. A lab a script
 * made and closed itself is let go the next time any lab's resources are asked for.
 */
public final class LabResources {
    private static final Map<Lab, LabResources> OPEN = new ConcurrentHashMap<>();

    private final Lab lab;
    private PacketIo io;
    private final List<AutoCloseable> owned = new ArrayList<>();

    private LabResources(Lab lab) {
        this.lab = lab;
    }

    static LabResources of(Lab lab) {
        for (Lab l : List.copyOf(OPEN.keySet())) {
            if (l.isClosed() && l != lab) release(l);
        }
        return OPEN.computeIfAbsent(lab, LabResources::new);
    }

    synchronized PacketIo io() {
        if (io == null) io = PacketIo.open(lab);
        return io;
    }

    synchronized void own(MptcpPeer peer) {
        owned.add(peer);
    }

    /** Closes the peers and the packet I/O the words opened on {@code lab}; the lab stays open. */
    public static void release(Lab lab) {
        LabResources r = OPEN.remove(lab);
        if (r != null) r.close();
    }

    private synchronized void close() {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception ignored) {
                // Lenient: a peer whose lab is gone cannot close more cleanly; the sockets go with the lab.
            }
        }
        owned.clear();
        if (io != null) io.close();
        io = null;
    }
}
