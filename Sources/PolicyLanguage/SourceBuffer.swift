// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif

/// The text being parsed, as UTF-8 bytes in one buffer, with the name diagnostics give it.
///
/// Tokens point into this buffer instead of copying their text, so a statement is read
/// without allocating a `String` per token. The buffer is wiped when it is freed: setkey
/// text holds keys.
final class SourceBuffer {
  /// The file as diagnostics name it (`<stdin>`, a path).
  let file: String

  /// The bytes; valid, and never written, until `deinit`.
  let bytes: UnsafeBufferPointer<UInt8>

  /// Copies `text` into a new buffer.
  init<Bytes: Collection<UInt8>>(_ text: Bytes, file: String) {
    self.file = file
    let storage = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: text.count)
    _ = storage.initialize(fromContentsOf: text)
    bytes = UnsafeBufferPointer(storage)
  }

  deinit {
    let storage = UnsafeMutableBufferPointer(mutating: bytes)
    if let start = storage.baseAddress { explicit_bzero(start, storage.count) }
    storage.deallocate()
  }

  /// About how many statements the text holds, to reserve room for them at once: its `;`
  /// count (comments and strings may add a few), but at most one per 16 bytes, so a text
  /// of bare `;` cannot make a parser reserve far more memory than it will fill.
  var statementEstimate: Int {
    guard var next = bytes.baseAddress else { return 0 }
    let end = next + bytes.count
    var semicolons = 0
    while let found = memchr(next, Int32(UInt8(ascii: ";")), end - next) {
      semicolons += 1
      next = UnsafePointer(found.assumingMemoryBound(to: UInt8.self)) + 1
    }
    return min(semicolons, bytes.count / 16)
  }

  /// The bytes in `range`, as a view that is valid while this buffer is.
  func slice(_ range: Range<Int>) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: bytes[range])
  }

  /// The bytes in `range` decoded as a `String`; for diagnostics and rare paths.
  func text(_ range: Range<Int>) -> String {
    String(decoding: slice(range), as: UTF8.self)
  }
}
