// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import Testing

/// Text that the kernel's 16-bit netlink lengths cannot carry is refused where it is
/// written, with a located error: encoding it used to stop the tool on an overflow trap.
@Suite struct LengthLimitTests {
  static let hugeContext = "\"" + String(repeating: "a", count: 70_000) + "\""

  @Test func aPolicyContextTooLongForNetlinkIsRefusedAtItsText() {
    let result = parse("spdadd 10.0.0.1 10.0.0.2 any -ctx 1 1 \(Self.hugeContext) -P out none ;")
    #expect(result.statements.isEmpty)
    #expect(result.diagnostics.map(\.location.column) == [39])
    #expect(result.diagnostics.first?.message.contains("at most 65523 bytes") == true)
  }

  @Test func anSAContextTooLongForNetlinkIsRefusedAtItsText() {
    let result = parse("add 10.0.0.1 10.0.0.2 esp 0x100 -ctx 1 1 \(Self.hugeContext) -E null ;")
    #expect(result.statements.isEmpty)
    #expect(result.diagnostics.map(\.location.column) == [42])
  }

  @Test func theLongestContextNetlinkCarriesIsAccepted() {
    let context = "\"" + String(repeating: "a", count: 65_523) + "\""
    let result = parse("spdadd 10.0.0.1 10.0.0.2 any -ctx 1 1 \(context) -P out none ;")
    #expect(result.diagnostics.isEmpty)
    #expect(result.statements.count == 1)
  }
}
