package org.mptcpkit.shell;

/**
 * ANSI colour for the shell's own output, or none: colour only on a terminal that has it, and
 * never when {@code NO_COLOR} is set (https://no-color.org) or {@code TERM=dumb}.
 */
record Style(boolean color) {
    static final Style PLAIN = new Style(false);

    /** Whether the environment allows colour at all; the terminal decides the rest. */
    static boolean allowedByEnvironment() {
        String noColor = System.getenv("NO_COLOR");
        String term = System.getenv("TERM");
        return (noColor == null || noColor.isEmpty()) && !"dumb".equals(term);
    }

    String error(String s) {
        return wrap("\u001b[31m", s);
    }

    String prompt(String s) {
        return wrap("\u001b[1;36m", s);
    }

    String dim(String s) {
        return wrap("\u001b[2m", s);
    }

    private String wrap(String code, String s) {
        return color ? code + s + "\u001b[0m" : s;
    }
}
