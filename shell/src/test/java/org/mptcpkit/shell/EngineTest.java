package org.mptcpkit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import groovy.lang.Binding;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.codehaus.groovy.control.CompilationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mptcpkit.packet.Bytes;

class EngineTest {
    private final StringWriter printed = new StringWriter();
    private final Engine engine = new Engine(TestWords.vocabulary(), new Binding(), new PrintWriter(printed, true), Engine.Mode.INTERACTIVE);

    private Object eval(String source) {
        return engine.run(engine.compile(source, "t" + Math.abs(source.hashCode()) + ".groovy"));
    }

    @Test
    void wordsNeedNoImportsAndModelPackagesAreImported() {
        assertEquals(new TestWords.ProbeHeader(1, 80), eval("Probe(srcPort: 1, dstPort: 80)"));
        assertEquals(new TestWords.ProbeHeader(0, 443), eval("Probe { dstPort 443 }"));
        assertEquals(Bytes.fromHex("1e04"), eval("Bytes.fromHex('1e 04')"));
        assertEquals(Bytes.fromHex("0102"), eval("hex('01:02')"));
    }

    @Test
    void defVariablesMethodsAndClassesOutliveTheirInput() {
        eval("def x = 20");
        eval("int y = 1");
        assertEquals(21, eval("x + y"));
        eval("def twice(n) {\n  n * 2\n}");
        assertEquals(42, eval("twice(21)"));
        eval("def fact(n) { n <= 1 ? 1 : n * fact(n - 1) }");
        assertEquals(120, eval("fact(5)"));
        // Methods of different inputs call each other through the binding.
        eval("def twiceFact(n) { twice(fact(n)) }");
        assertEquals(240, eval("twiceFact(5)"));
        Throwable t = assertThrows(Throwable.class, () -> eval("twice(1, 2)"));
        assertEquals("twice(Integer, Integer): wrong argument types; expected twice(Object)",
                ErrorReport.describe(t, engine.vocabulary(), java.util.List.of()));
        eval("class Point { int a; int b }");
        assertEquals(3, eval("new Point(a: 1, b: 2).with { a + b }"));
        // A closure defined at the top level sees later values of the binding.
        eval("def add = { it + x }");
        eval("x = 30");
        assertEquals(31, eval("add(1)"));
    }

    @Test
    void importsOutliveTheirInput() {
        eval("import java.util.concurrent.atomic.AtomicLong\nimport java.time.*\nimport static java.lang.Math.max\nimport static java.util.Collections.*");
        assertEquals(3L, eval("new AtomicLong(3).get()"));
        assertEquals(java.time.Duration.ofSeconds(2), eval("Duration.ofSeconds(2)"));
        assertEquals(7, eval("max(3, 7)"));
        assertEquals(java.util.List.of(), eval("emptyList()"));
        // A wrong import fails its own input only.
        assertThrows(CompilationFailedException.class, () -> eval("import no.such.Thing"));
        assertEquals(2, eval("1 + 1"));
    }

    @Test
    void assignmentsAndDefinitionsShowNothingExpressionsShowTheirValue() {
        assertFalse(engine.compile("def a = 1", "s1.groovy").showsResult());
        assertFalse(engine.compile("a = 1", "s2.groovy").showsResult());
        assertFalse(engine.compile("a += 1", "s3.groovy").showsResult());
        assertFalse(engine.compile("def f() { 1 }", "s4.groovy").showsResult());
        assertTrue(engine.compile("a == 1", "s5.groovy").showsResult());
        assertTrue(engine.compile("a = 1\na", "s6.groovy").showsResult());
    }

    @Test
    void wordsPrintToTheSessionOutput() {
        // The first 20 bytes of an IPv4 header, 10.0.0.1 > 10.0.0.2, as `hexdump -C` lays them out.
        eval("hexdump(hex('4500003c1c4640004006b1e60a0000010a000002'))");
        assertEquals(java.util.List.of(
                "0000  45 00 00 3c 1c 46 40 00 40 06 b1 e6 0a 00 00 01   E..<.F@.@.......",
                "0010  0a 00 00 02                                       ...."), printed.toString().lines().toList());
    }

    @Test
    void syntaxErrorsFailTheCompile() {
        CompilationFailedException e = assertThrows(CompilationFailedException.class, () -> engine.compile("1 + * 2", "bad.groovy"));
        ErrorReport.Problem p = ErrorReport.problem(e, "1 + * 2");
        assertEquals("1:3: Unexpected input: '+'", p.format());
    }

    @Test
    void ctrlCInterruptsALoop() throws Exception {
        Thread main = Thread.currentThread();
        Thread interrupter = new Thread(() -> {
            try {
                Thread.sleep(300);
            } catch (InterruptedException ignored) {
                return;
            }
            main.interrupt();
        });
        interrupter.start();
        Throwable t = assertThrows(Throwable.class, () -> eval("long n = 0\nwhile (true) { n++ }"));
        interrupter.join();
        Thread.interrupted();
        assertInstanceOf(InterruptedException.class, ErrorReport.unwrap(t));
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "1+1                        | COMPLETE",
            "`IP(dst:'10.0.0.1')`       | COMPLETE",
            "def f(x) {                 | INCOMPLETE",
            "`Probe(dstPort:`           | INCOMPLETE",
            "`Probe(srcPort: 1,`        | INCOMPLETE",
            "x = 1 +                    | INCOMPLETE",
            "x = [1, 2                  | INCOMPLETE",
            "`x = [a: 1,`               | INCOMPLETE",
            "`x.each { it ->`           | INCOMPLETE",
            "`'''abc`                   | INCOMPLETE",
            "`\"\"\"abc ${x}`           | INCOMPLETE",
            "`\"a ${x`                  | INCOMPLETE",
            "/* comment                 | INCOMPLETE",
            "`if (x) { 1 } else`        | INCOMPLETE",
            "a.                         | INCOMPLETE",
            "1 + * 2                    | ERROR",
            "}                          | ERROR",
            "f(1))                      | ERROR",
            "[1, 2]]                    | ERROR",
            "`foo(1 +* 2,`              | ERROR",
            "`'abc`                     | ERROR",
            "`\"abc`                    | ERROR",
            "(1, ]                      | ERROR",
    })
    void checkTellsIncompleteFromWrong(String source, Engine.Status expected) {
        assertEquals(expected, engine.check(source.replace("\\n", "\n")));
    }

    @Test
    void checkAcceptsMultiLineInputOnceClosed() {
        assertEquals(Engine.Status.INCOMPLETE, engine.check("def f(x) {\n  x * 2"));
        assertEquals(Engine.Status.COMPLETE, engine.check("def f(x) {\n  x * 2\n}"));
        assertEquals(Engine.Status.ERROR, engine.check("def f(x) {\n  x * 2\n}}"));
    }
}
