// MP_FASTCLOSE (RFC 8684 §3.5): a RST carrying the kernel's key ends the connection at once.
// Run: mptcpkit script --lab examples/scripts/fast-close.groovy
peer = connect(lab)
peer.send('bye')
peer.receive(3)
def before = lab.mptcpCounters().getOrDefault('MPFastcloseRx', 0L)
def sf = peer.subflow(0)
show(peer.fastClose())
def after = lab.mptcpCounters().getOrDefault('MPFastcloseRx', 0L)
assert after == before + 1 : "the kernel counted $before then $after MP_FASTCLOSE received"
println "fast close: the kernel counted the MP_FASTCLOSE (MPFastcloseRx $before -> $after), state ${peer.state()}"

// The old subflow is gone: data on its 4-tuple is answered with a plain RST.
def probe = IP(src: sf.localAddress().hostAddress, dst: sf.remoteAddress().hostAddress) /
        TCP(sport: sf.localPort(), dport: sf.remotePort(), flags: 'PA', seq: sf.sndNxt(), ack: sf.rcvNxt()) / 'late'
def rst = sr1(probe)
assert rst != null && rst.tcp().flags().rst() : "expected a RST for data on the closed subflow, got ${rst}"
println "data on the old subflow: ${summary(rst)}"

// A fresh connection still works.
def again = connect(lab)
again.send('again')
assert again.receive(5).text == 'again'
println 'a new connection is served'
again.close(1000)
