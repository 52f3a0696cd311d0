// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import Testing

@testable import PolicyLanguage

/// The byte writers dumps are printed with agree with the standard library's text.
@Suite struct DumpTextTests {
  static let numbers: [UInt64] = {
    var values: [UInt64] = [0, 1, 9, 10, 11, 99, 100, 101, 4_294_967_295, .max, .max - 1]
    var power: UInt64 = 1
    for _ in 0..<19 {
      power *= 10
      values += [power - 1, power, power + 1, power + power / 2 + 7]
    }
    return values
  }()

  @Test func decimalsAreWrittenAsStringWritesThem() {
    for value in Self.numbers {
      var text = DumpText(capacity: 16)
      text.append(decimal: value)
      #expect(text.string == String(value))
    }
  }

  @Test func signedAndHexNumbersAreWrittenAsStringWritesThem() {
    for value: Int64 in [0, -1, 7, -10, 123_456, .min, .max] {
      var text = DumpText(capacity: 16)
      text.append(signed: value)
      #expect(text.string == String(value))
    }
    for value in Self.numbers {
      var text = DumpText(capacity: 16)
      text.append(hex: value)
      #expect(text.string == String(value, radix: 16))
    }
  }

  @Test func paddedHexIsWrittenAsPrintfWritesIt() {
    let values: [UInt32] =
      [0, 1, 0xf, 0x10, 0xabc, 0x1000, 0x0123_4567, 0x89ab_cdef, 0xdead_beef, .max]
      + Self.numbers.map { UInt32(truncatingIfNeeded: $0) }
    for value in values {
      var text = DumpText(capacity: 16)
      text.append(hex8: value)
      let digits = String(value, radix: 16)
      #expect(text.string == String(repeating: "0", count: 8 - digits.count) + digits)
    }
  }

  @Test func addressesAreWrittenAsInetNtopWritesThem() {
    let addresses = [
      "0.0.0.0", "10.0.0.1", "192.168.100.255", "255.255.255.255", "1.20.3.40", "::",
      "::1", "2001:db8::1", "fe80::1:2:3:4", "::ffff:10.0.0.1", "2001:db8:0:1:2:3:4:5",
    ]
    for literal in addresses {
      let address = IPAddress(literal)!
      var text = DumpText(capacity: 8)
      text.append(address: address)
      #expect(text.string == address.description)
    }
  }

  @Test(arguments: [0, 1, 4, 5, 20, 32, 33, 36, 64, 65])
  func keysAreWordsOfFourBytesAndLinesOf32(length: Int) {
    let key = Key((0..<length).map { UInt8(truncatingIfNeeded: $0 * 37 + 5) })
    let hex = Array(key.hexadecimal)
    var expected = ""
    for start in stride(from: 0, to: hex.count, by: 8) {
      if start != 0 && start % 64 == 0 { expected += "\n" }
      expected += " " + String(hex[start..<min(start + 8, hex.count)])
    }
    #expect(SetkeyDumpFormatter().keyWords(key) == expected)
    #expect(SetkeyDumpFormatter(showKeys: false).keyWords(key) == (length == 0 ? "" : " <hidden>"))
  }
}
