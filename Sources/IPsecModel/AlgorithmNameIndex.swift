// SPDX-License-Identifier: Apache-2.0

/// Names of catalogue entries (setkey names, or kernel names), in catalogue order, so the
/// first match is the entry a search of the catalogue itself finds: the names' bytes in
/// one array, and per name its span, kind and catalogue entry. All plain values, so a
/// search touches no reference counts and allocates nothing.
struct AlgorithmNameIndex {
  private struct Name {
    var start: Int
    var count: Int
    var kind: Algorithm.Kind
    var entry: Int
  }

  private var bytes: [UInt8] = []
  private var names: [Name] = []

  /// Indexes what `names` gives for each of `algorithms`.
  init(_ algorithms: [Algorithm], names: (Algorithm) -> [String]) {
    for (entry, algorithm) in algorithms.enumerated() {
      for name in names(algorithm) {
        self.names.append(
          Name(start: bytes.count, count: name.utf8.count, kind: algorithm.kind, entry: entry))
        bytes += name.utf8
      }
    }
  }

  /// The catalogue entry of the first name of `kind` spelt `text`, ignoring the case of
  /// its ASCII letters (the names themselves are lowercase).
  func entry(named text: UnsafeBufferPointer<UInt8>, kind: Algorithm.Kind) -> Int? {
    var found: Int?
    forEachEntry(spelt: text, kind: kind, ignoringCase: true) { entry in
      found = entry
      return false
    }
    return found
  }

  /// Calls `body` with the catalogue entry of each name of `kind` spelt `text`, in
  /// catalogue order, until it returns false. `ignoringCase` reads ASCII letters of
  /// `text` as lowercase; otherwise the bytes must be the same.
  func forEachEntry(
    spelt text: UnsafeBufferPointer<UInt8>, kind: Algorithm.Kind, ignoringCase: Bool,
    _ body: (Int) -> Bool
  ) {
    bytes.withUnsafeBufferPointer { bytes in
      for name in names where name.kind == kind && name.count == text.count {
        var same = true
        for offset in 0..<name.count {
          let byte = ignoringCase ? Self.lowercased(text[offset]) : text[offset]
          if bytes[name.start + offset] != byte {
            same = false
            break
          }
        }
        if same && !body(name.entry) { return }
      }
    }
  }

  private static func lowercased(_ byte: UInt8) -> UInt8 {
    (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) ? byte | 0x20 : byte
  }
}
