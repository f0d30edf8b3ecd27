package org.mptcpkit.drill.exec;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.mptcpkit.crypto.MptcpKeys;
import org.mptcpkit.drill.ast.DssValue;
import org.mptcpkit.drill.ast.HashAlgorithm;
import org.mptcpkit.drill.ast.KeyVar;

/**
 * The MPTCP connection state of one run, as the fork keeps it in its global {@code mp_state}
 * (reference §6.6): both keys, their IDSNs, the key and address variables, and packetdrill's own
 * addresses.
 *
 * <p>Keys are {@code long}s holding the 8 wire bytes big-endian, as in {@code org.mptcpkit.packet}.
 * A script literal {@code key[skey=2]} is stored the way the fork stores it on x86: the integer's
 * memory, so the wire bytes are {@code 02 00 00 00 00 00 00 00} (quirk §7.1).
 */
final class MptcpState {
    /** A bound endpoint variable ({@code addr[saddr1]}): an address and a port. */
    record Endpoint(InetAddress address, int port) {
    }

    /** One of packetdrill's own addresses, with the MPTCP address id it announces. */
    record PdAddress(InetAddress address, int id) {
    }

    Long pdKey;
    Long kernelKey;
    int version = 1;
    final Map<String, Long> keyVars = new HashMap<>();
    final Map<String, Endpoint> addrVars = new HashMap<>();
    final List<PdAddress> pdAddresses = new ArrayList<>();
    /** The next relative DSN packetdrill sends when a script leaves {@code dsn} out. */
    long pdNextDsn = 1;
    /** The highest relative DSN end the kernel has sent, for an unset inbound data ACK. */
    long kernelNextDsn = 1;

    MptcpState(InetAddress remote) {
        pdAddresses.add(new PdAddress(remote, 0));
    }

    /** The wire value of a script integer key: its little-endian memory, as the fork does. */
    static long literalKey(long value) {
        return Long.reverseBytes(value);
    }

    long pdIdsn() {
        return pdKey == null ? 0 : MptcpKeys.idsn(pdKey, version);
    }

    long kernelIdsn() {
        return kernelKey == null ? 0 : MptcpKeys.idsn(kernelKey, version);
    }

    /** The value of key variable {@code name} or null. */
    Long key(String name) {
        return keyVars.get(name);
    }

    /**
     * Binds the variable to {@code value} unless it is bound already, and returns its value; a
     * written literal ({@code NAME=INT}) wins.
     */
    long bind(KeyVar var, long value) {
        if (var.value().isPresent()) {
            long v = literalKey(var.value().getAsLong());
            keyVars.put(var.name(), v);
            return v;
        }
        Long old = keyVars.get(var.name());
        if (old != null) return old;
        keyVars.put(var.name(), value);
        return value;
    }

    /**
     * packetdrill's key for an inbound MP_CAPABLE: the literal or bound value of its variable, else
     * the key it already has, else a random one.
     */
    long pdKeyFor(KeyVar var) {
        if (var.value().isPresent()) {
            pdKey = literalKey(var.value().getAsLong());
            keyVars.put(var.name(), pdKey);
            return pdKey;
        }
        if (pdKey == null) {
            Long bound = keyVars.get(var.name());
            pdKey = bound != null ? bound : ThreadLocalRandom.current().nextLong();
        }
        keyVars.putIfAbsent(var.name(), pdKey);
        return pdKey;
    }

    long idsnOf(HashAlgorithm algorithm, long key) {
        return MptcpKeys.idsn(key, algorithm == HashAlgorithm.SHA1 ? 0 : 1);
    }

    long tokenOf(HashAlgorithm algorithm, long key) {
        return MptcpKeys.token(key, algorithm == HashAlgorithm.SHA1 ? 0 : 1);
    }

    /**
     * The absolute value of a DSS number: literals relative to {@code base} (an IDSN), hash
     * forms absolute. Returns null for {@link DssValue.Unset}.
     */
    Long resolve(DssValue value, long base, int line) {
        return switch (value) {
            case DssValue.Unset u -> null;
            case DssValue.Literal l -> base + l.value();
            case DssValue.KeyIdsnLiteral k -> idsnOf(k.algorithm(), literalKey(k.key()));
            case DssValue.KeyIdsn k -> {
                Long key = keyVars.get(k.key());
                if (key == null) throw new ScriptFailure(line, "unknown MPTCP key variable '" + k.key() + "'");
                yield MptcpKeys.idsn(key, version) + k.offset();
            }
        };
    }

    /** packetdrill's address with this address, or a new one: "highest last byte seen + 1" (§6.6). */
    PdAddress newPdAddress() {
        int maxId = 0;
        int maxLast = 0;
        InetAddress base = pdAddresses.get(0).address();
        for (PdAddress a : pdAddresses) {
            maxId = Math.max(maxId, a.id());
            byte[] b = a.address().getAddress();
            maxLast = Math.max(maxLast, b[b.length - 1] & 0xff);
        }
        byte[] b = base.getAddress();
        b[b.length - 1] = (byte) (maxLast + 1);
        try {
            PdAddress a = new PdAddress(InetAddress.getByAddress(b), maxId + 1);
            pdAddresses.add(a);
            return a;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The address id packetdrill announces for {@code address}: a known one, else 0. */
    int pdAddressId(InetAddress address) {
        for (PdAddress a : pdAddresses) {
            if (a.address().equals(address)) return a.id();
        }
        return 0;
    }

    static boolean isV4(InetAddress a) {
        return a instanceof Inet4Address;
    }

    static boolean isV6(InetAddress a) {
        return a instanceof Inet6Address;
    }
}
