package org.mptcpkit.shell;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.CompletingParsedLine;
import org.jline.reader.Completer;
import org.jline.reader.EOFError;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.ParsedLine;
import org.jline.reader.Reference;
import org.jline.reader.Parser;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.InfoCmp;

/**
 * The interactive shell on a terminal: a JLine line reader with persistent history, multi-line
 * input (Enter on an incomplete statement opens a continuation line, decided by Groovy's parser,
 * see {@link Engine#check}), tab completion from the {@link Vocabulary}, one-line errors and
 * {@code :trace}. The prompt is drawn before Groovy has started: the session builds it behind.
 */
public final class Repl {
    static final String PROMPT = "mptcpkit> ";
    static final String CONTINUATION = "........> ";
    /**
     * JLine's terminal back ends, fastest first: JNI (its library is extracted once to the temp
     * folder) opens the terminal in about 80 ms, FFM in about 95 ms (its downcall stubs are made at
     * run time); exec (stty processes) is not listed: checking it alone starts a process.
     */
    static final String PROVIDERS = "jni,ffm";

    private final Session session;
    private final Terminal terminal;
    private final LineReader reader;
    private final Style style;
    private volatile Thread evaluating;

    Repl(Session session, Terminal terminal, Path history, boolean color) {
        this.session = session;
        this.terminal = terminal;
        this.style = new Style(color);
        if (terminal.getWidth() <= 0) {
            // A terminal that reports no size (some ptys, serial lines): JLine cannot lay out the
            // prompt in zero columns, so assume the classic size.
            terminal.setSize(new Size(80, 24));
        }
        Completion completion = new Completion(session);
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("mptcpkit")
                .parser(new GroovyLineParser(session))
                .completer(new DslCompleter(completion))
                .variable(LineReader.HISTORY_FILE, history)
                .variable(LineReader.HISTORY_SIZE, 2000)
                .variable(LineReader.HISTORY_FILE_SIZE, 10000)
                .variable(LineReader.SECONDARY_PROMPT_PATTERN, style.prompt(CONTINUATION))
                .variable(LineReader.INDENTATION, 2)
                // '!' is Groovy's not, '^' its xor: no shell-style history expansion.
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.INSERT_TAB, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, false)
                .build();
        if (Terminal.TYPE_DUMB.equals(terminal.getType()) || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType())) {
            // JLine's dumb key map inserts every key; Tab should still complete (one line, no menu).
            reader.getKeyMaps().get(LineReader.DUMB).bind(new Reference(LineReader.COMPLETE_WORD), "\t");
        }
        Timing.mark("reader");
        // Ctrl-C while a command runs interrupts it (loops check, see Engine); at the prompt it
        // clears the line (JLine reads it as a key there).
        terminal.handle(Terminal.Signal.INT, signal -> {
            Thread t = evaluating;
            if (t != null) t.interrupt();
        });
    }

    /**
     * A shell with the standard vocabulary on {@code terminal} (e.g. a JLine dumb terminal over
     * pipes, for a test), keeping its history in {@code history}; run it with {@link #loop()}.
     * Colour when the terminal has it and {@code NO_COLOR} is unset.
     */
    public static Repl open(Terminal terminal, Path history) {
        return open(terminal, history, Vocabulary::standard);
    }

    /** A shell with the words {@code words} gives (e.g. with a lab bound) on {@code terminal}. */
    public static Repl open(Terminal terminal, Path history, java.util.function.Supplier<Vocabulary> words) {
        boolean color = Style.allowedByEnvironment() && !terminal.getType().startsWith(Terminal.TYPE_DUMB);
        Session session = Session.start(words, terminal.writer(), color, Engine.Mode.INTERACTIVE);
        return new Repl(session, terminal, history, color);
    }

    /** Runs the shell on the process's terminal; returns the exit code. */
    static int runOnSystemTerminal(java.util.function.Supplier<Vocabulary> words) {
        Terminal terminal;
        try {
            preloadCapabilities();
            terminal = TerminalBuilder.builder().system(true).nativeSignals(true).providers(PROVIDERS).build();
            Timing.mark("terminal");
        } catch (IOException e) {
            throw new Command.UserException("cannot open the terminal: " + e.getMessage(), e);
        }
        try (terminal) {
            return open(terminal, historyFile(), words).loop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * JLine asks {@code infocmp} for the terminal's capabilities, a process start (tens of
     * milliseconds) before the prompt. For the terminal types it bundles (xterm, xterm-256color,
     * screen, rxvt, ...) use its copy instead; other types still ask infocmp.
     */
    private static void preloadCapabilities() {
        String term = System.getenv("TERM");
        if (term == null || term.isEmpty()) return;
        String caps = InfoCmp.getDefaultInfoCmp(term);
        if (caps != null) InfoCmp.setLoadedInfoCmp(term, caps);
    }

    /** {@code MPTCPKIT_HISTORY}, or {@code ~/.mptcpkit_history}. */
    static Path historyFile() {
        String env = System.getenv("MPTCPKIT_HISTORY");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.home"), ".mptcpkit_history");
    }

    /** Reads, evaluates and prints until end of input or {@code :quit}; returns the exit code, 0. */
    public int loop() {
        PrintWriter out = terminal.writer();
        Timing.mark("prompt");
        while (true) {
            String line;
            try {
                line = reader.readLine(style.prompt(PROMPT));
            } catch (UserInterruptException e) {
                continue;
            } catch (EndOfFileException e) {
                break;
            }
            String trimmed = line.strip();
            if (trimmed.isEmpty()) continue;
            if (ShellCommands.isCommand(trimmed)) {
                if (ShellCommands.run(trimmed, session, out, out, style) == ShellCommands.Outcome.QUIT) break;
                continue;
            }
            Session.Result r;
            evaluating = Thread.currentThread();
            try {
                r = session.evaluate(line, false);
            } finally {
                evaluating = null;
                Thread.interrupted();
            }
            switch (r.kind()) {
                case SHOWN -> out.println(r.text());
                case COMPILE_ERROR -> out.println(style.error(position(r) + r.text()));
                case RUNTIME_ERROR -> out.println(style.error(r.text()
                        + (r.line() > 0 && line.indexOf('\n') >= 0 ? " (line " + r.line() + ")" : "")));
                case SILENT, INCOMPLETE -> {
                }
            }
            out.flush();
        }
        try {
            reader.getHistory().save();
        } catch (IOException e) {
            out.println(style.error("cannot save the history: " + e.getMessage()));
        }
        out.flush();
        return 0;
    }

    private static String position(Session.Result r) {
        return r.line() > 0 ? r.line() + (r.column() > 0 ? ":" + r.column() : "") + ": " : "";
    }

    /** Splits a line into the word under the cursor, and opens a new line on incomplete input. */
    static final class GroovyLineParser implements Parser {
        private final Session session;

        GroovyLineParser(Session session) {
            this.session = session;
        }

        @Override
        public ParsedLine parse(String line, int cursor, ParseContext context) {
            if (context == ParseContext.ACCEPT_LINE) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !ShellCommands.isCommand(trimmed)
                        && session.check(line) == Engine.Status.INCOMPLETE) {
                    throw new EOFError(-1, -1, "incomplete input", "more");
                }
            }
            return new Line(line, cursor);
        }
    }

    /** The line, and as the one "word" the identifier that ends at the cursor. */
    record Line(String line, int cursor, int wordStart) implements CompletingParsedLine {
        Line(String line, int cursor) {
            this(line, cursor, wordStart(line, cursor));
        }

        private static int wordStart(String line, int cursor) {
            int s = Math.min(cursor, line.length());
            while (s > 0 && Character.isJavaIdentifierPart(line.charAt(s - 1))) s--;
            // ':tr' completes as a whole, colon included.
            if (s > 0 && line.charAt(s - 1) == ':' && line.substring(0, s - 1).isBlank()) s--;
            return s;
        }

        @Override
        public String word() {
            return line.substring(wordStart, Math.min(cursor, line.length()));
        }

        @Override
        public int wordCursor() {
            return word().length();
        }

        @Override
        public int wordIndex() {
            return 0;
        }

        @Override
        public List<String> words() {
            return List.of(word());
        }

        @Override
        public CharSequence escape(CharSequence candidate, boolean complete) {
            return candidate;
        }

        @Override
        public int rawWordCursor() {
            return wordCursor();
        }

        @Override
        public int rawWordLength() {
            return word().length();
        }
    }

    /** JLine's side of {@link Completion}. */
    record DslCompleter(Completion completion) implements Completer {
        @Override
        public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
            Completion.Result r = completion.complete(line.line(), line.cursor());
            for (Completion.Candidate c : r.candidates()) {
                // complete=false: no space after a word, the user goes on with '(' or '.'.
                candidates.add(new Candidate(c.value(), c.value(), c.group(), c.description().isEmpty() ? null : c.description(),
                        null, null, false));
            }
        }
    }
}
