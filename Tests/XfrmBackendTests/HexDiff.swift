// SPDX-License-Identifier: Apache-2.0

/// A readable comparison of an encoded message with its golden vector.
struct HexDiff: CustomStringConvertible {
  /// Offsets that differ and are not ignored, ascending.
  var differingOffsets: [Int]
  /// The golden bytes.
  var expected: [UInt8]
  /// What the encoder produced.
  var actual: [UInt8]

  /// Compares byte for byte; offsets `isIgnored` accepts never count as differences.
  /// A length difference makes every byte past the shorter message differ.
  init(expected: [UInt8], actual: [UInt8], isIgnored: (Int) -> Bool) {
    self.expected = expected
    self.actual = actual
    differingOffsets = (0..<max(expected.count, actual.count)).filter { offset in
      guard !isIgnored(offset) else { return false }
      return offset >= expected.count || offset >= actual.count
        || expected[offset] != actual[offset]
    }
  }

  /// A one-line summary, which is what test expectations show when they expand a diff.
  var description: String {
    "\(differingOffsets.count) differing byte(s), \(expected.count) expected, \(actual.count) got"
  }

  /// True when nothing but ignored bytes differ.
  var isMatch: Bool { differingOffsets.isEmpty }

  /// The kernel fields that differ, in order, each once.
  var differingFields: [String] {
    var seen: [String] = []
    for offset in differingOffsets {
      let field = WireLayout.fieldName(at: offset, in: expected)
      let base = field.split(separator: " +").first.map(String.init) ?? field
      if !seen.contains(base) { seen.append(base) }
    }
    return seen
  }

  /// The first difference with its field, the differing fields, then the differing
  /// 16-byte rows as `-` expected / `+` actual with `^^` under each differing byte.
  func report(name: String, rowLimit: Int = 12) -> String {
    guard let first = differingOffsets.first else { return "\(name): match" }

    var lines = [
      "\(name): \(differingOffsets.count) byte(s) differ; expected \(expected.count) bytes,"
        + " got \(actual.count)",
      "first difference at offset \(first) (0x\(hex(first, width: 4))): "
        + "\(WireLayout.fieldName(at: first, in: expected)): expected 0x\(byte(expected, first)),"
        + " got 0x\(byte(actual, first))",
      "fields: " + differingFields.joined(separator: ", "),
    ]

    let rows = Array(Set(differingOffsets.map { $0 / 16 })).sorted()
    for row in rows.prefix(rowLimit) {
      let start = row * 16
      lines.append("- \(hex(start, width: 4))  " + rowText(expected, from: start))
      lines.append("+ \(hex(start, width: 4))  " + rowText(actual, from: start))
      let marks = (start..<start + 16).map { differingOffsets.contains($0) ? "^^" : "  " }
      lines.append("        " + marks.joined(separator: " "))
    }
    if rows.count > rowLimit { lines.append("... \(rows.count - rowLimit) more row(s)") }
    return lines.joined(separator: "\n")
  }

  private func rowText(_ bytes: [UInt8], from start: Int) -> String {
    (start..<start + 16).map { byte(bytes, $0) }.joined(separator: " ")
  }

  private func byte(_ bytes: [UInt8], _ offset: Int) -> String {
    offset < bytes.count ? hex(Int(bytes[offset]), width: 2) : "--"
  }

  private func hex(_ value: Int, width: Int) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: max(0, width - digits.count)) + digits
  }
}
