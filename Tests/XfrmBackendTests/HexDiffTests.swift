// SPDX-License-Identifier: Apache-2.0
import Testing

/// The comparison the golden tests rely on catches what it must and names the field.
@Suite struct HexDiffTests {
  @Test func sequenceAndPortBytesAreIgnoredButNothingElse() throws {
    let vector = try GoldenVector(named: "flushpolicy-all")
    var other = vector.bytes
    other[8] ^= 0xff
    other[15] ^= 0xff

    #expect(HexDiff(expected: vector.bytes, actual: other, isIgnored: vector.isIgnored).isMatch)

    other[7] ^= 0x01
    let diff = HexDiff(expected: vector.bytes, actual: other, isIgnored: vector.isIgnored)
    #expect(diff.differingOffsets == [7])
    #expect(diff.differingFields == ["nlmsghdr.nlmsg_flags"])
  }

  @Test func aShorterMessageDiffersFromTheMissingByteOn() throws {
    let vector = try GoldenVector(named: "flushsa-all")
    let diff = HexDiff(
      expected: vector.bytes, actual: Array(vector.bytes.prefix(16)), isIgnored: vector.isIgnored)

    #expect(diff.differingOffsets == [16])
    #expect(diff.report(name: vector.name).contains("xfrm_usersa_flush.proto"))
  }

  @Test(arguments: [
    ("newpolicy-out-tcp-esp-transport", 168, "xfrm_userpolicy_info.priority"),
    ("newpolicy-out-tcp-esp-transport", 240, "XFRMA_TMPL[0].aalgos"),
    ("newpolicy-two-templates", 188 + 64 + 50, "XFRMA_TMPL[1].optional"),
    ("newsa-esp-espinudp", 16 + 215, "xfrm_usersa_info.replay_window"),
    ("newsa-esp-espinudp", 16 + 96 + 8, "xfrm_usersa_info.lft.hard_byte_limit"),
    ("delsa-esp", 16 + 20, "xfrm_usersa_id.family"),
    ("getsa-dump-esp", 20, "XFRMA_PROTO.proto"),
  ])
  func fieldNamesFollowTheKernelLayout(name: String, offset: Int, field: String) throws {
    let vector = try GoldenVector(named: name)

    #expect(WireLayout.fieldName(at: offset, in: vector.bytes) == field)
  }

  @Test func encapPortsAreNamedInsideTheirAttribute() throws {
    let vector = try GoldenVector(named: "newsa-esp-espinudp")
    let sport = try #require(
      vector.bytes.indices.first { offset in
        WireLayout.fieldName(at: offset, in: vector.bytes) == "XFRMA_ENCAP.encap_sport"
      })

    // 4500 is 0x1194, big-endian on the wire.
    #expect(vector.bytes[sport] == 0x11 && vector.bytes[sport + 1] == 0x94)
    #expect(WireLayout.fieldName(at: sport + 1, in: vector.bytes) == "XFRMA_ENCAP.encap_sport +1")
  }
}
