package org.mptcpkit.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mptcpkit.io.lab.Lab;
import org.mptcpkit.shell.dsl.LabResources;

/**
 * The judge of issue 4 at a terminal (JLine's xterm emulation over pipes, keys typed as a user
 * does): completion of a DSL word and of a packet field, a multi-line definition, an error as
 * one line, and a send/sniff round trip with the kernel in a lab.
 */
class DslReplTest {
    @TempDir
    Path dir;

    private static List<String> answers(String screen) {
        return screen.lines().filter(l -> !l.startsWith(Repl.PROMPT) && !l.startsWith(Repl.CONTINUATION) && !l.isBlank()).toList();
    }

    @Test
    void completesWordsAndFieldsContinuesDefinitionsAndShowsErrorsOnOneLine() throws Exception {
        try (TerminalDriver t = new TerminalDriver("xterm", dir.resolve("history"), Vocabulary::standard)) {
            t.type("MpCap\t(sender\t 5)\r");                        // a DSL word, then one of its fields
            t.type("IP(d\t '10.0.0.1')/TCP(dp\t 80, fla\t 'S')\r");   // packet fields: IP(d<Tab> is dst:
            t.type("syn = IP(dst: '10.0.0.2') /\r");                  // a definition over lines
            t.type("  TCP { syn(); ms\t 1460 }\r");
            t.type("syn\r");
            t.type("TCP(dprt: 5)\r");                                  // an error: one line
            t.type("40 + 2\r");
            assertEquals(0, t.endOfInput());
            String screen = t.screen();
            assertTrue(screen.contains(Repl.PROMPT + "MpCapable(senderKey: 5)"), screen);
            assertTrue(screen.contains(Repl.PROMPT + "IP(dst: '10.0.0.1')/TCP(dport: 80, flags: 'S')"), screen);
            assertTrue(screen.contains(Repl.CONTINUATION + "  TCP { syn(); mss 1460 }"), screen);
            List<String> a = answers(screen);
            assertEquals("mptcp 12 capable v1 {0x5}", a.get(0));
            assertEquals("IP 127.0.0.1.20 > 10.0.0.1.80: Flags [S], seq 0, win 8192, length 0", a.get(1));
            assertEquals("IP 127.0.0.1.20 > 10.0.0.2.80: Flags [S], seq 0, win 8192, options [mss 1460], length 0", a.get(2));
            assertTrue(a.get(3).startsWith("IllegalArgumentException: TCP: unknown field 'dprt' (expected one of: "), a.get(3));
            assertEquals("42", a.get(4));
            assertEquals(5, a.size(), a.toString());
        }
    }

    @Tag("kernel")
    @Test
    void sendAndSniffRoundTripWithTheKernel() throws Exception {
        try (Lab lab = Lab.builder().ipv4Paths(2).ipv6Paths(0).echoServer(8080).build()) {
            try (TerminalDriver t = new TerminalDriver("xterm", dir.resolve("history"), () -> Vocabulary.standard().variable("lab", lab))) {
                // IP() takes its addresses from the lab; the kernel's SYN-ACK (retransmitted after
                // 1 s) is caught by a sniff that starts after the send.
                t.type("syn = IP()/TCP(sport: 40123, dport: 8080, options: [mss(1460), MpCapable()])\r");
                t.type("send(syn); sniff(filter: 'tcp and src port 8080', count: 1, timeout: 3000)\r");
                t.type("ans = sr1(IP()/TCP(sport: 40124, dport: 8080, options: [mss(1460), MpCapable()]))\r");
                t.type("ans.tcp().option(MpCapable.SynAck).present\r");
                // Layer 2, byte for byte; and sr() pairing each SYN with its SYN-ACK.
                t.type("sendp(IP()/TCP(sport:40125, dport:8080)); sniff(filter:'dst port 40125', count:1, timeout:3000).size()\r");
                t.type("sr([40126, 40127].collect { IP()/TCP(sport: it, dport: 8080) }).collect { it.tcp().dstPort() }\r");
                assertEquals(0, t.endOfInput());
                List<String> a = answers(t.screen());
                assertTrue(a.get(0).startsWith("IP 10.0.0.1.8080 > 10.0.0.2.40123: Flags [S.], seq "), a.toString());
                assertTrue(a.get(0).contains("mptcp 12 capable v1 {0x"), a.toString());
                assertEquals("true", a.get(1), a.toString());
                assertEquals("1", a.get(2), a.toString());
                assertEquals("[40126, 40127]", a.get(3), a.toString());
            } finally {
                LabResources.release(lab);
            }
        }
    }
}
