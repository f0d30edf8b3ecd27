package org.mptcpkit.shell.dsl;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.packet.Ip4;
import org.mptcpkit.packet.Ip6;
import org.mptcpkit.packet.IpPayload;
import org.mptcpkit.packet.RawPayload;
import org.mptcpkit.packet.Tcp;
import org.mptcpkit.peer.MptcpPeer;
import org.mptcpkit.peer.Step;
import org.mptcpkit.peer.Subflow;

/**
 * The Groovy extension module of the DSL (registered in
 * {@code META-INF/groovy/org.codehaus.groovy.runtime.ExtensionModule}): scapy's {@code /} to
 * stack layers, {@code IP()/TCP()/'payload'}, and string conveniences on the peer
 * ({@code peer.send('hello')}, {@code peer.join('10.0.1.2', 2)}). Real methods, known to the
 * compiler: no {@code methodMissing}.
 *
 * <p>Stacking puts the right side innermost: text or bytes after an {@code IP()/TCP()} become the
 * TCP payload, as in scapy. The IP protocol, lengths and checksums stay as they were set (AUTO by
 * default), so the encoder derives them from what is stacked.
 */
public final class PacketExtensions {
    private PacketExtensions() {
    }

    public static Ip4 div(Ip4 self, IpPayload payload) {
        if (self.payload() instanceof Tcp t && payload instanceof RawPayload r) return self.withPayload(t.withPayload(r.bytes()));
        if (payload instanceof Tcp && self.protocol() == 0 && isEmpty(self.payload())) {
            // IP() alone says protocol 0 (see PacketDsl.IP): with a segment on top, the encoder derives 6.
            return self.withPayload(payload).withProtocol(org.mptcpkit.packet.Field.AUTO);
        }
        return self.withPayload(payload);
    }

    private static boolean isEmpty(IpPayload p) {
        return p instanceof RawPayload r && r.bytes().isEmpty();
    }

    public static Ip4 div(Ip4 self, CharSequence text) {
        return div(self, utf8(text));
    }

    public static Ip4 div(Ip4 self, Bytes bytes) {
        return div(self, (IpPayload) RawPayload.of(bytes));
    }

    public static Ip4 div(Ip4 self, byte[] bytes) {
        return div(self, Bytes.of(bytes.clone()));
    }

    public static Ip6 div(Ip6 self, IpPayload payload) {
        if (self.payload() instanceof Tcp t && payload instanceof RawPayload r) return self.withPayload(t.withPayload(r.bytes()));
        if (payload instanceof Tcp && self.nextHeader() == 59 && isEmpty(self.payload())) {
            return self.withPayload(payload).withNextHeader(org.mptcpkit.packet.Field.AUTO);
        }
        return self.withPayload(payload);
    }

    public static Ip6 div(Ip6 self, CharSequence text) {
        return div(self, utf8(text));
    }

    public static Ip6 div(Ip6 self, Bytes bytes) {
        return div(self, (IpPayload) RawPayload.of(bytes));
    }

    public static Ip6 div(Ip6 self, byte[] bytes) {
        return div(self, Bytes.of(bytes.clone()));
    }

    public static Tcp div(Tcp self, CharSequence text) {
        return self.withPayload(utf8(text));
    }

    public static Tcp div(Tcp self, Bytes bytes) {
        return self.withPayload(bytes);
    }

    public static Tcp div(Tcp self, byte[] bytes) {
        return self.withPayload(Bytes.of(bytes.clone()));
    }

    // ------------------------------------------------------------------------------ the peer

    /** Sends UTF-8 text on the first subflow (DSS mapping, data ACK). */
    public static Step send(MptcpPeer self, CharSequence text) {
        return self.send(utf8(text));
    }

    /** Sends UTF-8 text on {@code subflow}. */
    public static Step send(MptcpPeer self, Subflow subflow, CharSequence text) {
        return self.send(subflow, utf8(text));
    }

    public static Step send(MptcpPeer self, byte[] bytes) {
        return self.send(Bytes.of(bytes.clone()));
    }

    /** Joins a subflow from the peer address {@code localAddress} with {@code addressId}. */
    public static Step join(MptcpPeer self, String localAddress, int addressId) {
        return self.join(InetAddress.ofLiteral(localAddress), addressId);
    }

    /** Joins a subflow from {@code localAddress} to the kernel's {@code remoteAddress} (e.g. its second address). */
    public static Step join(MptcpPeer self, String localAddress, String remoteAddress, int addressId) {
        Subflow sf = self.newSubflow(InetAddress.ofLiteral(localAddress), InetAddress.ofLiteral(remoteAddress), addressId, false);
        java.util.List<org.mptcpkit.peer.Event> all = new java.util.ArrayList<>();
        all.addAll(self.sendJoinSyn(sf, java.util.function.UnaryOperator.identity()).events());
        all.addAll(self.awaitJoinSynAck(sf, 1000).events());
        all.addAll(self.sendJoinAck(sf, java.util.function.UnaryOperator.identity()).events());
        all.addAll(self.awaitJoinAck(sf, 1000).events());
        return new Step("join " + localAddress + " > " + remoteAddress + " id " + addressId, all, Bytes.EMPTY, sf);
    }

    /** Announces {@code address} (no port) as {@code addressId}. */
    public static Step addAddress(MptcpPeer self, int addressId, String address) {
        return self.addAddress(addressId, InetAddress.ofLiteral(address), 0);
    }

    public static Step addAddress(MptcpPeer self, int addressId, String address, int port) {
        return self.addAddress(addressId, InetAddress.ofLiteral(address), port);
    }

    /** Waits (1 s) for at least {@code minBytes} bytes from the kernel. */
    public static Step receive(MptcpPeer self, int minBytes) {
        return self.receive(minBytes, PacketDsl.DEFAULT_TIMEOUT_MS);
    }

    /** Waits (1 s) for any data from the kernel. */
    public static Step receive(MptcpPeer self) {
        return self.receive(1, PacketDsl.DEFAULT_TIMEOUT_MS);
    }

    /** {@code step.text}: the data a step delivered, as UTF-8. */
    public static String getText(Step self) {
        return new String(self.data().toByteArray(), StandardCharsets.UTF_8);
    }

    private static Bytes utf8(CharSequence text) {
        return Bytes.wrap(text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
