package org.mptcpkit.io.pcap;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Field;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;
import org.pcap4j.core.PcapStat;

/**
 * A live capture on one network interface through pcap4j and libpcap: the portable path that
 * tcpdump takes, with libpcap's filters, and layer-2 send ({@code pcap_sendpacket}) on the same
 * interface. scapy's {@code sniff(iface=..., filter=...)} and {@code sendp(frame, iface=...)}.
 *
 * <pre>{@code
 * try (Lab lab = Lab.builder().echoServer(8080).build();
 *      PcapLive cap = lab.openCapture(Lab.Side.PEER, "tcp port 8080")) {
 *     cap.sendp(ethernetSyn);                          // out of the peer's link, byte for byte
 *     List<PcapRecord> got = cap.sniff(2, 1000);       // our SYN (outgoing) and the SYN-ACK
 *     cap.dump(Path.of("handshake.pcap"));             // every record returned so far
 * }
 * }</pre>
 *
 * <p>Namespaces: libpcap looks the interface up and opens its {@code AF_PACKET} socket in the
 * network namespace of the thread that calls {@link #open}; the handle can then be used from any
 * thread. To capture inside a lab, open it from the namespace's thread
 * ({@code NetNamespace.call(() -> PcapLive.open("p0", options))}, which is what
 * {@code Lab.openCapture} does).
 *
 * <p>Waits are bounded by a deadline, not by libpcap's read timeout: on Linux (TPACKET_V3) that
 * timer only runs once a frame has arrived, so a read with a filter that matches nothing would
 * block forever, as pcap(3PCAP) warns. {@link #next(long)} and {@link #sniff(int, long)} arm a
 * timer that calls {@code pcap_breakloop} at their deadline, which wakes libpcap's poll at once;
 * {@link #close()} breaks a read in progress the same way, and the reader returns what it has.
 * Immediate mode (default on) hands each frame over as it arrives instead of when a ring block
 * fills or its timeout ({@link Options#readTimeoutMillis()}) retires it.
 *
 * <p>Every record returned by {@link #next} or {@link #sniff} is kept, numbered from 1 as tshark
 * numbers frames, until {@link #clear()}: {@link #dump(Path)} writes them with {@link PcapWriter}
 * (nanosecond timestamps, the capture's link type and snapshot length), so a dump read back with
 * {@link PcapReader} gives the same records. Memory grows with what is kept: clear long captures.
 *
 * <p>Threads: one reader at a time ({@code next}, {@code sniff} are serialised); {@link #sendp}
 * may run alongside a read: it goes out of a second, send-only handle (see {@link #sendp}).
 * Closing waits for a sender in progress (pcap4j's handle lock).
 */
public final class PcapLive implements AutoCloseable {
    private static final long NANOS = 1_000_000_000L;
    // libpcap's return codes (pcap/pcap.h).
    private static final int PCAP_ERROR_NO_SUCH_DEVICE = -5;
    private static final int PCAP_ERROR_PERM_DENIED = -8;
    private static final int PCAP_ERROR_IFACE_NOT_UP = -9;

    /** Which frames to keep, as the interface sees them ({@code pcap_setdirection}). */
    public enum Direction {
        /** Received by the interface: on a lab's peer link, what the kernel under test sent. */
        IN,
        /** Sent by the interface's own namespace. */
        OUT,
        /** Both, as tcpdump captures by default. */
        BOTH
    }

    /**
     * How to open a capture.
     *
     * @param filter            a tcpdump expression compiled by libpcap with optimisation
     *                          (e.g. {@code "tcp port 8080"}); null or blank: every frame
     * @param snapshotLength    bytes kept of each frame, 1..262144 (default 262144: whole frames)
     * @param readTimeoutMillis libpcap's packet buffer timeout, 1..60000 (default 50): how long a
     *                          ring block may hold frames without immediate mode
     * @param promiscuous       promiscuous mode (default off: a veth delivers every frame anyway)
     * @param immediate         immediate mode (default on): each frame is delivered at once
     * @param direction         which frames to keep (default {@link Direction#BOTH})
     */
    public record Options(String filter, int snapshotLength, int readTimeoutMillis, boolean promiscuous,
            boolean immediate, Direction direction) {
        /** Whole frames, both directions, immediate, not promiscuous, 50 ms reads, no filter. */
        public static final Options DEFAULTS = new Options(null, PcapWriter.DEFAULT_SNAPSHOT_LENGTH, 50, false, true, Direction.BOTH);

        public Options {
            if (snapshotLength < 1 || snapshotLength > PcapWriter.DEFAULT_SNAPSHOT_LENGTH) {
                throw new IllegalArgumentException("snapshotLength: " + snapshotLength + " (expected: 1..262144)");
            }
            if (readTimeoutMillis < 1 || readTimeoutMillis > 60_000) {
                // 0 would mean "wait forever" to libpcap.
                throw new IllegalArgumentException("readTimeoutMillis: " + readTimeoutMillis + " (expected: 1..60000)");
            }
            Field.nonNull("direction", direction);
            if (filter != null && filter.isBlank()) filter = null;
        }

        public static Builder builder() {
            return new Builder(DEFAULTS);
        }

        public static Options of(Consumer<Builder> spec) {
            Builder b = builder();
            spec.accept(b);
            return b.build();
        }

        public Builder toBuilder() {
            return new Builder(this);
        }

        public Options withFilter(String filter) {
            return new Options(filter, snapshotLength, readTimeoutMillis, promiscuous, immediate, direction);
        }

        public Options withSnapshotLength(int snapshotLength) {
            return new Options(filter, snapshotLength, readTimeoutMillis, promiscuous, immediate, direction);
        }

        public Options withReadTimeoutMillis(int readTimeoutMillis) {
            return new Options(filter, snapshotLength, readTimeoutMillis, promiscuous, immediate, direction);
        }

        public Options withPromiscuous(boolean promiscuous) {
            return new Options(filter, snapshotLength, readTimeoutMillis, promiscuous, immediate, direction);
        }

        public Options withImmediate(boolean immediate) {
            return new Options(filter, snapshotLength, readTimeoutMillis, promiscuous, immediate, direction);
        }

        public Options withDirection(Direction direction) {
            return new Options(filter, snapshotLength, readTimeoutMillis, promiscuous, immediate, direction);
        }

        /** Builds {@link Options}; starts from {@link #DEFAULTS}. */
        public static final class Builder {
            private String filter;
            private int snapshotLength;
            private int readTimeoutMillis;
            private boolean promiscuous;
            private boolean immediate;
            private Direction direction;

            private Builder(Options o) {
                filter = o.filter;
                snapshotLength = o.snapshotLength;
                readTimeoutMillis = o.readTimeoutMillis;
                promiscuous = o.promiscuous;
                immediate = o.immediate;
                direction = o.direction;
            }

            public Builder filter(String filter) {
                this.filter = filter;
                return this;
            }

            public Builder snapshotLength(int snapshotLength) {
                this.snapshotLength = snapshotLength;
                return this;
            }

            public Builder readTimeoutMillis(int readTimeoutMillis) {
                this.readTimeoutMillis = readTimeoutMillis;
                return this;
            }

            public Builder promiscuous(boolean promiscuous) {
                this.promiscuous = promiscuous;
                return this;
            }

            public Builder immediate(boolean immediate) {
                this.immediate = immediate;
                return this;
            }

            public Builder direction(Direction direction) {
                this.direction = direction;
                return this;
            }

            public Options build() {
                return new Options(filter, snapshotLength, readTimeoutMillis, promiscuous, immediate, direction);
            }
        }
    }

    /**
     * libpcap's counters since the capture opened ({@code pcap_stats}).
     *
     * @param received           frames that passed the filter (Linux: seen by the socket)
     * @param dropped            frames the kernel dropped because the ring was full
     * @param droppedByInterface frames the interface dropped (Linux: the device's rx drops)
     */
    public record Stats(long received, long dropped, long droppedByInterface) {
    }

    /** One daemon thread for every capture's deadline alarms (each only calls pcap_breakloop). */
    private static final ScheduledThreadPoolExecutor ALARMS = alarms();

    private static ScheduledThreadPoolExecutor alarms() {
        ScheduledThreadPoolExecutor e = new ScheduledThreadPoolExecutor(1,
                Thread.ofPlatform().name("mptcpkit-pcap-alarm").daemon(true).factory());
        e.setRemoveOnCancelPolicy(true); // most alarms are cancelled: a frame came first
        return e;
    }

    private final String iface;
    private final Options options;
    private final PcapHandle handle;
    private final PcapHandle sender;
    private final LinkType linkType;
    private final int snapshotLength;
    private final boolean nanos;
    private final Object readLock = new Object();
    private final Object keepLock = new Object();
    private final List<PcapRecord> kept = new ArrayList<>();
    private int count;
    private volatile boolean closed;

    private PcapLive(String iface, Options options, PcapHandle handle, PcapHandle sender) {
        this.iface = iface;
        this.options = options;
        this.handle = handle;
        this.sender = sender;
        this.linkType = LinkType.ofDlt(handle.getDlt().value());
        int snap;
        try {
            snap = handle.getSnapshot();
        } catch (NotOpenException e) {
            throw new IllegalStateException(iface + ": capture closed while opening", e);
        }
        this.snapshotLength = snap;
        this.nanos = handle.getTimestampPrecision() == PcapHandle.TimestampPrecision.NANO;
    }

    /** Opens a capture of every frame on {@code iface}; see {@link #open(String, Options)}. */
    public static PcapLive open(String iface) {
        return open(iface, Options.DEFAULTS);
    }

    /**
     * Opens a capture on {@code iface} of the calling thread's network namespace.
     *
     * @throws PcapLiveException        no CAP_NET_RAW, no such interface here, interface down
     * @throws IllegalArgumentException the filter does not compile (libpcap's message)
     * @throws PcapUnavailableException libpcap is not installed
     */
    public static PcapLive open(String iface, Options options) {
        Field.nonNull("iface", iface);
        Field.nonNull("options", options);
        Libpcap.ensureLoaded();
        PcapHandle handle;
        try {
            handle = new PcapHandle.Builder(iface)
                    .snaplen(options.snapshotLength())
                    .promiscuousMode(options.promiscuous()
                            ? PcapNetworkInterface.PromiscuousMode.PROMISCUOUS
                            : PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS)
                    .timeoutMillis(options.readTimeoutMillis())
                    .immediateMode(options.immediate())
                    // Linux captures have nanosecond stamps; pcap4j falls back to micro elsewhere.
                    .timestampPrecision(PcapHandle.TimestampPrecision.NANO)
                    .build();
        } catch (PcapNativeException e) {
            throw openFailure(iface, e);
        }
        PcapHandle sender = null;
        try {
            sender = openSender(iface);
            if (options.direction() != Direction.BOTH) {
                handle.setDirection(options.direction() == Direction.IN
                        ? PcapHandle.PcapDirection.IN : PcapHandle.PcapDirection.OUT);
            }
            if (options.filter() != null) setFilter(handle, options.filter());
            return new PcapLive(iface, options, handle, sender);
        } catch (PcapNativeException | NotOpenException e) {
            handle.close();
            if (sender != null) sender.close();
            throw new PcapLiveException("Cannot set up the capture on " + iface + " (" + reason(e) + ").", e);
        } catch (RuntimeException | Error e) {
            handle.close();
            if (sender != null) sender.close();
            throw e;
        }
    }

    /**
     * A second handle, for sending only. The kernel never hands a packet socket the frames it
     * sent itself (dev_queue_xmit_nit skips the originating socket), so frames sent on the capture
     * handle would be missing from the capture; sent from another socket, they show up as
     * outgoing frames with the kernel's timestamps, as tcpdump shows a scapy sendp. Its filter
     * drops every frame, so its small ring stays empty.
     */
    private static PcapHandle openSender(String iface) throws PcapNativeException, NotOpenException {
        PcapHandle h;
        try {
            h = new PcapHandle.Builder(iface).snaplen(64).bufferSize(1 << 16).timeoutMillis(1000)
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.NONPROMISCUOUS).build();
        } catch (PcapNativeException e) {
            throw openFailure(iface, e);
        }
        try {
            h.setFilter("less 0", BpfProgram.BpfCompileMode.OPTIMIZE, PcapHandle.PCAP_NETMASK_UNKNOWN);
            return h;
        } catch (PcapNativeException | NotOpenException | RuntimeException e) {
            h.close();
            throw e;
        }
    }

    private static void setFilter(PcapHandle handle, String filter) throws NotOpenException {
        try {
            // Netmask unknown, as Bpf and tcpdump without an IPv4 address: only "broadcast" needs it.
            handle.setFilter(filter, BpfProgram.BpfCompileMode.OPTIMIZE, PcapHandle.PCAP_NETMASK_UNKNOWN);
        } catch (PcapNativeException e) {
            throw new IllegalArgumentException("filter '" + filter + "': " + reason(e), e);
        }
    }

    private static PcapLiveException openFailure(String iface, PcapNativeException e) {
        Integer rc = e.getReturnCode();
        String why = reason(e);
        if (rc != null && rc == PCAP_ERROR_PERM_DENIED) {
            return new PcapLiveException("Capturing on " + iface + " needs CAP_NET_RAW (" + why + "): run as root, e.g. with sudo.", e);
        }
        if (rc != null && rc == PCAP_ERROR_NO_SUCH_DEVICE) {
            return new PcapLiveException("There is no interface " + iface + " in this thread's network namespace (" + why
                    + "): open the capture from inside the lab's namespace, e.g. with Lab.openCapture.", e);
        }
        if (rc != null && rc == PCAP_ERROR_IFACE_NOT_UP) {
            return new PcapLiveException("Interface " + iface + " is down (" + why + "): bring it up before capturing.", e);
        }
        return new PcapLiveException("Cannot capture on " + iface + " (" + why + "): check the interface name and permissions.", e);
    }

    /** libpcap's words without pcap4j's prefix ("Error occured in pcap_compile: "). */
    private static String reason(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
        for (String prefix : new String[] {"Error occured in pcap_compile: ", "Error occured in pcap_setfilger: ",
                "Error occurred in pcap_sendpacket(): "}) {
            if (m.startsWith(prefix)) return m.substring(prefix.length()).strip();
        }
        return m;
    }

    public String iface() {
        return iface;
    }

    public Options options() {
        return options;
    }

    /** The capture's link type ({@link LinkType#ETHERNET} on veth, {@link LinkType#RAW} on TUN). */
    public LinkType linkType() {
        return linkType;
    }

    /** The snapshot length libpcap applies (what {@link #dump} writes in the file header). */
    public int snapshotLength() {
        return snapshotLength;
    }

    /** Whether timestamps have nanosecond resolution (otherwise microseconds, the last 3 digits 0). */
    public boolean nanosecondTimestamps() {
        return nanos;
    }

    // ---------------------------------------------------------------------------------- send

    /**
     * Sends {@code frame} out of the interface as given, link-layer header included
     * ({@code pcap_sendpacket}): nothing is computed or corrected. The capture sees it as an
     * outgoing frame (unless its filter or {@link Direction#IN} drops it).
     *
     * @throws PcapLiveException if libpcap refuses it (e.g. longer than the MTU allows)
     */
    public void sendp(Bytes frame) {
        Field.nonNull("frame", frame);
        checkOpen();
        byte[] b = frame.toByteArray();
        try {
            sender.sendPacket(b, b.length);
        } catch (PcapNativeException e) {
            throw new PcapLiveException("Cannot send a " + b.length + "-byte frame on " + iface + " (" + reason(e)
                    + "): check its length against the link's MTU.", e);
        } catch (NotOpenException e) {
            throw closedError(e);
        }
    }

    // ------------------------------------------------------------------------------- receive

    /**
     * The next frame, or null when none came within {@code timeoutMillis} or the capture was
     * closed meanwhile. The record is kept for {@link #dump}.
     */
    public PcapRecord next(long timeoutMillis) {
        synchronized (readLock) {
            checkOpen();
            return read(System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L);
        }
    }

    /**
     * Captures up to {@code count} frames for at most {@code timeoutMillis}; returns them in
     * arrival order, fewer on timeout or when the capture is closed meanwhile.
     */
    public List<PcapRecord> sniff(int count, long timeoutMillis) {
        if (count < 0) throw new IllegalArgumentException("count: " + count + " (expected: 0..)");
        synchronized (readLock) {
            checkOpen();
            long deadline = System.nanoTime() + Math.max(0, timeoutMillis) * 1_000_000L;
            List<PcapRecord> out = new ArrayList<>(Math.min(count, 1024));
            while (out.size() < count) {
                PcapRecord r = read(deadline);
                if (r == null) break;
                out.add(r);
            }
            return out;
        }
    }

    // Reads until a frame comes, the deadline passes, or the capture closes (null for both).
    private PcapRecord read(long deadline) {
        long delay = Math.max(0, deadline - System.nanoTime());
        ScheduledFuture<?> alarm = ALARMS.schedule(this::breakRead, delay, TimeUnit.NANOSECONDS);
        try {
            while (!closed) {
                byte[] frame;
                Timestamp ts;
                Integer originalLength;
                try {
                    frame = handle.getNextRawPacketEx();
                    // pcap4j keeps both per thread: read them on the thread that read the frame.
                    ts = handle.getTimestamp();
                    originalLength = handle.getOriginalLength();
                } catch (TimeoutException | EOFException e) {
                    // A read timeout (0), or pcap_breakloop (-2, EOF to pcap4j): from the alarm,
                    // from close(), or left over from an alarm that fired just after the last
                    // read returned a frame (then the deadline has not passed: read again).
                    if (closed || System.nanoTime() - deadline >= 0) return null;
                    continue;
                } catch (NotOpenException e) {
                    return null;
                } catch (PcapNativeException e) {
                    if (closed) return null;
                    throw new PcapLiveException("Capture on " + iface + " failed (" + reason(e) + "): the interface may be gone.", e);
                }
                return keep(frame, ts, originalLength);
            }
            return null;
        } finally {
            alarm.cancel(false);
        }
    }

    private void breakRead() {
        try {
            handle.breakLoop();
        } catch (NotOpenException | RuntimeException e) {
            // Closed meanwhile: nobody is reading.
        }
    }

    private PcapRecord keep(byte[] frame, Timestamp ts, Integer originalLength) {
        // pcap4j builds the Timestamp from tv_sec * 1000 ms, then sets the nanos of the second.
        long stamp = Math.floorDiv(ts.getTime(), 1000) * NANOS + ts.getNanos();
        synchronized (keepLock) {
            count++;
            PcapRecord r = new PcapRecord(count, stamp, originalLength == null ? frame.length : originalLength,
                    linkType, Bytes.wrap(frame));
            kept.add(r);
            return r;
        }
    }

    /** The records returned so far (since the last {@link #clear()}), in arrival order. */
    public List<PcapRecord> captured() {
        synchronized (keepLock) {
            return List.copyOf(kept);
        }
    }

    /** Forgets the kept records; numbering goes on (frame numbers stay unique per capture). */
    public void clear() {
        synchronized (keepLock) {
            kept.clear();
        }
    }

    /**
     * Writes the kept records to {@code file} (replaced) as a pcap file of this capture's link
     * type and snapshot length, with nanosecond timestamps; returns how many were written.
     */
    public int dump(Path file) throws IOException {
        List<PcapRecord> records = captured();
        try (PcapWriter out = PcapWriter.open(file, linkType, snapshotLength, TimestampPrecision.NANO)) {
            for (PcapRecord r : records) out.write(r);
            out.flush();
            return out.count();
        }
    }

    /** libpcap's counters; see {@link Stats}. */
    public Stats stats() {
        checkOpen();
        try {
            PcapStat s = handle.getStats();
            return new Stats(s.getNumPacketsReceived(), s.getNumPacketsDropped(), s.getNumPacketsDroppedByIf());
        } catch (PcapNativeException e) {
            throw new PcapLiveException("Cannot read the counters of the capture on " + iface + " (" + reason(e) + ").", e);
        } catch (NotOpenException e) {
            throw closedError(e);
        }
    }

    /** The pcap4j handle, for what this class does not offer (the tests read its socket). */
    PcapHandle handle() {
        return handle;
    }

    public boolean isClosed() {
        return closed;
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("capture on " + iface + " is closed");
    }

    private IllegalStateException closedError(NotOpenException e) {
        return new IllegalStateException("capture on " + iface + " is closed", e);
    }

    /**
     * Breaks a read in progress ({@code pcap_breakloop}: its reader returns what it has) and
     * closes the handle; waits at most one read timeout for the reader to leave libpcap.
     */
    @Override
    public void close() {
        if (closed) return;
        closed = true;
        sender.close();
        try {
            handle.breakLoop();
        } catch (NotOpenException e) {
            return; // closed already
        }
        // pcap4j's close takes its handle's write lock, so it waits for a reader inside
        // pcap_next_ex; the break above gets it out.
        handle.close();
    }

    @Override
    public String toString() {
        return "PcapLive[" + iface + ", " + linkType + (options.filter() == null ? "" : ", '" + options.filter() + "'")
                + (closed ? ", closed" : "") + "]";
    }
}
