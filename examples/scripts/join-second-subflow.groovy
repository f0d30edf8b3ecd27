// A second subflow with MP_JOIN from the peer's second address; data on both subflows, in order.
// Run: mptcpkit script --lab examples/scripts/join-second-subflow.groovy
def second = lab.subnets()[1]
peer = connect(lab)
def join = peer.join(second.peer().hostAddress, 2)
show(join)
def sf1 = join.subflow()
show(peer.send('one,'))                  // subflow 0
show(peer.send(sf1, 'two,'))             // subflow 1, the next data sequence numbers
show(peer.send('three'))
def echo = peer.receive(13)
assert echo.text == 'one,two,three' : "echo was '${echo.text}'"
println "two subflows: ${peer.subflows().size()}, echoed in order: ${echo.text}"
peer.close(1000)
