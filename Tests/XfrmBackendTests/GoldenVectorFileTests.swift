// SPDX-License-Identifier: Apache-2.0
import Testing

/// The captured vectors themselves are well formed, so a byte comparison against them
/// means something.
@Suite struct GoldenVectorFileTests {
  @Test func vectorFolderHoldsTheCapturedSet() {
    // capture.sh writes 34; fewer means a file was lost or renamed.
    #expect(GoldenVector.allNames.count >= 34)
  }

  @Test(arguments: GoldenVector.allNames)
  func vectorLengthMatchesItsHeader(name: String) throws {
    let vector = try GoldenVector(named: name)

    #expect(vector.bytes.count >= 16, "shorter than struct nlmsghdr")
    #expect(vector.messageLength == vector.bytes.count, "nlmsg_len disagrees with the bytes")
  }

  @Test(arguments: GoldenVector.allNames)
  func vectorTypeMatchesItsName(name: String) throws {
    let vector = try GoldenVector(named: name)
    let expected = try #require(
      vector.expectedMessageType, "name does not start with an xfrm message kind")

    #expect(vector.messageType == expected)
  }

  @Test(arguments: GoldenVector.allNames)
  func vectorHeaderNamesItsSourceAndVaryingBytes(name: String) throws {
    let vector = try GoldenVector(named: name)

    #expect(vector.command.hasPrefix("ip xfrm "))
    #expect(vector.ignoredRanges == [8...15], "only nlmsg_seq and nlmsg_pid may vary")
    #expect(!vector.notes.isEmpty, "every vector says what iproute2 filled in")
  }

  @Test(arguments: GoldenVector.allNames)
  func requestsAskForWhatTheirKindNeeds(name: String) throws {
    let vector = try GoldenVector(named: name)
    let request: UInt16 = 0x01
    let acknowledge: UInt16 = 0x04
    let dump: UInt16 = 0x300

    #expect(vector.messageFlags & request != 0)
    if vector.messageIndex > 1 {
      // The deletes ip batches after deleteall's dump ask for no acknowledgement.
      #expect(vector.messageFlags == request)
    } else if vector.name.hasSuffix("-dump") || vector.name.hasPrefix("getsa-dump") {
      #expect(vector.messageFlags == request | dump)
    } else if vector.name.hasPrefix("get") || vector.name.hasPrefix("allocspi") {
      #expect(vector.messageFlags == request)
    } else {
      #expect(vector.messageFlags == request | acknowledge)
    }
  }

  @Test func parserReportsBadHexWithItsLine() {
    let text = "# command: ip xfrm policy flush\n# ignore: 8-15\n10 00 zz 00\n"

    let error = #expect(throws: GoldenVectorError.self) {
      try GoldenVector(name: "flushpolicy-bad", text: text)
    }
    #expect(error?.line == 3)
  }
}
