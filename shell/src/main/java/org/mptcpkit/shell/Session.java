package org.mptcpkit.shell;

import groovy.lang.Binding;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.runtime.FormatHelper;

/**
 * One shell session: the engine (built on a background thread so that the prompt does not wait
 * for Groovy), the last error for {@code :trace}, and the evaluation of one input into a
 * {@link Result} that the terminal and the batch front ends print each in their own way.
 */
final class Session {
    /** What one input gave. Lines and columns are 1-based within the input; 0 when unknown. */
    record Result(Kind kind, String text, int line, int column) {
        enum Kind {
            /** A value to show ({@link #text}). */
            SHOWN,
            /** Nothing to show: an assignment, a definition, a null. */
            SILENT,
            /** The input needs more lines (only when the caller said more may follow). */
            INCOMPLETE,
            /** A syntax or compile error at {@link #line}:{@link #column}. */
            COMPILE_ERROR,
            /** An exception at run time, thrown at {@link #line} of the input when known. */
            RUNTIME_ERROR
        }

        static final Result SILENT_RESULT = new Result(Kind.SILENT, "", 0, 0);
        static final Result INCOMPLETE_RESULT = new Result(Kind.INCOMPLETE, "", 0, 0);
    }

    private final CompletableFuture<Vocabulary> vocabulary;
    private final CompletableFuture<Engine> engine;
    /** Set when an input waits for the engine: the warm-up then stops early, the input goes first. */
    private final AtomicBoolean inputWaiting;
    private final boolean color;
    private Throwable lastError;
    private int counter;

    private Session(CompletableFuture<Vocabulary> vocabulary, CompletableFuture<Engine> engine, AtomicBoolean inputWaiting,
                    boolean color) {
        this.vocabulary = vocabulary;
        this.engine = engine;
        this.inputWaiting = inputWaiting;
        this.color = color;
    }

    /**
     * Starts a session: builds the vocabulary and the engine on a background thread and, on a
     * terminal, compiles and runs the warm-up snippets there too, so that the first input a user
     * types finds Groovy loaded, linked and partly compiled. (Fed by a pipe, the first input is
     * there at once: a warm-up would only delay it.)
     */
    static Session start(Supplier<Vocabulary> words, PrintWriter out, boolean color, Engine.Mode mode) {
        boolean warmUp = mode == Engine.Mode.INTERACTIVE;
        CompletableFuture<Vocabulary> v = new CompletableFuture<>();
        CompletableFuture<Engine> f = new CompletableFuture<>();
        AtomicBoolean inputWaiting = new AtomicBoolean();
        Thread t = new Thread(() -> {
            try {
                Vocabulary vocabulary = words.get();
                v.complete(vocabulary);
                Engine e = new Engine(vocabulary, new Binding(), out, mode);
                Timing.mark("engine");
                if (warmUp) warmUp(e, inputWaiting);
                f.complete(e);
            } catch (Throwable x) {
                v.completeExceptionally(x);
                f.completeExceptionally(x);
            }
        }, "mptcpkit-warm-up");
        t.setDaemon(true);
        t.start();
        return new Session(v, f, inputWaiting, color);
    }

    /** Snippets that make the first input fast: parse, compile, indy call sites, closures, maps. */
    static final String WARM_UP = """
            def m = [dst: '10.0.0.1', ttl: 64, flags: 'S']
            def l = [1, 2, 3].collect { it * 2 }.findAll { it > 2 }
            def s = "x${m.dst}:${l.size()}" + hex('0102').length()
            m.ttl + l.sum() + s.size()
            """;

    private static void warmUp(Engine e, AtomicBoolean inputWaiting) {
        List<String> snippets = new ArrayList<>();
        snippets.add(WARM_UP);
        snippets.addAll(e.vocabulary().warmUps());
        PrintWriter sink = new PrintWriter(Writer.nullWriter());
        int i = 0;
        for (String snippet : snippets) {
            if (inputWaiting.get()) return;
            Binding scratch = new Binding();
            scratch.setVariable("out", sink);
            try {
                Object v = e.run(e.compile(snippet, "warmup_" + (i++) + ".groovy"), scratch);
                FormatHelper.inspect(v);
            } catch (Throwable ignored) {
                // A warm-up snippet that fails costs only its time: the user never sees it.
            }
        }
        if (!inputWaiting.get()) e.check("IP(dst:");
        Timing.mark("warm");
    }

    /** The engine, waiting for the background start to finish. */
    Engine engine() {
        if (!engine.isDone()) inputWaiting.set(true);
        return await(engine);
    }

    /** The vocabulary, as soon as it is built (before the warm-up ends). */
    Vocabulary vocabulary() {
        return await(vocabulary);
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Groovy was starting", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Groovy failed to start: " + ErrorReport.oneLine(e.getCause()), e.getCause());
        }
    }

    /** Whether the background start is done (the first input then runs at full speed). */
    boolean ready() {
        return engine.isDone();
    }

    /** Variables the user defined, for completion and suggestions. */
    List<String> variables() {
        if (!engine.isDone()) return List.of();
        List<String> names = new ArrayList<>();
        for (Object k : engine().binding().getVariables().keySet()) {
            String n = k.toString();
            if (!n.equals("out")) names.add(n);
        }
        return names;
    }

    /** The value of a binding variable, or null: what completion inspects after {@code name.} */
    Object variable(String name) {
        if (!engine.isDone()) return null;
        var vars = engine().binding().getVariables();
        return vars.get(name);
    }

    /**
     * Compiles and runs one input. With {@code moreMayFollow}, a syntax error that more lines could
     * fix gives {@link Result.Kind#INCOMPLETE} instead of an error.
     */
    Result evaluate(String source, boolean moreMayFollow) {
        Engine e = engine();
        if (counter == 0) Timing.mark("engine ready");
        String name = "input_" + (++counter) + ".groovy";
        Engine.Unit unit;
        try {
            unit = e.compile(source, name);
        } catch (CompilationFailedException x) {
            if (moreMayFollow && e.check(source) == Engine.Status.INCOMPLETE) {
                counter--;
                return Result.INCOMPLETE_RESULT;
            }
            lastError = x;
            ErrorReport.Problem p = ErrorReport.problem(x, source);
            return new Result(Result.Kind.COMPILE_ERROR, p.message(), p.line(), p.column());
        }
        if (counter == 1) Timing.mark("first compiled");
        Object value;
        try {
            value = e.run(unit);
            if (counter == 1) Timing.mark("first run");
        } catch (Throwable x) {
            // Clear the interrupt of a Ctrl-C, so that the next input runs.
            Thread.interrupted();
            lastError = x;
            return new Result(Result.Kind.RUNTIME_ERROR, ErrorReport.describe(x, e.vocabulary(), variables()),
                    ErrorReport.scriptLine(x, name), 0);
        }
        if (!unit.showsResult() || value == null) return Result.SILENT_RESULT;
        try {
            return new Result(Result.Kind.SHOWN, render(value, e.vocabulary()), 0, 0);
        } catch (Throwable x) {
            lastError = x;
            return new Result(Result.Kind.RUNTIME_ERROR, "cannot show the result: " + ErrorReport.oneLine(ErrorReport.unwrap(x)), 0, 0);
        }
    }

    /** Whether more lines could complete {@code source}: for the terminal's Enter key. */
    Engine.Status check(String source) {
        return engine().check(source);
    }

    private String render(Object value, Vocabulary vocabulary) {
        for (Renderer r : vocabulary.renderers()) {
            String s = r.render(value, color);
            if (s != null) return s;
        }
        return FormatHelper.inspect(value);
    }

    /** The last error's full stack trace, for {@code :trace}. */
    void printTrace(PrintWriter out) {
        if (lastError == null) {
            out.println("no error yet");
        } else {
            lastError.printStackTrace(out);
        }
        out.flush();
    }

    /** Prints {@code help()}'s text. */
    void help(PrintWriter out) {
        Engine e = engine();
        Binding b = new Binding();
        b.setVariable("out", out);
        try {
            e.run(e.compile("help()", "help.groovy"), b);
        } finally {
            out.flush();
        }
    }
}
