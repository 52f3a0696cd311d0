// SPDX-License-Identifier: Apache-2.0
import Foundation
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// Runs commands for the kernel round-trip tests: the built xfrmkey and `ip`, inside a
/// network namespace the test creates and deletes.
struct KernelHarness {
  /// What a command printed and how it ended.
  struct Output {
    var status: Int32
    var stdout: String
    var stderr: String
  }

  /// The xfrmkey binary: `$XFRMKEY`, else the debug build in this package.
  static let xfrmkey: String = {
    if let given = ProcessInfo.processInfo.environment["XFRMKEY"] { return given }
    return Package.root.appendingPathComponent(".build/debug/xfrmkey").path
  }()

  /// True when the tests can run: root, `ip`, unshare-able network namespaces, the binary.
  static let isAvailable: Bool = {
    guard getuid() == 0, FileManager.default.isExecutableFile(atPath: xfrmkey) else {
      return false
    }
    return (try? run("/usr/bin/env", ["unshare", "-n", "true"]).status) == 0
  }()

  /// Why the tests are skipped, for the `.enabled(if:)` comment.
  static let skipReason: Comment = "needs root, unshare -n and a built xfrmkey"

  /// The namespace this harness works in.
  let namespace: String

  /// Creates a fresh namespace `NAME` with `ip netns add`.
  init(_ name: String) throws {
    namespace = "\(name)-\(getpid())"
    _ = try Self.run("/usr/bin/env", ["ip", "netns", "del", namespace])
    let created = try Self.run("/usr/bin/env", ["ip", "netns", "add", namespace])
    guard created.status == 0 else {
      throw HarnessError("ip netns add \(namespace): \(created.stderr)")
    }
  }

  /// Deletes the namespace, and every policy and SA in it with it.
  func close() {
    _ = try? Self.run("/usr/bin/env", ["ip", "netns", "del", namespace])
  }

  /// xfrmkey with `--netns` and `arguments`.
  func xfrmkey(_ arguments: String...) throws -> Output {
    try Self.run(Self.xfrmkey, ["--netns", namespace] + arguments)
  }

  /// `ip -n NS ARGS...`.
  func ip(_ arguments: String...) throws -> Output {
    try Self.run("/usr/bin/env", ["ip", "-n", namespace] + arguments)
  }

  /// Writes `text` to a fresh temporary file and returns its path.
  static func temporaryFile(_ text: String, name: String) throws -> String {
    let path = NSTemporaryDirectory() + "xfrmkey-\(getpid())-\(name)"
    try text.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }

  /// Runs a program to its end and collects its output.
  static func run(_ program: String, _ arguments: [String]) throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program)
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    // Both pipes are read at once: a child that fills the one not being read would block
    // for ever.
    let stderr = CollectedOutput()
    let stderrRead = Thread { stderr.collect(from: err.fileHandleForReading) }
    stderrRead.start()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Output(
      status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
      stderr: String(decoding: stderr.waitForEnd(), as: UTF8.self))
  }
}

/// What one pipe delivered, read to its end on another thread.
final class CollectedOutput: @unchecked Sendable {
  private let finished = DispatchSemaphore(value: 0)
  private var data = Data()

  /// Reads `handle` to its end (on the reading thread).
  func collect(from handle: FileHandle) {
    data = handle.readDataToEndOfFile()
    finished.signal()
  }

  /// The bytes, once the reading thread has them all.
  func waitForEnd() -> Data {
    finished.wait()
    return data
  }
}

/// A harness step that failed.
struct HarnessError: Error, CustomStringConvertible {
  var description: String
  init(_ description: String) { self.description = description }
}

/// SplitMix64: a small seeded generator, so a failing run can be repeated exactly.
struct SeededGenerator: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
