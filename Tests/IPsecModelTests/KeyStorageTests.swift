// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import Testing

/// Keys zero their bytes when the last copy goes away; copies and arrays taken from them
/// keep value semantics.
@Suite struct KeyStorageTests {
  static let secret: [UInt8] = [0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77]

  @Test func anArrayTakenFromAKeyOutlivesItUnchanged() {
    var taken: [UInt8] = []
    do {
      let key = Key(Self.secret)
      taken = key.bytes
    }
    #expect(taken == Self.secret)
  }

  @Test func theArrayAKeyWasMadeFromIsLeftAlone() {
    let source = Self.secret
    do { _ = Key(source) }
    #expect(source == Self.secret)
  }

  @Test func wipingOneCopyLeavesTheOthers() {
    let original = Key(Self.secret)
    var copy = original
    copy.wipe()
    #expect(copy.bytes.isEmpty && copy.bitCount == 0)
    #expect(original.bytes == Self.secret)
  }

  @Test func settingBytesChangesOnlyThisCopy() {
    let original = Key(Self.secret)
    var copy = original
    copy.bytes = [1, 2, 3]
    #expect(original.bytes == Self.secret && copy.bytes == [1, 2, 3])
    #expect(original != copy && original == Key(Self.secret))
    #expect(Set([original, Key(Self.secret)]).count == 1)
  }
}
