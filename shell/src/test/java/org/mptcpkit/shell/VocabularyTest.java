package org.mptcpkit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groovy.lang.Binding;
import groovy.lang.Closure;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.codehaus.groovy.runtime.MethodClosure;
import org.junit.jupiter.api.Test;

class VocabularyTest {
    @Test
    void wordsComeFromAnnotatedMethodsWithTheirSignaturesAndFields() {
        Vocabulary v = TestWords.vocabulary();
        Vocabulary.Entry probe = v.word("Probe");
        assertEquals("a probe header", probe.summary());
        assertEquals("Probe(srcPort: 1, dstPort: 80)", probe.usage());
        assertEquals(List.of("Probe(Closure)", "Probe(Map)"), probe.signatures());
        assertEquals(List.of("srcPort", "dstPort"), probe.fields());
        assertEquals(List.of("srcPort", "dstPort"), probe.closureMembers());
        assertEquals(List.of("hexdump(Bytes)", "hexdump(IpPacket)", "hexdump(Received)", "hexdump(byte[])"), v.word("hexdump").signatures());
        assertTrue(v.staticStarImports().contains(TestWords.class.getName()));
        assertTrue(v.starImports().contains("org.mptcpkit.packet"));
    }

    @Test
    void declaredFieldsReplaceRecordComponents() {
        Vocabulary v = TestWords.vocabulary().fields(TestWords.ProbeHeader.class, "sport", "dport");
        assertEquals(List.of("sport", "dport"), v.fieldsOf(TestWords.ProbeHeader.class));
    }

    /** Instance words must be on Dsl: elsewhere a script could not call them. */
    public static final class Stray {
        @Word("nothing")
        public int stray() {
            return 1;
        }
    }

    @Test
    void anInstanceWordOutsideDslIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Vocabulary().words(Stray.class));
        assertEquals(Stray.class.getName() + ".stray: a word must be static or declared on Dsl", e.getMessage());
    }

    /** A word written as a closure rather than a method. */
    static int triple(int x) {
        return 3 * x;
    }

    @Test
    void aClosureWordIsBoundAndCallable() {
        Closure<?> c = new MethodClosure(VocabularyTest.class, "triple");
        Vocabulary v = Vocabulary.standard().closure("triple", "three times", c);
        assertEquals("three times", v.word("triple").summary());
        Engine e = new Engine(v, new Binding(), new PrintWriter(new StringWriter()), Engine.Mode.INTERACTIVE);
        assertEquals(21, e.run(e.compile("triple(7)", "c.groovy")));
    }

    @Test
    void helpListsTheWordsAndDetailsOne() {
        StringWriter out = new StringWriter();
        Engine e = new Engine(TestWords.vocabulary(), new Binding(), new PrintWriter(out, true), Engine.Mode.INTERACTIVE);
        e.run(e.compile("help()", "h1.groovy"));
        assertTrue(out.toString().matches("(?s).*\n  Probe +a probe header\n.*"), out.toString());
        out.getBuffer().setLength(0);
        e.run(e.compile("help 'Probe'", "h2.groovy"));
        assertEquals("""
                Probe: a probe header
                  Probe(Closure)
                  Probe(Map)
                example: Probe(srcPort: 1, dstPort: 80)
                fields: srcPort, dstPort
                in its closure: srcPort, dstPort
                """, out.toString());
        Throwable t = assertThrows(Throwable.class, () -> e.run(e.compile("help 'Prbe'", "h3.groovy")));
        assertEquals("IllegalArgumentException: help: unknown word 'Prbe' (did you mean 'Probe'?)",
                ErrorReport.describe(t, e.vocabulary(), List.of()));
    }

    @Test
    void renderersAreAskedInOrderBeforeInspect() {
        Vocabulary v = TestWords.vocabulary()
                .renderer((value, color) -> value instanceof TestWords.ProbeHeader p ? "Probe " + p.srcPort() + " > " + p.dstPort() : null);
        Session s = Session.start(() -> v, new PrintWriter(new StringWriter()), false, Engine.Mode.BATCH);
        assertEquals("Probe 1 > 2", s.evaluate("Probe(srcPort: 1, dstPort: 2)", false).text());
        assertEquals("'text'", s.evaluate("'text'", false).text());
        assertEquals("[1, 2]", s.evaluate("[1, 2]", false).text());
    }
}
