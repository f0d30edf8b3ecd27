package org.mptcpkit.drill;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.mptcpkit.drill.ast.ScriptPrinter;
import org.mptcpkit.drill.parse.Parser;

/**
 * Whatever the input, the front end either returns a script or throws a {@link ScriptException}
 * located inside the input; and parsers running at once do not disturb each other.
 */
class RobustnessTest {
    private static final String[] SNIPPETS = {"<", ">", "[", "]", "(", ")", "{", "}", ",", ":", "=", "|", "+", "*",
            "~", ".", "-", "...", "\"", "`", "%{", "}%", "/*", "*/", "//", "\n", " ", "0", "-1", "0x", "1.5",
            "99999999999999999999999", "::", "1.2.3.4", "addr", "dss", "dack8=", "mpcapable", "win", "ack", "key[",
            "nop", "S.", "socket(", "token=", "é", "\t", "\r", "#", "\0"};

    @Test
    void mutatedScriptsNeverThrowAnythingButScriptException() {
        Random random = new Random(20240611L);
        List<String> seeds = new ArrayList<>();
        for (Path p : Resources.scripts("good")) seeds.add(Resources.read(p));
        for (Path p : Resources.scripts("bad")) seeds.add(Resources.read(p));
        int parsed = 0, rejected = 0;
        for (int i = 0; i < 6000; i++) {
            String s = mutate(seeds.get(random.nextInt(seeds.size())), random);
            try {
                Parser.parse("m.pkt", s);
                parsed++;
            } catch (ScriptException e) {
                rejected++;
                long lines = s.lines().count();
                assertTrue(e.line() >= 1 && e.line() <= lines + 1, e.getMessage());
                assertTrue(e.column() >= 1, e.getMessage());
                assertTrue(e.getMessage().startsWith("m.pkt:" + e.line() + ":" + e.column() + ": "), e.getMessage());
            } catch (RuntimeException e) {
                fail("mutation " + i + " threw " + e + " on:\n" + s, e);
            }
        }
        assertTrue(parsed > 20 && rejected > 1000, parsed + " parsed, " + rejected + " rejected");
    }

    private static String mutate(String s, Random r) {
        StringBuilder sb = new StringBuilder(s);
        int edits = 1 + r.nextInt(3);
        for (int k = 0; k < edits && !sb.isEmpty(); k++) {
            int at = r.nextInt(sb.length());
            switch (r.nextInt(4)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, SNIPPETS[r.nextInt(SNIPPETS.length)]);
                case 2 -> sb.setCharAt(at, (char) (32 + r.nextInt(95)));
                default -> sb.delete(at, Math.min(sb.length(), at + r.nextInt(20)));
            }
        }
        return sb.toString();
    }

    @Test
    void concurrentParsesGiveTheSameResultsAsSequentialOnes() throws Exception {
        List<Path> scripts = Resources.scripts("good");
        List<String> expected = new ArrayList<>();
        for (Path p : scripts) expected.add(ScriptPrinter.print(Parser.parse(p.toString(), Resources.read(p))));
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<String>> futures = new ArrayList<>();
            for (int round = 0; round < 25; round++) {
                for (Path p : scripts) {
                    futures.add(pool.submit(() -> ScriptPrinter.print(Parser.parse(p.toString(), Resources.read(p)))));
                }
            }
            for (int i = 0; i < futures.size(); i++) {
                assertEquals(expected.get(i % scripts.size()), futures.get(i).get());
            }
        }
    }
}
