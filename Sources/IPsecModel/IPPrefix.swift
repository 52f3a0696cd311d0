// SPDX-License-Identifier: Apache-2.0

/// An address with a prefix length, as selectors use (`10.0.0.0/8`).
public struct IPPrefix: Hashable, Sendable {
  /// The address part.
  public var address: IPAddress

  /// Leading bits that matter, 0 through 32 or 128.
  public var length: Int

  /// Creates a prefix; the default length covers the whole address (a host).
  public init(_ address: IPAddress, length: Int? = nil) {
    self.address = address
    self.length = length ?? address.family.maximumPrefixLength
  }

  /// The address family.
  public var family: AddressFamily { address.family }

  /// The prefix that matches every address of a family (`0.0.0.0/0`, `::/0`).
  public static func any(_ family: AddressFamily) -> IPPrefix {
    IPPrefix(.any(family), length: 0)
  }

  /// True when the prefix names a single host.
  public var isHost: Bool { length == family.maximumPrefixLength }
}

extension IPPrefix: CustomStringConvertible {
  /// `address/length`.
  public var description: String { "\(address)/\(length)" }
}
