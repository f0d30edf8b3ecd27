package org.mptcpkit.format;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a script knows that a packet does not, for printing it in {@code .pkt} syntax: the bases
 * that make sequence numbers relative, and the names of keys and addresses.
 *
 * <p>{@link #ABSOLUTE} (no script) prints every number as on the wire and names keys by their
 * role ({@code ckey} for the client's, {@code skey} for the server's, {@code rkey} for an
 * MP_FASTCLOSE key) with their value. The interpreter passes the ISNs and IDSNs of the connection
 * and the names its script bound, so that an actual packet prints as the script would write it:
 * <pre>{@code
 * PktContext ctx = PktContext.ABSOLUTE
 *         .withSequenceBases(localIsn, remoteIsn)          // seq - localIsn, ack - remoteIsn
 *         .withDataSequenceBases(kernelIdsn, scriptIdsn)   // dsn - kernelIdsn, dack - scriptIdsn
 *         .withKeyName(kernelKey, "skey").withKeyName(scriptKey, "ckey")
 *         .withKeyValues(false);                           // key[ckey, skey], not key[ckey=...]
 * }</pre>
 *
 * <p>Key values follow the fork's byte order (reference §4.6): {@code key[skey=N]} puts N's
 * little-endian bytes on the wire, so a key whose wire bytes are {@code 5d a3 ... 3d} prints as
 * {@code skey=} the value of those bytes read little-endian. {@code mp_fastclose NAME=N} sends N
 * big-endian ({@code htonll}), so MP_FASTCLOSE keys print as their wire value.
 *
 * <p>Immutable; every {@code with} returns a copy.
 */
public final class PktContext {
    /** No script: absolute numbers, keys named by role with their values, no tuple. */
    public static final PktContext ABSOLUTE = new PktContext(0, 0, 0, 0, Map.of(), Map.of(), true, false);

    private final long sequenceBase;
    private final long ackBase;
    private final long dataSequenceBase;
    private final long dataAckBase;
    private final Map<Long, String> keyNames;
    private final Map<InetAddress, String> addressNames;
    private final boolean keyValues;
    private final boolean tuple;

    private PktContext(long sequenceBase, long ackBase, long dataSequenceBase, long dataAckBase,
                       Map<Long, String> keyNames, Map<InetAddress, String> addressNames, boolean keyValues,
                       boolean tuple) {
        this.sequenceBase = sequenceBase;
        this.ackBase = ackBase;
        this.dataSequenceBase = dataSequenceBase;
        this.dataAckBase = dataAckBase;
        this.keyNames = keyNames;
        this.addressNames = addressNames;
        this.keyValues = keyValues;
        this.tuple = tuple;
    }

    /**
     * Sequence numbers relative to {@code sequenceBase} (the sender's ISN) and acknowledgment
     * numbers and SACK blocks relative to {@code ackBase} (the receiver's ISN), modulo 2^32. A
     * SYN's sequence number is printed as on the wire, as packetdrill writes it.
     */
    public PktContext withSequenceBases(long sequenceBase, long ackBase) {
        return new PktContext(sequenceBase, ackBase, dataSequenceBase, dataAckBase, keyNames, addressNames,
                keyValues, tuple);
    }

    /**
     * DSS and MP_FAIL data sequence numbers relative to {@code dataSequenceBase} (the sender's
     * IDSN) and data ACKs relative to {@code dataAckBase} (the receiver's IDSN), as the fork's
     * {@code dsn8=N} / {@code dack8=N} (reference §6.6). 4-byte forms take the low 32 bits.
     */
    public PktContext withDataSequenceBases(long dataSequenceBase, long dataAckBase) {
        return new PktContext(sequenceBase, ackBase, dataSequenceBase, dataAckBase, keyNames, addressNames,
                keyValues, tuple);
    }

    /** Prints {@code key} (as on the wire, big-endian) under {@code name}. */
    public PktContext withKeyName(long key, String name) {
        Objects.requireNonNull(name, "name");
        Map<Long, String> m = new HashMap<>(keyNames);
        m.put(key, name);
        return new PktContext(sequenceBase, ackBase, dataSequenceBase, dataAckBase, Map.copyOf(m), addressNames,
                keyValues, tuple);
    }

    /** Prints an ADD_ADDR of {@code address} as {@code addr[name=...]}. */
    public PktContext withAddressName(InetAddress address, String name) {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(name, "name");
        Map<InetAddress, String> m = new HashMap<>(addressNames);
        m.put(address, name);
        return new PktContext(sequenceBase, ackBase, dataSequenceBase, dataAckBase, keyNames, Map.copyOf(m),
                keyValues, tuple);
    }

    /**
     * Whether keys and addresses carry their values ({@code key[skey=N]},
     * {@code addr[a=inet_addr("...")]}): true by default; false once a script has bound them.
     */
    public PktContext withKeyValues(boolean keyValues) {
        return new PktContext(sequenceBase, ackBase, dataSequenceBase, dataAckBase, keyNames, addressNames,
                keyValues, tuple);
    }

    /** Whether a packet line starts with its {@code A.B.C.D:PORT > A.B.C.D:PORT} tuple. */
    public PktContext withTuple(boolean tuple) {
        return new PktContext(sequenceBase, ackBase, dataSequenceBase, dataAckBase, keyNames, addressNames,
                keyValues, tuple);
    }

    long seq(long wire) {
        return (wire - sequenceBase) & 0xffffffffL;
    }

    long ack(long wire) {
        return (wire - ackBase) & 0xffffffffL;
    }

    long dataSequence(long wire, boolean eightBytes) {
        long v = wire - dataSequenceBase;
        return eightBytes ? v : v & 0xffffffffL;
    }

    long dataAck(long wire, boolean eightBytes) {
        long v = wire - dataAckBase;
        return eightBytes ? v : v & 0xffffffffL;
    }

    String keyName(long key, String byRole) {
        String n = keyNames.get(key);
        return n != null ? n : byRole;
    }

    String addressName(InetAddress address, String byId) {
        String n = addressNames.get(address);
        return n != null ? n : byId;
    }

    boolean keyValues() {
        return keyValues;
    }

    boolean tuple() {
        return tuple;
    }
}
