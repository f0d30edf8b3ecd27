package org.mptcpkit.shell;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jline.terminal.Terminal;
import org.jline.terminal.Size;
import org.jline.terminal.TerminalBuilder;
import org.jline.terminal.impl.ExternalTerminal;

/**
 * The training run for the JDK AOT cache that the build makes ({@code -XX:AOTCacheOutput}, see
 * {@code shell/src/build/make-aot-cache.sh}): it does what users do first, so that the classes
 * those paths load are stored loaded and linked in the cache. Each path is here: the command line,
 * the batch shell, the terminal shell (on an emulated xterm, with completion, a multi-line
 * definition and errors), the system terminal probe, and a script file.
 */
public final class AotTraining {
    static final String COMMANDS = """
            1+1
            help()
            help 'hexdump'
            def f(x) {
              x * 2
            }
            f(21)
            x = [dst: '10.0.0.1', ttl: 64]
            x.dst
            [1, 2, 3].collect { it * 2 }.sum()
            "a${x.ttl}b" + 'c'
            hexdump(hex('4500003c1c4640004006b1e60a0000010a000002'))
            class Pair { int a; int b }
            new Pair(a: 1, b: 2).a
            IPP(dst: '10.0.0.1')
            hexdump(5)
            1 + * 2
            undefinedVariable
            :trace
            """;

    private AotTraining() {
    }

    public static void main(String[] args) throws IOException {
        PrintStream realOut = System.out;
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(sink, true, StandardCharsets.UTF_8);

        Main.run(new String[] {"help"}, System.in, out, out);
        Main.run(new String[] {"nope"}, System.in, out, out);

        // The batch shell, as `echo ... | mptcpkit shell` runs it, with the DSL layer's warm-up
        // snippets (its first commands: building and showing packets) after ours.
        String commands = COMMANDS + String.join("\n", Vocabulary.standard().warmUps()) + "\n";
        Main.run(new String[] {"shell"}, new ByteArrayInputStream(commands.getBytes(StandardCharsets.UTF_8)), out, out);

        // A script file, as `mptcpkit script` runs it, failing at the end.
        Path script = Files.createTempFile("mptcpkit-training", ".groovy");
        try {
            Files.writeString(script, "def n = args.length\nprintln \"args: $n\"\nhexdump(hex('0102'))\nthrow new IllegalStateException('end')\n");
            Main.run(new String[] {"script", script.toString(), "a", "b"}, System.in, out, out);
        } finally {
            Files.deleteIfExists(script);
        }

        // The terminal shell on an emulated xterm: completion (Tab), a multi-line definition,
        // errors, history; then the system terminal probe, which loads the native provider.
        String keys = "he\t\t\nhexdump(h\t'01')\ndef g(y) {\ny + 1\n}\ng(1)\nx = 5\nx.\t\t\n:trace\n1 + * 2\n:quit\n";
        Path history = Files.createTempFile("mptcpkit-training", ".history");
        try (Terminal t = new ExternalTerminal("training", "xterm-256color",
                new ByteArrayInputStream(keys.getBytes(StandardCharsets.UTF_8)), sink, StandardCharsets.UTF_8)) {
            t.setSize(new Size(120, 40));
            Session session = Session.start(Vocabulary::standard, t.writer(), true, Engine.Mode.INTERACTIVE);
            new Repl(session, t, history, true).loop();
        } finally {
            Files.deleteIfExists(history);
        }
        try (Terminal t = TerminalBuilder.builder().system(true).providers(Repl.PROVIDERS).dumb(true).build()) {
            t.getSize();
        }
        new BatchShell(Vocabulary::standard, new PrintWriter(out), new PrintWriter(out))
                .run(new StringReader("IP(dst:\n'10.0.0.1')\n"));
        realOut.println("mptcpkit AOT training: " + sink.size() + " bytes of output");
    }
}
