package org.mptcpkit.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mptcpkit.drill.lex.Keyword;
import org.mptcpkit.drill.lex.Lexer;
import org.mptcpkit.drill.lex.Token;
import org.mptcpkit.drill.lex.TokenKind;

/** Flex's longest-match outcomes, positions and -D substitution, one tricky input at a time. */
class LexerTest {

    private static List<Token> lex(String s) {
        return lex(s, Map.of());
    }

    private static List<Token> lex(String s, Map<String, String> defines) {
        List<Token> all = Lexer.tokenize("t.pkt", s, defines);
        assertEquals(TokenKind.EOF, all.getLast().kind());
        return all.subList(0, all.size() - 1);
    }

    /** "KIND:text" for each token, keywords as "KEYWORD(spelling)". */
    private static String shape(String s) {
        List<String> out = new ArrayList<>();
        for (Token t : lex(s)) {
            out.add((t.kind() == TokenKind.KEYWORD ? "KW" : t.kind().name()) + ":" + t.text());
        }
        return String.join(" ", out);
    }

    @Test
    void blockingTimeSplitsIntoPlusIntegerEllipsisFloat() {
        assertEquals("PUNCT:+ INTEGER:0 ELLIPSIS:... FLOAT:0.020", shape("+0...0.020"));
        assertEquals("FLOAT:0.1 ELLIPSIS:... FLOAT:0.3", shape("0.1...0.3"));
        assertEquals("INTEGER:1 ELLIPSIS:... INTEGER:2", shape("1...2"));
    }

    @Test
    void sequenceRangeIsNotAnIpv6Address() {
        assertEquals("INTEGER:1 PUNCT:: INTEGER:1001 PUNCT:( INTEGER:1000 PUNCT:)", shape("1:1001(1000)"));
        assertEquals("INTEGER:4001 PUNCT:: INTEGER:5001", shape("4001:5001"));
    }

    @Test
    void flagsWithAceValueAreAWordAndAFloat() {
        assertEquals("WORD:S FLOAT:.5", shape("S.5"));
        assertEquals("WORD:S PUNCT:.", shape("S."));
        assertEquals("PUNCT:. INTEGER:1", shape(". 1"));
        assertEquals("WORD:FPU PUNCT:.", shape("FPU."));
    }

    @Test
    void ipv4BeatsFloatByLengthAndFloatNeedsADigitAfterTheDot() {
        assertEquals("IPV4_ADDR:192.168.0.1", shape("192.168.0.1"));
        assertEquals("FLOAT:1.2 FLOAT:.3", shape("1.2.3"));
        assertEquals("FLOAT:.25 FLOAT:-0.5 FLOAT:-.5", shape(".25 -0.5 -.5"));
        assertEquals("INTEGER:5 PUNCT:.", shape("5."));
        assertEquals("IPV4_ADDR:192.0.2.1 PUNCT:: INTEGER:8080", shape("192.0.2.1:8080"));
    }

    @Test
    void ipv6Literals() {
        assertEquals("IPV6_ADDR:fd3d:fa7b:d17d::0", shape("fd3d:fa7b:d17d::0"));
        assertEquals("IPV6_ADDR:2001:DB8::1", shape("2001:DB8::1"));
        assertEquals("IPV6_ADDR:::1", shape("::1"));
        assertEquals("IPV6_ADDR:::", shape("::"));
        assertEquals("IPV6_ADDR:1:2:3:4:5:6:7:8", shape("1:2:3:4:5:6:7:8"));
        assertEquals("IPV6_ADDR:::ffff:192.0.2.1", shape("::ffff:192.0.2.1"));
        assertEquals("IPV6_ADDR:64:ff9b::192.0.2.1", shape("64:ff9b::192.0.2.1"));
        // the fork's expression swallows a :PORT written after an address ending in a group
        assertEquals("IPV6_ADDR:2001:db8::1:8080", shape("2001:db8::1:8080"));
        // longest match, then the rest is a word
        assertEquals("IPV6_ADDR:fe80::1abc WORD:defg", shape("fe80::1abcdefg"));
    }

    @Test
    void integerHexAndWordTieBreaks() {
        assertEquals("INTEGER:8080", shape("8080"));
        assertEquals("WORD:1460abc", shape("1460abc"));
        assertEquals("HEX_INTEGER:0x1F", shape("0x1F"));
        assertEquals("WORD:0x1g", shape("0x1g"));
        assertEquals("INTEGER:-1 WORD:EINPROGRESS", shape("-1 EINPROGRESS"));
        assertEquals("WORD:de4f234f0f433a55 WORD:6aa6ae70c288023b", shape("de4f234f0f433a55 6aa6ae70c288023b"));
        Token hex = lex("0xffffffffffffffff").getFirst();
        assertEquals(new BigInteger("ffffffffffffffff", 16), hex.number());
        assertEquals(new BigInteger("99999999999999999999"), lex("99999999999999999999").getFirst().number());
    }

    @Test
    void reservedWordsOnlyAsWholeWords() {
        List<Token> t = lex("ack acked dll dll_ sequence# sequence Flags flags GREv0 gre TS sackOK sackok");
        assertEquals(Keyword.ACK, t.get(0).keyword());
        assertEquals(TokenKind.WORD, t.get(1).kind());
        assertEquals(Keyword.DLL, t.get(2).keyword());
        assertEquals(TokenKind.WORD, t.get(3).kind());
        assertEquals(Keyword.SEQUENCE, t.get(4).keyword());
        assertEquals("sequence#", t.get(4).text());
        assertEquals(TokenKind.WORD, t.get(5).kind());
        assertEquals(Keyword.FLAGS, t.get(6).keyword());
        assertEquals(Keyword.FLAGS, t.get(7).keyword());
        assertEquals(Keyword.GRE, t.get(8).keyword());
        assertEquals(Keyword.GRE, t.get(9).keyword());
        assertEquals(Keyword.TS, t.get(10).keyword());
        assertEquals(Keyword.SACKOK, t.get(11).keyword());
        assertEquals(TokenKind.WORD, t.get(12).kind(), "keywords are case-sensitive");
    }

    @Test
    void everyMptcpWordOfTheForkIsReserved() {
        for (String w : ("addr address_id addresses_id dack4 dack8 dsn4 dsn8 dss ssn dll fin nocs cksum auto "
                + "mp_capable mp_capable_no_cs mpcapable mpcdatalen v0 v1 flag_a flag_b flag_c flag_d flag_e "
                + "flag_f flag_g flag_h flag_t no_flags nokey mp_join_syn backup mp_join_syn_ack mp_join_ack "
                + "add_address addr_echo port add_addr_ipv4 add_addr_ipv6 remove_address list_id mp_prio mp_fail "
                + "mp_fastclose mp_reset rand sender_hmac hmac sha1_32 sha256_32 token trunc_l64_hmac "
                + "trunc_r64_hmac trunc_r64_hmac_sha1 trunc_r64_hmac_sha256 full_160_hmac").split(" ")) {
            Token t = lex(w).getFirst();
            assertEquals(TokenKind.KEYWORD, t.kind(), w);
            assertEquals(w, t.keyword().spelling());
        }
    }

    @Test
    void optionsStringsCommandsAndCode() {
        assertEquals("OPTION:--tolerance_usecs PUNCT:= INTEGER:100000", shape("--tolerance_usecs=100000"));
        assertEquals("tolerance_usecs", lex("--tolerance_usecs").getFirst().value());
        Token s = lex("\"a\\\"b c\"").getFirst();
        assertEquals(TokenKind.STRING, s.kind());
        assertEquals("a\\\"b c", s.value(), "escapes are kept as written, as the fork's quoted()");
        Token b = lex("`ip mptcp endpoint\nshow`").getFirst();
        assertEquals(TokenKind.BACK_QUOTED, b.kind());
        assertEquals("ip mptcp endpoint\nshow", b.value());
        Token c = lex("%{ \t assert x == 1 \t}%").getFirst();
        assertEquals(TokenKind.CODE, c.kind());
        assertEquals("assert x == 1", c.value());
        assertEquals("PUNCT:- PUNCT:-", shape("- -"));
        assertEquals("PUNCT:$ PUNCT:#", shape("$ #"));
    }

    @Test
    void commentsAreSkippedAndPositionsCountLinesAndColumns() {
        List<Token> t = lex("// first line\n\t+0 /* a\n b */ close(3)\r\n  = 0 // tail");
        assertEquals("+", t.get(0).text());
        assertEquals(2, t.get(0).line());
        assertEquals(2, t.get(0).column(), "a tab is one column");
        assertEquals("close", t.get(2).text());
        assertEquals(3, t.get(2).line());
        assertEquals(7, t.get(2).column());
        assertEquals("=", t.get(6).text());
        assertEquals(4, t.get(6).line(), "\\r\\n is a line break");
        assertEquals(3, t.get(6).column());
        assertEquals("0", t.getLast().text());
    }

    @Test
    void eofRepeatsAndCarriesThePositionAfterTheLastCharacter() {
        Lexer lexer = new Lexer("t.pkt", "a\n");
        assertEquals(TokenKind.WORD, lexer.next().kind());
        Token eof = lexer.next();
        assertEquals(TokenKind.EOF, eof.kind());
        assertEquals(2, eof.line());
        assertEquals(1, eof.column());
        assertEquals(TokenKind.EOF, lexer.next().kind());
        assertEquals("end of file", eof.describe());
    }

    @Test
    void defineSubstitutionFollowsTheForksWordFunction() {
        Map<String, String> d = Map.of("CC", "\"reno\"", "CMD", "`echo hi`", "PORT", "8080", "HEXV", "0x10",
                "OCT", "010", "TFO_COOKIE", "de4f234f0f433a55", "LVL", "SOL_IPV6", "BIG", "99999999999999999999");
        List<Token> t = lex("CC CMD PORT HEXV OCT TFO_COOKIE LVL BIG ack", d);
        assertEquals(TokenKind.STRING, t.get(0).kind());
        assertEquals("reno", t.get(0).value());
        assertEquals("CC", t.get(0).text(), "the source text stays the symbol's name");
        assertEquals(TokenKind.BACK_QUOTED, t.get(1).kind());
        assertEquals("echo hi", t.get(1).value());
        assertEquals(TokenKind.INTEGER, t.get(2).kind());
        assertEquals(BigInteger.valueOf(8080), t.get(2).number());
        assertEquals(BigInteger.valueOf(16), t.get(3).number());
        assertEquals(BigInteger.valueOf(8), t.get(4).number(), "strtol base 0 reads a leading 0 as octal");
        assertEquals(TokenKind.WORD, t.get(5).kind());
        assertEquals("de4f234f0f433a55", t.get(5).value());
        assertEquals("SOL_IPV6", t.get(6).value());
        assertEquals(TokenKind.WORD, t.get(7).kind(), "strtol overflow leaves a word");
        assertEquals(TokenKind.KEYWORD, t.get(8).kind());
        assertNull(t.get(8).number());
    }

    @Test
    void defineAddedLaterAppliesToLaterTokensOnly() {
        Lexer lexer = new Lexer("t.pkt", "X X");
        assertEquals("X", lexer.next().value());
        lexer.define("X", "42");
        Token second = lexer.next();
        assertEquals(TokenKind.INTEGER, second.kind());
        assertEquals(BigInteger.valueOf(42), second.number());
    }

    @Test
    void unterminatedDelimitersAreErrorsAtTheOpeningCharacter() {
        assertError("a \"abc", 1, 3, "unterminated string (no closing \")");
        assertError("\n  `echo", 2, 3, "unterminated `command` (no closing backtick)");
        assertError("x /* y", 1, 3, "unterminated /* comment (no closing */)");
        assertError("%{ code", 1, 1, "unterminated %{ code block (no closing }%)");
        assertError("\"a\\\"", 1, 1, "unterminated string (no closing \")");
    }

    private static void assertError(String src, int line, int column, String message) {
        ScriptException e = assertThrows(ScriptException.class, () -> Lexer.tokenize("t.pkt", src, Map.of()));
        assertEquals("t.pkt:" + line + ":" + column + ": " + message, e.getMessage());
        assertEquals(line, e.line());
        assertEquals(column, e.column());
        assertEquals(message, e.detail());
    }
}
