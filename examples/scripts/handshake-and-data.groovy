// MP_CAPABLE handshake by hand, then data through the stateful peer.
// Run: mptcpkit script --lab examples/scripts/handshake-and-data.groovy
def path = lab.subnets()[0]
String me = path.peer().hostAddress, kernel = path.kernel().hostAddress

// 1. A SYN with MP_CAPABLE v1, crafted: the kernel answers with its key.
syn = IP(src: me, dst: kernel) / TCP(sport: 40000, dport: 8080, flags: 'S', options: [mss(1460), MpCapable()])
ans = sr1(syn)
assert ans != null : "no SYN-ACK from $kernel:8080"
def capable = ans.tcp().option(MpCapable.SynAck).orElseThrow()
println "SYN-ACK carries the kernel's key ${Long.toHexString(capable.senderKey())}"
send(IP(src: me, dst: kernel) / TCP(sport: 40000, dport: 8080, flags: 'R', seq: 1))   // let that one go

// 2. The same handshake and data through the peer, which keeps the state RFC 8684 asks for.
peer = connect(lab)
def step = peer.send('hello, kernel')
show(step)
def echo = peer.receive(13)
show(echo)
assert echo.text == 'hello, kernel'
println "echoed: ${echo.text}"
show(peer.close(1000))
println "state: ${peer.state()}"
