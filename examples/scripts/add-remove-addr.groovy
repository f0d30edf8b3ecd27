// ADD_ADDR with its HMAC (RFC 8684 §3.4.1), the kernel's echo, then REMOVE_ADDR.
// Run: mptcpkit script --lab examples/scripts/add-remove-addr.groovy
def second = lab.subnets()[1]
peer = connect(lab)
def add = peer.addAddress(5, second.peer().hostAddress)
show(add)
assert peer.addressesEchoed().contains(5) : 'the kernel did not echo ADD_ADDR id 5'
println "ADD_ADDR id 5 echoed by the kernel"
show(peer.removeAddress(5))
// The connection still serves.
peer.send('still here')
assert peer.receive(10).text == 'still here'
println 'REMOVE_ADDR sent; data still echoed'
peer.close(1000)
