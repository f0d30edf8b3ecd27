package org.mptcpkit.shell;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * A user at a JLine terminal: types keys into the shell only once it shows a prompt (as a person
 * does), and reads the screen. The terminal is JLine's own emulation over pipes, an xterm (full
 * line editing) or a dumb terminal; the shell runs on its own thread exactly as on a real one.
 */
final class TerminalDriver implements AutoCloseable {
    private final PipedOutputStream keys = new PipedOutputStream();
    private final Screen screen = new Screen();
    private final Terminal terminal;
    private final Thread shell;
    private final AtomicInteger exit = new AtomicInteger(-1);

    TerminalDriver(String type, Path history) throws IOException {
        this(type, history, true);
    }

    /** With {@code testWords} false, the shell a user gets: {@link Repl#open} with the standard words. */
    TerminalDriver(String type, Path history, boolean testWords) throws IOException {
        this(type, history, testWords ? null : Vocabulary::standard);
    }

    /** The shell {@link Repl#open(Terminal, Path, java.util.function.Supplier)} gives with {@code words} (null: the test words). */
    TerminalDriver(String type, Path history, java.util.function.Supplier<Vocabulary> words) throws IOException {
        PipedInputStream in = new PipedInputStream(keys, 1 << 16);
        // JLine's pure-Java terminals, which emulate a tty's line discipline (Ctrl-C raises SIGINT).
        // (TerminalBuilder would open a real pseudo-terminal, whose SIGINT goes to no process.)
        terminal = type.equals(Terminal.TYPE_DUMB)
                ? TerminalBuilder.builder().system(false).type(type).streams(in, screen).build()
                : new ExternalTerminal("test", type, in, screen, StandardCharsets.UTF_8);
        terminal.setSize(new Size(120, 40));
        Attributes attributes = terminal.getAttributes();
        attributes.setControlChar(Attributes.ControlChar.VINTR, 3);
        attributes.setLocalFlag(Attributes.LocalFlag.ISIG, true);
        terminal.setAttributes(attributes);
        Repl repl = words == null
                ? new Repl(Session.start(TestWords::vocabulary, terminal.writer(), false, Engine.Mode.INTERACTIVE), terminal, history, false)
                : Repl.open(terminal, history, words);
        shell = new Thread(() -> exit.set(repl.loop()), "shell-under-test");
        shell.start();
        screen.awaitPrompts(1);
    }

    /**
     * Types {@code keystrokes} (use \t for Tab, \r for Enter) and, when they end with Enter,
     * waits for the next prompt, primary or continuation.
     */
    TerminalDriver type(String keystrokes) throws IOException {
        int before = screen.prompts();
        keys.write(keystrokes.getBytes(StandardCharsets.UTF_8));
        keys.flush();
        if (keystrokes.endsWith("\r")) screen.awaitPrompts(before + 1);
        return this;

    }

    /** How many prompts (primary or continuation) were drawn so far. */
    int prompts() {
        return screen.prompts();
    }

    /** Waits until {@code n} prompts were drawn and the shell waits for keys. */
    void awaitPrompts(int n) {
        screen.awaitPrompts(n);
    }

    /** Types {@code keystrokes} without waiting for a prompt. */
    TerminalDriver press(String keystrokes) throws IOException {
        keys.write(keystrokes.getBytes(StandardCharsets.UTF_8));
        keys.flush();
        return this;
    }

    /** Ends input (Ctrl-D at the prompt); returns the shell's exit code. */
    int endOfInput() throws IOException, InterruptedException {
        keys.close();
        shell.join(TimeUnit.SECONDS.toMillis(20));
        return exit.get();
    }

    /** Waits for the shell to end by itself (after :quit). */
    int awaitExit() throws InterruptedException {
        shell.join(TimeUnit.SECONDS.toMillis(20));
        return exit.get();
    }

    /** Everything shown so far, ANSI escapes and carriage returns removed. */
    String screen() {
        return ReplTest.plain(screen.text());
    }

    @Override
    public void close() throws IOException {
        try {
            if (shell.isAlive()) endOfInput();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            terminal.close();
        }
    }

    /** The terminal's output, with a way to wait for prompts to appear. */
    private static final class Screen extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            lastWrite = System.nanoTime();
            notifyAll();
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            lastWrite = System.nanoTime();
            notifyAll();
        }

        synchronized boolean endsWithPrompt() {
            String s = ReplTest.plain(text());
            return s.endsWith(Repl.PROMPT) || s.endsWith(Repl.CONTINUATION);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }

        synchronized int prompts() {
            String s = text();
            return count(s, Repl.PROMPT) + count(s, Repl.CONTINUATION);
        }

        private long lastWrite = System.nanoTime();

        /**
         * Waits until at least {@code n} prompts were drawn, the screen ends with a prompt and
         * nothing was drawn for 100 ms: the shell is waiting for keys.
         */
        synchronized void awaitPrompts(int n) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (prompts() < n || !endsWithPrompt() || System.nanoTime() - lastWrite < TimeUnit.MILLISECONDS.toNanos(100)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) throw new AssertionError("no prompt after 20 s; screen:\n" + text());
                try {
                    wait(Math.max(1, Math.min(20, TimeUnit.NANOSECONDS.toMillis(left))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }

        private static int count(String s, String what) {
            int n = 0;
            for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + what.length())) n++;
            return n;
        }
    }
}
