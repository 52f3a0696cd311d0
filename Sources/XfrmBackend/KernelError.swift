// SPDX-License-Identifier: Apache-2.0
import NetlinkSocket

/// Why one statement failed: the kernel refused it (errno plus its extended-ack text), or
/// xfrmkey refused to send it because Linux cannot express it. Never contains a key.
public struct KernelError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The xfrm operation, e.g. `XFRM_MSG_NEWSA`.
  public var operation: String
  /// The positive errno.
  public var errno: Int32
  /// The errno's symbolic name, e.g. `EEXIST`.
  public var errnoName: String
  /// The kernel's extended-ack text (`NLMSGERR_ATTR_MSG`), when it gave one.
  public var kernelMessage: String?
  /// Why xfrmkey refused before sending; nil when the kernel answered.
  public var reason: String?

  /// An error the kernel returned.
  public init(operation: String, errno: Int32, kernelMessage: String? = nil) {
    self.operation = operation
    self.errno = errno
    self.errnoName = Errno.name(errno)
    self.kernelMessage = kernelMessage.flatMap { $0.isEmpty ? nil : $0 }
  }

  /// A statement xfrmkey will not send, with the errno that best describes it.
  public static func refused(_ operation: String, errno: Int32, _ reason: String)
    -> KernelError
  {
    var error = KernelError(operation: operation, errno: errno)
    error.reason = reason
    return error
  }

  /// `File exists (EEXIST): <kernel text>`, or `...: <reason>` for a local refusal.
  public var description: String {
    let base = "\(Errno.message(errno)) (\(errnoName))"
    guard let detail = reason ?? kernelMessage else { return base }
    return "\(base): \(detail)"
  }
}
