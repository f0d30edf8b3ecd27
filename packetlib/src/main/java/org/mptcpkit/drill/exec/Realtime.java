package org.mptcpkit.drill.exec;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Puts the calling thread under {@code SCHED_RR} at the lowest real-time priority, as packetdrill
 * does when there is more than one CPU (reference §6.1): on a loaded machine a normal thread is
 * preempted for milliseconds, which would show as injection timing error. The kernel's real-time
 * throttling (95% by default) keeps a spinning thread from starving the rest.
 */
// Binding sched_setscheduler is the point of this class.
@SuppressWarnings("restricted")
final class Realtime {
    private static final int SCHED_RR = 2;
    private static final MethodHandle SCHED_SETSCHEDULER;

    static {
        Linker linker = Linker.nativeLinker();
        SCHED_SETSCHEDULER = linker.defaultLookup().find("sched_setscheduler")
                .map(s -> linker.downcallHandle(s, FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT,
                        ValueLayout.JAVA_INT, ValueLayout.ADDRESS)))
                .orElse(null);
    }

    private Realtime() {
    }

    /** True when the calling thread now runs under SCHED_RR; false when not allowed or one CPU. */
    static boolean enter() {
        if (SCHED_SETSCHEDULER == null || Runtime.getRuntime().availableProcessors() < 2) return false;
        try (Arena a = Arena.ofConfined()) {
            MemorySegment param = a.allocate(ValueLayout.JAVA_INT);
            param.set(ValueLayout.JAVA_INT, 0, 1);
            return (int) SCHED_SETSCHEDULER.invokeExact(0, SCHED_RR, param) == 0;
        } catch (Throwable t) {
            return false;
        }
    }
}
