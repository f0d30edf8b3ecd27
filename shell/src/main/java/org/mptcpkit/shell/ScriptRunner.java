package org.mptcpkit.shell;

import groovy.lang.Binding;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.codehaus.groovy.control.CompilationFailedException;

/**
 * Runs a script file with the shell's DSL and no terminal: the same base class, imports and
 * words; {@code args} bound to the arguments after the file name. A failure prints one line,
 * {@code FILE:LINE: message} ({@code FILE:LINE:COL:} for a syntax error), and gives exit code 1.
 */
public final class ScriptRunner {
    private ScriptRunner() {
    }

    /**
     * Runs {@code file}; {@code shownAs} is how errors name it (the path as the user typed it).
     * Returns the exit code: 0, or 1 when the file cannot be read, does not compile or throws.
     */
    public static int run(Path file, String shownAs, String[] args, PrintStream out, PrintStream err, boolean trace) {
        return run(file, shownAs, args, out, err, trace, Vocabulary::standard);
    }

    /** {@link #run(Path, String, String[], PrintStream, PrintStream, boolean)} with the words {@code words} gives. */
    public static int run(Path file, String shownAs, String[] args, PrintStream out, PrintStream err, boolean trace,
                          java.util.function.Supplier<Vocabulary> words) {
        String source;
        try {
            source = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new Command.UserException("no such file: " + shownAs);
        } catch (IOException e) {
            throw new Command.UserException("cannot read " + shownAs + ": " + e.getMessage());
        }
        PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        try {
            return run(source, file.getFileName().toString(), shownAs, args, o, err, trace, words.get());
        } finally {
            o.flush();
        }
    }

    static int run(String source, String fileName, String shownAs, String[] args, PrintWriter out, PrintStream err, boolean trace) {
        return run(source, fileName, shownAs, args, out, err, trace, Vocabulary.standard());
    }

    static int run(String source, String fileName, String shownAs, String[] args, PrintWriter out, PrintStream err, boolean trace,
                   Vocabulary vocabulary) {
        Binding binding = new Binding();
        binding.setVariable("args", args);
        Engine engine = new Engine(vocabulary, binding, out, Engine.Mode.SCRIPT);
        Engine.Unit unit;
        try {
            unit = engine.compile(source, fileName);
        } catch (CompilationFailedException e) {
            ErrorReport.Problem p = ErrorReport.problem(e, source);
            out.flush();
            err.println(shownAs + ":" + (p.line() > 0 ? p.format() : " " + p.message()));
            if (trace) e.printStackTrace(err);
            return 1;
        }
        try {
            engine.run(unit);
            return 0;
        } catch (Throwable t) {
            out.flush();
            int line = ErrorReport.scriptLine(t, fileName);
            List<String> names = new ArrayList<>();
            for (Object k : binding.getVariables().keySet()) names.add(k.toString());
            err.println(shownAs + ":" + (line > 0 ? line + ":" : "") + " " + ErrorReport.describe(t, vocabulary, names));
            if (trace) t.printStackTrace(err);
            return 1;
        }
    }
}
