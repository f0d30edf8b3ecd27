package org.mptcpkit.drill.lex;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

import org.mptcpkit.drill.ScriptException;

/**
 * The packetdrill lexer: flex semantics (longest match, then the earliest rule) over the fork's
 * rules, with a line and column on every token.
 *
 * <p>The rules, in flex's priority order: reserved words ({@link Keyword}), {@code ...},
 * {@code --option}, FLOAT {@code [-]?[0-9]*[.][0-9]+}, INTEGER {@code [-]?[0-9]+}, HEX_INTEGER
 * {@code 0x[0-9a-fA-F]+}, WORD {@code [a-zA-Z0-9_]+}, STRING, BACK_QUOTED, any single character,
 * whitespace, {@code //} and {@code /* *}{@code /} comments, {@code %{ }%} code, IPV4_ADDR, IPV6_ADDR.
 * Longest match gives the classic outcomes: {@code +0...0.020} is {@code + 0 ... 0.020};
 * {@code 1:1001(1000)} is {@code 1 : 1001 ( 1000 )}; {@code S.5} is {@code S .5};
 * {@code 192.168.0.1} beats the FLOAT {@code 192.168}; {@code 8080} is an INTEGER because that
 * rule precedes WORD; {@code 1460abc} is a WORD because it is longer.
 *
 * <p>A WORD equal to a {@code -D} symbol is replaced by the symbol's value, as the fork's
 * {@code word()} does: a value starting with {@code "} becomes a STRING and one starting with a
 * backtick a BACK_QUOTED (both without their first and last character), a value that
 * {@code strtol(value, &end, 0)} consumes entirely becomes an INTEGER, anything else a WORD.
 *
 * <p>Deliberate differences from flex, each a script flex would reject or mangle:
 * <ul>
 *   <li>an unterminated string, backtick command, comment or code block is an error naming the
 *       opening delimiter, where flex falls back to lexing the delimiter as a lone character;</li>
 *   <li>{@code \r} is whitespace (CRLF files); flex returns it as a character;</li>
 *   <li>a {@code //} comment may end the file without a newline;</li>
 *   <li>a block comment ends at the first {@code *}{@code /}, even after another {@code *};
 *       the fork's regular expression misses {@code **}{@code /}.</li>
 * </ul>
 *
 * <p>One lexer reads one script; it holds no global state, and its {@code -D} table is its
 * own (the parser adds {@code --define} options of the script to it, as packetdrill does).
 */
public final class Lexer {
    private static final String SEG = "[0-9a-fA-F]{1,4}";
    private static final String V4 = "[0-9]+\\.[0-9]+\\.[0-9]+\\.[0-9]+";
    /** The fork's IPv6 expression, built to keep {@code 1:1001} a sequence range. */
    private static final Pattern IPV6 = Pattern.compile(String.join("|",
            "::",
            "(" + SEG + ":){7}" + SEG,
            "(" + SEG + ":){1,7}:",
            "(" + SEG + ":){1,6}:" + SEG,
            "(" + SEG + ":){1,5}(:" + SEG + "){1,2}",
            "(" + SEG + ":){1,4}(:" + SEG + "){1,3}",
            "(" + SEG + ":){1,3}(:" + SEG + "){1,4}",
            "(" + SEG + ":){1,2}(:" + SEG + "){1,5}",
            SEG + ":((:" + SEG + "){1,6})",
            ":(:" + SEG + "){1,7}",
            "::ffff:" + V4,
            "::ffff:(0){1,4}:" + V4,
            "(" + SEG + ":){1,4}:" + V4));

    // flex rule order: a longer match wins, a tie goes to the earlier rule
    private static final int R_KEYWORD = 0, R_ELLIPSIS = 1, R_OPTION = 2, R_FLOAT = 3, R_INTEGER = 4,
            R_HEX = 5, R_WORD = 6, R_STRING = 7, R_BACK_QUOTED = 8, R_CHAR = 9, R_CODE = 12,
            R_IPV4 = 13, R_IPV6 = 14;

    private final String file;
    private final String src;
    private final Map<String, String> defines;
    private int pos;
    private int line = 1;
    private int column = 1;

    /** A lexer over {@code source}, with no {@code -D} symbols. */
    public Lexer(String file, CharSequence source) {
        this(file, source, Map.of());
    }

    /**
     * A lexer over {@code source}.
     *
     * @param file    the name used in positions and errors
     * @param defines {@code -D} symbols (name to value); copied
     */
    public Lexer(String file, CharSequence source, Map<String, String> defines) {
        this.file = Objects.requireNonNull(file, "file");
        this.src = source.toString();
        this.defines = new LinkedHashMap<>(defines);
    }

    /** Adds or replaces a {@code -D} symbol for the tokens not yet read. */
    public void define(String name, String value) {
        defines.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    }

    public String file() {
        return file;
    }

    /** Lexes a whole script, the final {@link TokenKind#EOF} token included. */
    public static List<Token> tokenize(String file, CharSequence source, Map<String, String> defines) {
        Lexer lexer = new Lexer(file, source, defines);
        List<Token> tokens = new ArrayList<>();
        Token t;
        do {
            t = lexer.next();
            tokens.add(t);
        } while (t.kind() != TokenKind.EOF);
        return tokens;
    }

    /**
     * The next token; {@link TokenKind#EOF} at the end, again on every later call.
     *
     * @throws ScriptException on an unterminated string, command, comment or code block
     */
    public Token next() {
        skipTrivia();
        int startLine = line, startColumn = column, start = pos;
        if (pos >= src.length()) {
            return new Token(TokenKind.EOF, null, "", "", null, startLine, startColumn, start);
        }
        char c = src.charAt(pos);

        int best = 0;
        int rule = -1;
        int word = runOf(pos, Lexer::isWordChar);
        Keyword keyword = null;
        if (word > 0) {
            String w = src.substring(pos, pos + word);
            if (w.equals("sequence") && at(pos + word) == '#') {
                keyword = Keyword.SEQUENCE;
                best = word + 1;
                rule = R_KEYWORD;
            } else {
                keyword = Keyword.of(w);
                if (keyword != null) {
                    best = word;
                    rule = R_KEYWORD;
                }
            }
        }
        if (c == '.' && at(pos + 1) == '.' && at(pos + 2) == '.' && 3 > best) {
            best = 3;
            rule = R_ELLIPSIS;
        }
        if (c == '-' && at(pos + 1) == '-') {
            int n = runOf(pos + 2, Lexer::isWordChar);
            if (n > 0 && n + 2 > best) {
                best = n + 2;
                rule = R_OPTION;
            }
        }
        int f = floatLength(pos);
        if (f > best) {
            best = f;
            rule = R_FLOAT;
        }
        int i = integerLength(pos);
        if (i > best) {
            best = i;
            rule = R_INTEGER;
        }
        if (c == '0' && at(pos + 1) == 'x') {
            int n = runOf(pos + 2, Lexer::isHexDigit);
            if (n > 0 && n + 2 > best) {
                best = n + 2;
                rule = R_HEX;
            }
        }
        if (word > best) {
            best = word;
            rule = R_WORD;
        }
        if (c == '"' || c == '`') {
            int n = quotedLength(pos, c);
            if (n > best) {
                best = n;
                rule = c == '"' ? R_STRING : R_BACK_QUOTED;
            }
        }
        if (1 > best) {
            best = 1;
            rule = R_CHAR;
        }
        if (c == '%' && at(pos + 1) == '{') {
            int end = src.indexOf("}%", pos + 2);
            if (end < 0) throw error(startLine, startColumn, "unterminated %{ code block (no closing }%)");
            int n = end + 2 - pos;
            if (n > best) {
                best = n;
                rule = R_CODE;
            }
        }
        int v4 = ipv4Length(pos);
        if (v4 > best) {
            best = v4;
            rule = R_IPV4;
        }
        int v6 = ipv6Length(pos);
        if (v6 > best) {
            best = v6;
            rule = R_IPV6;
        }

        String text = src.substring(pos, pos + best);
        advance(best);
        return switch (rule) {
            case R_KEYWORD -> new Token(TokenKind.KEYWORD, keyword, text, text, null, startLine, startColumn, start);
            case R_ELLIPSIS -> new Token(TokenKind.ELLIPSIS, null, text, text, null, startLine, startColumn, start);
            case R_OPTION -> new Token(TokenKind.OPTION, null, text, text.substring(2), null,
                    startLine, startColumn, start);
            case R_FLOAT -> new Token(TokenKind.FLOAT, null, text, text, null, startLine, startColumn, start);
            case R_INTEGER -> new Token(TokenKind.INTEGER, null, text, text, new BigInteger(text),
                    startLine, startColumn, start);
            case R_HEX -> new Token(TokenKind.HEX_INTEGER, null, text, text, new BigInteger(text.substring(2), 16),
                    startLine, startColumn, start);
            case R_WORD -> word(text, startLine, startColumn, start);
            case R_STRING -> new Token(TokenKind.STRING, null, text, text.substring(1, text.length() - 1), null,
                    startLine, startColumn, start);
            case R_BACK_QUOTED -> new Token(TokenKind.BACK_QUOTED, null, text, text.substring(1, text.length() - 1),
                    null, startLine, startColumn, start);
            case R_CODE -> new Token(TokenKind.CODE, null, text, trimBlanks(text.substring(2, text.length() - 2)),
                    null, startLine, startColumn, start);
            case R_IPV4 -> new Token(TokenKind.IPV4_ADDR, null, text, text, null, startLine, startColumn, start);
            case R_IPV6 -> new Token(TokenKind.IPV6_ADDR, null, text, text, null, startLine, startColumn, start);
            default -> punct(start, startLine, startColumn);
        };
    }

    private Token punct(int start, int startLine, int startColumn) {
        // a character outside the BMP is one token, as a UTF-8 byte sequence would be one error
        int cp = src.codePointAt(start);
        int n = Character.charCount(cp);
        if (n > 1) advance(n - 1);
        String s = src.substring(start, start + n);
        return new Token(TokenKind.PUNCT, null, s, s, null, startLine, startColumn, start);
    }

    /** The fork's {@code word()}: {@code -D} substitution. */
    private Token word(String text, int l, int c, int off) {
        String value = defines.get(text);
        if (value == null) return new Token(TokenKind.WORD, null, text, text, null, l, c, off);
        if (value.startsWith("\"")) return new Token(TokenKind.STRING, null, text, stripEnds(value), null, l, c, off);
        if (value.startsWith("`")) return new Token(TokenKind.BACK_QUOTED, null, text, stripEnds(value), null, l, c, off);
        BigInteger n = strtol(value);
        if (n != null) return new Token(TokenKind.INTEGER, null, text, value, n, l, c, off);
        return new Token(TokenKind.WORD, null, text, value, null, l, c, off);
    }

    /** The fork's {@code quoted()}: drops the first and the last character. */
    private static String stripEnds(String s) {
        return s.length() < 2 ? "" : s.substring(1, s.length() - 1);
    }

    /**
     * {@code strtol(s, &end, 0)} with {@code *end == '\0'} and no overflow, as the fork tests it;
     * null when the value is not wholly an integer.
     */
    static BigInteger strtol(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        int start = i;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int radix = 10;
        if (i + 1 < s.length() && s.charAt(i) == '0' && (s.charAt(i + 1) == 'x' || s.charAt(i + 1) == 'X')
                && i + 2 < s.length() && Character.digit(s.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < s.length() && s.charAt(i) == '0') {
            radix = 8;
        }
        int digits = i;
        while (i < s.length() && Character.digit(s.charAt(i), radix) >= 0) i++;
        if (i == digits) {
            // no digits: strtol leaves end at the start, so only "" (or blanks) passes *end == '\0'
            return start == 0 && s.isEmpty() ? BigInteger.ZERO : null;
        }
        if (i != s.length()) return null;
        BigInteger v = new BigInteger(s.substring(digits, i), radix);
        if (negative) v = v.negate();
        // strtol saturates at LONG_MIN/LONG_MAX, which the fork then rejects
        if (v.bitLength() >= 64 || v.longValue() == Long.MAX_VALUE || v.longValue() == Long.MIN_VALUE) return null;
        return v;
    }

    private void skipTrivia() {
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                advance(1);
            } else if (c == '/' && at(pos + 1) == '/') {
                int end = src.indexOf('\n', pos);
                advance((end < 0 ? src.length() : end) - pos);
            } else if (c == '/' && at(pos + 1) == '*') {
                int end = src.indexOf("*/", pos + 2);
                if (end < 0) throw error(line, column, "unterminated /* comment (no closing */)");
                advance(end + 2 - pos);
            } else {
                return;
            }
        }
    }

    private int quotedLength(int p, char quote) {
        int i = p + 1;
        while (i < src.length()) {
            char c = src.charAt(i);
            if (c == '\\') {
                i += 2;
            } else if (c == quote) {
                return i + 1 - p;
            } else {
                i++;
            }
        }
        throw error(line, column, quote == '"'
                ? "unterminated string (no closing \")"
                : "unterminated `command` (no closing backtick)");
    }

    private int floatLength(int p) {
        int i = p;
        if (at(i) == '-') i++;
        while (isDigit(at(i))) i++;
        if (at(i) != '.') return 0;
        i++;
        int frac = i;
        while (isDigit(at(i))) i++;
        return i > frac ? i - p : 0;
    }

    private int integerLength(int p) {
        int i = p;
        if (at(i) == '-') i++;
        int digits = i;
        while (isDigit(at(i))) i++;
        return i > digits ? i - p : 0;
    }

    private int ipv4Length(int p) {
        int i = p;
        for (int part = 0; part < 4; part++) {
            if (part > 0) {
                if (at(i) != '.') return 0;
                i++;
            }
            int digits = i;
            while (isDigit(at(i))) i++;
            if (i == digits) return 0;
        }
        return i - p;
    }

    private int ipv6Length(int p) {
        int end = p;
        boolean colon = false;
        while (end < src.length()) {
            char c = src.charAt(end);
            if (c == ':') colon = true;
            else if (c != '.' && !isHexDigit(c)) break;
            end++;
        }
        if (!colon) return 0;
        // longest prefix that matches as a whole, like flex's DFA
        for (int e = end; e > p + 1; e--) {
            if (IPV6.matcher(src).region(p, e).matches()) return e - p;
        }
        return 0;
    }

    private int runOf(int p, CharPredicate pred) {
        int i = p;
        while (i < src.length() && pred.test(src.charAt(i))) i++;
        return i - p;
    }

    private char at(int i) {
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private void advance(int n) {
        for (int k = 0; k < n; k++) {
            if (src.charAt(pos) == '\n') {
                line++;
                column = 1;
            } else {
                column++;
            }
            pos++;
        }
    }

    private static String trimBlanks(String s) {
        int a = 0, b = s.length();
        while (a < b && (s.charAt(a) == ' ' || s.charAt(a) == '\t')) a++;
        while (b > a && (s.charAt(b - 1) == ' ' || s.charAt(b - 1) == '\t')) b--;
        return s.substring(a, b);
    }

    private ScriptException error(int l, int c, String message) {
        return new ScriptException(file, l, c, message);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHexDigit(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static boolean isWordChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isDigit(c) || c == '_';
    }

    @FunctionalInterface
    private interface CharPredicate {
        boolean test(char c);
    }
}
