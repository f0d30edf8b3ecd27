package org.mptcpkit.drill.ast;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed {@code .pkt} script: {@code --options}, an optional init command (a backtick command
 * before the first event, with no time), the events, and an optional cleanup command (a backtick
 * command after the last event, with no time).
 *
 * <pre>
 * --tolerance_usecs=100000          options
 * `../common/defaults.sh`           init command
 * 0   socket(..., SOCK_STREAM, IPPROTO_MPTCP) = 3     events
 * +0  `ip mptcp endpoint show`
 * `echo done`                       cleanup command
 * </pre>
 *
 * @param file the name the script was parsed under
 */
public record Script(String file, List<ScriptOption> options, Optional<ShellCommand> initCommand,
                     List<Event> events, Optional<ShellCommand> cleanupCommand) {
    public Script {
        Objects.requireNonNull(file, "file");
        options = List.copyOf(options);
        Objects.requireNonNull(initCommand, "initCommand");
        events = List.copyOf(events);
        Objects.requireNonNull(cleanupCommand, "cleanupCommand");
    }

    /** The value of the last script option named {@code name} (without dashes), if any. */
    public Optional<String> option(String name) {
        Optional<String> v = Optional.empty();
        for (ScriptOption o : options) {
            if (o.name().equals(name)) v = Optional.of(o.value().orElse(""));
        }
        return v;
    }
}
