// SPDX-License-Identifier: Apache-2.0
import PolicyLanguage
import Testing

/// A key in the wrong place must not be echoed: the shortest keys (DES's 64 bits, 40-bit
/// blowfish and cast128) have 10 to 16 hex digits, which diagnostics used to show in full.
@Suite struct KeyEchoTests {
  @Test(arguments: [
    "add 10.0.0.1 10.0.0.2 esp 0x100 -E ‸0x0011223344556677 ;",
    "add 10.0.0.1 10.0.0.2 esp 0x100 -E null ‸0x0011223344556677 ;",
    "add 10.0.0.1 10.0.0.2 esp 0x100 -E blowfish-cbc 0x00112233445566778899 ‸0x0011223344 ;",
  ])
  func aShortKeyInTheWrongPlaceIsNotShown(text: String) {
    let found = expectErrors(text)
    #expect(found.count == 1)
    #expect(!(found.first?.message.contains("00112233") ?? true), "\(found)")
  }

  @Test func aThirtyTwoBitNumberIsShownAndALongerOneHidden() {
    let shown = expectErrors("add 10.0.0.1 10.0.0.2 esp 0x100 -E null ‸0xdeadbeef ;")
    #expect(shown.first?.message == "expected an option or ';', found '0xdeadbeef'")
    let hidden = expectErrors("add 10.0.0.1 10.0.0.2 esp ‸0xfffffffff -E null ;")
    #expect(
      hidden.first?.message == "SPI '0x<9 hex digits hidden>' is out of range (at most 4294967295)")
  }

  /// Hiding keys does not hide what only looks like one at the start.
  @Test func anSPIRangeIsStillShown() {
    let found = expectErrors("getspi 10.0.0.1 10.0.0.2 esp ‸0x200-0x1ff ;")
    #expect(found.first?.message == "invalid SPI range '0x200-0x1ff'")
  }
}
