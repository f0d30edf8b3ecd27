package org.mptcpkit.peer;

import java.io.ByteArrayOutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

import org.mptcpkit.crypto.AddAddrHmac;
import org.mptcpkit.crypto.MpJoinHmac;
import org.mptcpkit.crypto.MptcpKeys;
import org.mptcpkit.io.PacketIo;
import org.mptcpkit.io.lab.Lab;
import org.mptcpkit.io.sys.SockAddr;
import org.mptcpkit.packet.AddAddr;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Dss;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip4Address;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.Ip6Address;
import org.mptcpkit.packet.IpAddress;
import org.mptcpkit.packet.IpPacket;
import org.mptcpkit.packet.MpCapable;
import org.mptcpkit.packet.MpFastclose;
import org.mptcpkit.packet.MpJoin;
import org.mptcpkit.packet.MpPrio;
import org.mptcpkit.packet.MpTcpRst;
import org.mptcpkit.packet.MptcpOption;
import org.mptcpkit.packet.Mss;
import org.mptcpkit.packet.Nop;
import org.mptcpkit.packet.RemoveAddr;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.packet.TcpFlags;
import org.mptcpkit.packet.TcpOption;
import org.mptcpkit.packet.Timestamps;
import org.mptcpkit.wire.TcpOptionCodec;

/**
 * A Multipath TCP client, packet by packet, towards the kernel under test in a {@link Lab}
 * (crafted mode: the peer side's own kernel stays silent). It keeps the connection's state as
 * RFC 8684 defines it and shows every packet it sends and receives.
 *
 * <pre>{@code
 * try (Lab lab = Lab.builder().ipv4Paths(2).ipv6Paths(0).echoServer(8080).build();
 *      MptcpPeer peer = MptcpPeer.builder(lab).build()) {
 *     peer.connect();                                   // SYN, SYN-ACK, ACK with both keys
 *     peer.send(Bytes.of("hello".getBytes()));          // DSS mapping + data ACK
 *     Step echo = peer.receive(5, 1000);                // kernel data, reassembled, acknowledged
 *     Subflow sf = peer.join(InetAddress.ofLiteral("10.0.1.2"), 2).subflow(); // MP_JOIN, HMACs checked
 *     peer.send(sf, Bytes.of("more".getBytes()));
 *     peer.close(1000);                                 // DATA_FIN, then subflow FINs
 *     System.out.println(peer);                         // state, then every step's packets
 * }
 * }</pre>
 *
 * <p><b>Steps.</b> Every public action is a step: it returns a {@link Step} (the packets it sent
 * and received, in order), which is also appended to {@link #transcript()}. Packets the kernel
 * sends during a step are processed as they come: data is acknowledged at once (subflow ACK and
 * DATA_ACK), retransmissions are acknowledged again and dropped, DATA_ACKs advance
 * {@link #dataSndUna()}, DATA_FINs and FINs are acknowledged.
 *
 * <p><b>By hand.</b> Each packet the peer sends has a {@code prepareX} that returns it without
 * sending it and without changing any state, and a sending form that takes a
 * {@code UnaryOperator<IpPacket>} applied just before it goes out: break one field, the rest
 * stays right, and the peer's state advances as if the intended packet had been sent (so the
 * next packets still carry the sequence numbers a correct peer would use). Multi-packet steps
 * ({@link #connect()}, {@link #join}) are the single-packet steps in a row
 * ({@link #sendSyn}, {@link #awaitSynAck}, {@link #sendThirdAck}; {@link #sendJoinSyn},
 * {@link #awaitJoinSynAck}, {@link #sendJoinAck}, {@link #awaitJoinAck}).
 *
 * <p><b>Waits.</b> Every wait has a timeout ({@link Builder#timeoutMillis}, default 1000 ms) and
 * fails with a {@link PeerException} naming what did not come and from where, for instance
 * {@code "no SYN-ACK from 10.0.0.1:8080 within 1000 ms"}.
 *
 * <p>Not thread-safe: one thread drives a peer.
 */
public final class MptcpPeer implements AutoCloseable {
    /** Where the connection is in its life. */
    public enum State { NEW, SYN_SENT, ESTABLISHED, DATA_FIN_SENT, CLOSED, FAST_CLOSED, RESET }

    private static final int MAX_OPTIONS = 40;
    private static final int WINDOW = 65535;
    private static final int VERSION = MptcpKeys.V1;

    private final PacketIo io;
    private final boolean ownsIo;
    private final Random random;
    private InetAddress remoteAddress;
    private int remotePort;
    private final boolean passive;
    private final InetAddress listenAddress;
    private final int listenPort;
    private final java.util.ArrayDeque<PacketIo.Received> incomingSyns = new java.util.ArrayDeque<>();
    private final java.util.Map<Integer, InetAddress> announced = new java.util.HashMap<>();
    private final boolean requestChecksum;
    private final boolean useTimestamps;
    private final int mss;
    private final long timeoutMillis;
    private boolean autoAck;
    private final long tsBase = System.nanoTime();

    // Connection state (RFC 8684 §3.1, §3.3).
    private State state = State.NEW;
    private final long localKey;
    private long remoteKey;
    private boolean remoteKeyKnown;
    private boolean checksums;
    private boolean remoteChecksumRequired;
    private long dataSndNxt;      // next DSN the peer sends
    private long dataSndUna;      // highest DATA_ACK from the kernel
    private long dataRcvNxt;      // next DSN expected from the kernel: the peer's DATA_ACK
    private boolean dataFinReceived;
    private boolean dataFinPending;
    private long dataFinDsn;
    private boolean remoteDss;    // the kernel sent a DSS: the connection is fully established
    private long fastCloseKeyReceived = -1;
    private final TreeMap<Long, byte[]> outOfOrder = new TreeMap<>(); // key: DSN - remote IDSN
    private final ByteArrayOutputStream readable = new ByteArrayOutputStream();
    private long bytesDelivered;
    private final List<Subflow> subflows = new ArrayList<>();
    private final List<AddAddr> addAddrReceived = new ArrayList<>();
    private final List<Integer> addAddrEchoed = new ArrayList<>();
    private final List<Step> transcript = new ArrayList<>();

    // The step being recorded.
    private String stepName;
    private final List<Event> stepEvents = new ArrayList<>();

    private MptcpPeer(Builder b) {
        this.io = b.io != null ? b.io : PacketIo.open(b.lab);
        this.ownsIo = b.io == null;
        this.random = b.seed == null ? new SecureRandom() : new Random(b.seed);
        Lab.Subnet first = b.lab.subnets().get(0);
        this.remoteAddress = b.remoteAddress != null ? b.remoteAddress : first.kernel();
        InetAddress local = b.localAddress != null ? b.localAddress : sameFamilyPeer(b.lab, remoteAddress);
        this.passive = b.listenPort > 0;
        this.listenAddress = local;
        this.listenPort = b.listenPort;
        if (passive) {
            this.remotePort = 0; // known with the kernel's SYN
        } else if (b.remotePort > 0) {
            this.remotePort = b.remotePort;
        } else if (b.lab.server() != null) {
            this.remotePort = b.lab.server().port();
        } else {
            throw new IllegalArgumentException("remote port: the lab runs no server (set Builder.remotePort)");
        }
        this.requestChecksum = b.checksum;
        this.useTimestamps = b.timestamps;
        this.mss = b.mss;
        this.timeoutMillis = b.timeoutMillis;
        this.autoAck = b.autoAck;
        this.localKey = b.localKey != null ? b.localKey : random.nextLong();
        if (!passive) {
            int port = b.localPort > 0 ? b.localPort : ephemeralPort();
            subflows.add(new Subflow(0, false, local, port, remoteAddress, remotePort, 0));
        }
    }

    private static InetAddress sameFamilyPeer(Lab lab, InetAddress remote) {
        for (Lab.Subnet s : lab.subnets()) {
            if ((s.kernel() instanceof Inet4Address) == (remote instanceof Inet4Address)) return s.peer();
        }
        throw new IllegalArgumentException("no peer address of " + SockAddr.format(remote) + "'s family in the lab");
    }

    public static Builder builder(Lab lab) {
        return new Builder(lab);
    }

    // ----------------------------------------------------------------------------- state

    public State state() {
        return state;
    }

    /** The peer's key (K_A), 64 bits as on the wire. */
    public long localKey() {
        return localKey;
    }

    /** The kernel's key (K_B), from its SYN-ACK; {@link IllegalStateException} before it. */
    public long remoteKey() {
        requireRemoteKey();
        return remoteKey;
    }

    public long localToken() {
        return MptcpKeys.token(localKey, VERSION);
    }

    /** The kernel's token: what an MP_JOIN SYN carries. */
    public long remoteToken() {
        requireRemoteKey();
        return MptcpKeys.token(remoteKey, VERSION);
    }

    public long localIdsn() {
        return MptcpKeys.idsn(localKey, VERSION);
    }

    public long remoteIdsn() {
        requireRemoteKey();
        return MptcpKeys.idsn(remoteKey, VERSION);
    }

    /** Whether DSS checksums are in use (either side asked with flag A, RFC 8684 §3.1). */
    public boolean checksums() {
        return checksums;
    }

    /** The next data sequence number the peer sends. */
    public long dataSndNxt() {
        return dataSndNxt;
    }

    /** The kernel's highest DATA_ACK: data below it reached the kernel's MPTCP socket. */
    public long dataSndUna() {
        return dataSndUna;
    }

    /** The next data sequence number expected from the kernel: the peer's DATA_ACK. */
    public long dataRcvNxt() {
        return dataRcvNxt;
    }

    /** Whether the kernel's DATA_FIN arrived (and was acknowledged). */
    public boolean dataFinReceived() {
        return dataFinReceived;
    }

    /** Application bytes received in order so far (read or not). */
    public long bytesDelivered() {
        return bytesDelivered;
    }

    /** The subflows, in the order they were opened; index 0 is the MP_CAPABLE one. */
    public List<Subflow> subflows() {
        return Collections.unmodifiableList(subflows);
    }

    public Subflow subflow(int index) {
        return subflows.get(index);
    }

    /** ADD_ADDRs the kernel announced (echoes excluded). */
    public List<AddAddr> addressesAnnounced() {
        return Collections.unmodifiableList(addAddrReceived);
    }

    /** Ids of the peer's ADD_ADDRs the kernel echoed. */
    public List<Integer> addressesEchoed() {
        return Collections.unmodifiableList(addAddrEchoed);
    }

    /**
     * Whether the peer acknowledges the kernel's data, FINs and DATA_FINs by itself (default
     * true). Off, it records them and waits for {@link #ack}: the kernel then retransmits, which
     * the peer recognises as duplicates.
     */
    public void autoAck(boolean on) {
        this.autoAck = on;
    }

    public boolean autoAck() {
        return autoAck;
    }

    /** Every step so far, in order. */
    public List<Step> transcript() {
        return Collections.unmodifiableList(transcript);
    }

    /** An immutable snapshot of the connection's and every subflow's state. */
    public PeerState snapshot() {
        List<PeerState.SubflowState> sfs = new ArrayList<>(subflows.size());
        for (Subflow s : subflows) sfs.add(PeerState.SubflowState.of(s));
        return new PeerState(state, localKey, remoteKeyKnown, remoteKeyKnown ? remoteKey : 0, localToken(),
                remoteKeyKnown ? remoteToken() : 0, localIdsn(), remoteKeyKnown ? remoteIdsn() : 0, checksums,
                dataSndNxt, dataSndUna, dataRcvNxt, dataFinReceived, sfs);
    }

    /** The connection's state and one line per subflow. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        b.append("connection ").append(state).append(" key 0x").append(Long.toHexString(localKey))
                .append(" token 0x").append(Long.toHexString(localToken())).append(" idsn ").append(Long.toUnsignedString(localIdsn()));
        if (remoteKeyKnown) {
            b.append(" | remote key 0x").append(Long.toHexString(remoteKey)).append(" token 0x").append(Long.toHexString(remoteToken()))
                    .append(" idsn ").append(Long.toUnsignedString(remoteIdsn()));
        }
        b.append("\n  data snd.nxt ").append(Long.toUnsignedString(dataSndNxt)).append(" snd.una ").append(Long.toUnsignedString(dataSndUna))
                .append(" rcv.nxt ").append(Long.toUnsignedString(dataRcvNxt)).append(checksums ? " checksums" : "")
                .append(dataFinReceived ? " data-fin-received" : "");
        for (Subflow s : subflows) b.append("\n  ").append(s);
        return b.toString();
    }

    /** {@link #describe()}, then the transcript. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(describe());
        for (Step s : transcript) b.append('\n').append(s);
        return b.toString();
    }

    // ------------------------------------------------------------------------ connect

    /** MP_CAPABLE handshake on subflow 0: SYN, SYN-ACK with the kernel's key, third ACK with both keys. */
    public Step connect() {
        List<Event> all = new ArrayList<>(sendSyn(UnaryOperator.identity()).events());
        all.addAll(awaitSynAck(timeoutMillis).events());
        all.addAll(sendThirdAck(UnaryOperator.identity()).events());
        return new Step("connect", all, Bytes.EMPTY, subflows.get(0));
    }

    /**
     * MP_CAPABLE handshake whose third ACK carries {@code firstData} (RFC 8684 §3.1, the
     * MP_CAPABLE with data form: DSN and SSN implied, checksum if negotiated).
     */
    public Step connect(Bytes firstData) {
        List<Event> all = new ArrayList<>(sendSyn(UnaryOperator.identity()).events());
        all.addAll(awaitSynAck(timeoutMillis).events());
        all.addAll(sendThirdAck(firstData, UnaryOperator.identity()).events());
        return new Step("connect with data", all, Bytes.EMPTY, subflows.get(0));
    }

    /** The SYN with MP_CAPABLE v1 (flag H, and A when checksums are requested), unsent. */
    public IpPacket prepareSyn() {
        if (passive) throw new IllegalStateException("a passive peer does not connect: it accepts (accept)");
        Subflow sf = subflows.get(0);
        MpCapable.Syn mpc = MpCapable.Syn.builder().checksumRequired(requestChecksum).build();
        return synPacket(sf, nextIss(), mpc);
    }

    private long pendingIss = -1;

    // The ISN of the next SYN is drawn once, so that prepareSyn() shows what sendSyn() sends.
    private long nextIss() {
        if (pendingIss < 0) pendingIss = random.nextInt() & 0xffffffffL;
        return pendingIss;
    }

    public Step sendSyn() {
        return sendSyn(UnaryOperator.identity());
    }

    public Step sendSyn(UnaryOperator<IpPacket> alter) {
        begin("connect: SYN");
        Subflow sf = subflows.get(0);
        if (sf.state != Subflow.State.NEW && sf.state != Subflow.State.SYN_SENT) {
            throw new IllegalStateException("the connection was already opened (subflow 0 is " + sf.state + ")");
        }
        IpPacket syn = prepareSyn();
        sf.iss = pendingIss;
        sf.sndNxt = sf.iss + 1 & 0xffffffffL;
        sf.sndUna = sf.iss;
        sf.state = Subflow.State.SYN_SENT;
        state = State.SYN_SENT;
        transmit(sf, syn, alter, "");
        return end(null, sf);
    }

    /** Waits for the kernel's SYN-ACK; it must carry MP_CAPABLE with the kernel's key. */
    public Step awaitSynAck(long timeoutMillis) {
        begin("connect: await SYN-ACK");
        Subflow sf = subflows.get(0);
        pump(timeoutMillis, () -> sf.state != Subflow.State.SYN_SENT);
        if (sf.state == Subflow.State.SYN_SENT) fail("no SYN-ACK from " + remote(sf) + " within " + timeoutMillis + " ms", sf);
        if (sf.state == Subflow.State.RESET) fail("the kernel refused the connection: RST from " + remote(sf), sf);
        if (!remoteKeyKnown) fail("the SYN-ACK from " + remote(sf) + " carries no MP_CAPABLE key: the kernel fell back to TCP", sf);
        return end(null, sf);
    }

    /** The third ACK: MP_CAPABLE with both keys (length 20), unsent. */
    public IpPacket prepareThirdAck() {
        requireRemoteKey();
        Subflow sf = subflows.get(0);
        MpCapable.Ack mpc = MpCapable.Ack.builder().checksumRequired(requestChecksum).senderKey(localKey).receiverKey(remoteKey).build();
        return packet(sf, TcpFlags.ACK, sf.sndNxt, sf.rcvNxt, List.of(mpc), Bytes.EMPTY);
    }

    /** The third ACK carrying {@code data}: MP_CAPABLE with data (length 22, or 24 with checksum), unsent. */
    public IpPacket prepareThirdAck(Bytes data) {
        requireRemoteKey();
        Subflow sf = subflows.get(0);
        MpCapable.AckData.Builder b = MpCapable.AckData.builder().checksumRequired(requestChecksum)
                .senderKey(localKey).receiverKey(remoteKey).dataLevelLength(data.length());
        if (checksums) b.checksum();
        return packet(sf, TcpFlags.PSH_ACK, sf.sndNxt, sf.rcvNxt, List.of(b.build()), data);
    }

    public Step sendThirdAck(UnaryOperator<IpPacket> alter) {
        begin("connect: third ACK");
        Subflow sf = subflows.get(0);
        IpPacket ack = prepareThirdAck();
        sf.state = Subflow.State.ESTABLISHED;
        state = State.ESTABLISHED;
        transmit(sf, ack, alter, "");
        pump(0, () -> false);
        return end(null, sf);
    }

    public Step sendThirdAck(Bytes data, UnaryOperator<IpPacket> alter) {
        begin("connect: third ACK with data");
        Subflow sf = subflows.get(0);
        if (data.isEmpty() || data.length() > 65535) throw new IllegalArgumentException("data: " + data.length() + " bytes (expected: 1..65535)");
        IpPacket ack = prepareThirdAck(data);
        sf.state = Subflow.State.ESTABLISHED;
        state = State.ESTABLISHED;
        sf.sndNxt = sf.sndNxt + data.length() & 0xffffffffL;
        dataSndNxt += data.length();
        transmit(sf, ack, alter, "");
        pump(0, () -> false);
        return end(null, sf);
    }

    // ------------------------------------------------------------------------ passive

    /**
     * Passive open (a peer built with {@link Builder#listen}): waits for the kernel's MP_CAPABLE
     * SYN, answers with the SYN-ACK carrying the peer's key, and waits for the kernel's third ACK
     * with both keys (or its first data, MP_CAPABLE with data).
     */
    public Step accept(long timeoutMillis) {
        List<Event> all = new ArrayList<>(awaitSyn(timeoutMillis).events());
        all.addAll(sendSynAck(UnaryOperator.identity()).events());
        all.addAll(awaitThirdAck(timeoutMillis).events());
        return new Step("accept", all, Bytes.EMPTY, subflows.get(0));
    }

    /** Waits for the kernel's MP_CAPABLE SYN to the listening address and port. */
    public Step awaitSyn(long timeoutMillis) {
        if (!passive) throw new IllegalStateException("an active peer does not accept: build it with listen(port)");
        if (!subflows.isEmpty()) throw new IllegalStateException("this peer already has its connection");
        begin("accept: await SYN");
        PacketIo.Received syn = takeSyn(timeoutMillis, (ip, t) -> t.dstPort() == listenPort
                && IpAddress.of(listenAddress).equals(dst(ip)) && t.option(MpCapable.Syn.class).isPresent());
        if (syn == null) {
            fail("no MP_CAPABLE SYN to " + endpoint(listenAddress, listenPort) + " within " + timeoutMillis + " ms", null);
        }
        Tcp t = syn.tcp();
        remoteAddress = src(syn.packet()).toInetAddress();
        remotePort = t.srcPort();
        Subflow sf = new Subflow(0, false, true, listenAddress, listenPort, remoteAddress, remotePort, 0);
        remoteChecksumRequired = t.option(MpCapable.Syn.class).get().checksumRequired();
        passiveSyn(sf, t);
        subflows.add(sf);
        return end(null, sf);
    }

    private void passiveSyn(Subflow sf, Tcp t) {
        sf.irs = t.seq();
        sf.rcvNxt = t.seq() + 1 & 0xffffffffL;
        sf.remoteWindow = t.window();
        t.option(Mss.class).ifPresent(m -> sf.remoteMss = m.mss());
        Timestamps ts = t.option(Timestamps.class).orElse(null);
        sf.timestamps = useTimestamps && ts != null;
        if (ts != null) sf.tsRecent = ts.tsVal();
        sf.iss = random.nextInt() & 0xffffffffL;
        sf.sndUna = sf.iss;
        sf.sndNxt = sf.iss;
        sf.state = Subflow.State.SYN_RECEIVED;
    }

    /** The SYN-ACK with MP_CAPABLE and the peer's key, unsent. */
    public IpPacket prepareSynAck() {
        Subflow sf = subflows.get(0);
        MpCapable.SynAck mpc = MpCapable.SynAck.builder().checksumRequired(requestChecksum).senderKey(localKey).build();
        return synAckPacket(sf, mpc);
    }

    public Step sendSynAck(UnaryOperator<IpPacket> alter) {
        begin("accept: SYN-ACK");
        Subflow sf = subflows.get(0);
        IpPacket p = prepareSynAck();
        sf.sndNxt = sf.iss + 1 & 0xffffffffL;
        transmit(sf, p, alter, "");
        return end(null, sf);
    }

    /** Waits for the kernel's third ACK with both keys (MP_CAPABLE ACK, or ACK with data). */
    public Step awaitThirdAck(long timeoutMillis) {
        begin("accept: await third ACK");
        Subflow sf = subflows.get(0);
        pump(timeoutMillis, () -> sf.state != Subflow.State.SYN_RECEIVED);
        if (sf.state == Subflow.State.SYN_RECEIVED) fail("no third ACK from " + remote(sf) + " within " + timeoutMillis + " ms", sf);
        if (sf.state == Subflow.State.RESET) fail("the kernel reset the connection: RST from " + remote(sf), sf);
        if (!remoteKeyKnown) fail("the third ACK from " + remote(sf) + " carries no MP_CAPABLE keys: the kernel fell back to TCP", sf);
        return end(null, sf);
    }

    /**
     * Passive join: waits for the kernel's MP_JOIN SYN carrying the peer's token (the kernel's
     * path manager opens one towards an address the peer announced), answers with the SYN-ACK
     * (truncated HMAC(K_kernel‖K_peer, R_kernel‖R_peer)), then verifies the kernel's ACK HMAC and
     * acknowledges it; a wrong HMAC is answered with a RST (MP_TCPRST) and fails the step.
     */
    public Step acceptJoin(long timeoutMillis) {
        List<Event> all = new ArrayList<>();
        Step syn = awaitJoinSyn(timeoutMillis);
        Subflow sf = syn.subflow();
        all.addAll(syn.events());
        all.addAll(sendJoinSynAck(sf, UnaryOperator.identity()).events());
        all.addAll(awaitJoinThirdAck(sf, timeoutMillis).events());
        return new Step("accept join on sf" + sf.index, all, Bytes.EMPTY, sf);
    }

    /** Waits for the kernel's MP_JOIN SYN with the peer's token; the step's subflow is the new one. */
    public Step awaitJoinSyn(long timeoutMillis) {
        requireRemoteKey();
        begin("accept join: await SYN");
        long token = localToken();
        PacketIo.Received syn = takeSyn(timeoutMillis, (ip, t) -> t.option(MpJoin.Syn.class).map(j -> j.receiverToken() == token).orElse(false));
        if (syn == null) fail("no MP_JOIN SYN with token 0x" + Long.toHexString(token) + " within " + timeoutMillis + " ms", null);
        Tcp t = syn.tcp();
        MpJoin.Syn j = t.option(MpJoin.Syn.class).orElseThrow();
        InetAddress local = dst(syn.packet()).toInetAddress();
        int localId = 0;
        for (Map.Entry<Integer, InetAddress> e : announced.entrySet()) if (e.getValue().equals(local)) localId = e.getKey();
        Subflow sf = new Subflow(subflows.size(), true, true, local, t.dstPort(), src(syn.packet()).toInetAddress(), t.srcPort(), localId);
        sf.remoteRandom = j.senderRandom();
        sf.remoteAddressId = j.addressId();
        sf.remoteBackup = j.backup();
        sf.localRandom = random.nextInt() & 0xffffffffL;
        passiveSyn(sf, t);
        subflows.add(sf);
        return end(null, sf);
    }

    /** The MP_JOIN SYN-ACK answering the kernel's join on {@code sf}, unsent. */
    public IpPacket prepareJoinSynAck(Subflow sf) {
        long hmac = MpJoinHmac.synAckTruncatedHmac(VERSION, remoteKey, localKey, sf.remoteRandom, sf.localRandom);
        return synAckPacket(sf, MpJoin.synAck(hmac, sf.localRandom, sf.localAddressId, sf.backup));
    }

    public Step sendJoinSynAck(Subflow sf, UnaryOperator<IpPacket> alter) {
        begin("accept join: SYN-ACK on sf" + sf.index);
        IpPacket p = prepareJoinSynAck(sf);
        sf.sndNxt = sf.iss + 1 & 0xffffffffL;
        transmit(sf, p, alter, "");
        return end(null, sf);
    }

    /**
     * Waits for the kernel's MP_JOIN ACK on {@code sf} and verifies its HMAC: right, the peer
     * acknowledges it (the subflow is fully established); wrong, the peer resets the subflow with
     * MP_TCPRST and the step fails.
     */
    public Step awaitJoinThirdAck(Subflow sf, long timeoutMillis) {
        begin("accept join: await ACK on sf" + sf.index);
        pump(timeoutMillis, () -> sf.state != Subflow.State.SYN_RECEIVED);
        if (sf.state == Subflow.State.SYN_RECEIVED) fail("no MP_JOIN ACK from " + remote(sf) + " within " + timeoutMillis + " ms", sf);
        if (sf.state == Subflow.State.RESET) fail("the kernel reset the join: RST from " + remote(sf), sf);
        if (!sf.ackHmacValid) {
            sf.state = Subflow.State.RESET;
            transmit(sf, packet(sf, TcpFlags.RST, sf.sndNxt, 0, List.of(MpTcpRst.of(MpTcpRst.MPTCP_SPECIFIC)), Bytes.EMPTY),
                    UnaryOperator.identity(), "HMAC wrong: refused");
            fail("the MP_JOIN ACK from " + remote(sf) + " carries a wrong HMAC: subflow reset", sf);
        }
        sf.state = Subflow.State.FULLY_ESTABLISHED;
        transmit(sf, prepareAck(sf), UnaryOperator.identity(), "acknowledges the MP_JOIN ACK");
        return end(null, sf);
    }

    private PacketIo.Received takeSyn(long timeoutMillis, java.util.function.BiPredicate<IpPacket, Tcp> wanted) {
        PacketIo.Received[] found = new PacketIo.Received[1];
        BooleanSupplier done = () -> {
            for (var it = incomingSyns.iterator(); it.hasNext(); ) {
                PacketIo.Received r = it.next();
                if (wanted.test(r.packet(), r.tcp())) {
                    it.remove();
                    found[0] = r;
                    return true;
                }
            }
            return false;
        };
        pump(timeoutMillis, done);
        return found[0];
    }

    private IpPacket synAckPacket(Subflow sf, MptcpOption mptcp) {
        List<TcpOption> opts = new ArrayList<>(5);
        opts.add(Mss.of(mss));
        if (sf.timestamps) {
            opts.add(Nop.INSTANCE);
            opts.add(Nop.INSTANCE);
            opts.add(Timestamps.of(tsVal(), sf.tsRecent));
        }
        opts.add(mptcp);
        return ip(sf, Tcp.builder().srcPort(sf.localPort).dstPort(sf.remotePort).seq(sf.iss).ack(sf.rcvNxt).flags(TcpFlags.SYN_ACK)
                .window(WINDOW).options(opts).build());
    }

    private static IpAddress src(IpPacket p) {
        return switch (p) {
            case Ip4 ip -> ip.src();
            case Ip6 ip -> ip.src();
            case org.mptcpkit.packet.RawPacket raw -> null;
        };
    }

    private static IpAddress dst(IpPacket p) {
        return switch (p) {
            case Ip4 ip -> ip.dst();
            case Ip6 ip -> ip.dst();
            case org.mptcpkit.packet.RawPacket raw -> null;
        };
    }

    // --------------------------------------------------------------------------- data

    /** Sends {@code data} on subflow 0. */
    public Step send(Bytes data) {
        return send(subflows.get(0), data, UnaryOperator.identity());
    }

    public Step send(Subflow sf, Bytes data) {
        return send(sf, data, UnaryOperator.identity());
    }

    /**
     * The segments that would carry {@code data} on {@code sf}, unsent: each at most an MSS, each
     * with a DSS holding the DATA_ACK and its mapping (8-byte DSN, relative SSN, data-level length,
     * checksum when negotiated).
     */
    public List<IpPacket> prepareData(Subflow sf, Bytes data) {
        List<IpPacket> out = new ArrayList<>();
        long seq = sf.sndNxt;
        long dsn = dataSndNxt;
        int chunk = chunkSize(sf);
        for (int off = 0; off < data.length(); off += chunk) {
            Bytes piece = data.slice(off, Math.min(data.length(), off + chunk));
            out.add(dataSegment(sf, seq, dsn, piece));
            seq = seq + piece.length() & 0xffffffffL;
            dsn += piece.length();
        }
        return out;
    }

    private int chunkSize(Subflow sf) {
        return Math.max(1, Math.min(mss, sf.remoteMss) - 40); // room for 40 bytes of options
    }

    private IpPacket dataSegment(Subflow sf, long seq, long dsn, Bytes piece) {
        long ssn = (seq - sf.iss) & 0xffffffffL;
        Dss dss = Dss.mapping(dataRcvNxt, dsn, ssn, piece.length(), checksums);
        return packet(sf, TcpFlags.PSH_ACK, seq, sf.rcvNxt, List.of(dss), piece);
    }

    /**
     * Sends {@code data} on {@code sf} (see {@link #prepareData}); {@code alter} is applied to
     * each segment. Each segment waits, up to the peer's timeout, for room in the kernel's
     * window, and carries the ACK and DATA_ACK current when it leaves. Then processes what the
     * kernel sent meanwhile, without waiting.
     */
    public Step send(Subflow sf, Bytes data, UnaryOperator<IpPacket> alter) {
        begin("send " + data.length() + " bytes on sf" + sf.index);
        requireEstablished(sf);
        int chunk = chunkSize(sf);
        for (int off = 0; off < data.length(); off += chunk) {
            Bytes piece = data.slice(off, Math.min(data.length(), off + chunk));
            int len = piece.length();
            // RFC 9293 §3.8.6: stay within the kernel's window; wait for its ACKs to open it.
            pump(timeoutMillis, () -> inFlight(sf) + len <= sf.remoteWindow || sf.state == Subflow.State.RESET);
            if (sf.state == Subflow.State.RESET) fail("sf" + sf.index + " was reset by " + remote(sf) + " while sending", sf);
            if (inFlight(sf) + len > sf.remoteWindow) {
                fail("the window of " + remote(sf) + " stayed closed for " + timeoutMillis + " ms (" + inFlight(sf)
                        + " bytes in flight, window " + sf.remoteWindow + ")", sf);
            }
            IpPacket p = dataSegment(sf, sf.sndNxt, dataSndNxt, piece);
            sf.sndNxt = sf.sndNxt + len & 0xffffffffL;
            dataSndNxt += len;
            transmit(sf, p, alter, "");
        }
        pump(0, () -> false);
        return end(null, sf);
    }

    /**
     * Waits until at least {@code minBytes} application bytes are readable (kernel data
     * reassembled in data-sequence order over all subflows) and returns them all; acknowledges
     * as it goes. Fails after {@code timeoutMillis} with what did arrive in the message.
     */
    public Step receive(int minBytes, long timeoutMillis) {
        begin("receive " + minBytes + " bytes");
        requireEstablishedConnection();
        pump(timeoutMillis, () -> readable.size() >= minBytes || dataFinReceived);
        if (readable.size() < minBytes) {
            fail("no data from " + remote(subflows.get(0)) + " within " + timeoutMillis + " ms (" + readable.size() + " of "
                    + minBytes + " bytes" + (dataFinReceived ? "; the kernel sent DATA_FIN" : "") + ")", null);
        }
        Bytes data = Bytes.wrap(readable.toByteArray());
        readable.reset();
        return end(data, null);
    }

    /** Processes what the kernel sends for {@code millis} (acknowledging data), then returns what was readable. */
    public Step poll(long millis) {
        begin("poll " + millis + " ms");
        pump(millis, () -> false);
        Bytes data = Bytes.wrap(readable.toByteArray());
        readable.reset();
        return end(data, null);
    }

    /** A pure ACK on {@code sf} with the current subflow ACK and DATA_ACK, unsent. */
    public IpPacket prepareAck(Subflow sf) {
        return packet(sf, TcpFlags.ACK, sf.sndNxt, sf.rcvNxt, List.of(Dss.dataAck(dataRcvNxt)), Bytes.EMPTY);
    }

    /** Sends a pure ACK (subflow ACK and DATA_ACK) on {@code sf}. */
    public Step ack(Subflow sf) {
        return ack(sf, UnaryOperator.identity());
    }

    /** Sends a pure ACK (subflow ACK and DATA_ACK) on {@code sf}, altered. */
    public Step ack(Subflow sf, UnaryOperator<IpPacket> alter) {
        begin("ack on sf" + sf.index);
        transmit(sf, prepareAck(sf), alter, "");
        return end(null, sf);
    }

    // --------------------------------------------------------------------------- join

    /**
     * Joins a subflow from {@code localAddress} (a peer address of the lab) to the connection's
     * kernel address and port, with address id {@code addressId}: MP_JOIN SYN (the kernel's
     * token, a random R_A), SYN-ACK (its truncated HMAC verified), ACK (the 160-bit HMAC), then
     * the kernel's ACK of it. The step's {@link Step#subflow()} is the new subflow.
     */
    public Step join(InetAddress localAddress, int addressId) {
        Subflow sf = newSubflow(localAddress, remoteAddress, addressId, false);
        List<Event> all = new ArrayList<>();
        all.addAll(sendJoinSyn(sf, UnaryOperator.identity()).events());
        all.addAll(awaitJoinSynAck(sf, timeoutMillis).events());
        all.addAll(sendJoinAck(sf, UnaryOperator.identity()).events());
        all.addAll(awaitJoinAck(sf, timeoutMillis).events());
        return new Step("join " + SockAddr.format(localAddress) + " id " + addressId, all, Bytes.EMPTY, sf);
    }

    /**
     * A new subflow from {@code localAddress} to {@code remoteAddress} (kernel port: the
     * connection's), not yet opened: its ISN, port and R_A are drawn now, so the prepare methods
     * show what will be sent.
     */
    public Subflow newSubflow(InetAddress localAddress, InetAddress remoteAddress, int addressId, boolean backup) {
        requireRemoteKey();
        Subflow sf = new Subflow(subflows.size(), true, localAddress, ephemeralPort(), remoteAddress, remotePort, addressId);
        sf.iss = random.nextInt() & 0xffffffffL;
        sf.localRandom = random.nextInt() & 0xffffffffL;
        sf.backup = backup;
        subflows.add(sf);
        return sf;
    }

    public IpPacket prepareJoinSyn(Subflow sf) {
        MpJoin.Syn j = MpJoin.syn(remoteToken(), sf.localRandom, sf.localAddressId, sf.backup);
        return synPacket(sf, sf.iss, j);
    }

    public Step sendJoinSyn(Subflow sf, UnaryOperator<IpPacket> alter) {
        begin("join: SYN on sf" + sf.index);
        if (sf.state != Subflow.State.NEW && sf.state != Subflow.State.SYN_SENT) throw new IllegalStateException("sf" + sf.index + " is " + sf.state);
        IpPacket syn = prepareJoinSyn(sf);
        sf.sndNxt = sf.iss + 1 & 0xffffffffL;
        sf.sndUna = sf.iss;
        sf.state = Subflow.State.SYN_SENT;
        transmit(sf, syn, alter, "");
        return end(null, sf);
    }

    /**
     * Waits for the MP_JOIN SYN-ACK and verifies its truncated HMAC (RFC 8684 §3.2: leftmost 64
     * bits of HMAC(K_B‖K_A, R_B‖R_A)); a wrong HMAC fails the step, as a host must refuse it.
     */
    public Step awaitJoinSynAck(Subflow sf, long timeoutMillis) {
        begin("join: await SYN-ACK on sf" + sf.index);
        pump(timeoutMillis, () -> sf.state != Subflow.State.SYN_SENT);
        if (sf.state == Subflow.State.SYN_SENT) fail("no MP_JOIN SYN-ACK from " + remote(sf) + " within " + timeoutMillis + " ms", sf);
        if (sf.state == Subflow.State.RESET) fail("the kernel refused the join: RST from " + remote(sf), sf);
        if (!sf.synAckHmacValid) {
            fail("the MP_JOIN SYN-ACK from " + remote(sf) + " carries HMAC 0x" + Long.toHexString(sf.remoteTruncatedHmac)
                    + ", expected 0x" + Long.toHexString(MpJoinHmac.synAckTruncatedHmac(VERSION, localKey, remoteKey, sf.localRandom, sf.remoteRandom)), sf);
        }
        return end(null, sf);
    }

    /** The MP_JOIN third ACK with HMAC(K_A‖K_B, R_A‖R_B)'s leftmost 160 bits, unsent. */
    public IpPacket prepareJoinAck(Subflow sf) {
        MpJoin.Ack j = MpJoin.ack(MpJoinHmac.ackHmac(VERSION, localKey, remoteKey, sf.localRandom, sf.remoteRandom));
        return packet(sf, TcpFlags.ACK, sf.sndNxt, sf.rcvNxt, List.of(j), Bytes.EMPTY);
    }

    public Step sendJoinAck(Subflow sf, UnaryOperator<IpPacket> alter) {
        begin("join: ACK on sf" + sf.index);
        IpPacket ack = prepareJoinAck(sf);
        sf.state = Subflow.State.ESTABLISHED;
        transmit(sf, ack, alter, "");
        return end(null, sf);
    }

    /**
     * Waits for the kernel to acknowledge the MP_JOIN ACK (RFC 8684 §3.2: the third ACK is
     * delivered reliably), which makes the subflow fully established; a RST fails the step
     * ("refused"), with its MP_TCPRST reason.
     */
    public Step awaitJoinAck(Subflow sf, long timeoutMillis) {
        begin("join: await ACK on sf" + sf.index);
        pump(timeoutMillis, () -> sf.state != Subflow.State.ESTABLISHED);
        if (sf.state == Subflow.State.RESET) fail("the kernel refused the join ACK: RST from " + remote(sf) + lastRstReason(), sf);
        if (sf.state == Subflow.State.ESTABLISHED) fail("no ACK of the MP_JOIN ACK from " + remote(sf) + " within " + timeoutMillis + " ms", sf);
        return end(null, sf);
    }

    private String lastRstReason() {
        for (int i = stepEvents.size() - 1; i >= 0; i--) {
            Event e = stepEvents.get(i);
            if (!e.isSent() && e.packet().tcp().isPresent()) {
                Tcp t = e.packet().tcp().get();
                if (t.flags().rst()) {
                    return t.option(MpTcpRst.class).map(r -> " (MP_TCPRST " + MpTcpRst.reasonName(r.reason()) + ")").orElse("");
                }
            }
        }
        return "";
    }

    // ----------------------------------------------------------------------- addresses

    /**
     * ADD_ADDR on subflow 0: {@code address} (port 0: none) as id {@code addressId}, with the
     * truncated HMAC of RFC 8684 §3.4.1 (key K_A‖K_B, message id ‖ address ‖ port), unsent.
     */
    public IpPacket prepareAddAddress(int addressId, InetAddress address, int port) {
        requireRemoteKey();
        long hmac = AddAddrHmac.truncatedHmac(localKey, remoteKey, addressId, address, port);
        AddAddr.V1 a = port == 0 ? AddAddr.announce(addressId, address, hmac) : AddAddr.announce(addressId, address, port, hmac);
        Subflow sf = subflows.get(0);
        return packet(sf, TcpFlags.ACK, sf.sndNxt, sf.rcvNxt, withDataAck(sf, a), Bytes.EMPTY);
    }

    /**
     * Announces an address and waits up to the peer's timeout for the kernel's echo (E=1); the
     * step ends without failing when none comes (a dropped announcement is a legitimate
     * outcome to observe): see {@link #addressesEchoed()}.
     */
    public Step addAddress(int addressId, InetAddress address, int port) {
        return addAddress(addressId, address, port, UnaryOperator.identity());
    }

    public Step addAddress(int addressId, InetAddress address, int port, UnaryOperator<IpPacket> alter) {
        begin("add address id " + addressId + " " + SockAddr.format(address) + (port == 0 ? "" : " port " + port));
        requireEstablishedConnection();
        Subflow sf = subflows.get(0);
        transmit(sf, prepareAddAddress(addressId, address, port), alter, "");
        announced.put(addressId, address);
        pump(timeoutMillis, () -> addAddrEchoed.contains(addressId));
        if (!addAddrEchoed.contains(addressId)) note("no ADD_ADDR echo within " + timeoutMillis + " ms");
        return end(null, sf);
    }

    /** REMOVE_ADDR of {@code addressIds} on subflow 0, unsent. */
    public IpPacket prepareRemoveAddress(int... addressIds) {
        Subflow sf = subflows.get(0);
        return packet(sf, TcpFlags.ACK, sf.sndNxt, sf.rcvNxt, withDataAck(sf, RemoveAddr.of(addressIds)), Bytes.EMPTY);
    }

    /**
     * Withdraws addresses (RFC 8684 §3.4.2); the kernel closes the subflows using them. Waits
     * up to the peer's timeout for those subflows to end (RST or FIN), without failing.
     */
    public Step removeAddress(int... addressIds) {
        return removeAddress(UnaryOperator.identity(), addressIds);
    }

    public Step removeAddress(UnaryOperator<IpPacket> alter, int... addressIds) {
        begin("remove address ids " + java.util.Arrays.toString(addressIds));
        requireEstablishedConnection();
        Subflow sf = subflows.get(0);
        transmit(sf, prepareRemoveAddress(addressIds), alter, "");
        List<Subflow> affected = new ArrayList<>();
        for (Subflow s : subflows) for (int id : addressIds) if (s.localAddressId == id && s.join) affected.add(s);
        pump(timeoutMillis, () -> {
            for (Subflow s : affected) if (s.state != Subflow.State.RESET && !s.finReceived) return false;
            return true;
        });
        return end(null, sf);
    }

    /** MP_PRIO on {@code sf} (RFC 8684 §3.3.8), unsent. */
    public IpPacket prepareSetBackup(Subflow sf, boolean backup) {
        return packet(sf, TcpFlags.ACK, sf.sndNxt, sf.rcvNxt, withDataAck(sf, MpPrio.of(backup)), Bytes.EMPTY);
    }

    /** Asks the kernel to treat {@code sf} as backup (or not) with MP_PRIO on that subflow. */
    public Step setBackup(Subflow sf, boolean backup) {
        return setBackup(sf, backup, UnaryOperator.identity());
    }

    public Step setBackup(Subflow sf, boolean backup, UnaryOperator<IpPacket> alter) {
        begin("set backup " + backup + " on sf" + sf.index);
        requireEstablished(sf);
        transmit(sf, prepareSetBackup(sf, backup), alter, "");
        sf.backup = backup;
        pump(0, () -> false);
        return end(null, sf);
    }

    // -------------------------------------------------------------------------- closing

    /** The RSTs with MP_FASTCLOSE (the kernel's key) on every open subflow (RFC 8684 §3.5), unsent. */
    public List<IpPacket> prepareFastClose() {
        requireRemoteKey();
        List<IpPacket> out = new ArrayList<>();
        for (Subflow sf : subflows) {
            if (!isOpen(sf)) continue;
            out.add(packet(sf, TcpFlags.RST_ACK, sf.sndNxt, sf.rcvNxt, List.of(MpFastclose.of(remoteKey)), Bytes.EMPTY));
        }
        return out;
    }

    /**
     * Fast close (RFC 8684 §3.5): a RST carrying MP_FASTCLOSE with the kernel's key on every open
     * subflow, as Linux sends it. The connection is gone at once; the kernel's application sees
     * a reset.
     */
    public Step fastClose() {
        return fastClose(UnaryOperator.identity());
    }

    public Step fastClose(UnaryOperator<IpPacket> alter) {
        begin("fast close");
        List<IpPacket> rsts = prepareFastClose();
        int i = 0;
        for (Subflow sf : subflows) {
            if (!isOpen(sf)) continue;
            sf.state = Subflow.State.RESET;
            transmit(sf, rsts.get(i++), alter, "");
        }
        state = State.FAST_CLOSED;
        pump(0, () -> false);
        return end(null, null);
    }

    /** The DATA_FIN (DSS with F, a mapping of length 1, SSN 0, as Linux sends it) on subflow 0, unsent. */
    public IpPacket prepareDataFin() {
        Subflow sf = subflows.get(0);
        Dss d = Dss.dataFin(dataRcvNxt, dataSndNxt);
        if (checksums) d = d.toBuilder().checksum().build();
        return packet(sf, TcpFlags.ACK, sf.sndNxt, sf.rcvNxt, List.of(d), Bytes.EMPTY);
    }

    /** Sends DATA_FIN and waits for the kernel's DATA_ACK of it. */
    public Step sendDataFin(UnaryOperator<IpPacket> alter) {
        return sendDataFin(alter, timeoutMillis);
    }

    public Step sendDataFin(UnaryOperator<IpPacket> alter, long timeoutMillis) {
        begin("close: DATA_FIN");
        requireEstablishedConnection();
        Subflow sf = subflows.get(0);
        transmit(sf, prepareDataFin(), alter, "");
        dataSndNxt += 1; // RFC 8684 §3.3.3: DATA_FIN takes one data sequence number
        state = State.DATA_FIN_SENT;
        long finEnd = dataSndNxt;
        pump(timeoutMillis, () -> dataSndUna - finEnd >= 0);
        if (dataSndUna - finEnd < 0) {
            fail("no DATA_ACK of the DATA_FIN from " + remote(sf) + " within " + timeoutMillis + " ms (DATA_ACK "
                    + Long.toUnsignedString(dataSndUna) + ", expected " + Long.toUnsignedString(finEnd) + ")", sf);
        }
        return end(null, sf);
    }

    /** A FIN on {@code sf}, unsent. */
    public IpPacket prepareFin(Subflow sf) {
        return packet(sf, TcpFlags.FIN_ACK, sf.sndNxt, sf.rcvNxt, List.of(Dss.dataAck(dataRcvNxt)), Bytes.EMPTY);
    }

    /** Sends FIN on {@code sf} and waits until the kernel acknowledges it. */
    public Step sendFin(Subflow sf, UnaryOperator<IpPacket> alter) {
        return sendFin(sf, alter, timeoutMillis);
    }

    public Step sendFin(Subflow sf, UnaryOperator<IpPacket> alter, long timeoutMillis) {
        begin("close: FIN on sf" + sf.index);
        IpPacket fin = prepareFin(sf);
        sf.finSent = true;
        sf.sndNxt = sf.sndNxt + 1 & 0xffffffffL;
        sf.state = Subflow.State.FIN_SENT;
        transmit(sf, fin, alter, "");
        long end = sf.sndNxt;
        pump(timeoutMillis, () -> sf.sndUna == end || sf.state == Subflow.State.RESET);
        if (sf.sndUna != end && sf.state != Subflow.State.RESET) {
            fail("no ACK of the FIN on sf" + sf.index + " from " + remote(sf) + " within " + timeoutMillis + " ms", sf);
        }
        if (sf.finReceived && sf.state != Subflow.State.RESET) sf.state = Subflow.State.CLOSED;
        return end(null, sf);
    }

    /**
     * Closes the connection: DATA_FIN and its DATA_ACK, then a FIN on every open subflow and
     * its ACK (RFC 8684 §3.3.3); a DATA_FIN already sent by {@link #sendDataFin} is not sent
     * again. The kernel's own DATA_FIN and FINs, when its application
     * closes, are acknowledged as they come.
     */
    public Step close(long timeoutMillis) {
        List<Event> all = new ArrayList<>();
        if (state != State.DATA_FIN_SENT) all.addAll(sendDataFin(UnaryOperator.identity(), timeoutMillis).events());
        for (Subflow sf : subflows) {
            if (isOpen(sf)) all.addAll(sendFin(sf, UnaryOperator.identity(), timeoutMillis).events());
        }
        // Linger for the kernel's side of the close (its DATA_FIN and FINs, sent when its
        // application closes), acknowledging them; their absence is no failure of ours.
        begin("close: linger");
        pump(timeoutMillis, () -> {
            if (!dataFinReceived) return false;
            for (Subflow sf : subflows) if (sf.state != Subflow.State.CLOSED && sf.state != Subflow.State.RESET) return false;
            return true;
        });
        all.addAll(end(null, null).events());
        state = State.CLOSED;
        return new Step("close", all, Bytes.EMPTY, null);
    }

    /** {@link #close(long)} with the peer's timeout. */
    public Step closeConnection() {
        return close(timeoutMillis);
    }

    /**
     * Releases the packet I/O this peer opened (not the lab); sends nothing, so the connection is
     * left as it is. The protocol's close is {@link #close(long)}.
     */
    @Override
    public void close() {
        if (ownsIo) io.close();
    }

    // ------------------------------------------------------------------------- receiving

    // Processes incoming packets until done() or the timeout (0: only what is already queued).
    private void pump(long timeoutMillis, BooleanSupplier done) {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000L;
        while (!done.getAsBoolean()) {
            long left = Math.max(0, (deadline - System.nanoTime()) / 1_000_000L);
            PacketIo.Received r = io.receive(left);
            if (r == null) return;
            handle(r);
            if (left == 0 && System.nanoTime() - deadline > 0 && timeoutMillis > 0) return;
        }
        // Take in what is already queued, so a step shows the kernel's immediate answers too.
        PacketIo.Received r;
        while ((r = io.receive(0)) != null) handle(r);
    }

    private void handle(PacketIo.Received r) {
        IpPacket p = r.packet();
        Tcp t = p.tcp().orElse(null);
        Subflow sf = t == null ? null : find(p, t);
        if (sf == null) {
            boolean syn = t != null && t.flags().syn() && !t.flags().ack();
            if (syn) incomingSyns.addLast(r);
            record(Event.Direction.RECEIVED, r.epochNanos(), -1, p, t == null ? "not TCP" : syn ? "incoming SYN" : "no subflow");
            return;
        }
        List<String> notes = new ArrayList<>(2);
        boolean needAck = process(sf, t, notes);
        record(Event.Direction.RECEIVED, r.epochNanos(), sf.index, p, String.join(", ", notes));
        if (!needAck || !isOpenForAck(sf) || !autoAck) return;
        if (sf.finReceived && !sf.finSent) {
            // The kernel closed this subflow (REMOVE_ADDR, its application's close): close our
            // half too, as Linux does for a subflow whose peer sent FIN.
            IpPacket fin = prepareFin(sf);
            sf.finSent = true;
            sf.sndNxt = sf.sndNxt + 1 & 0xffffffffL;
            sf.state = Subflow.State.FIN_SENT;
            transmit(sf, fin, UnaryOperator.identity(), "closing the subflow the kernel closed");
        } else {
            transmit(sf, prepareAck(sf), UnaryOperator.identity(), "");
        }
    }

    private Subflow find(IpPacket p, Tcp t) {
        IpAddress src = src(p);
        IpAddress dst = dst(p);
        if (src == null) return null;
        for (Subflow sf : subflows) {
            if (sf.remotePort == t.srcPort() && sf.localPort == t.dstPort()
                    && IpAddress.of(sf.remoteAddress).equals(src) && IpAddress.of(sf.localAddress).equals(dst)) {
                return sf;
            }
        }
        return null;
    }

    // Applies one segment to the state; returns whether it calls for an ACK.
    private boolean process(Subflow sf, Tcp t, List<String> notes) {
        TcpFlags f = t.flags();
        if (f.rst()) {
            // RFC 9293 §3.10.7.3 in spirit: a RST in the window (or answering our SYN) ends the subflow.
            sf.state = Subflow.State.RESET;
            t.option(MpTcpRst.class).ifPresent(x -> notes.add("MP_TCPRST " + MpTcpRst.reasonName(x.reason())));
            for (TcpOption o : t.options()) if (o instanceof MpFastclose fc) fastCloseKeyReceived = fc.receiverKey();
            if (!sf.join) state = fastCloseKeyReceived >= 0 ? State.FAST_CLOSED : State.RESET;
            notes.add("subflow reset");
            return false;
        }
        if (sf.state == Subflow.State.SYN_SENT) {
            if (!f.syn() || !f.ack() || t.ack() != sf.sndNxt) {
                notes.add("not the SYN-ACK");
                return false;
            }
            sf.irs = t.seq();
            sf.rcvNxt = t.seq() + 1 & 0xffffffffL;
            sf.sndUna = t.ack();
            sf.remoteWindow = t.window();
            t.option(Mss.class).ifPresent(m -> sf.remoteMss = m.mss());
            Timestamps ts = t.option(Timestamps.class).orElse(null);
            sf.timestamps = useTimestamps && ts != null;
            if (ts != null) sf.tsRecent = ts.tsVal();
            for (TcpOption o : t.options()) {
                if (!sf.join && o instanceof MpCapable.SynAck mpc) {
                    remoteKey = mpc.senderKey();
                    remoteKeyKnown = true;
                    remoteChecksumRequired = mpc.checksumRequired();
                    checksums = requestChecksum || remoteChecksumRequired;
                    dataSndNxt = localIdsn() + 1;
                    dataSndUna = dataSndNxt;
                    dataRcvNxt = remoteIdsn() + 1;
                    notes.add("kernel key 0x" + Long.toHexString(remoteKey) + (checksums ? ", checksums on" : ""));
                } else if (sf.join && o instanceof MpJoin.SynAck j) {
                    sf.remoteRandom = j.senderRandom();
                    sf.remoteTruncatedHmac = j.senderTruncatedHmac();
                    sf.remoteAddressId = j.addressId();
                    sf.remoteBackup = j.backup();
                    sf.synAckHmacValid = MpJoinHmac.verifySynAck(VERSION, localKey, remoteKey, sf.localRandom, sf.remoteRandom,
                            sf.remoteTruncatedHmac);
                    notes.add(sf.synAckHmacValid ? "HMAC verified" : "HMAC WRONG");
                }
            }
            sf.state = Subflow.State.ESTABLISHED; // the third ACK is the caller's next step
            return false;
        }
        if (sf.state == Subflow.State.SYN_RECEIVED) {
            if (f.syn() || !f.ack() || t.ack() != sf.sndNxt) {
                notes.add(f.syn() ? "SYN again" : "not the ACK of our SYN-ACK");
                return false;
            }
            sf.sndUna = t.ack();
            if (!sf.join) {
                MpCapable mpc = t.option(MpCapable.class).orElse(null);
                long echoed;
                if (mpc instanceof MpCapable.Ack a) {
                    remoteKey = a.senderKey();
                    echoed = a.receiverKey();
                } else if (mpc instanceof MpCapable.AckData a) {
                    remoteKey = a.senderKey();
                    echoed = a.receiverKey();
                } else {
                    notes.add("no MP_CAPABLE keys: the kernel fell back to TCP");
                    state = State.RESET;
                    return false;
                }
                remoteKeyKnown = true;
                checksums = requestChecksum || remoteChecksumRequired || mpc.checksumRequired();
                dataSndNxt = localIdsn() + 1;
                dataSndUna = dataSndNxt;
                dataRcvNxt = remoteIdsn() + 1;
                if (mpc instanceof MpCapable.AckData a) {
                    // RFC 8684 §3.1: the data's mapping is implied: DSN = IDSN + 1, SSN = 1.
                    sf.mappings.addLast(new Subflow.Mapping(1, dataRcvNxt, a.dataLevelLength(), false));
                }
                notes.add("kernel key 0x" + Long.toHexString(remoteKey) + (echoed == localKey ? "" : ", our key echoed WRONG"));
                sf.state = Subflow.State.ESTABLISHED;
                state = State.ESTABLISHED;
            } else {
                MpJoin.Ack a = t.option(MpJoin.Ack.class).orElse(null);
                sf.ackHmacValid = a != null && MpJoinHmac.verifyAck(VERSION, remoteKey, localKey, sf.remoteRandom, sf.localRandom, a.senderHmac());
                notes.add(a == null ? "no MP_JOIN ACK" : sf.ackHmacValid ? "HMAC verified" : "HMAC WRONG");
                sf.state = Subflow.State.ESTABLISHED; // awaitJoinThirdAck acknowledges, or resets
                return false;
            }
        }
        if (f.syn()) {
            // A retransmitted SYN-ACK: our third ACK was lost or not yet sent; acknowledge again.
            notes.add("SYN-ACK again");
            return sf.state != Subflow.State.NEW;
        }
        Timestamps ts = t.option(Timestamps.class).orElse(null);
        if (ts != null && sf.timestamps && seqLeq(t.seq(), sf.rcvNxt)) sf.tsRecent = ts.tsVal();
        if (f.ack()) {
            if (seqLt(sf.sndUna, t.ack()) && seqLeq(t.ack(), sf.sndNxt)) sf.sndUna = t.ack();
            if (sf.finSent && sf.finReceived && sf.sndUna == sf.sndNxt && sf.state == Subflow.State.FIN_SENT) sf.state = Subflow.State.CLOSED;
            sf.remoteWindow = t.window();
            if (sf.join && sf.state == Subflow.State.ESTABLISHED && t.ack() == sf.sndNxt) {
                sf.state = Subflow.State.FULLY_ESTABLISHED;
                notes.add("join acknowledged");
            }
        }
        boolean needAck = false;
        for (TcpOption o : t.options()) {
            if (o instanceof MptcpOption m) needAck |= mptcpOption(sf, t, m, notes);
        }
        int len = t.payload().length();
        if (len > 0 || f.fin()) {
            needAck = true;
            long offset = (sf.rcvNxt - t.seq()) & 0xffffffffL; // bytes of this segment already received
            if (len > 0 && offset < len && offset < 0x80000000L) {
                Bytes fresh = t.payload().slice((int) offset);
                long ssn = (t.seq() + offset - sf.irs) & 0xffffffffL;
                deliver(sf, ssn, fresh, notes);
                sf.rcvNxt = sf.rcvNxt + fresh.length() & 0xffffffffL;
            } else if (len > 0 && offset >= len && offset < 0x80000000L) {
                sf.duplicates++;
                notes.add("duplicate");
            } else if (len > 0) {
                notes.add("out of order: expected seq " + sf.rcvNxt);
                return true;
            }
            if (f.fin() && (t.seq() + len & 0xffffffffL) == sf.rcvNxt && !sf.finReceived) {
                sf.finReceived = true;
                sf.rcvNxt = sf.rcvNxt + 1 & 0xffffffffL;
                notes.add("FIN");
                if (sf.finSent && sf.sndUna == sf.sndNxt) sf.state = Subflow.State.CLOSED;
            }
        }
        if (checkDataFin()) notes.add("DATA_FIN");
        return needAck;
    }

    // Accepts a pending DATA_FIN once the data stream reached it.
    private boolean checkDataFin() {
        if (!dataFinPending || dataFinReceived || dataFinDsn != dataRcvNxt) return false;
        dataFinPending = false;
        dataFinReceived = true;
        dataRcvNxt += 1;
        return true;
    }

    // DSS, ADD_ADDR, MP_PRIO, ... from the kernel; returns whether an ACK is called for.
    private boolean mptcpOption(Subflow sf, Tcp t, MptcpOption m, List<String> notes) {
        switch (m) {
            case Dss d -> {
                remoteDss = true;
                if (d.dataAckPresent()) {
                    long ack = d.dataAck8() ? d.dataAck() : expand32(dataSndNxt, d.dataAck());
                    if (ack - dataSndUna > 0 && ack - dataSndNxt <= 0) dataSndUna = ack;
                }
                if (d.mappingPresent()) {
                    long dsn = d.dataSequenceNumber8() ? d.dataSequenceNumber() : expand32(dataRcvNxt, d.dataSequenceNumber());
                    if (d.dataLevelLength() > (d.dataFin() ? 1 : 0)) {
                        Subflow.Mapping mapping = new Subflow.Mapping(d.subflowSequenceNumber(), dsn, d.dataLevelLength(), d.dataFin());
                        if (!sf.mappings.contains(mapping)) {
                            sf.mappings.addLast(mapping);
                            if (sf.mappings.size() > 64) sf.mappings.removeFirst();
                        }
                    }
                    if (d.dataFin()) {
                        // RFC 8684 §3.3.3: the DATA_FIN is the last DSN of its mapping; it takes
                        // effect once every byte before it arrived (this segment's own payload,
                        // delivered after the options, or data still under way on other subflows).
                        // A DATA_FIN seen again is acknowledged again.
                        if (!dataFinReceived) {
                            dataFinDsn = dsn + d.dataLevelLength() - 1;
                            dataFinPending = true;
                        }
                        return true;
                    }
                }
                return false;
            }
            case AddAddr a -> {
                if (a instanceof AddAddr.V1 v && v.echo()) {
                    addAddrEchoed.add(a.addressId());
                    notes.add("ADD_ADDR echo id " + a.addressId());
                } else {
                    addAddrReceived.add(a);
                    notes.add("ADD_ADDR id " + a.addressId());
                    return true;
                }
                return false;
            }
            case MpPrio p -> {
                sf.remoteBackup = p.backup();
                return false;
            }
            case MpFastclose fc -> {
                fastCloseKeyReceived = fc.receiverKey();
                notes.add(fc.receiverKey() == localKey ? "MP_FASTCLOSE with our key" : "MP_FASTCLOSE with a wrong key");
                return false;
            }
            case MpCapable c -> {
                return false;
            }
            case MpJoin j -> {
                return false;
            }
            case RemoveAddr r -> {
                notes.add("REMOVE_ADDR " + r.addressIds());
                return true;
            }
            case org.mptcpkit.packet.MpFail fail -> {
                notes.add("MP_FAIL");
                return true;
            }
            case MpTcpRst r -> {
                return false;
            }
            case org.mptcpkit.packet.MpExperimental e -> {
                return false;
            }
            case org.mptcpkit.packet.UnknownMptcp u -> {
                return false;
            }
        }
    }

    // Maps fresh subflow bytes to data sequence numbers through the subflow's mappings and
    // reassembles the data stream (RFC 8684 §3.3.1).
    private void deliver(Subflow sf, long ssn, Bytes bytes, List<String> notes) {
        int off = 0;
        while (off < bytes.length()) {
            long s = ssn + off & 0xffffffffL;
            Subflow.Mapping m = null;
            for (var it = sf.mappings.descendingIterator(); it.hasNext(); ) {
                Subflow.Mapping c = it.next();
                if (c.covers(s)) {
                    m = c;
                    break;
                }
            }
            if (m == null) {
                notes.add("no mapping for ssn " + s);
                return;
            }
            long into = (s - m.ssn()) & 0xffffffffL;
            int n = (int) Math.min(bytes.length() - off, m.length() - into);
            acceptData(m.dsn() + into, bytes.slice(off, off + n));
            off += n;
        }
    }

    private void acceptData(long dsn, Bytes data) {
        long base = remoteIdsn();
        long rel = dsn - base;
        long next = dataRcvNxt - base;
        if (rel + data.length() <= next) return; // all of it delivered before (another subflow's copy)
        byte[] b = data.toByteArray();
        if (rel < next) {
            b = java.util.Arrays.copyOfRange(b, (int) (next - rel), b.length);
            rel = next;
        }
        outOfOrder.merge(rel, b, (x, y) -> x.length >= y.length ? x : y);
        Map.Entry<Long, byte[]> e;
        while ((e = outOfOrder.firstEntry()) != null && e.getKey() <= next) {
            outOfOrder.pollFirstEntry();
            byte[] piece = e.getValue();
            int skip = (int) (next - e.getKey());
            if (skip < piece.length) {
                readable.write(piece, skip, piece.length - skip);
                bytesDelivered += piece.length - skip;
                next += piece.length - skip;
            }
        }
        dataRcvNxt = base + next;
    }

    private static long inFlight(Subflow sf) {
        return (sf.sndNxt - sf.sndUna) & 0xffffffffL;
    }

    private static long expand32(long near, long low32) {
        long candidate = (near & 0xffffffff00000000L) | low32;
        long d = candidate - near;
        if (d > 0x80000000L) candidate -= 1L << 32;
        else if (d < -0x80000000L) candidate += 1L << 32;
        return candidate;
    }

    private static boolean seqLt(long a, long b) {
        return ((b - a) & 0xffffffffL) != 0 && ((b - a) & 0xffffffffL) < 0x80000000L;
    }

    private static boolean seqLeq(long a, long b) {
        return ((b - a) & 0xffffffffL) < 0x80000000L;
    }

    // -------------------------------------------------------------------------- building

    private IpPacket synPacket(Subflow sf, long iss, MptcpOption mptcp) {
        List<TcpOption> opts = new ArrayList<>(5);
        opts.add(Mss.of(mss));
        if (useTimestamps) {
            opts.add(Nop.INSTANCE);
            opts.add(Nop.INSTANCE);
            opts.add(Timestamps.of(tsVal(), 0));
        }
        opts.add(mptcp);
        return ip(sf, Tcp.builder().srcPort(sf.localPort).dstPort(sf.remotePort).seq(iss).ack(0).flags(TcpFlags.SYN)
                .window(WINDOW).options(opts).build());
    }

    // A segment on an established subflow: timestamps (when in use) first, then mptcp options.
    private IpPacket packet(Subflow sf, TcpFlags flags, long seq, long ack, List<? extends TcpOption> mptcp, Bytes payload) {
        List<TcpOption> opts = new ArrayList<>(mptcp.size() + 3);
        if (sf.timestamps) {
            opts.add(Nop.INSTANCE);
            opts.add(Nop.INSTANCE);
            opts.add(Timestamps.of(tsVal(), sf.tsRecent));
        }
        opts.addAll(mptcp);
        return ip(sf, Tcp.builder().srcPort(sf.localPort).dstPort(sf.remotePort).seq(seq).ack(ack).flags(flags)
                .window(WINDOW).options(opts).payload(payload).build());
    }

    // ADD_ADDR, REMOVE_ADDR, MP_PRIO with a DATA_ACK when the 40 option bytes leave room for it
    // (Linux drops the DSS the same way when an address option takes the space).
    private List<TcpOption> withDataAck(Subflow sf, MptcpOption o) {
        Dss ack = Dss.dataAck(dataRcvNxt);
        int used = TcpOptionCodec.encodedLength(o) + (sf.timestamps ? 12 : 0);
        if (used + TcpOptionCodec.encodedLength(ack) <= MAX_OPTIONS) return List.of(ack, o);
        return List.of(o);
    }

    private static IpPacket ip(Subflow sf, Tcp tcp) {
        if (sf.localAddress instanceof Inet4Address) {
            return Ip4.builder().src(Ip4Address.of((Inet4Address) sf.localAddress)).dst(Ip4Address.of((Inet4Address) sf.remoteAddress))
                    .df(true).payload(tcp).build();
        }
        return Ip6.builder().src(Ip6Address.of((java.net.Inet6Address) sf.localAddress))
                .dst(Ip6Address.of((java.net.Inet6Address) sf.remoteAddress)).payload(tcp).build();
    }

    private long tsVal() {
        return ((System.nanoTime() - tsBase) / 1_000_000L + 1) & 0xffffffffL;
    }

    private int ephemeralPort() {
        while (true) {
            int p = 32768 + random.nextInt(28232);
            boolean taken = false;
            for (Subflow s : subflows) taken |= s.localPort == p;
            if (!taken) return p;
        }
    }

    // ------------------------------------------------------------------------ recording

    private void transmit(Subflow sf, IpPacket intended, UnaryOperator<IpPacket> alter, String note) {
        IpPacket p = alter.apply(intended);
        String n = p.equals(intended) ? note : (note.isEmpty() ? "altered" : note + ", altered");
        io.send(p);
        java.time.Instant now = java.time.Instant.now();
        record(Event.Direction.SENT, now.getEpochSecond() * 1_000_000_000L + now.getNano(), sf.index, p, n);
    }

    private void record(Event.Direction d, long nanos, int sf, IpPacket p, String note) {
        if (stepName == null) begin("unsolicited");
        stepEvents.add(new Event(d, nanos, sf, p, note));
    }

    private void note(String text) {
        stepName = stepName + " (" + text + ")";
    }

    private void begin(String name) {
        if (stepName != null) end(null, null);
        stepName = name;
        stepEvents.clear();
    }

    private Step end(Bytes data, Subflow sf) {
        Step s = new Step(stepName, stepEvents, data != null ? data : Bytes.EMPTY, sf);
        transcript.add(s);
        stepName = null;
        stepEvents.clear();
        return s;
    }

    private void fail(String message, Subflow sf) {
        Step s = end(null, sf);
        throw new PeerException(message, s);
    }

    private static String remote(Subflow sf) {
        return endpoint(sf.remoteAddress, sf.remotePort);
    }

    private static String endpoint(InetAddress a, int port) {
        return (a instanceof Inet4Address ? SockAddr.format(a) : "[" + SockAddr.format(a) + "]") + ":" + port;
    }

    private void requireRemoteKey() {
        if (!remoteKeyKnown) throw new IllegalStateException("no MP_CAPABLE key from the kernel yet: connect() first");
    }

    private void requireEstablishedConnection() {
        requireRemoteKey();
        if (state == State.FAST_CLOSED || state == State.RESET) throw new IllegalStateException("the connection is " + state);
    }

    private void requireEstablished(Subflow sf) {
        requireEstablishedConnection();
        if (sf.state != Subflow.State.ESTABLISHED && sf.state != Subflow.State.FULLY_ESTABLISHED) {
            throw new IllegalStateException("sf" + sf.index + " is " + sf.state + ", not established");
        }
    }

    private static boolean isOpen(Subflow sf) {
        return sf.state == Subflow.State.ESTABLISHED || sf.state == Subflow.State.FULLY_ESTABLISHED;
    }

    private static boolean isOpenForAck(Subflow sf) {
        return sf.state != Subflow.State.RESET && sf.state != Subflow.State.NEW && sf.state != Subflow.State.SYN_SENT;
    }

    /** Configures a peer; defaults: the lab's first path and server port, a random key, timestamps, MSS 1460. */
    public static final class Builder {
        private final Lab lab;
        private PacketIo io;
        private InetAddress remoteAddress;
        private InetAddress localAddress;
        private int remotePort;
        private int localPort;
        private boolean checksum;
        private boolean timestamps = true;
        private int mss = 1460;
        private long timeoutMillis = 1000;
        private Long localKey;
        private Long seed;
        private boolean autoAck = true;
        private int listenPort;

        private Builder(Lab lab) {
            this.lab = lab;
        }

        /** Shares this packet I/O (its capture must not be read by anyone else meanwhile). */
        public Builder io(PacketIo io) {
            this.io = io;
            return this;
        }

        public Builder remote(InetAddress address, int port) {
            this.remoteAddress = address;
            this.remotePort = port;
            return this;
        }

        public Builder remotePort(int port) {
            this.remotePort = port;
            return this;
        }

        public Builder local(InetAddress address) {
            this.localAddress = address;
            return this;
        }

        public Builder localPort(int port) {
            this.localPort = port;
            return this;
        }

        /**
         * A passive peer: it opens nothing and waits, in {@link MptcpPeer#accept(long)}, for the
         * kernel's MP_CAPABLE SYN to {@code port} on its local address (set with {@link #local}).
         */
        public Builder listen(int port) {
            if (port < 1 || port > 65535) throw new IllegalArgumentException("port: " + port + " (expected: 1..65535)");
            this.listenPort = port;
            return this;
        }

        /** Request DSS checksums (MP_CAPABLE flag A). */
        public Builder checksum(boolean on) {
            this.checksum = on;
            return this;
        }

        /** Offer the timestamps option in SYNs (default true), used when the kernel answers with it. */
        public Builder timestamps(boolean on) {
            this.timestamps = on;
            return this;
        }

        public Builder mss(int mss) {
            this.mss = mss;
            return this;
        }

        /** The timeout of every wait of the composite steps (default 1000 ms). */
        public Builder timeoutMillis(long millis) {
            this.timeoutMillis = millis;
            return this;
        }

        /** The peer's key (default: random). */
        public Builder localKey(long key) {
            this.localKey = key;
            return this;
        }

        /** Whether kernel data is acknowledged at once (default true); see {@link MptcpPeer#autoAck(boolean)}. */
        public Builder autoAck(boolean on) {
            this.autoAck = on;
            return this;
        }

        /** Seeds the ISNs, ports, randoms and key: a reproducible run. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public MptcpPeer build() {
            return new MptcpPeer(this);
        }
    }
}
