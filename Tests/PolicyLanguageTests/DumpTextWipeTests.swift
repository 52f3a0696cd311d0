// SPDX-License-Identifier: Apache-2.0
import Testing

@testable import PolicyLanguage

/// A dump's text may hold keys: a wipe zeroes every byte that ever held text, including
/// text emptied by `removeAll` and the buffer left behind when the text grew.
@Suite struct DumpTextWipeTests {
  @Test func aWipeZeroesTextEmptiedEarlierAndLongerThanTheLast() {
    var text = DumpText(capacity: 64)
    text.append(string: "E: aes-cbc 00112233 44556677")
    text.removeAll()
    text.append(string: "short")
    text.wipe()
    #expect(text.isEmpty)
    #expect(text.bufferBytes.allSatisfy { $0 == 0 })
  }

  @Test func growingKeepsTheTextAndAWipeStillZeroesIt() {
    var text = DumpText(capacity: 16)
    let line = "E: aes-cbc 00112233 44556677 8899aabb ccddeeff"
    text.append(string: line)
    #expect(text.string == line)
    text.wipe()
    #expect(text.bufferBytes.allSatisfy { $0 == 0 })
  }
}
