// SPDX-License-Identifier: Apache-2.0
import Foundation

/// A network namespace of its own for one test (`ip netns add`), so nothing reaches the
/// host's SPD; `close()` removes it.
final class Namespace {
  /// True when this process may create namespaces and ip(8) is there.
  static var isAvailable: Bool { getuid() == 0 && ipPath != nil }

  private static let ipPath = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

  nonisolated(unsafe) private static var counter = 0

  /// The name to pass as `XfrmKernel(networkNamespace:)`.
  let name: String

  init() throws {
    Self.counter += 1
    name = "xfrmkey-era-\(getpid())-\(Self.counter)"
    try Self.run(["netns", "add", name])
  }

  func close() { try? Self.run(["netns", "del", name]) }

  private static func run(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: ipPath ?? "/usr/sbin/ip")
    process.arguments = arguments
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
      throw CocoaError(.executableLoad, userInfo: ["ip": arguments.joined(separator: " ")])
    }
  }
}
