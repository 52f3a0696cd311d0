// SPDX-License-Identifier: Apache-2.0
import Foundation

/// A network namespace made for one test with `ip netns add`, so nothing the test does
/// reaches the host's SPD or SAD; `close()` removes it. Shared by the test targets that
/// work against a real kernel.
public final class ScratchNamespace {
  /// Where ip(8) is, if anywhere.
  static let ipPath = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first {
    FileManager.default.isExecutableFile(atPath: $0)
  }

  /// True when this process may create namespaces: root, with ip(8) installed.
  public static var canCreate: Bool { getuid() == 0 && ipPath != nil }

  nonisolated(unsafe) private static var counter = 0

  /// The name, for `--netns`, `ip -n` and `XfrmKernel(networkNamespace:)`.
  public let name: String

  /// Creates `xfrmkey-test-PID-N`.
  public init() throws {
    Self.counter += 1
    name = "xfrmkey-test-\(getpid())-\(Self.counter)"
    try Self.ip(["netns", "add", name])
  }

  /// Deletes the namespace, and every policy and SA in it.
  public func close() { try? Self.ip(["netns", "del", name]) }

  private static func ip(_ arguments: [String]) throws {
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
