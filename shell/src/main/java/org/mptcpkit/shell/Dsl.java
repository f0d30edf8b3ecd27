package org.mptcpkit.shell;

import groovy.lang.Binding;
import java.io.PrintWriter;
import java.util.List;
import org.mptcpkit.format.PacketFormatter;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.shell.dsl.PacketDsl;

/**
 * The base class of every shell input and {@code mptcpkit script} file: its {@link Word}
 * methods are the DSL words that need the session (output, the vocabulary); words that are pure
 * functions live as static methods in classes registered with {@link Vocabulary#words(Class)}.
 * Words are plain methods, never {@code methodMissing}, so the compiler, {@code @DelegatesTo}
 * and completion all see them.
 */
public abstract class Dsl extends PacketDsl {
    /** What a script's words reach: the words themselves and where output goes. */
    record Context(Vocabulary vocabulary, PrintWriter out) {
    }

    private Context context;

    protected Dsl() {
    }

    protected Dsl(Binding binding) {
        super(binding);
    }

    /** Set by the engine before {@code run()}; closures defined by this script keep it. */
    final void attach(Context context) {
        this.context = context;
    }

    /**
     * Where words print: the binding's {@code out} when it is a writer (the engine binds the
     * session's; the warm-up binds a sink, so that its snippets print nothing), else the session's.
     */
    @Override
    protected PrintWriter dslOut() {
        Object o = getBinding().getVariables().get("out");
        return o instanceof PrintWriter w ? w : context().out();
    }

    private Context context() {
        if (context == null) {
            // A script class used outside an engine (e.g. compiled by an IDE): standard words, stdout.
            context = new Context(Vocabulary.standard(), new PrintWriter(System.out, true));
        }
        return context;
    }

    @Word(value = "the list of words, or the details of one: help 'hexdump'", usage = "help 'hexdump'")
    public void help() {
        PrintWriter out = dslOut();
        List<Vocabulary.Entry> entries = List.copyOf(context().vocabulary().entries());
        int width = 0;
        for (Vocabulary.Entry e : entries) width = Math.max(width, e.name().length());
        out.println("Words (help 'word' for one; Tab completes words and fields):");
        for (Vocabulary.Entry e : entries) {
            out.println("  " + pad(e.name(), width) + "  " + e.summary());
        }
        out.println("Shell: :help  :trace (last error's stack trace)  :quit (or Ctrl-D)");
        out.flush();
    }

    @Word(value = "the list of words, or the details of one: help 'hexdump'", usage = "help 'hexdump'")
    public void help(String word) {
        PrintWriter out = dslOut();
        Vocabulary.Entry e = context().vocabulary().word(word);
        if (e == null) {
            throw new IllegalArgumentException("help: unknown word '" + word + "'"
                    + Suggest.didYouMean(word, context().vocabulary(), List.of()));
        }
        out.println(e.name() + ": " + e.summary());
        for (String s : e.signatures()) out.println("  " + s);
        if (!e.usage().isEmpty()) out.println("example: " + e.usage());
        if (!e.fields().isEmpty()) out.println("fields: " + String.join(", ", e.fields()));
        if (!e.closureMembers().isEmpty()) out.println("in its closure: " + String.join(", ", e.closureMembers()));
        out.flush();
    }

    @Word(value = "the words that build a layer or option, and its fields: help(TCP), help(MpCapable)", usage = "help(TCP)")
    public void help(Object thing) {
        if (thing instanceof CharSequence cs) {
            help(cs.toString());
            return;
        }
        Class<?> type = thing instanceof Class<?> c ? c : thing.getClass();
        String word = type == org.mptcpkit.packet.Tcp.class ? "TCP" : type == org.mptcpkit.packet.Ip4.class ? "IP"
                : type == org.mptcpkit.packet.Ip6.class ? "IPv6" : type.getSimpleName();
        if (context().vocabulary().word(word) != null) help(word);
        ls(type);
    }

    @Word(value = "bytes from hex digits (spaces, colons and 0x ignored)", usage = "hex('1e 04 01 81')")
    public Bytes hex(String digits) {
        return Bytes.fromHex(digits);
    }

    @Word(value = "prints bytes as offset, hex and ASCII, like tcpdump -X", usage = "hexdump(hex('4500003c'))")
    public void hexdump(Bytes bytes) {
        PrintWriter out = dslOut();
        out.println(PacketFormatter.hexdump(bytes).stripTrailing());
        out.flush();
    }

    @Word(value = "prints bytes as offset, hex and ASCII, like tcpdump -X", usage = "hexdump(hex('4500003c'))")
    public void hexdump(byte[] bytes) {
        hexdump(Bytes.of(bytes));
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
