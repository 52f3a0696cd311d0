// SPDX-License-Identifier: Apache-2.0
import Glibc

/// A failed system or netlink call: which call, the errno, and its name.
public struct SystemError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The call that failed, e.g. `mnl_socket_open(NETLINK_XFRM)` or `setns`.
  public var operation: String
  /// The positive errno.
  public var errno: Int32
  /// The network namespace (`/run/netns/NAME`) the call was about, when it was one: a
  /// missing namespace is the user's input, not a fault of ours.
  public var networkNamespace: String?

  /// Creates an error.
  public init(_ operation: String, errno: Int32, networkNamespace: String? = nil) {
    self.operation = operation
    self.errno = errno
    self.networkNamespace = networkNamespace
  }

  /// `operation: Message (ENAME)`.
  public var description: String {
    "\(operation): \(Errno.message(errno)) (\(Errno.name(errno)))"
  }
}

/// Names and texts of errno values, for errors people read.
public enum Errno {
  private static let names: [Int32: String] = [
    EPERM: "EPERM", ENOENT: "ENOENT", ESRCH: "ESRCH", EINTR: "EINTR", EIO: "EIO",
    ENXIO: "ENXIO", E2BIG: "E2BIG", EBADF: "EBADF", EAGAIN: "EAGAIN", ENOMEM: "ENOMEM",
    EACCES: "EACCES", EFAULT: "EFAULT", EBUSY: "EBUSY", EEXIST: "EEXIST",
    ENODEV: "ENODEV", EINVAL: "EINVAL", ENFILE: "ENFILE", EMFILE: "EMFILE",
    ENOSPC: "ENOSPC", ERANGE: "ERANGE", ENOSYS: "ENOSYS", ELOOP: "ELOOP",
    EPROTO: "EPROTO", EMSGSIZE: "EMSGSIZE", ENOPROTOOPT: "ENOPROTOOPT",
    EPROTONOSUPPORT: "EPROTONOSUPPORT", EOPNOTSUPP: "EOPNOTSUPP",
    EAFNOSUPPORT: "EAFNOSUPPORT", EADDRNOTAVAIL: "EADDRNOTAVAIL", ENOBUFS: "ENOBUFS",
    ETIMEDOUT: "ETIMEDOUT", ECONNREFUSED: "ECONNREFUSED", EALREADY: "EALREADY",
    EINPROGRESS: "EINPROGRESS", ENOTCONN: "ENOTCONN",
  ]

  /// The symbolic name (`EEXIST`), or `errno N` for one we do not name.
  public static func name(_ errno: Int32) -> String {
    if let name = names[errno], !name.isEmpty { return name }
    return "errno \(errno)"
  }

  /// The C library's text for an errno (`strerror`), e.g. `File exists`.
  public static func message(_ errno: Int32) -> String {
    guard let text = strerror(errno) else { return "Unknown error \(errno)" }
    return String(cString: text)
  }
}
