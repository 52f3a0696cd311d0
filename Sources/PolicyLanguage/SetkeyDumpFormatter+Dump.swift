// SPDX-License-Identifier: Apache-2.0
import IPsecModel

// MARK: - Whole dumps

extension SetkeyDumpFormatter {
  /// Writes a whole `setkey -D` as the entries stream in, holding back only one entry so
  /// the last can be numbered 0, in chunks of about `chunkSize` bytes; an empty SAD
  /// writes `noSADEntries`.
  ///
  /// `forEach` is the source, e.g. `{ try kernel.forEachState(nil, $0) }`. An error it
  /// throws stops the dump after the entries already written; the caller reports it.
  public func writeSAD(
    _ forEach: ((SecurityAssociation) -> Void) throws -> Void,
    to write: @escaping (String) -> Void
  ) rethrows {
    try writeSAD(forEach, toBytes: { write(String(decoding: $0, as: UTF8.self)) })
  }

  /// `writeSAD` handing on UTF-8 chunks, valid only during the call, instead of strings.
  public func writeSAD(
    _ forEach: ((SecurityAssociation) -> Void) throws -> Void,
    toBytes write: @escaping (UnsafeRawBufferPointer) -> Void
  ) rethrows {
    try writeDump(forEach, empty: Self.noSADEntries, to: write) { sa, sequence, text in
      self.write(sa, sequence: sequence, to: &text)
    }
  }

  /// Writes a whole `setkey -DP` the same way; an empty SPD writes `noSPDEntries`.
  public func writeSPD(
    _ forEach: ((SecurityPolicy) -> Void) throws -> Void,
    to write: @escaping (String) -> Void
  ) rethrows {
    try writeSPD(forEach, toBytes: { write(String(decoding: $0, as: UTF8.self)) })
  }

  /// `writeSPD` handing on UTF-8 chunks, valid only during the call, instead of strings:
  /// no `String` is made for the output at all.
  public func writeSPD(
    _ forEach: ((SecurityPolicy) -> Void) throws -> Void,
    toBytes write: @escaping (UnsafeRawBufferPointer) -> Void
  ) rethrows {
    try writeDump(forEach, empty: Self.noSPDEntries, to: write) { sp, sequence, text in
      self.write(sp, sequence: sequence, to: &text)
    }
  }

  /// The text of a whole `setkey -D` for SAs already in memory.
  public func formatSAD(_ associations: [SecurityAssociation]) -> String {
    guard !associations.isEmpty else { return Self.noSADEntries }
    return associations.enumerated().map { index, sa in
      format(sa, sequence: Self.dumpSequence(ofEntry: index, count: associations.count))
    }.joined()
  }

  /// The text of a whole `setkey -DP` for policies already in memory.
  public func formatSPD(_ policies: [SecurityPolicy]) -> String {
    guard !policies.isEmpty else { return Self.noSPDEntries }
    return policies.enumerated().map { index, sp in
      format(sp, sequence: Self.dumpSequence(ofEntry: index, count: policies.count))
    }.joined()
  }

  /// Bytes of text gathered before they are handed on: a few hundred entries, one
  /// `String` and one call of `write` for them all.
  static let chunkSize = 64 * 1024

  /// Numbers entries 1, 2, ... and the last 0, formatting each once its successor is
  /// known. Entries are built one after another in one text buffer, which is handed to
  /// `write` whenever it holds `chunkSize` bytes, and at the end; an error from `forEach`
  /// still hands on the entries formatted before it. The buffer is wiped at the end: SA
  /// entries carry keys.
  private func writeDump<Entry>(
    _ forEach: ((Entry) -> Void) throws -> Void,
    empty: String,
    to write: @escaping (UnsafeRawBufferPointer) -> Void,
    entry: @escaping (Entry, Int, inout DumpText) -> Void
  ) rethrows {
    var text = DumpText(capacity: Self.chunkSize + 4096)
    var pending: Entry?
    var count = 0
    defer {
      if !text.isEmpty { text.withUnsafeBytes(write) }
      text.wipe()
    }
    try forEach { next in
      if let previous = pending {
        entry(previous, count, &text)
        if text.count >= Self.chunkSize {
          text.withUnsafeBytes(write)
          text.removeAll()
        }
      }
      pending = next
      count += 1
    }
    if let last = pending {
      entry(last, 0, &text)
    } else {
      text.append(string: empty)
    }
  }
}
