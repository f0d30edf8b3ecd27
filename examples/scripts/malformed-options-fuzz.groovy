// A loop of malformed MPTCP options against the kernel, then a check that it still serves:
// a fresh connection completes its handshake and echoes data.
// Run: mptcpkit script --lab examples/scripts/malformed-options-fuzz.groovy [ROUNDS]
int rounds = args ? args[0] as int : 40
def path = lab.subnets()[0]
String me = path.peer().hostAddress, kernel = path.kernel().hostAddress
def rnd = new Random(8684)

def malformed = [
    { Option(kind: 30, length: 2, bytes: '') },                                  // shorter than any suboption
    { Option(kind: 30, length: 40, bytes: '0101') },                             // length beyond the option space
    { MpCapable(version: 1, flags: 'H', length: 7) },                            // SYN form with a wrong length
    { MpCapable(version: 15) },                                                  // unknown version
    { MpJoin(addressId: 1, receiverToken: rnd.nextInt() & 0xffffffffL, senderRandom: 1, length: 3) },
    { Dss(dataAck: rnd.nextLong(), dsn: rnd.nextLong(), ssn: 1, dll: 0xffff, length: 5) },
    { AddAddr(addressId: 9, address: '10.9.9.9', length: 4) },
    { RemoveAddr(ids: [], length: 2) },
    { Option(subtype: 0xe, bits: 0xf, bytes: (1..20).collect { rnd.nextInt(256) }) }, // unassigned subtype
    { Option(subtype: rnd.nextInt(16), length: rnd.nextInt(256), bytes: (1..rnd.nextInt(30)).collect { rnd.nextInt(256) }) },
]

int sent = 0, answered = 0
for (int i = 0; i < rounds; i++) {
    def opt = malformed[i % malformed.size()]()
    def flags = ['S', 'A', 'SA', 'PA'][rnd.nextInt(4)]
    def p = IP(src: me, dst: kernel) / TCP(sport: 41000 + i, dport: 8080, flags: flags, seq: rnd.nextInt() & 0xffffffffL,
            options: [opt]) / (flags == 'PA' ? 'x' * rnd.nextInt(20) : '')
    def ans = sr1(p, 100)
    sent++
    if (ans != null) {
        answered++
        // A SYN-ACK to a broken SYN: take it down so the kernel holds no half-open socket.
        send(IP(src: me, dst: kernel) / TCP(sport: 41000 + i, dport: 8080, flags: 'R', seq: (p.payload().seq() + 1) & 0xffffffffL))
    }
}
println "sent $sent malformed packets, the kernel answered $answered"

// Inside an established connection: data whose DSS the peer breaks on the way out (alter { }).
def victim = connect(lab)
def sf = victim.subflow(0)
[{ withDataLevelLength(0xffff) }, { withLength(3) }, { withDataSequenceNumber(rnd.nextLong()) }].each { change ->
    victim.send(sf, hex('41'), alter { option(Dss, change) })
}
println "sent 3 data segments with a broken DSS on an established connection"

def peer = connect(lab)
peer.send('alive?')
def echo = peer.receive(6)
assert echo.text == 'alive?' : "the kernel stopped serving: '${echo.text}'"
println "after the fuzz the kernel still serves: a fresh connection echoed '${echo.text}'"
peer.close(1000)
