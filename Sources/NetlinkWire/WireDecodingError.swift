// SPDX-License-Identifier: Apache-2.0

/// Bytes from the kernel that do not have the shape we expect.
public struct WireDecodingError: Error, Hashable, Sendable, CustomStringConvertible {
  /// What was being decoded, e.g. `struct xfrm_usersa_info` or `XFRMA_TMPL`.
  public var context: String

  /// What was wrong with it.
  public var reason: String

  /// Creates an error.
  public init(_ context: String, _ reason: String) {
    self.context = context
    self.reason = reason
  }

  /// `context: reason`.
  public var description: String { "\(context): \(reason)" }
}
