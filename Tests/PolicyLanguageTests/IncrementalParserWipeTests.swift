// SPDX-License-Identifier: Apache-2.0
import Testing

@testable import PolicyLanguage

/// `setkey -c` text waits in the incremental parser until its `;` arrives, and may hold a
/// key meanwhile: once parsed, no copy of it may stay in the parser's buffer, in its spare
/// capacity either (where moving the rest of the text down used to leave one).
@Suite struct IncrementalParserWipeTests {
  static let key = "0x00112233445566778899aabbccddeeff"

  /// Every byte the pending buffer owns, the spare capacity included.
  static func ownedBytes(_ parser: IncrementalParser) -> [UInt8] {
    let pending = parser.pending
    return pending.withUnsafeBufferPointer { used in
      guard let start = used.baseAddress else { return [] }
      return Array(UnsafeBufferPointer(start: start, count: pending.capacity))
    }
  }

  /// True when `bytes` contain the last `length` characters of the key.
  static func holdsKeyTail(_ bytes: [UInt8], length: Int) -> Bool {
    let tail = Array(key.utf8.suffix(length))
    guard bytes.count >= tail.count else { return false }
    return (0...(bytes.count - tail.count)).contains {
      bytes[$0..<$0 + tail.count].elementsEqual(tail)
    }
  }

  @Test func aKeySplitAcrossPiecesLeavesNoCopyOnceParsed() {
    var parser = IncrementalParser(file: "<stdin>", options: testOptions())
    _ = parser.feed("spdflush ; add 10.0.0.1 10.0.0.2 esp 0x100 -E aes-cbc " + Self.key)
    // Only the unparsed statement may hold the key now, once and in place.
    let waiting = Self.ownedBytes(parser)
    #expect(!Self.holdsKeyTail(Array(waiting[parser.pending.count...]), length: 6))

    let result = parser.feed(" ;\n")
    #expect(result.statements.count == 1 && result.diagnostics.isEmpty)
    #expect(!Self.holdsKeyTail(Self.ownedBytes(parser), length: 6))
  }
}
