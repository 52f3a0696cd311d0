// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif

/// A Linux release as `uname -r` reports it, compared by major, minor and patch level.
public struct KernelVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// `6` of `6.1.0-18-amd64`.
  public var major: Int
  /// `1` of `6.1.0-18-amd64`.
  public var minor: Int
  /// `0` of `6.1.0-18-amd64`; 0 when absent.
  public var patch: Int

  /// Creates a version.
  public init(_ major: Int, _ minor: Int, _ patch: Int = 0) {
    self.major = major
    self.minor = minor
    self.patch = patch
  }

  /// Parses the leading `major.minor[.patch]` of a release string; nil when there is none.
  public init?(release: String) {
    let numbers = release.split(whereSeparator: { !$0.isNumber }).prefix(3).compactMap {
      Int($0)
    }
    guard numbers.count >= 2 else { return nil }
    self.init(numbers[0], numbers[1], numbers.count > 2 ? numbers[2] : 0)
  }

  /// The kernel this process runs on; nil if `uname` fails or says something odd.
  public static var running: KernelVersion? {
    var name = utsname()
    guard uname(&name) == 0 else { return nil }
    let release = withUnsafeBytes(of: &name.release) { raw in
      String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
    }
    return KernelVersion(release: release)
  }

  public static func < (lhs: KernelVersion, rhs: KernelVersion) -> Bool {
    (lhs.major, lhs.minor, lhs.patch) < (rhs.major, rhs.minor, rhs.patch)
  }

  /// `4.19` or `4.19.3`.
  public var description: String {
    patch == 0 ? "\(major).\(minor)" : "\(major).\(minor).\(patch)"
  }
}
