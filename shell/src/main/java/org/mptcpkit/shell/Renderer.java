package org.mptcpkit.shell;

/**
 * Shows a result in the shell. Renderers are asked in the order they were registered with
 * {@link Vocabulary#renderer(Renderer)}; the first that returns text wins, and when none does the
 * shell falls back to Groovy's {@code inspect()} ({@code 'text'}, {@code [1, 2]}, a record's
 * {@code toString()}). Hook: the packet formatter plugs in here to show packets as summaries.
 */
@FunctionalInterface
public interface Renderer {
    /**
     * The text shown for {@code value} (may span lines), or null to let the next renderer try.
     *
     * @param color whether the text may contain ANSI colour (a terminal that has it, NO_COLOR unset)
     */
    String render(Object value, boolean color);
}
