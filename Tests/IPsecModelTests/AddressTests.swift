// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import Testing

@Suite struct AddressTests {
  @Test(arguments: ["192.0.2.1", "2001:db8::1", "::", "0.0.0.0", "fe80::1"])
  func numericAddressesRoundTrip(text: String) throws {
    let address = try #require(IPAddress(text))
    #expect(address.description == text)
  }

  @Test(arguments: ["192.0.2", "host.example", "1.2.3.4.5", ":::"])
  func nonNumericTextIsRejected(text: String) {
    #expect(IPAddress(text) == nil)
  }

  @Test func keyDescriptionNeverShowsBytes() {
    let key = Key([0xde, 0xad, 0xbe, 0xef])
    #expect(!"\(key)".contains("dead"))
    #expect(key.hexadecimal == "deadbeef")
  }

  @Test func catalogueFindsAliasesBothWays() throws {
    let aes = try #require(
      AlgorithmCatalogue.lookup(setkeyName: "rijndael-cbc", option: [.encryption]))
    #expect(aes.kernelName == "cbc(aes)")
    let gcm = try #require(
      AlgorithmCatalogue.lookup(kernelName: "rfc4106(gcm(aes))", kind: .aead, icvBits: 96))
    #expect(gcm.name == "aes-gcm-12")
  }
}
