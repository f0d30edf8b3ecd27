package org.mptcpkit.io;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

import org.mptcpkit.io.lab.Lab;
import org.mptcpkit.io.net.Answers;
import org.mptcpkit.io.net.Frame;
import org.mptcpkit.io.net.PacketSocket;
import org.mptcpkit.io.net.PacketSource;
import org.mptcpkit.io.net.RawSocket;
import org.mptcpkit.io.net.Sniffer;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.wire.Diagnostic;
import org.mptcpkit.wire.Diagnostics;
import org.mptcpkit.wire.PacketCodec;

/**
 * Packets in and out of a {@link Lab}'s peer side, as model values: scapy's {@code send},
 * {@code sendp}, {@code sniff}, {@code AsyncSniffer}, {@code sr} and {@code sr1}.
 *
 * <ul>
 * <li>{@link #send(IpPacket)} and {@link #send(List)}: layer 3, routed by the peer namespace's
 * kernel out of a reused raw socket (batched with {@code sendmmsg}); Linux fills in the IPv4
 * header checksum and total length on raw sockets.</li>
 * <li>{@link #sendp(IpPacket)}: layer 2, in an Ethernet frame to the kernel link's MAC, byte for
 * byte as encoded (a wrong IPv4 checksum or total length stays wrong); {@link #sendp(Bytes)}
 * sends a whole frame as given.</li>
 * <li>{@link #receive(long)}: the next packet the kernel under test sent, decoded, from a capture
 * that is open from construction to {@link #close()}, so nothing sent in between is missed.</li>
 * <li>{@link #sniff(String, int, long)} and {@link #startSniffer(String, Consumer)}: captures with a
 * tcpdump filter on a socket of their own (the filter runs in the kernel).</li>
 * <li>{@link #sr1(IpPacket, long)} and {@link #sr(List, long)}: send, then pair each answer with
 * its packet by {@link Answers}' TCP-aware rules.</li>
 * </ul>
 *
 * <p>Encoding writes into one buffer per object; nothing is allocated per packet sent beyond the
 * copy a layer-2 or TUN write needs. On TUN labs packets are written to and read from the TUN
 * device (no kernel-side filters there: {@link #sniff(String, int, long)} needs a veth lab).
 *
 * <pre>{@code
 * try (Lab lab = Lab.builder().ipv6Paths(0).echoServer(8080).build(); PacketIo io = PacketIo.open(lab)) {
 *     PacketIo.Received synAck = io.sr1(syn, 1000);   // null after 1 s of silence
 *     Tcp t = synAck.tcp();
 * }
 * }</pre>
 */
public final class PacketIo implements AutoCloseable {
    private static final int MAX_PACKET = 65535;
    private static final int ETH_HEADER = 14;

    private final Lab lab;
    private final boolean tun;
    private final PacketSocket capture; // null on TUN labs: the TUN device is the source
    private final EnumMap<RawSocket.IpVersion, RawSocket> senders = new EnumMap<>(RawSocket.IpVersion.class);
    private PacketSocket layer2;
    private final Object sendLock = new Object();
    private final byte[] out = new byte[ETH_HEADER + MAX_PACKET];
    private byte[][] batch = new byte[0][];
    private volatile boolean closed;

    /** A packet the kernel sent, decoded leniently, with its bytes, diagnostics and capture time. */
    public record Received(IpPacket packet, Bytes bytes, List<Diagnostic> diagnostics, long epochNanos) {
        /** The TCP segment; {@link IllegalStateException} when the packet carries none. */
        public org.mptcpkit.packet.Tcp tcp() {
            return packet.tcp().orElseThrow(() -> new IllegalStateException("not a TCP packet: " + packet));
        }

        public boolean isTcp() {
            return packet.tcp().isPresent();
        }

        static Received of(Frame f) {
            Diagnostics diag = Diagnostics.lenient();
            byte[] copy = f.data().toByteArray();
            IpPacket p = PacketCodec.decode(copy, 0, copy.length, diag);
            return new Received(p, f.data(), diag.list(), f.epochNanos());
        }
    }

    private PacketIo(Lab lab) {
        this.lab = lab;
        this.tun = lab.linkType() == Lab.LinkType.TUN;
        this.capture = tun ? null : lab.openSniffer(true);
    }

    /** Opens packet I/O on {@code lab}'s peer side; its capture starts now. */
    public static PacketIo open(Lab lab) {
        return new PacketIo(lab);
    }

    public Lab lab() {
        return lab;
    }

    // ---------------------------------------------------------------------------------- send

    /** Sends {@code packet} at layer 3 (routed by the peer namespace). */
    public void send(IpPacket packet) {
        synchronized (sendLock) {
            checkOpen();
            int n = PacketCodec.encode(packet, out, 0);
            if (tun) {
                lab.tun().write(out, 0, n);
            } else {
                sender(out, 0, n).send(out, 0, n);
            }
        }
    }

    /** Sends every packet, in order; a run of one IP version goes out in {@code sendmmsg} batches. */
    public void send(List<? extends IpPacket> packets) {
        synchronized (sendLock) {
            checkOpen();
            if (tun) {
                for (IpPacket p : packets) send(p);
                return;
            }
            if (batch.length < packets.size()) batch = new byte[packets.size()][];
            int from = 0;
            int version = -1;
            for (int i = 0; i < packets.size(); i++) {
                byte[] b = PacketCodec.encode(packets.get(i));
                int v = b.length == 0 ? -1 : (b[0] & 0xff) >> 4;
                if (i > from && v != version) {
                    sender(batch[from], 0, batch[from].length).sendAll(batch, from, i - from);
                    from = i;
                }
                batch[i] = b;
                version = v;
            }
            if (from < packets.size()) sender(batch[from], 0, batch[from].length).sendAll(batch, from, packets.size() - from);
            java.util.Arrays.fill(batch, 0, packets.size(), null);
        }
    }

    /**
     * Sends {@code packet} at layer 2: an Ethernet header (to the kernel link's MAC, from the
     * peer's) and the packet exactly as encoded, past the peer's IP stack. On TUN labs, the same
     * as {@link #send(IpPacket)} (a TUN write is already below IP).
     */
    public void sendp(IpPacket packet) {
        synchronized (sendLock) {
            checkOpen();
            if (tun) {
                send(packet);
                return;
            }
            int n = PacketCodec.encode(packet, out, ETH_HEADER);
            lab.kernelMac().copyTo(out, 0);
            lab.peerMac().copyTo(out, 6);
            int etherType = n > 0 && (out[ETH_HEADER] & 0xf0) == 0x60 ? 0x86dd : 0x0800;
            out[12] = (byte) (etherType >> 8);
            out[13] = (byte) etherType;
            layer2().send(out, 0, ETH_HEADER + n);
        }
    }

    /** Sends a whole Ethernet frame, as given, out of the peer's link (veth labs). */
    public void sendp(Bytes frame) {
        synchronized (sendLock) {
            checkOpen();
            if (tun) throw new IllegalStateException("a TUN lab has no layer 2: use send(packet)");
            layer2().send(frame);
        }
    }

    private RawSocket sender(byte[] b, int off, int len) {
        if (len == 0) throw new IllegalArgumentException("empty packet");
        int version = (b[off] & 0xff) >> 4;
        if (version != 4 && version != 6) {
            throw new IllegalArgumentException("not an IP packet (version " + version + "): send it with sendp at layer 2");
        }
        RawSocket.IpVersion v = version == 4 ? RawSocket.IpVersion.IPV4 : RawSocket.IpVersion.IPV6;
        return senders.computeIfAbsent(v, lab::openRawSocket);
    }

    private PacketSocket layer2() {
        if (layer2 == null) layer2 = lab.openSniffer(false);
        return layer2;
    }

    // ------------------------------------------------------------------------------- receive

    /** The next packet the kernel sent (this object's own capture), or null after {@code timeoutMillis}. */
    public Received receive(long timeoutMillis) {
        checkOpen();
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            Frame f = source().receive(left);
            if (f == null) return null;
            if (fromKernel(f)) return Received.of(f);
            // Our own packet: skip it and look at the next (a zero wait still drains the queue).
        }
    }

    /** Discards what the capture queued so far; returns how many packets it dropped. */
    public int drain() {
        checkOpen();
        int n = 0;
        while (source().receive(0) != null) n++;
        return n;
    }

    /**
     * Captures up to {@code count} packets the kernel sent that match the tcpdump expression
     * {@code filter} (null: all), for at most {@code timeoutMillis}, on a socket of its own opened
     * now; returns them in arrival order, fewer on timeout.
     */
    public List<Received> sniff(String filter, int count, long timeoutMillis) {
        checkOpen();
        try (PacketSocket s = filteredSocket(filter)) {
            List<Received> got = new ArrayList<>();
            for (Frame f : Sniffer.sniff(s, count, timeoutMillis, this::fromKernel)) got.add(Received.of(f));
            return got;
        }
    }

    /** A background capture; {@link #stop()} ends it and returns what is still queued. */
    public static final class Capture implements AutoCloseable {
        private final Sniffer sniffer;
        private final PacketSocket socket;

        private Capture(Sniffer sniffer, PacketSocket socket) {
            this.sniffer = sniffer;
            this.socket = socket;
        }

        /** The next queued packet (queueing captures only), or null after {@code timeoutMillis}. */
        public Received next(long timeoutMillis) {
            Frame f = sniffer.next(timeoutMillis);
            return f == null ? null : Received.of(f);
        }

        public long captured() {
            return sniffer.captured();
        }

        /** Stops the capture; rethrows what ended it early (a failing callback). */
        public List<Received> stop() {
            try {
                List<Received> rest = new ArrayList<>();
                for (Frame f : sniffer.stop()) rest.add(Received.of(f));
                return rest;
            } finally {
                socket.close();
            }
        }

        @Override
        public void close() {
            stop();
        }
    }

    /**
     * Starts capturing, on its own socket and thread, what the kernel sends that matches
     * {@code filter} (null: all): each packet goes to {@code callback}, or, when it is null, to a
     * queue read by {@link Capture#next(long)}.
     */
    public Capture startSniffer(String filter, Consumer<Received> callback) {
        checkOpen();
        PacketSocket s = filteredSocket(filter);
        Predicate<Frame> kernelOnly = this::fromKernel;
        Sniffer sn = callback == null ? Sniffer.start(s, kernelOnly) : Sniffer.start(s, kernelOnly, f -> callback.accept(Received.of(f)));
        return new Capture(sn, s);
    }

    private PacketSocket filteredSocket(String filter) {
        if (tun) throw new IllegalStateException("capture filters need a veth lab (a TUN device is read by one reader: use receive)");
        PacketSocket s = lab.openSniffer(true);
        try {
            if (filter != null && !filter.isBlank()) s.setFilter(filter);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    // ------------------------------------------------------------------------------------ sr

    /**
     * Sends {@code packet} and returns the kernel's first answer to it, or null after
     * {@code timeoutMillis}. Packets queued before the call are discarded first; packets that
     * arrive while waiting and are not the answer are consumed.
     */
    public Received sr1(IpPacket packet, long timeoutMillis) {
        checkOpen();
        drain();
        Bytes sent;
        synchronized (sendLock) {
            int n = PacketCodec.encode(packet, out, 0);
            sent = Bytes.copyOf(out, 0, n);
            if (tun) {
                lab.tun().write(out, 0, n);
            } else {
                sender(out, 0, n).send(out, 0, n);
            }
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left < 0) return null;
            Frame f = source().receive(left);
            if (f == null) return null;
            if (fromKernel(f) && Answers.isAnswer(sent, f.data())) return Received.of(f);
        }
    }

    /**
     * Sends every packet, then collects answers until each has one or {@code timeoutMillis}
     * passes; returns the answers in the packets' order, null where none came.
     */
    public List<Received> sr(List<? extends IpPacket> packets, long timeoutMillis) {
        checkOpen();
        drain();
        List<Bytes> sent = new ArrayList<>(packets.size());
        for (IpPacket p : packets) sent.add(Bytes.wrap(PacketCodec.encode(p)));
        send(packets);
        Received[] answers = new Received[packets.size()];
        int open = answers.length;
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (open > 0) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left < 0) break;
            Frame f = source().receive(left);
            if (f == null) break;
            if (!fromKernel(f)) continue;
            for (int i = 0; i < answers.length; i++) {
                if (answers[i] == null && Answers.isAnswer(sent.get(i), f.data())) {
                    answers[i] = Received.of(f);
                    open--;
                    break;
                }
            }
        }
        return java.util.Arrays.asList(answers);
    }

    /**
     * Whether {@code received} answers {@code sent}: {@link Answers}' TCP-aware rules applied to
     * the two packets as the codec encodes them (the rules read wire fields, so the same test
     * holds for crafted and captured packets alike).
     */
    public static boolean isAnswer(IpPacket sent, IpPacket received) {
        return Answers.isAnswer(Bytes.wrap(PacketCodec.encode(sent)), Bytes.wrap(PacketCodec.encode(received)));
    }

    // ---------------------------------------------------------------------------------------

    private PacketSource source() {
        return tun ? lab.tun() : capture;
    }

    // A veth capture also sees the peer's own sends (outgoing); a TUN device only what the kernel wrote.
    private boolean fromKernel(Frame f) {
        return tun || !f.isOutgoing();
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("packet I/O is closed");
        if (lab.isClosed()) throw new IllegalStateException("the lab is closed");
    }

    @Override
    public void close() {
        synchronized (sendLock) {
            if (closed) return;
            closed = true;
            if (capture != null) capture.close();
            if (layer2 != null) layer2.close();
            for (RawSocket r : senders.values()) r.close();
            senders.clear();
        }
    }
}
