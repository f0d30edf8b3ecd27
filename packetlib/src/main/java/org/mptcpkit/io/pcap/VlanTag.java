package org.mptcpkit.io.pcap;

import org.mptcpkit.packet.Field;

/**
 * One IEEE 802.1Q / 802.1ad VLAN tag: a tag protocol identifier and the tag control information.
 *
 * <pre>
 *  0                   1                   2                   3
 *  0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |   TPID (0x8100, 0x88a8, 0x9100) | PCP |D|        VLAN ID        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 * Example: {@code 81 00 20 64} is {@code VlanTag.dot1q(100).withPriority(1)}.
 *
 * @param tpid         the tag protocol identifier, which must be a VLAN EtherType
 * @param priority     the priority code point (PCP), 0..7
 * @param dropEligible the drop eligible indicator (DEI, formerly CFI)
 * @param vlanId       the VLAN identifier, 0..4095
 */
public record VlanTag(int tpid, int priority, boolean dropEligible, int vlanId) {
    public VlanTag {
        Field.u16("tpid", tpid);
        if (!EtherType.isVlanTag(tpid)) {
            throw new IllegalArgumentException("tpid: 0x" + EtherType.hex4(tpid) + " (expected: 0x8100, 0x88a8 or 0x9100)");
        }
        Field.bits("priority", priority, 3);
        Field.bits("vlanId", vlanId, 12);
    }

    /** An 802.1Q (customer) tag with priority 0. */
    public static VlanTag dot1q(int vlanId) {
        return new VlanTag(EtherType.VLAN, 0, false, vlanId);
    }

    /** An 802.1ad (service, outer Q-in-Q) tag with priority 0. */
    public static VlanTag dot1ad(int vlanId) {
        return new VlanTag(EtherType.QINQ, 0, false, vlanId);
    }

    /** The tag from its TPID and 16-bit TCI. */
    public static VlanTag of(int tpid, int tci) {
        Field.u16("tci", tci);
        return new VlanTag(tpid, tci >>> 13, (tci & 0x1000) != 0, tci & 0xfff);
    }

    public VlanTag withPriority(int priority) {
        return new VlanTag(tpid, priority, dropEligible, vlanId);
    }

    public VlanTag withDropEligible(boolean dropEligible) {
        return new VlanTag(tpid, priority, dropEligible, vlanId);
    }

    public VlanTag withVlanId(int vlanId) {
        return new VlanTag(tpid, priority, dropEligible, vlanId);
    }

    /** The tag control information: PCP (3 bits), DEI (1 bit), VLAN ID (12 bits). */
    public int tci() {
        return (priority << 13) | (dropEligible ? 0x1000 : 0) | vlanId;
    }
}
