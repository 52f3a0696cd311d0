// SPDX-License-Identifier: Apache-2.0

/// One entry of `ip -s xfrm state` or `ip -s xfrm policy` output, as the corpus captured it
/// after Linux setkey ran a file: just enough to compare with parsed statements.
struct KernelRecord {
  /// The entry's words, split on blanks.
  var words: [String]

  /// Splits a whole `ip xfrm` listing into entries (each starts with `src ` in column 0).
  static func records(in text: String) -> [KernelRecord] {
    var records: [KernelRecord] = []
    var current: [String] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      if line.hasPrefix("src "), !current.isEmpty {
        records.append(KernelRecord(words: current))
        current = []
      }
      current += line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    }
    if !current.isEmpty { records.append(KernelRecord(words: current)) }
    return records
  }

  /// Every word that follows `keyword`, in order.
  func values(after keyword: String) -> [String] {
    words.indices.dropLast().filter { words[$0] == keyword }.map { words[$0 + 1] }
  }

  /// The first word after `keyword`.
  func value(after keyword: String) -> String? { values(after: keyword).first }

  /// The number at the start of a word such as `16385(0x00004001)`.
  static func leadingNumber(_ word: String) -> UInt64? {
    UInt64(word.prefix(while: \.isNumber))
  }

  /// `in ::1/128 ::1/128 9998 any`: direction, selector prefixes and ports, for matching a
  /// policy with a parsed one.
  var policyKey: String {
    let sport = value(after: "sport") ?? "any"
    let dport = value(after: "dport") ?? "any"
    return "\(value(after: "dir") ?? "?") \(words[1]) \(words[3]) \(sport) \(dport)"
  }
}
