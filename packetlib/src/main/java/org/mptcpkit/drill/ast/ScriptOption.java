package org.mptcpkit.drill.ast;

import java.util.Objects;
import java.util.Optional;

/**
 * A {@code --name[=value]} line at the top of a script, e.g. {@code --tolerance_usecs=100000}.
 * Command-line options override script options; the executor merges them.
 *
 * @param name  without the leading dashes
 * @param value as packetdrill keeps it: a string's content without quotes, and
 *              {@code SYM=VAL}, {@code SYM="VAL"} or {@code SYM=`VAL`} for {@code --define}
 */
public record ScriptOption(String name, Optional<String> value, Position position) {
    public ScriptOption {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(position, "position");
    }
}
