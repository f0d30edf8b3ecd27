package org.mptcpkit.shell;

import groovy.lang.MissingMethodException;
import groovy.lang.MissingPropertyException;
import groovy.lang.Script;
import java.lang.reflect.InvocationTargetException;
import java.util.Collection;
import java.util.List;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.MultipleCompilationErrorsException;
import org.codehaus.groovy.control.messages.ExceptionMessage;
import org.codehaus.groovy.control.messages.Message;
import org.codehaus.groovy.control.messages.SimpleMessage;
import org.codehaus.groovy.control.messages.SyntaxErrorMessage;
import org.codehaus.groovy.runtime.InvokerInvocationException;
import org.codehaus.groovy.syntax.SyntaxException;

/**
 * Turns what went wrong in a script into one line a user can act on: where (line and column) and
 * what (the unknown word and the closest known one, the variants a word accepts, or the
 * exception's name and message). The full stack trace stays available to {@code :trace}.
 */
final class ErrorReport {
    /** A compile error: 1-based position (0 when unknown) and message. */
    record Problem(int line, int column, String message) {
        /** {@code line:col: message}, or just the message when the position is unknown. */
        String format() {
            if (line <= 0) return message;
            return line + (column > 0 ? ":" + column : "") + ": " + message;
        }
    }

    private ErrorReport() {
    }

    /** The first syntax error of a failed compile, or null when it has none with a position. */
    static SyntaxException firstSyntaxError(MultipleCompilationErrorsException e) {
        for (Message m : e.getErrorCollector().getErrors()) {
            if (m instanceof SyntaxErrorMessage sem) return sem.getCause();
        }
        return null;
    }

    /**
     * The first problem of a failed compile, with " (and N more errors)" when there are more.
     * With the {@code source}, an error at its end says what is missing (an unclosed bracket).
     */
    static Problem problem(CompilationFailedException e, String source) {
        SourceScan scan = source == null ? null : SourceScan.of(source);
        int count = 1;
        Problem first = null;
        if (e instanceof MultipleCompilationErrorsException m) {
            List<? extends Message> errors = m.getErrorCollector().getErrors();
            count = errors.size();
            if (!errors.isEmpty()) first = problem(errors.get(0));
        }
        if (first == null) first = new Problem(0, 0, oneLine(e));
        // Groovy reports an unclosed bracket wherever its parser gave up (often at the bracket,
        // sometimes lines later); like Python, name the construct that is never closed instead,
        // unless Groovy's error lies before it (then that error is the real one).
        SourceScan.Open open = scan == null ? null : (scan.inStringOrComment() ? scan.top() : scan.innermostCode());
        if (open != null && scan.mismatch < 0 && !before(first, open)) {
            first = new Problem(open.line(), open.column(), "'" + opener(open.kind()) + "' is never closed");
        } else if (first.message().contains("'<EOF>'") || (source != null && atEnd(first, source))) {
            first = new Problem(first.line(), first.column(), "unexpected end of input");
        }
        if (count > 1) {
            first = new Problem(first.line(), first.column(), first.message() + " (and " + (count - 1)
                    + (count == 2 ? " more error)" : " more errors)"));
        }
        return first;
    }

    /** Whether the problem lies after the last character that is not white space. */
    private static boolean atEnd(Problem p, String source) {
        if (p.line() <= 0) return false;
        int end = source.length();
        while (end > 0 && Character.isWhitespace(source.charAt(end - 1))) end--;
        int line = 1;
        int col = 1;
        for (int i = 0; i < end; i++) {
            if (source.charAt(i) == '\n') {
                line++;
                col = 1;
            } else {
                col++;
            }
        }
        // (line, col) is now just after the last significant character.
        return p.line() > line || (p.line() == line && p.column() >= col);
    }

    /** Whether the problem's position is before the construct was opened. */
    private static boolean before(Problem p, SourceScan.Open open) {
        if (p.line() <= 0) return false;
        return p.line() < open.line() || (p.line() == open.line() && p.column() < open.column());
    }

    private static String opener(SourceScan.Kind kind) {
        return switch (kind) {
            case PAREN -> "(";
            case BRACKET -> "[";
            case BRACE -> "{";
            case GSTRING_EXPR -> "${";
            case SINGLE_QUOTE -> "'";
            case DOUBLE_QUOTE -> "\"";
            case TRIPLE_SINGLE -> "'''";
            case TRIPLE_DOUBLE -> "\"\"\"";
            case DOLLAR_SLASHY -> "$/";
            case LINE_COMMENT -> "//";
            case BLOCK_COMMENT -> "/*";
        };
    }

    private static Problem problem(Message m) {
        if (m instanceof SyntaxErrorMessage sem) {
            SyntaxException se = sem.getCause();
            return new Problem(se.getStartLine(), se.getStartColumn(), flatten(se.getOriginalMessage()));
        }
        if (m instanceof ExceptionMessage em) return new Problem(0, 0, oneLine(em.getCause()));
        if (m instanceof SimpleMessage sm) return new Problem(0, 0, flatten(sm.getMessage()));
        return null;
    }

    /**
     * What went wrong at run time, in one line: an unknown DSL word with a suggestion, a word
     * called with arguments none of its variants takes (naming the variants), or
     * {@code ExceptionName: message}.
     */
    static String describe(Throwable t, Vocabulary vocabulary, Collection<String> variables) {
        t = unwrap(t);
        if (t instanceof MissingMethodException mme && isDsl(mme.getType(), vocabulary)) {
            String call = mme.getMethod() + "(" + argumentTypes(mme.getArguments()) + ")";
            Vocabulary.Entry word = vocabulary.word(mme.getMethod());
            List<String> variants = word != null ? word.signatures() : methods(mme.getType(), mme.getMethod());
            if (!variants.isEmpty()) return call + ": wrong argument types; expected " + String.join(" or ", variants);
            return "unknown word '" + mme.getMethod() + "'" + Suggest.didYouMean(mme.getMethod(), vocabulary, variables);
        }
        if (t instanceof MissingPropertyException mpe && (mpe.getType() == null || isDsl(mpe.getType(), vocabulary))) {
            Vocabulary.Entry word = vocabulary.word(mpe.getProperty());
            if (word != null) {
                // `help` alone, as in Python: a word is a method, it needs its call.
                return "'" + word.name() + "' is a word: call it, e.g. "
                        + (word.usage().isEmpty() ? word.name() + "()" : word.usage());
            }
            return "unknown variable '" + mpe.getProperty() + "'" + Suggest.didYouMean(mpe.getProperty(), vocabulary, variables);
        }
        if (t instanceof MissingMethodException mme) {
            return "MissingMethodException: " + typeName(mme.getType()) + " has no method " + mme.getMethod()
                    + "(" + argumentTypes(mme.getArguments()) + ")" + alternatives(mme.getType(), mme.getMethod(), vocabulary);
        }
        if (t instanceof MissingPropertyException mpe) {
            return "MissingPropertyException: " + typeName(mpe.getType()) + " has no property '" + mpe.getProperty() + "'"
                    + (mpe.getType() == null ? "" : Suggest.didYouMean(mpe.getProperty(), vocabulary.fieldsOf(mpe.getType())));
        }
        if (t instanceof InterruptedException) return "interrupted";
        return oneLine(t);
    }

    /** {@code ExceptionName: message}, the message cut to its first line. */
    static String oneLine(Throwable t) {
        String m = t.getMessage();
        String name = t.getClass().getSimpleName();
        if (m == null || m.isBlank()) return name;
        return name + ": " + flatten(m);
    }

    /** The line of {@code fileName} (the script's source name) where {@code t} was thrown, or -1. */
    static int scriptLine(Throwable t, String fileName) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            for (StackTraceElement e : c.getStackTrace()) {
                if (fileName.equals(e.getFileName()) && e.getLineNumber() > 0) return e.getLineNumber();
            }
            if (c.getCause() == c) break;
        }
        return -1;
    }

    /** The exception the user caused, without the reflection wrappers around it. */
    static Throwable unwrap(Throwable t) {
        while (true) {
            Throwable c = t.getCause();
            if (c == null || c == t) return t;
            if (t instanceof InvokerInvocationException || t instanceof InvocationTargetException
                    || t instanceof ExceptionInInitializerError) {
                t = c;
            } else {
                return t;
            }
        }
    }

    /** The public methods called {@code name} of {@code type} (a script's own methods), as signatures. */
    private static List<String> methods(Class<?> type, String name) {
        java.util.TreeSet<String> sigs = new java.util.TreeSet<>();
        for (java.lang.reflect.Method m : type.getMethods()) {
            if (m.getName().equals(name)) sigs.add(Vocabulary.signature(m));
        }
        return List.copyOf(sigs);
    }

    /** ": it has foo(int)" when the method exists with other parameters, else a close name, else "". */
    private static String alternatives(Class<?> type, String name, Vocabulary vocabulary) {
        if (type == null) return "";
        List<String> variants = methods(type, name);
        if (!variants.isEmpty()) return "; expected " + String.join(" or ", variants);
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (java.lang.reflect.Method m : type.getMethods()) names.add(m.getName());
        return Suggest.didYouMean(name, names);
    }

    private static boolean isDsl(Class<?> type, Vocabulary vocabulary) {
        return type != null && (Script.class.isAssignableFrom(type) || vocabulary.staticStarImports().contains(type.getName()));
    }

    private static String typeName(Class<?> type) {
        return type == null ? "value" : type.getSimpleName();
    }

    private static String argumentTypes(Object[] args) {
        if (args == null) return "";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < args.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(args[i] == null ? "null" : args[i].getClass().getSimpleName());
        }
        return sb.toString();
    }

    /** The first line of a message, stripped; Groovy's messages run over several. */
    private static String flatten(String m) {
        if (m == null) return "";
        int nl = m.indexOf('\n');
        String first = (nl < 0 ? m : m.substring(0, nl)).strip();
        return first.length() > 300 ? first.substring(0, 297) + "..." : first;
    }
}
