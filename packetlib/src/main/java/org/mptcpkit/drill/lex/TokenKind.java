package org.mptcpkit.drill.lex;

/** The token classes of the packetdrill lexer, named as in the fork's {@code lexer.l}. */
public enum TokenKind {
    /** {@code --name}: the value is the name without the dashes. */
    OPTION,
    /** {@code [-]?[0-9]+}; {@link Token#number()} holds the value. */
    INTEGER,
    /** {@code 0x[0-9a-fA-F]+}; {@link Token#number()} holds the value. */
    HEX_INTEGER,
    /** {@code [-]?[0-9]*[.][0-9]+}; the value is the text. */
    FLOAT,
    /** {@code [a-zA-Z0-9_]+} that is not reserved; the value is the word (after {@code -D}). */
    WORD,
    /** A reserved word; see {@link Token#keyword()}. */
    KEYWORD,
    /** {@code "..."}: the value is the text between the quotes, escapes kept as written. */
    STRING,
    /** {@code `...`}: the value is the command between the backticks. */
    BACK_QUOTED,
    /** {@code %{ ... }%}: the value is the code with blanks and tabs trimmed at both ends. */
    CODE,
    /** Four dot-separated decimal runs. */
    IPV4_ADDR,
    /** An IPv6 literal as matched by the fork's regular expression. */
    IPV6_ADDR,
    /** {@code ...} */
    ELLIPSIS,
    /** Any other single character: {@code < > [ ] ( ) { } , : = | + * ~ . -} and the rest. */
    PUNCT,
    /** End of input. */
    EOF
}
