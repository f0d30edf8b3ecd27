package org.mptcpkit.io.lab;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.mptcpkit.io.net.StreamSocket;
import org.mptcpkit.io.sys.Errno;
import org.mptcpkit.io.sys.LibC;
import org.mptcpkit.io.sys.SysException;

/**
 * A kernel MPTCP server inside a namespace: it listens on every address (one dual-stack IPv6
 * socket, which also takes IPv4), and either echoes what it reads or discards it. It is the
 * lab's default peer for crafted handshakes and data.
 *
 * <p>Each connection has its own platform thread (a native {@code poll} would pin a virtual
 * thread's carrier). Waits are 200 ms slices, so {@link #close()} ends everything promptly.
 */
public final class MptcpServer implements AutoCloseable {
    /** What the server does with the bytes it reads. */
    public enum Mode { ECHO, SINK }

    private static final long SLICE_MS = 200;

    private final StreamSocket listener;
    private final int port;
    private final Mode mode;
    private final Thread acceptor;
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private volatile boolean running = true;

    private MptcpServer(StreamSocket listener, int port, Mode mode, String label) {
        this.listener = listener;
        this.port = port;
        this.mode = mode;
        this.acceptor = Thread.ofPlatform().name("mptcp-" + mode.name().toLowerCase(java.util.Locale.ROOT) + "-" + label)
                .daemon(true).unstarted(this::acceptLoop);
    }

    /** Starts a server on {@code port} of every address of {@code ns}. */
    public static MptcpServer start(NetNamespace ns, int port, Mode mode) {
        StreamSocket listener = ns.call(() -> {
            StreamSocket s;
            InetAddress any = InetAddress.ofLiteral("::");
            try {
                s = StreamSocket.open(LibC.AF_INET6, true);
            } catch (SysException e) {
                if (e.errno() != Errno.EAFNOSUPPORT) throw e;
                // Lenient: a kernel booted with ipv6.disable=1 still serves IPv4.
                s = StreamSocket.open(LibC.AF_INET, true);
                any = InetAddress.ofLiteral("0.0.0.0");
            }
            try {
                if (any instanceof java.net.Inet6Address) s.dualStack();
                s.reuseAddress().bind(new InetSocketAddress(any, port)).listen(128);
                return s;
            } catch (RuntimeException e) {
                s.close();
                throw e;
            }
        });
        int bound = listener.localAddress().getPort();
        MptcpServer server = new MptcpServer(listener, bound, mode, ns.label());
        server.acceptor.start();
        return server;
    }

    public int port() {
        return port;
    }

    public Mode mode() {
        return mode;
    }

    /** Connections accepted so far. */
    public long accepted() {
        return accepted.get();
    }

    /** Bytes read from all connections so far. */
    public long bytesReceived() {
        return bytesIn.get();
    }

    private void acceptLoop() {
        while (running) {
            StreamSocket c;
            try {
                c = listener.accept(SLICE_MS);
            } catch (SysException e) {
                if (e.errno() == Errno.ETIMEDOUT) continue;
                if (!running) return;
                // Lenient: a failed accept (EMFILE, ENOBUFS) must not end the server; retry.
                sleepQuietly();
                continue;
            } catch (IllegalStateException e) {
                return; // closed under us
            }
            accepted.incrementAndGet();
            Thread worker = Thread.ofPlatform().name("mptcp-conn-" + port).daemon(true).unstarted(() -> serve(c));
            workers.add(worker);
            worker.start();
        }
    }

    private void serve(StreamSocket c) {
        byte[] buf = new byte[65536];
        try {
            while (running) {
                int n;
                try {
                    n = c.read(buf, 0, buf.length, SLICE_MS);
                } catch (SysException e) {
                    if (e.errno() == Errno.ETIMEDOUT) continue;
                    return; // reset by the peer, or closed
                }
                if (n < 0) return;
                bytesIn.addAndGet(n);
                if (mode == Mode.ECHO) c.write(buf, 0, n, 5000);
            }
        } catch (RuntimeException e) {
            // The peer went away mid-write: nothing to report, the connection is over.
        } finally {
            // Only this thread closes the socket: a descriptor closed under a poll could be reused.
            c.close();
            workers.remove(Thread.currentThread());
        }
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(SLICE_MS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        if (!running) return;
        running = false;
        try {
            acceptor.join(2 * SLICE_MS + 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        listener.close();
        for (Thread w : workers) {
            try {
                w.join(SLICE_MS + 6000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
