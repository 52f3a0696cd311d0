// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import Testing

/// `--save` writes the xfrm-era fields as the options that set them; the formatter parses
/// its own text back and compares whole entries, so a field left out fails the save.
@Suite struct XfrmEraSaveFormatTests {
  static var decodedSA: SecurityAssociation {
    var sa = XfrmEraRoundTripTests.eraSA
    sa.offload = nil
    sa.selector = nil
    sa.aead = nil
    let cbc = AlgorithmCatalogue.lookup(setkeyName: "aes-cbc", option: [.encryption])!
    sa.encryption = AlgorithmKey(cbc, key: Key([UInt8](repeating: 1, count: 16)))
    sa.encapsulation = NATEncapsulation(type: 7, sourcePort: 4500, destinationPort: 4501)
    return sa
  }

  @Test func saWithMarksInterfaceFlagsAndCountersIsSavedAndReadBack() throws {
    let text = try SaveFormatter().statement(for: Self.decodedSA)
    for words in [
      "-mark 0x10/0xff", "-output-mark 0x3/0xf", "-if-id 42", "-tfcpad 512",
      "-f dont-encap-dscp", "-f oseq-may-wrap", "-seq 4294967298", "-encap espintcp",
      "[4500]", "[4501]",
    ] {
      #expect(text.contains(words), "no '\(words)' in \(text)")
    }
  }

  @Test func policyWithIdentityFlagsAndRuleExtrasIsSavedAndReadBack() throws {
    let text = try SaveFormatter().statement(for: XfrmEraRoundTripTests.eraPolicy)
    for words in [
      "-mark 0x5/0xff", "-if-id 9", "-type sub", "-f localok", "-f icmp",
      "esp/transport//use:5/spi:0x100/ealgos:0xff",
    ] {
      #expect(text.contains(words), "no '\(words)' in \(text)")
    }
  }

  @Test func offloadedSAsHaveNoSyntaxAndFailLoudly() {
    #expect(throws: SaveError.self) {
      try SaveFormatter().statement(for: XfrmEraRoundTripTests.eraSA)
    }
  }
}
