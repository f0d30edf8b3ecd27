package org.mptcpkit.drill.lex;

import java.math.BigInteger;

/**
 * One token with its position.
 *
 * @param kind    the token class
 * @param keyword the reserved word when {@code kind} is {@link TokenKind#KEYWORD}, else null
 * @param text    the source text as written (a {@code -D} symbol's name, not its value)
 * @param value   the token's value: the word, the string or command without delimiters, the
 *                option name, the code, the address, the punctuation character
 * @param number  the value of an {@link TokenKind#INTEGER} or {@link TokenKind#HEX_INTEGER},
 *                unbounded (range checks belong to the parser, which knows the field); else null
 * @param line    1-based line of the first character
 * @param column  1-based column of the first character
 * @param offset  0-based character offset of the first character
 */
public record Token(TokenKind kind, Keyword keyword, String text, String value, BigInteger number,
                    int line, int column, int offset) {

    public boolean is(Keyword k) {
        return keyword == k;
    }

    public boolean is(TokenKind k) {
        return kind == k;
    }

    /** True for the single-character token {@code c}. */
    public boolean isPunct(char c) {
        return kind == TokenKind.PUNCT && value.length() == 1 && value.charAt(0) == c;
    }

    /** True for an INTEGER or HEX_INTEGER. */
    public boolean isNumber() {
        return kind == TokenKind.INTEGER || kind == TokenKind.HEX_INTEGER;
    }

    /** How an error message names this token: {@code 'text'}, or {@code end of file}. */
    public String describe() {
        if (kind == TokenKind.EOF) return "end of file";
        String t = text;
        if (kind == TokenKind.STRING && !t.startsWith("\"")) t = "\"" + value + "\"";
        if (t.length() > 40) t = t.substring(0, 37) + "...";
        t = t.replace("\n", "\\n");
        return "'" + t + "'";
    }

    @Override
    public String toString() {
        return kind + (keyword != null ? "(" + keyword.spelling() + ")" : "") + " '" + text + "' @"
                + line + ":" + column;
    }
}
