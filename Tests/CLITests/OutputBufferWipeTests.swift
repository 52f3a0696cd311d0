// SPDX-License-Identifier: Apache-2.0
import Glibc
import Testing

@testable import xfrmkey

/// `-D` hands the SAD text, keys included, to the output buffer, which the dump formatter
/// does not wipe: once written out, no copy may stay in the buffer's spare capacity.
@Suite struct OutputBufferWipeTests {
  static let keyLine = "\tE: aes-cbc  00112233 44556677 8899aabb ccddeeff\n"

  /// Every byte the buffer owns, the spare capacity included.
  static func ownedBytes(_ buffer: OutputBuffer) -> [UInt8] {
    let bytes = buffer.bytes
    return bytes.withUnsafeBufferPointer { used in
      guard let start = used.baseAddress else { return [] }
      return Array(UnsafeBufferPointer(start: start, count: bytes.capacity))
    }
  }

  @Test func writtenTextIsNotLeftInTheBuffer() {
    let devNull = open("/dev/null", O_WRONLY)
    defer { close(devNull) }
    var buffer = OutputBuffer(fileDescriptor: devNull, flushThreshold: 64)
    var text = Array(Self.keyLine.utf8)
    text.withUnsafeBytes { buffer.write(bytes: $0) }
    buffer.write(Self.keyLine)
    buffer.flush()
    text = Array("ccddeeff".utf8)

    let owned = Self.ownedBytes(buffer)
    #expect(!owned.isEmpty)
    let leftover = (0...(owned.count - text.count)).contains {
      owned[$0..<$0 + text.count].elementsEqual(text)
    }
    #expect(!leftover)
  }
}
