// SPDX-License-Identifier: Apache-2.0
import Foundation
import IPsecModel
import PolicyLanguage
import Testing

/// Feeds the formatter what the kernel held after each Linux setkey run (the corpus's
/// `ip -s xfrm` captures) and compares with what Linux setkey itself printed. The clock,
/// zone, pid and spid are set to the run's values; only the policy `refcnt=`, a kernel
/// reference count xfrm does not report, is masked.
@Suite(.enabled(if: IPXfrmCorpusReader.folder != nil, "corpus folder ../shared is absent"))
struct SetkeyDumpFormatterCorpusTests {
  @Test(arguments: ["001", "002", "003", "004", "005", "010", "011", "013"])
  func sadDumpMatchesLinuxSetkey(file: String) throws {
    let expected = try IPXfrmCorpusReader.text(file, "setkey-D")
    let states = try IPXfrmCorpusReader.states(IPXfrmCorpusReader.text(file, "state"))
    let formatter = try Self.formatter(for: expected)

    var actual = ""
    for (index, sa) in states.enumerated() {
      let sequence = SetkeyDumpFormatter.dumpSequence(ofEntry: index, count: states.count)
      actual += formatter.format(sa, sequence: sequence)
    }
    if states.isEmpty { actual = SetkeyDumpFormatter.noSADEntries }
    #expect(actual == expected)
  }

  @Test(arguments: ["001", "002", "003", "004", "006", "013", "014", "018", "022"])
  func spdDumpMatchesLinuxSetkey(file: String) throws {
    let expected = try IPXfrmCorpusReader.text(file, "setkey-DP")
    let policies = try IPXfrmCorpusReader.policies(IPXfrmCorpusReader.text(file, "policy"))
    let formatter = try Self.formatter(for: expected)

    var actual = ""
    for (index, sp) in policies.enumerated() {
      let sequence = SetkeyDumpFormatter.dumpSequence(ofEntry: index, count: policies.count)
      actual += formatter.format(sp, sequence: sequence)
    }
    if policies.isEmpty { actual = SetkeyDumpFormatter.noSPDEntries }
    #expect(Self.maskingReferenceCounts(actual) == Self.maskingReferenceCounts(expected))
  }

  /// A formatter set to the run that printed `expected`: its pid, its clock (the first
  /// `current:` time), UTC, and Linux setkey's 96-bit hmac-sha2 ICV.
  static func formatter(for expected: String) throws -> SetkeyDumpFormatter {
    let pid = firstNumber(after: " pid=", in: expected) ?? 0
    let now = try dumpTime(in: expected) ?? 0
    return SetkeyDumpFormatter(
      now: { now }, timeZone: .utc, processID: pid,
      sha2ICVIs96Bits: true)
  }

  /// The number right after the first occurrence of `marker`.
  static func firstNumber(after marker: String, in text: String) -> Int? {
    guard let range = text.range(of: marker) else { return nil }
    return Int(text[range.upperBound...].prefix { $0.isNumber })
  }

  /// The first `\tcurrent: Mon dd hh:mm:ss yyyy` time, read as UTC.
  static func dumpTime(in text: String) throws -> Int64? {
    guard let range = text.range(of: "\tcurrent: ") else { return nil }
    let parts = IPXfrmCorpusReader.words(String(text[range.upperBound...].prefix(20)))
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    let month = try #require(months.firstIndex(of: parts[0]))
    let clock = parts[2].split(separator: ":").map { Int32($0)! }
    let seconds = IPXfrmCorpusReader.utc(
      year: Int32(parts[3])!, month: Int32(month + 1), day: Int32(parts[1])!, hour: clock[0],
      minute: clock[1], second: clock[2])
    return Int64(seconds)
  }

  /// Replaces every `refcnt=N` with `refcnt=*`.
  static func maskingReferenceCounts(_ text: String) -> String {
    text.replacingOccurrences(
      of: #"refcnt=[0-9]+"#, with: "refcnt=*", options: .regularExpression)
  }
}
