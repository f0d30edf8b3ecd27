package org.mptcpkit.io.net;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Captures packets from a {@link PacketSource}: synchronously ({@link #sniff}: until a count or a
 * timeout), or asynchronously on its own platform thread ({@link #start}), handing each packet
 * to a callback or queueing it for {@link #next(long)}. An asynchronous sniffer runs until
 * {@link #stop()}; it reads in 100 ms slices, so it stops promptly.
 *
 * <p>One reader per source: two sniffers on one socket would split its packets between them.
 * For kernel-side filtering, give the socket a tcpdump expression first
 * ({@link PacketSocket#setFilter(String)}); {@code filter} here is a Java predicate on top.
 */
public final class Sniffer implements AutoCloseable {
    private static final long SLICE_MS = 100;
    /** Packets a queueing sniffer keeps before it drops (and counts) new ones. */
    public static final int QUEUE_CAPACITY = 1 << 17;

    private final PacketSource source;
    private final Predicate<Frame> filter;
    private final Consumer<Frame> callback;
    private final LinkedBlockingQueue<Frame> queue;
    private final Thread thread;
    private final AtomicLong captured = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    private Sniffer(PacketSource source, Predicate<Frame> filter, Consumer<Frame> callback) {
        this.source = source;
        this.filter = filter == null ? f -> true : filter;
        this.callback = callback;
        this.queue = callback == null ? new LinkedBlockingQueue<>(QUEUE_CAPACITY) : null;
        this.thread = Thread.ofPlatform().name("mptcpkit-sniffer").daemon(true).unstarted(this::loop);
    }

    /**
     * Captures up to {@code count} packets that pass {@code filter} (null: all), for at most
     * {@code timeoutMillis}; returns them in arrival order (fewer on timeout).
     */
    public static List<Frame> sniff(PacketSource source, int count, long timeoutMillis, Predicate<Frame> filter) {
        List<Frame> out = new ArrayList<>();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (out.size() < count) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) break;
            Frame f = source.receive(left);
            if (f != null && (filter == null || filter.test(f))) out.add(f);
        }
        return out;
    }

    /** Starts capturing in the background, calling {@code callback} for each packet that passes. */
    public static Sniffer start(PacketSource source, Predicate<Frame> filter, Consumer<Frame> callback) {
        if (callback == null) throw new IllegalArgumentException("callback: null (use start(source, filter) to queue)");
        Sniffer s = new Sniffer(source, filter, callback);
        s.thread.start();
        return s;
    }

    /** Starts capturing in the background into a queue read by {@link #next(long)}. */
    public static Sniffer start(PacketSource source, Predicate<Frame> filter) {
        Sniffer s = new Sniffer(source, filter, null);
        s.thread.start();
        return s;
    }

    private void loop() {
        try {
            while (running) {
                Frame f = source.receive(SLICE_MS);
                if (f == null || !filter.test(f)) continue;
                captured.incrementAndGet();
                if (callback != null) {
                    callback.accept(f);
                } else if (!queue.offer(f)) {
                    dropped.incrementAndGet();
                }
            }
        } catch (RuntimeException e) {
            // A failing callback or a closed source ends the capture; stop() reports it.
            if (running) failure = e;
        } finally {
            running = false;
        }
    }

    /** The next queued packet, waiting at most {@code timeoutMillis}; null on timeout. */
    public Frame next(long timeoutMillis) {
        if (queue == null) throw new IllegalStateException("a sniffer with a callback has no queue");
        try {
            return queue.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Packets that passed the filter so far. */
    public long captured() {
        return captured.get();
    }

    /** Packets a full queue had to drop. */
    public long dropped() {
        return dropped.get();
    }

    public boolean isRunning() {
        return running;
    }

    /**
     * Stops capturing and returns the packets still queued (empty for a callback sniffer).
     * Rethrows what ended the capture early (a callback's exception, a closed source).
     */
    public List<Frame> stop() {
        running = false;
        if (Thread.currentThread() != thread) {
            try {
                thread.join(SLICE_MS * 20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<Frame> rest = new ArrayList<>();
        if (queue != null) queue.drainTo(rest);
        RuntimeException f = failure;
        failure = null;
        if (f != null) throw f;
        return rest;
    }

    @Override
    public void close() {
        stop();
    }
}
