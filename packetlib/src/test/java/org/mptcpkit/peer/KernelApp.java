package org.mptcpkit.peer;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;

import org.mptcpkit.io.lab.Lab;
import org.mptcpkit.io.net.StreamSocket;
import org.mptcpkit.io.sys.Errno;
import org.mptcpkit.io.sys.SysException;

/**
 * The kernel-side application of the judges: an MPTCP listener in the lab's kernel namespace
 * whose accepted socket the test reads and writes itself, so what the application received is
 * compared byte for byte, in order.
 */
final class KernelApp implements AutoCloseable {
    final StreamSocket listener;
    final int port;
    StreamSocket conn;

    KernelApp(Lab lab) {
        listener = lab.kernel().call(() -> {
            StreamSocket s = StreamSocket.open(InetAddress.ofLiteral("::"), true).dualStack();
            s.reuseAddress().bind(new InetSocketAddress(InetAddress.ofLiteral("::"), 0)).listen(16);
            return s;
        });
        port = listener.localAddress().getPort();
    }

    StreamSocket accept(long timeoutMillis) {
        conn = listener.accept(timeoutMillis);
        return conn;
    }

    /** Reads exactly {@code n} bytes (fails on EOF or timeout). */
    byte[] read(int n, long timeoutMillis) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[65536];
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (out.size() < n) {
            long left = Math.max(1, (deadline - System.nanoTime()) / 1_000_000L);
            int r = conn.read(buf, 0, Math.min(buf.length, n - out.size()), left);
            if (r < 0) throw new AssertionError("EOF after " + out.size() + " of " + n + " bytes");
            out.write(buf, 0, r);
        }
        return out.toByteArray();
    }

    /** What a read ends with: "EOF", "ECONNRESET", ... or "data" / "timeout". */
    String readOutcome(long timeoutMillis) {
        byte[] buf = new byte[4096];
        try {
            int r = conn.read(buf, 0, buf.length, timeoutMillis);
            return r < 0 ? "EOF" : "data";
        } catch (SysException e) {
            return e.errno() == Errno.ETIMEDOUT ? "timeout" : Errno.name(e.errno());
        }
    }

    @Override
    public void close() {
        if (conn != null) conn.close();
        listener.close();
    }
}
