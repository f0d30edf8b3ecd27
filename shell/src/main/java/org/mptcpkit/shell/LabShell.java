package org.mptcpkit.shell;

import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;
import org.mptcpkit.io.lab.Lab;
import org.mptcpkit.shell.dsl.LabResources;

/**
 * The lab of {@code mptcpkit shell --lab} and {@code mptcpkit script --lab}: the local kernel,
 * isolated in its own network namespace, listens as an MPTCP echo server on port
 * {@value #PORT} of two IPv4 addresses (the second one to join) and one IPv6 address (it costs
 * a few milliseconds), with limits that accept joins
 * and announced addresses; the crafted peer owns two addresses that nothing answers for. The
 * DSL sees it as {@code lab}. {@link #close()} releases what the words opened, then the lab; a
 * shutdown hook does it too when the process is killed.
 */
final class LabShell implements AutoCloseable {
    static final int PORT = 8080;
    private final Lab lab;
    private final Thread hook;

    private LabShell(Lab lab) {
        this.lab = lab;
        this.hook = new Thread(this::release, "mptcpkit-lab-close");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Builds the lab, or throws a {@link Command.UserException} with one sentence. */
    static LabShell open() {
        try {
            return new LabShell(Lab.builder().ipv4Paths(2).ipv6Paths(1).echoServer(PORT).mptcpLimits(8, 8).build());
        } catch (RuntimeException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
            throw new Command.UserException("cannot build the lab: " + m, e);
        }
    }

    Lab lab() {
        return lab;
    }

    /** The standard vocabulary with {@code lab} bound. */
    Supplier<Vocabulary> words() {
        return () -> Vocabulary.standard().variable("lab", lab);
    }

    /** What the shell prints first: the addresses and three lines that work when pasted. */
    String banner() {
        List<Lab.Subnet> s = lab.subnets();
        Lab.Subnet a = s.get(0);
        Lab.Subnet b = s.size() > 1 ? s.get(1) : a;
        String k1 = a.kernel().getHostAddress();
        String p1 = a.peer().getHostAddress();
        Lab.Subnet v6 = null;
        for (Lab.Subnet x : s) if (x.isIpv6() && v6 == null) v6 = x;
        return "lab: the kernel listens as an MPTCP echo server on " + k1 + ":" + PORT + " and " + b.kernel().getHostAddress() + ":" + PORT
                + (v6 == null ? "" : " and [" + org.mptcpkit.io.sys.SockAddr.format(v6.kernel()) + "]:" + PORT) + " (limits accept joins)\n"
                + "     you are " + p1 + " and " + b.peer().getHostAddress() + (v6 == null ? "" : " and " + org.mptcpkit.io.sys.SockAddr.format(v6.peer()))
                + " (nothing answers for them but you); `lab` is bound, help() lists the words\n"
                + "try:\n"
                + "  " + synLine(p1, k1) + "\n"
                + "  ans = sr1(syn)\n"
                + "  show(ans)\n"
                + "or the peer:  peer = connect(lab); peer.send('hello'); peer.receive(5); peer.join('"
                + b.peer().getHostAddress() + "', 2)";
    }

    static String synLine(String peer, String kernel) {
        return "syn = IP(src:'" + peer + "', dst:'" + kernel + "')/TCP(sport:40000, dport:" + PORT
                + ", flags:'S', options:[mss(1460), MpCapable()])";
    }

    void printBanner(PrintStream out) {
        out.println(banner());
        out.flush();
    }

    private synchronized void release() {
        if (lab.isClosed()) return;
        LabResources.release(lab);
        lab.close();
    }

    @Override
    public void close() {
        release();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException ignored) {
            // Lenient: already shutting down, the hook runs (and finds the lab closed).
        }
    }
}
