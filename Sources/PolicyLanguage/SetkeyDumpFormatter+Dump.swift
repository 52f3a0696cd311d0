// SPDX-License-Identifier: Apache-2.0
import IPsecModel

// MARK: - Whole dumps

extension SetkeyDumpFormatter {
  /// Writes a whole `setkey -D` as the entries stream in, holding back only one entry so
  /// the last can be numbered 0; an empty SAD writes `noSADEntries`.
  ///
  /// `forEach` is the source, e.g. `{ try kernel.forEachState(nil, $0) }`. An error it
  /// throws stops the dump after the entries already written; the caller reports it.
  public func writeSAD(
    _ forEach: ((SecurityAssociation) -> Void) throws -> Void,
    to write: @escaping (String) -> Void
  ) rethrows {
    try writeDump(forEach, empty: Self.noSADEntries, to: write) { format($0, sequence: $1) }
  }

  /// Writes a whole `setkey -DP` the same way; an empty SPD writes `noSPDEntries`.
  public func writeSPD(
    _ forEach: ((SecurityPolicy) -> Void) throws -> Void,
    to write: @escaping (String) -> Void
  ) rethrows {
    try writeDump(forEach, empty: Self.noSPDEntries, to: write) { format($0, sequence: $1) }
  }

  /// Writes a whole `setkey -D` as `writeSAD(_:to:)` does, handing `write` the UTF-8
  /// bytes of each entry in a buffer that is reused for the next one.
  public func writeSAD(
    _ forEach: ((SecurityAssociation) -> Void) throws -> Void,
    bytes write: ([UInt8]) -> Void
  ) rethrows {
    try writeDumpBytes(forEach, empty: Self.noSADEntries, to: write) { sa, sequence, out in
      out.append(string: format(sa, sequence: sequence))
    }
  }

  /// Writes a whole `setkey -DP` the same way, without building a `String` per entry.
  public func writeSPD(
    _ forEach: ((SecurityPolicy) -> Void) throws -> Void,
    bytes write: ([UInt8]) -> Void
  ) rethrows {
    try writeDumpBytes(forEach, empty: Self.noSPDEntries, to: write) { sp, sequence, out in
      self.write(sp, sequence: sequence, to: &out)
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

  /// Numbers entries 1, 2, ... and the last 0, writing each once its successor is known.
  private func writeDump<Entry>(
    _ forEach: ((Entry) -> Void) throws -> Void,
    empty: String,
    to write: @escaping (String) -> Void,
    entry: @escaping (Entry, Int) -> String
  ) rethrows {
    var pending: Entry?
    var count = 0
    try forEach { next in
      if let previous = pending { write(entry(previous, count)) }
      pending = next
      count += 1
    }
    if let last = pending {
      write(entry(last, 0))
    } else {
      write(empty)
    }
  }

  /// `writeDump` for byte output: one buffer, emptied after each entry is handed over.
  private func writeDumpBytes<Entry>(
    _ forEach: ((Entry) -> Void) throws -> Void,
    empty: String,
    to write: ([UInt8]) -> Void,
    entry: (Entry, Int, inout DumpText) -> Void
  ) rethrows {
    var text = DumpText(capacity: 4096)
    var pending: Entry?
    var count = 0
    try withoutActuallyEscaping(write) { write in
      try withoutActuallyEscaping(entry) { entry in
        try forEach { next in
          if let previous = pending {
            entry(previous, count, &text)
            write(text.bytes)
            text.bytes.removeAll(keepingCapacity: true)
          }
          pending = next
          count += 1
        }
      }
    }
    if let last = pending {
      entry(last, 0, &text)
    } else {
      text.append(string: empty)
    }
    write(text.bytes)
  }
}
