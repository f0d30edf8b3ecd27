package org.mptcpkit.io.net;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.mptcpkit.io.TestPackets;
import org.mptcpkit.packet.Bytes;
import org.mptcpkit.wire.InternetChecksum;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AnswersTest {
    private static final InetAddress A = InetAddress.ofLiteral("10.0.0.2");
    private static final InetAddress B = InetAddress.ofLiteral("10.0.0.1");
    private static final InetAddress C = InetAddress.ofLiteral("10.0.0.9");
    private static final byte[] NONE = new byte[0];
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int PSH = 0x08;
    private static final int ACK = 0x10;

    private static Bytes tcp(InetAddress s, int sp, InetAddress d, int dp, long seq, long ack, int flags, int payload) {
        byte[] p = TestPackets.tcp(s, sp, d, dp, seq, flags, NONE);
        byte[] withData = java.util.Arrays.copyOf(p, p.length + payload);
        int t = TestPackets.tcpOffset(withData);
        withData[t + 8] = (byte) (ack >> 24);
        withData[t + 9] = (byte) (ack >> 16);
        withData[t + 10] = (byte) (ack >> 8);
        withData[t + 11] = (byte) ack;
        if ((withData[0] & 0xf0) == 0x40) {
            withData[2] = (byte) (withData.length >> 8);
            withData[3] = (byte) withData.length;
        } else {
            int pl = withData.length - 40;
            withData[4] = (byte) (pl >> 8);
            withData[5] = (byte) pl;
        }
        return Bytes.of(withData);
    }

    @Test
    void synIsAnsweredBySynAckAndRstAckOnly() {
        Bytes syn = tcp(A, 40000, B, 80, 1000, 0, SYN, 0);
        assertTrue(Answers.isAnswer(syn, tcp(B, 80, A, 40000, 777, 1001, SYN | ACK, 0)));
        assertTrue(Answers.isAnswer(syn, tcp(B, 80, A, 40000, 0, 1001, RST | ACK, 0)), "closed port");
        assertFalse(Answers.isAnswer(syn, tcp(B, 80, A, 40000, 777, 1101, SYN | ACK, 0)), "ack far off");
        assertFalse(Answers.isAnswer(syn, tcp(B, 81, A, 40000, 777, 1001, SYN | ACK, 0)), "other port");
        assertFalse(Answers.isAnswer(syn, tcp(C, 80, A, 40000, 777, 1001, SYN | ACK, 0)), "other host");
        assertFalse(Answers.isAnswer(syn, tcp(B, 80, A, 40000, 777, 0, SYN, 0)), "a bare SYN answers nothing");
        assertFalse(Answers.isAnswer(syn, syn), "not itself");
    }

    @Test
    void dataIsAnsweredByTheAckThatCoversIt() {
        Bytes data = tcp(A, 40000, B, 80, 1000, 5000, PSH | ACK, 100);
        assertTrue(Answers.isAnswer(data, tcp(B, 80, A, 40000, 5000, 1100, ACK, 0)));
        assertTrue(Answers.isAnswer(data, tcp(B, 80, A, 40000, 5000, 1000, ACK, 0)), "a duplicate ACK is within the window");
        assertFalse(Answers.isAnswer(data, tcp(B, 80, A, 40000, 5000, 1200, ACK, 0)), "acks more than was sent");
        assertFalse(Answers.isAnswer(data, tcp(B, 80, A, 40000, 9000, 1100, ACK, 0)), "seq far from our ack");
        assertFalse(Answers.isAnswer(data, tcp(B, 80, A, 40000, 5000, 1100, SYN | ACK, 0)), "a SYN-ACK answers only a SYN");
        assertTrue(Answers.isAnswer(data, tcp(B, 80, A, 40000, 5000, 0, RST, 0)), "a bare RST answers what came to its ports");
        assertFalse(Answers.isAnswer(tcp(A, 40000, B, 80, 1000, 5000, RST | ACK, 0), tcp(B, 80, A, 40000, 5000, 1000, ACK, 0)),
                "RSTs get no answers");
    }

    @Test
    void ipv6AndWrapAround() {
        InetAddress a6 = InetAddress.ofLiteral("fd00:10::2");
        InetAddress b6 = InetAddress.ofLiteral("fd00:10::1");
        Bytes syn = tcp(a6, 40000, b6, 80, 0xffffffffL, 0, SYN, 0);
        assertTrue(Answers.isAnswer(syn, tcp(b6, 80, a6, 40000, 1, 0, SYN | ACK, 0)), "ack wraps to 0");
        assertFalse(Answers.isAnswer(syn, tcp(B, 80, A, 40000, 1, 0, SYN | ACK, 0)), "IPv4 never answers IPv6");
    }

    @Test
    void icmpErrorsAnswerThePacketTheyQuote() {
        byte[] udp = udp(A, 5000, B, 53);
        Bytes unreachable = icmpError(B, A, udp);
        assertTrue(Answers.isAnswer(Bytes.of(udp), unreachable));
        assertFalse(Answers.isAnswer(Bytes.of(udp(A, 5001, B, 53)), unreachable), "quotes another port");
        // A router on the way may send it: only the quoted packet and our address matter.
        assertTrue(Answers.isAnswer(Bytes.of(udp), icmpError(C, A, udp)));
        assertTrue(Answers.isAnswer(Bytes.of(udp), Bytes.of(udp(B, 53, A, 5000))), "UDP reply");
        assertFalse(Answers.isAnswer(Bytes.of(udp), Bytes.of(udp(B, 54, A, 5000))));
    }

    private static byte[] udp(InetAddress s, int sp, InetAddress d, int dp) {
        byte[] p = new byte[28];
        p[0] = 0x45;
        p[3] = 28;
        p[8] = 64;
        p[9] = 17;
        System.arraycopy(s.getAddress(), 0, p, 12, 4);
        System.arraycopy(d.getAddress(), 0, p, 16, 4);
        p[20] = (byte) (sp >> 8);
        p[21] = (byte) sp;
        p[22] = (byte) (dp >> 8);
        p[23] = (byte) dp;
        p[25] = 8;
        return p;
    }

    private static Bytes icmpError(InetAddress from, InetAddress to, byte[] quoted) {
        byte[] p = new byte[28 + quoted.length];
        p[0] = 0x45;
        p[2] = (byte) (p.length >> 8);
        p[3] = (byte) p.length;
        p[8] = 64;
        p[9] = 1;
        System.arraycopy(from.getAddress(), 0, p, 12, 4);
        System.arraycopy(to.getAddress(), 0, p, 16, 4);
        p[20] = 3; // destination unreachable
        p[21] = 3; // port unreachable
        System.arraycopy(quoted, 0, p, 28, quoted.length);
        int c = InternetChecksum.of(p, 20, p.length - 20);
        p[22] = (byte) (c >> 8);
        p[23] = (byte) c;
        return Bytes.of(p);
    }
}
