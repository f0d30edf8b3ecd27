package org.mptcpkit.shell;

import java.util.ArrayList;
import java.util.List;

/**
 * A lexical scan of Groovy source that tells which brackets, strings and comments are still open
 * at its end, and which name each open bracket follows ({@code IP(} , {@code TCP {}). The shell
 * uses it to tell input that needs more lines from input that is wrong (together with Groovy's
 * parser, see {@link Engine#check}), and completion uses it to know the call the cursor is in.
 *
 * <p>Slashy strings ({@code /re/}) are not recognised: a {@code /} is division here, so brackets
 * inside a slashy regex count as brackets. That only matters when the input also fails to parse.
 */
final class SourceScan {
    enum Kind {
        PAREN(")", true), BRACKET("]", true), BRACE("}", true), GSTRING_EXPR("}", true),
        SINGLE_QUOTE("'", false), DOUBLE_QUOTE("\"", false), TRIPLE_SINGLE("'''", false),
        TRIPLE_DOUBLE("\"\"\"", false), DOLLAR_SLASHY("/$", false), LINE_COMMENT("\n", false),
        BLOCK_COMMENT("*/", false);

        final String closer;
        final boolean code;

        Kind(String closer, boolean code) {
            this.closer = closer;
            this.code = code;
        }
    }

    /** A construct still open at the end: where it was opened and the name it follows, if any. */
    record Open(Kind kind, int offset, int line, int column, String callee) {
    }

    /** Open constructs, outermost first. */
    final List<Open> open = new ArrayList<>();
    /** Offset of a closer that matches nothing (a {@code )} for a {@code [}), or -1. */
    int mismatch = -1;

    private SourceScan() {
    }

    static SourceScan of(CharSequence src) {
        SourceScan s = new SourceScan();
        s.scan(src);
        return s;
    }

    boolean isOpen() {
        return !open.isEmpty();
    }

    Open top() {
        return open.isEmpty() ? null : open.get(open.size() - 1);
    }

    /** The innermost open bracket ({@code ( [ {} or a GString's {@code ${}), or null. */
    Open innermostCode() {
        for (int i = open.size() - 1; i >= 0; i--) {
            if (open.get(i).kind().code) return open.get(i);
        }
        return null;
    }

    /** True when the end is inside a string or a comment. */
    boolean inStringOrComment() {
        Open t = top();
        return t != null && !t.kind().code;
    }

    /**
     * The text that closes every open construct, split where code may continue: first what
     * closes the strings and comments on top, then (after {@code split}) the brackets.
     */
    String[] closers() {
        StringBuilder head = new StringBuilder();
        StringBuilder tail = new StringBuilder();
        boolean inHead = true;
        for (int i = open.size() - 1; i >= 0; i--) {
            Kind k = open.get(i).kind();
            if (k.code) inHead = false;
            (inHead ? head : tail).append(k.closer);
        }
        return new String[] {head.toString(), tail.toString()};
    }

    private void scan(CharSequence src) {
        int n = src.length();
        int line = 1;
        int lineStart = 0;
        String lastIdent = null;       // the identifier just before, if nothing came after it
        String closedCallee = null;    // the callee of a ')' just closed, for IP(...) { }
        for (int i = 0; i < n; ) {
            char c = src.charAt(i);
            Open top = top();
            Kind mode = top == null ? null : top.kind();
            if (c == '\n') {
                line++;
                lineStart = i + 1;
            }
            if (mode != null && !mode.code) {
                switch (mode) {
                    case LINE_COMMENT -> {
                        if (c == '\n') pop();
                        i++;
                    }
                    case BLOCK_COMMENT -> {
                        if (starts(src, i, "*/")) {
                            pop();
                            i += 2;
                        } else {
                            i++;
                        }
                    }
                    case SINGLE_QUOTE, DOUBLE_QUOTE, TRIPLE_SINGLE, TRIPLE_DOUBLE -> {
                        if (c == '\\') {
                            i += 2;
                        } else if (starts(src, i, mode.closer)) {
                            pop();
                            i += mode.closer.length();
                        } else if (mode != Kind.SINGLE_QUOTE && mode != Kind.TRIPLE_SINGLE && starts(src, i, "${")) {
                            push(Kind.GSTRING_EXPR, i, line, i - lineStart + 1, null);
                            i += 2;
                        } else {
                            i++;
                        }
                    }
                    case DOLLAR_SLASHY -> {
                        if (starts(src, i, "$$") || starts(src, i, "$/")) {
                            i += 2;
                        } else if (starts(src, i, "/$")) {
                            pop();
                            i += 2;
                        } else if (starts(src, i, "${")) {
                            push(Kind.GSTRING_EXPR, i, line, i - lineStart + 1, null);
                            i += 2;
                        } else {
                            i++;
                        }
                    }
                    default -> throw new AssertionError(mode);
                }
                continue;
            }
            int col = i - lineStart + 1;
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            String callee = lastIdent;
            String afterParen = closedCallee;
            lastIdent = null;
            closedCallee = null;
            if (starts(src, i, "//")) {
                push(Kind.LINE_COMMENT, i, line, col, null);
                i += 2;
                lastIdent = callee;          // a comment does not separate a name from its '('
                closedCallee = afterParen;
                continue;
            }
            if (starts(src, i, "/*")) {
                push(Kind.BLOCK_COMMENT, i, line, col, null);
                i += 2;
                lastIdent = callee;
                closedCallee = afterParen;
                continue;
            }
            if (starts(src, i, "'''")) {
                push(Kind.TRIPLE_SINGLE, i, line, col, null);
                i += 3;
            } else if (starts(src, i, "\"\"\"")) {
                push(Kind.TRIPLE_DOUBLE, i, line, col, null);
                i += 3;
            } else if (c == '\'') {
                push(Kind.SINGLE_QUOTE, i, line, col, null);
                i++;
            } else if (c == '"') {
                push(Kind.DOUBLE_QUOTE, i, line, col, null);
                i++;
            } else if (starts(src, i, "$/")) {
                push(Kind.DOLLAR_SLASHY, i, line, col, null);
                i += 2;
            } else if (c == '(') {
                push(Kind.PAREN, i, line, col, callee);
                i++;
            } else if (c == '[') {
                push(Kind.BRACKET, i, line, col, null);
                i++;
            } else if (c == '{') {
                push(Kind.BRACE, i, line, col, callee != null ? callee : afterParen);
                i++;
            } else if (c == ')' || c == ']' || c == '}') {
                Kind want = c == ')' ? Kind.PAREN : c == ']' ? Kind.BRACKET : Kind.BRACE;
                if (top != null && (top.kind() == want || (c == '}' && top.kind() == Kind.GSTRING_EXPR))) {
                    pop();
                    if (c == ')') closedCallee = top.callee();
                    i++;
                } else {
                    mismatch = i;
                    return;
                }
            } else if (Character.isJavaIdentifierStart(c)) {
                int j = i + 1;
                while (j < n && Character.isJavaIdentifierPart(src.charAt(j))) j++;
                lastIdent = src.subSequence(i, j).toString();
                i = j;
            } else {
                i++;
            }
        }
    }

    private void push(Kind kind, int offset, int line, int column, String callee) {
        open.add(new Open(kind, offset, line, column, callee));
    }

    private void pop() {
        open.remove(open.size() - 1);
    }

    private static boolean starts(CharSequence s, int i, String prefix) {
        int n = prefix.length();
        if (i + n > s.length()) return false;
        for (int k = 0; k < n; k++) {
            if (s.charAt(i + k) != prefix.charAt(k)) return false;
        }
        return true;
    }
}
