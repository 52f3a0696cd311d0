// SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

/// Save, flush, restore on a real SPD, in a network namespace of the test's own: policies
/// of every shape made by `ip xfrm` and by xfrmkey must come back exactly, as
/// `ip -s xfrm policy` shows them (only the add and use times may differ). SAs cannot be
/// added on this host kernel (no ESP); Tests/kernel/cases/save-restore-sa.sh does the same
/// for SAs under the kernel VM.
@Suite(.serialized, .enabled(if: KernelHarness.isAvailable, KernelHarness.skipReason))
struct PolicyRoundTripTests {
  /// `XFRMKEY_SEED` repeats a run; the default is fixed so CI is reproducible.
  static let seed: UInt64 = {
    let text = ProcessInfo.processInfo.environment["XFRMKEY_SEED"] ?? ""
    return UInt64(text) ?? 0x5EED_2026
  }()

  /// `ip -s xfrm policy` with the times blanked.
  static func normalized(_ dump: String) -> String {
    dump.replacingOccurrences(
      of: #"(add|use) (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d|-)"#, with: "$1 TIME",
      options: .regularExpression)
  }

  /// The first line where two dumps differ, with its neighbours, for a readable failure.
  static func firstDifference(_ a: String, _ b: String) -> String {
    let left = a.split(separator: "\n", omittingEmptySubsequences: false)
    let right = b.split(separator: "\n", omittingEmptySubsequences: false)
    guard let line = (0..<min(left.count, right.count)).first(where: { left[$0] != right[$0] })
    else {
      return "same lines, \(left.count) before and \(right.count) after"
    }
    let start = max(0, line - 3)
    return "line \(line + 1): before \(left[start...line]) after \(right[start...line])"
  }

  /// Fills the SPD with `count` policies from each source; returns the statements file.
  static func populate(_ kernel: KernelHarness, count: Int, seed: UInt64) throws {
    var generator = PolicyGenerator(seed: seed)
    let batch = (0..<count).map { generator.ipCommand($0) }.joined(separator: "\n") + "\n"
    let batchFile = try KernelHarness.temporaryFile(batch, name: "ip.batch")
    let loaded = try kernel.ip("-batch", batchFile)
    guard loaded.status == 0 else { throw HarnessError("ip -batch: \(loaded.stderr)") }

    let statements = (0..<count).map { generator.statement($0) }.joined(separator: "\n")
    let file = try KernelHarness.temporaryFile(statements + "\n", name: "generated.conf")
    let added = try kernel.xfrmkey("-k", "-f", file)
    guard added.status == 0 else { throw HarnessError("xfrmkey -k -f: \(added.stderr)") }
  }

  @Test func generatedPoliciesSurviveSaveFlushRestore() throws {
    let kernel = try KernelHarness("xfrmkey-save")
    defer { kernel.close() }
    try Self.populate(kernel, count: 150, seed: Self.seed)

    let before = Self.normalized(try kernel.ip("-s", "xfrm", "policy").stdout)
    let saved = try kernel.xfrmkey("--save")
    #expect(saved.status == 0, "seed \(Self.seed): \(saved.stderr)")
    #expect(saved.stdout.hasPrefix("# xfrmkey save format 1"))
    #expect(saved.stdout.components(separatedBy: "\nspdadd ").count - 1 == 300)

    #expect(try kernel.xfrmkey("-FP").status == 0)
    #expect(try kernel.xfrmkey("-DP", "-j").stdout == "[]\n")
    let file = try KernelHarness.temporaryFile(saved.stdout, name: "saved.conf")
    let restored = try kernel.xfrmkey("-k", "-f", file)
    #expect(restored.status == 0, "seed \(Self.seed): \(restored.stderr)")

    let after = Self.normalized(try kernel.ip("-s", "xfrm", "policy").stdout)
    #expect(after == before, "seed \(Self.seed): \(Self.firstDifference(before, after))")
    #expect(try kernel.xfrmkey("--save").stdout == saved.stdout)
  }

  @Test func everyJSONDumpOfTheFilledSPDFollowsTheSchema() throws {
    let kernel = try KernelHarness("xfrmkey-json")
    defer { kernel.close() }
    #expect(try kernel.xfrmkey("-DP", "-j").stdout == "[]\n")
    #expect(try kernel.xfrmkey("-D", "-j").stdout == "[]\n")
    try Self.populate(kernel, count: 60, seed: Self.seed &+ 1)

    let dump = try kernel.xfrmkey("-DP", "-j")
    #expect(dump.status == 0)
    #expect(Package.validateDump(dump.stdout) == [])
    #expect(dump.stdout.split(separator: "\n").count == 122)

    let statement = try kernel.xfrmkey("-j", "-e", "spddump; dump;")
    #expect(statement.status == 0)
    let arrays = statement.stdout.components(separatedBy: "]\n").dropLast()
    #expect(arrays.count == 2)
    for array in arrays { #expect(Package.validateDump(array + "]\n") == []) }
  }

  @Test func restoringInRFCModeIsRefusedRatherThanDoubled() throws {
    let kernel = try KernelHarness("xfrmkey-rfc")
    defer { kernel.close() }
    let policy = "spdadd 10.0.0.1 10.0.0.2 any -P in ipsec esp/transport//require ;"
    #expect(try kernel.xfrmkey("-e", policy).status == 0)
    let saved = try kernel.xfrmkey("--save").stdout
    #expect(saved.contains("-P in ") && saved.contains("-P fwd "))

    _ = try kernel.xfrmkey("-FP")
    let file = try KernelHarness.temporaryFile(saved, name: "rfc.conf")
    let rfc = try kernel.xfrmkey("-f", file)
    #expect(rfc.status == 1)
    #expect(rfc.stderr.contains("kernel refused spdadd"))
  }

  @Test func aPolicyWithoutSyntaxFailsTheSaveNamingIt() throws {
    let kernel = try KernelHarness("xfrmkey-loud")
    defer { kernel.close() }
    let added = try kernel.ip(
      "xfrm", "policy", "add", "src", "10.0.0.1", "dst", "10.0.0.2", "dir", "out",
      "tmpl", "src", "10.0.0.1", "dst", "10.0.0.2", "proto", "esp", "mode", "beet")
    #expect(added.status == 0)
    let saved = try kernel.xfrmkey("--save")
    #expect(saved.status == 65)
    #expect(
      saved.stderr.contains(
        "cannot save SP out 10.0.0.1/32 -> 10.0.0.2/32 proto any index 1: "
          + "no syntax for a 'beet' template"))
    #expect(saved.stdout.contains("# INCOMPLETE: 1 entries could not be saved"))
  }
}
