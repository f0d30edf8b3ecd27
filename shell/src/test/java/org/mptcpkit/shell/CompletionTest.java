package org.mptcpkit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompletionTest {
    private final Session session = Session.start(TestWords::vocabulary, new PrintWriter(new StringWriter()), false, Engine.Mode.BATCH);
    private final Completion completion = new Completion(session);

    /** Completes at the '|' in {@code text}. */
    private Completion.Result at(String text) {
        int cursor = text.indexOf('|');
        return completion.complete(text.replace("|", ""), cursor);
    }

    @Test
    void wordsAnywhere() {
        Completion.Result r = at("x = hex|");
        assertEquals(4, r.start());
        assertEquals(List.of("hex", "hexdump"), r.values());
        assertEquals("bytes from hex digits (spaces, colons and 0x ignored)", r.candidates().get(0).description());
        assertEquals(List.of("Probe"), at("Pr|").values());
    }

    @Test
    void namedArgumentsInsideAWordsParentheses() {
        assertEquals(List.of("srcPort:", "dstPort:"), at("Probe(|").values().subList(0, 2));
        assertEquals("dstPort:", at("Probe(d|").values().get(0));
        assertEquals("dstPort:", at("Probe(srcPort: 1, d|").values().get(0));
        assertEquals("dstPort:", at("x = [Probe(srcPort: 1,\n   d|").values().get(0));
        // In a value position: words and variables, not field names.
        assertEquals(List.of("hexdump"), at("Probe(srcPort: hexd|").values());
    }

    @Test
    void builderMembersInsideAWordsClosure() {
        assertEquals("dstPort", at("Probe { srcPort 1; d|").values().get(0));
        assertEquals("dstPort", at("Probe {\n  d|").values().get(0));
    }

    @Test
    void fieldsOfAVariableAfterADot() {
        session.evaluate("p = Probe(dstPort: 22)", false);
        assertEquals(List.of("srcPort", "dstPort"), at("p.|").values());
        assertEquals(List.of("dstPort"), at("println p.d|").values());
        assertTrue(at("nothing.|").values().isEmpty());
        // A range is not a member access.
        assertEquals(List.of("p"), at("1..|").values().stream().filter("p"::equals).toList());
    }

    @Test
    void variablesAndShellCommands() {
        session.evaluate("probeCount = 3", false);
        assertEquals(List.of("probeCount"), at("pro|").values());
        assertEquals(List.of(":trace"), at(":t|").values());
        assertEquals(0, at(":t|").start());
    }

    @Test
    void nothingInsideStringsOrComments() {
        assertTrue(at("hex('he|").values().isEmpty());
        assertTrue(at("// he|").values().isEmpty());
    }
}
