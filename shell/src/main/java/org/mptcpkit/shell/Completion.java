package org.mptcpkit.shell;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tab completion of the DSL, independent of JLine (the terminal adapter is in {@link Repl}):
 * words and variables anywhere; named arguments inside a word's parentheses
 * ({@code IP(d} gives {@code dst:}); the {@code @DelegatesTo} type's members inside a word's
 * closure; a variable's fields after {@code name.}; shell commands after {@code :}.
 */
final class Completion {
    /** One proposal: {@code value} replaces the word being typed. */
    record Candidate(String value, String description, String group) {
    }

    /** The proposals for the word that starts at {@code start} and ends at the cursor. */
    record Result(int start, List<Candidate> candidates) {
        List<String> values() {
            List<String> v = new ArrayList<>(candidates.size());
            for (Candidate c : candidates) v.add(c.value());
            return v;
        }
    }

    static final List<String> SHELL_COMMANDS = List.of(":help", ":trace", ":quit");

    private final Session session;

    Completion(Session session) {
        this.session = session;
    }

    Result complete(String buffer, int cursor) {
        String before = buffer.substring(0, cursor);
        int start = cursor;
        while (start > 0 && Character.isJavaIdentifierPart(before.charAt(start - 1))) start--;
        String prefix = before.substring(start);
        if (before.strip().startsWith(":")) {
            int colon = before.indexOf(':');
            List<Candidate> c = new ArrayList<>();
            for (String cmd : SHELL_COMMANDS) {
                if (cmd.startsWith(before.substring(colon).strip())) c.add(new Candidate(cmd, "", "shell"));
            }
            return new Result(colon, c);
        }
        String head = before.substring(0, start);
        SourceScan scan = SourceScan.of(head);
        if (scan.inStringOrComment()) return new Result(start, List.of());
        Vocabulary vocabulary = session.vocabulary();
        int p = head.length() - 1;
        while (p >= 0 && Character.isWhitespace(head.charAt(p))) p--;
        char prev = p >= 0 ? head.charAt(p) : 0;
        List<Candidate> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();

        if (prev == '.' && (p == 0 || head.charAt(p - 1) != '.')) {
            // value.field: only a plain variable, never evaluating code to find the type.
            int q = p;
            while (q > 0 && Character.isJavaIdentifierPart(head.charAt(q - 1))) q--;
            String receiver = head.substring(q, p);
            Object value = receiver.isEmpty() ? null : session.variable(receiver);
            if (value != null) {
                for (String f : vocabulary.fieldsOf(value.getClass())) {
                    add(out, seen, f, prefix, value.getClass().getSimpleName(), "fields");
                }
            }
            return new Result(start, out);
        }

        SourceScan.Open open = scan.innermostCode();
        if (open != null && open.callee() != null) {
            Vocabulary.Entry word = vocabulary.word(open.callee());
            if (word != null && open.kind() == SourceScan.Kind.PAREN && (prev == '(' || prev == ',')) {
                for (String f : word.fields()) add(out, seen, f + ":", prefix, word.name() + " field", "fields");
                // A named argument being typed: IP(d<Tab> is dst:, not also every word starting with d.
                if (!out.isEmpty() && !prefix.isEmpty()) return new Result(start, out);
            } else if (word != null && open.kind() == SourceScan.Kind.BRACE) {
                for (String f : word.closureMembers()) add(out, seen, f, prefix, word.name() + " field", "fields");
            }
        }
        for (Vocabulary.Entry e : vocabulary.entries()) add(out, seen, e.name(), prefix, e.summary(), "words");
        for (String v : session.variables()) add(out, seen, v, prefix, "variable", "variables");
        return new Result(start, out);
    }

    private static void add(List<Candidate> out, Set<String> seen, String value, String prefix, String description, String group) {
        if (value.startsWith(prefix) && seen.add(value)) out.add(new Candidate(value, description, group));
    }
}
