package org.mptcpkit.io.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.mptcpkit.io.net.RtNetlink;
import org.mptcpkit.io.sys.Errno;
import org.mptcpkit.io.sys.LibC;
import org.mptcpkit.io.sys.SysException;

/**
 * An anonymous network namespace, owned by one dedicated platform thread and one file descriptor.
 *
 * <p>Linux keeps network namespaces per thread: the owner thread calls
 * {@code unshare(CLONE_NEWNET)}, which moves only itself, and then runs the tasks given to
 * {@link #call(Callable)} one after another. Sockets, TUN devices and netlink sockets such a
 * task opens belong to the namespace and can afterwards be used from any thread.
 *
 * <p>Nothing outlives the process: the namespace has no name and no bind mount (unlike
 * {@code ip netns add}); the kernel destroys it, with every veth and TUN device in it, when its
 * last reference goes: the owner thread, {@link #fd()}, and any socket still open in it. On
 * SIGKILL the kernel closes them all. The host namespace is never touched.
 *
 * <p>From a shell, enter it with {@code nsenter --net=}{@link #path()} while the process lives.
 */
public final class NetNamespace implements AutoCloseable {
    private static final Runnable STOP = () -> { };
    private static final long START_TIMEOUT_MS = 10_000;

    private final String label;
    private final Thread thread;
    private final BlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private volatile int fd = -1;
    private volatile int tid;
    private volatile long inode;
    private volatile boolean closed;
    private RtNetlink rtnl;

    private NetNamespace(String label) {
        this.label = label;
        this.thread = Thread.ofPlatform().name("netns-" + label).daemon(true).unstarted(this::loop);
    }

    /**
     * Creates a new, empty network namespace ({@code lo} is brought up). {@code label} only names
     * the owner thread and error messages. Needs CAP_NET_ADMIN ({@link SysException} EPERM).
     */
    public static NetNamespace create(String label) {
        return start(label, null);
    }

    /**
     * Joins an existing network namespace: {@code path} is a namespace file such as
     * {@code /run/netns/NAME} (made by {@code ip netns add}) or {@code /proc/PID/ns/net}. The
     * namespace is not destroyed by {@link #close()}; this object only stops holding it.
     */
    public static NetNamespace join(String path, String label) {
        return start(label, path);
    }

    private static NetNamespace start(String label, String joinPath) {
        NetNamespace ns = new NetNamespace(label);
        CompletableFuture<Void> started = new CompletableFuture<>();
        ns.tasks.add(() -> {
            try {
                ns.enter(joinPath);
                started.complete(null);
            } catch (Throwable t) {
                started.completeExceptionally(t);
            }
        });
        ns.thread.start();
        try {
            started.get(START_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            ns.close();
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            ns.close();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating namespace " + label, e);
        } catch (TimeoutException e) {
            ns.close();
            throw new IllegalStateException("namespace " + label + " did not start within " + START_TIMEOUT_MS + " ms");
        }
        return ns;
    }

    // Runs on the owner thread.
    private void enter(String joinPath) throws IOException {
        if (joinPath == null) {
            if (LibC.unshare(LibC.CLONE_NEWNET) < 0) throw SysException.last("unshare", "(CLONE_NEWNET)");
        } else {
            int target = LibC.open(joinPath, LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
            if (target < 0) throw SysException.last("open", joinPath);
            try {
                if (LibC.setns(target, LibC.CLONE_NEWNET) < 0) throw SysException.last("setns", joinPath);
            } finally {
                LibC.close(target);
            }
        }
        tid = LibC.gettid();
        // /proc/thread-self is this thread's own view: /proc/self/ns/net would be the main thread's.
        int nsfd = LibC.open("/proc/thread-self/ns/net", LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (nsfd < 0) throw SysException.last("open", "/proc/thread-self/ns/net");
        fd = nsfd;
        inode = parseInode(Files.readSymbolicLink(Path.of("/proc/self/fd/" + nsfd)).toString());
        rtnl = RtNetlink.open();
        if (joinPath == null) rtnl.setUp(rtnl.link("lo").index());
    }

    private static long parseInode(String link) {
        // "net:[4026532245]"
        int a = link.indexOf('[');
        int b = link.indexOf(']');
        return Long.parseLong(link.substring(a + 1, b));
    }

    private void loop() {
        try {
            while (true) {
                Runnable task = tasks.take();
                if (task == STOP) return;
                task.run();
            }
        } catch (InterruptedException e) {
            // Closing: the thread ends, and with it its reference to the namespace.
        } finally {
            if (rtnl != null) rtnl.close();
            // A task queued while closing must not leave its caller waiting forever.
            for (Runnable r; (r = tasks.poll()) != null; ) {
                if (r instanceof Job<?> j) j.result.completeExceptionally(new IllegalStateException("namespace " + label + " is closed"));
            }
        }
    }

    /** A task and the future its caller waits on. */
    private record Job<T>(Callable<T> task, CompletableFuture<T> result) implements Runnable {
        @Override
        public void run() {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }
    }

    /**
     * Runs {@code task} inside the namespace (on the owner thread) and returns its result;
     * exceptions are rethrown as they are. Calls from the owner thread itself run directly.
     */
    public <T> T call(Callable<T> task) {
        if (Thread.currentThread() == thread) {
            try {
                return task.call();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        if (closed) throw new IllegalStateException("namespace " + label + " is closed");
        CompletableFuture<T> result = new CompletableFuture<>();
        tasks.add(new Job<>(task, result));
        try {
            while (true) {
                try {
                    return result.get(100, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    // Closed between the check and the add, after the loop drained the queue:
                    // nobody will run the task.
                    if (!thread.isAlive()) result.completeExceptionally(new IllegalStateException("namespace " + label + " is closed"));
                }
            }
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException r) throw r;
            if (c instanceof Error err) throw err;
            throw new IllegalStateException(c);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for namespace " + label, e);
        }
    }

    /** Runs {@code task} inside the namespace; see {@link #call(Callable)}. */
    public void run(ThrowingRunnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** A task that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** rtnetlink in this namespace (opened by the owner thread, shared). */
    public RtNetlink rtnetlink() {
        checkOpen();
        return rtnl;
    }

    /** Writes a sysctl of this namespace, e.g. {@code sysctl("net.mptcp.checksum_enabled", "1")}. */
    public void sysctl(String key, String value) {
        Path p = sysctlPath(key);
        call(() -> {
            // Opened by the owner thread: /proc/sys/net resolves against the opener's namespace.
            try {
                Files.writeString(p, value + "\n", StandardCharsets.US_ASCII);
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("unknown sysctl " + key + " (no " + p + ")");
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot set sysctl " + key + " to " + value + ": " + e.getMessage());
            }
            return null;
        });
    }

    /** Reads a sysctl of this namespace. */
    public String sysctl(String key) {
        Path p = sysctlPath(key);
        return call(() -> {
            try {
                return Files.readString(p, StandardCharsets.US_ASCII).strip();
            } catch (NoSuchFileException e) {
                throw new IllegalArgumentException("unknown sysctl " + key + " (no " + p + ")");
            }
        });
    }

    /**
     * One group of this namespace's counters from {@code /proc/net/netstat} and
     * {@code /proc/net/snmp} ({@code "MPTcpExt"}, {@code "TcpExt"}, {@code "Tcp"}, ...), name to
     * value, in the kernel's order; empty when the group does not exist. Read by the owner thread
     * through {@code /proc/thread-self/net}: {@code /proc/net} would follow the process's main
     * thread into the host namespace.
     */
    public java.util.Map<String, Long> netstat(String group) {
        return call(() -> {
            java.util.Map<String, Long> out = new java.util.LinkedHashMap<>();
            for (String file : new String[] {"netstat", "snmp"}) {
                java.util.List<String> lines = Files.readAllLines(Path.of("/proc/thread-self/net", file), StandardCharsets.US_ASCII);
                String prefix = group + ":";
                // Each group is two lines: the names, then the values, both led by "Group:".
                for (int i = 0; i + 1 < lines.size(); i++) {
                    if (!lines.get(i).startsWith(prefix) || !lines.get(i + 1).startsWith(prefix)) continue;
                    String[] names = lines.get(i).substring(prefix.length()).strip().split(" +");
                    String[] values = lines.get(i + 1).substring(prefix.length()).strip().split(" +");
                    for (int k = 0; k < names.length && k < values.length; k++) out.put(names[k], Long.parseLong(values[k]));
                    return out;
                }
            }
            return out;
        });
    }

    /** {@code net.ipv4.tcp_sack} → /proc/sys/net/ipv4/tcp_sack; keys with '/' are taken as paths. */
    static Path sysctlPath(String key) {
        String k = key.strip();
        String rel = k.indexOf('/') >= 0 ? k.replaceFirst("^/?(proc/sys/)?", "") : k.replace('.', '/');
        if (rel.contains("..") || rel.isEmpty()) throw new IllegalArgumentException("bad sysctl key: " + key);
        return Path.of("/proc/sys", rel);
    }

    /** The descriptor that holds the namespace (an fd of this process). */
    public int fd() {
        checkOpen();
        return fd;
    }

    /** {@code /proc/<pid>/fd/<fd>}: for {@code nsenter --net=...} from a shell while this process runs. */
    public String path() {
        return "/proc/" + ProcessHandle.current().pid() + "/fd/" + fd();
    }

    /** The namespace's inode number, as in {@code net:[4026532245]}. */
    public long inode() {
        return inode;
    }

    /** The kernel thread id of the owner thread. */
    public int ownerTid() {
        return tid;
    }

    public String label() {
        return label;
    }

    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("namespace " + label + " is closed");
    }

    /**
     * Ends the owner thread and closes the descriptor. The kernel frees the namespace once no
     * socket opened in it remains open.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        tasks.add(STOP);
        if (Thread.currentThread() != thread) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (thread.isAlive()) thread.interrupt();
        }
        int f = fd;
        fd = -1;
        if (f >= 0) LibC.close(f);
    }

    @Override
    public String toString() {
        return "NetNamespace[" + label + ", net:[" + inode + "]" + (closed ? ", closed" : "") + "]";
    }

    /** True when the error means the caller lacks CAP_NET_ADMIN (unshare's EPERM). */
    static boolean isPermissionError(Throwable t) {
        return t instanceof SysException s && (s.errno() == Errno.EPERM || s.errno() == Errno.EACCES);
    }
}
