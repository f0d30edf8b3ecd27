package org.mptcpkit.shell;

import groovy.lang.Closure;
import groovy.lang.DelegatesTo;
import java.util.Map;

/**
 * Words registered only by the tests, shaped like the packet words the DSL layer adds: a named-
 * argument form that builds a record, and a closure form with {@code @DelegatesTo} a builder.
 */
public final class TestWords {
    private TestWords() {
    }

    /** A stand-in for a header record. */
    public record ProbeHeader(int srcPort, int dstPort) {
        public ProbeHeader {
            if (srcPort < 0 || srcPort > 65535) throw new IllegalArgumentException("srcPort: " + srcPort + " (expected: 0..65535)");
        }
    }

    /** A stand-in for a header builder. */
    public static final class ProbeBuilder {
        private int srcPort;
        private int dstPort;

        public ProbeBuilder srcPort(int v) {
            srcPort = v;
            return this;
        }

        public ProbeBuilder dstPort(int v) {
            dstPort = v;
            return this;
        }

        public ProbeHeader build() {
            return new ProbeHeader(srcPort, dstPort);
        }
    }

    @Word(value = "a probe header", usage = "Probe(srcPort: 1, dstPort: 80)", builds = ProbeHeader.class)
    public static ProbeHeader Probe(Map<String, Object> fields) {
        ProbeBuilder b = new ProbeBuilder();
        fields.forEach((k, v) -> {
            switch (k) {
                case "srcPort" -> b.srcPort(((Number) v).intValue());
                case "dstPort" -> b.dstPort(((Number) v).intValue());
                default -> throw new IllegalArgumentException("Probe: unknown field '" + k + "' (expected: srcPort, dstPort)");
            }
        });
        return b.build();
    }

    @Word("a probe header")
    public static ProbeHeader Probe(@DelegatesTo(value = ProbeBuilder.class, strategy = Closure.DELEGATE_FIRST) Closure<?> body) {
        ProbeBuilder b = new ProbeBuilder();
        Closure<?> c = (Closure<?>) body.clone();
        c.setDelegate(b);
        c.setResolveStrategy(Closure.DELEGATE_FIRST);
        c.call();
        return b.build();
    }

    /** The standard vocabulary plus these words. */
    static Vocabulary vocabulary() {
        return Vocabulary.standard().words(TestWords.class);
    }
}
