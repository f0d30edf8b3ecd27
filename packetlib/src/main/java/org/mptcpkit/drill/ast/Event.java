package org.mptcpkit.drill.ast;

import java.util.Objects;

/**
 * One timed line of a script: {@code +0.1 write(3, ..., 100) = 100}.
 *
 * @param position where the event's time starts; packetdrill reports that line
 */
public record Event(EventTime time, Action action, Position position) {
    public Event {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(position, "position");
    }
}
