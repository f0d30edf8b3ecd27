package org.mptcpkit.tests.crypto;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mptcpkit.crypto.MptcpKeys;
import org.mptcpkit.tests.crypto.OptionRow.Endpoint;

/**
 * The MPTCP connections and subflows of one capture, rebuilt from its option rows: a connection
 * from the MP_CAPABLE third ACK (both keys), a join subflow from the MP_JOIN SYN whose receiver's
 * token names the connection. Inconsistencies are collected in {@link #problems} for the test to
 * assert on, so a capture the model cannot explain fails instead of being skipped.
 */
final class CaptureModel {
    /** One MPTCP connection: the client sent the MP_CAPABLE SYN, the server answered it. */
    record Connection(int tcpStream, int frame, Endpoint client, Endpoint server, int version,
                      long clientKey, long serverKey) {
        long key(boolean client) {
            return client ? clientKey : serverKey;
        }
    }

    /**
     * One subflow of a connection. {@code initiator} sent its SYN; {@code initiatorIsClient} says
     * whether that host is the connection's client (true for the MP_CAPABLE subflow and for joins
     * the client opens, false when the server opens one).
     */
    record Subflow(int tcpStream, Connection connection, Endpoint initiator, Endpoint responder,
                   boolean initiatorIsClient) {
        /** Whether a segment from {@code source} on this subflow comes from the connection's client. */
        boolean fromClient(Endpoint source) {
            if (source.equals(initiator)) return initiatorIsClient;
            if (source.equals(responder)) return !initiatorIsClient;
            throw new AssertionError(source + " is not an endpoint of subflow " + tcpStream);
        }

        long initiatorKey() {
            return connection.key(initiatorIsClient);
        }

        long responderKey() {
            return connection.key(!initiatorIsClient);
        }
    }

    /** An MP_JOIN handshake; {@code synAck} and {@code ack} are null when the capture lacks them. */
    record Join(Subflow subflow, OptionRow syn, OptionRow synAck, OptionRow ack) {
    }

    final List<OptionRow> rows;
    final List<Connection> connections = new ArrayList<>();
    final Map<Integer, Subflow> subflows = new LinkedHashMap<>();
    final List<Join> joins = new ArrayList<>();
    final List<String> problems = new ArrayList<>();

    CaptureModel(List<OptionRow> rows) {
        this.rows = rows;
        for (OptionRow r : rows) {
            if (r.subtype() != OptionRow.MP_CAPABLE || r.syn() || !r.hasField("recvkey")) continue;
            // Third ACK (length 20) or ACK with data (22/24): sender's key = client, receiver's = server.
            Subflow existing = subflows.get(r.tcpStream());
            if (existing != null) {
                Connection c = existing.connection();
                if (c.clientKey() != r.unsigned("sendkey") || c.serverKey() != r.unsigned("recvkey")) {
                    problems.add(r + ": keys differ from frame " + c.frame());
                }
                continue;
            }
            Connection c = new Connection(r.tcpStream(), r.frame(), r.source(), r.destination(),
                    r.integer("version"), r.unsigned("sendkey"), r.unsigned("recvkey"));
            connections.add(c);
            subflows.put(c.tcpStream(), new Subflow(c.tcpStream(), c, c.client(), c.server(), true));
        }
        for (OptionRow r : rows) {
            if (r.subtype() != OptionRow.MP_JOIN || !r.syn() || r.ack()) continue;
            Subflow sf = subflows.get(r.tcpStream());
            if (sf != null) {
                if (!sf.initiator().equals(r.source())) problems.add(r + ": a second SYN initiator");
                continue; // a retransmitted SYN
            }
            long token = r.unsigned("recvtok");
            Connection found = null;
            boolean initiatorIsClient = false;
            int matches = 0;
            for (Connection c : connections) {
                // The SYN carries the token of the *receiver's* key (RFC 8684 §3.2).
                if (MptcpKeys.token(c.serverKey(), c.version()) == token) {
                    found = c;
                    initiatorIsClient = true;
                    matches++;
                }
                if (MptcpKeys.token(c.clientKey(), c.version()) == token) {
                    found = c;
                    initiatorIsClient = false;
                    matches++;
                }
            }
            if (matches != 1) {
                problems.add(r + ": token " + token + " matches " + matches + " connection keys");
                continue;
            }
            sf = new Subflow(r.tcpStream(), found, r.source(), r.destination(), initiatorIsClient);
            subflows.put(sf.tcpStream(), sf);
            joins.add(new Join(sf, r, find(r, true), find(r, false)));
        }
    }

    /** The MP_JOIN SYN-ACK ({@code synAck}) or ACK after {@code syn} on its subflow. */
    private OptionRow find(OptionRow syn, boolean synAck) {
        for (OptionRow r : rows) {
            if (r.frame() <= syn.frame() || r.tcpStream() != syn.tcpStream() || r.subtype() != OptionRow.MP_JOIN) {
                continue;
            }
            if (synAck && r.syn() && r.ack() && r.source().equals(syn.destination())) return r;
            if (!synAck && !r.syn() && r.optionLength() == 24 && r.source().equals(syn.source())) return r;
        }
        return null;
    }

    /** The subflow a row belongs to, or null for a subflow without MPTCP keys (fallback, refused). */
    Subflow subflow(OptionRow r) {
        return subflows.get(r.tcpStream());
    }
}
