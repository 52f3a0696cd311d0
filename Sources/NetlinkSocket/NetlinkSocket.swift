// SPDX-License-Identifier: Apache-2.0
internal import CNetlink
import Glibc

/// A `NETLINK_XFRM` socket opened with libmnl, with extended acks and capped acks on and
/// large buffers, optionally inside a named network namespace. The only code in the
/// project that calls `mnl_socket_*`.
public final class NetlinkSocket: NetlinkTransport {
  /// Bytes of the largest datagram we receive; dump parts are at most about 32 KiB.
  public static let receiveSize = 64 * 1024

  private let socket: OpaquePointer
  /// Where datagrams are received: allocated once, zeroed, and wiped after each use. Raw
  /// memory rather than an array, so a bulk load's thousands of acks pay no exclusivity
  /// or uniqueness checks; only `receive` touches it.
  private let buffer: UnsafeMutableRawBufferPointer

  /// The port id the kernel bound the socket to.
  public let portID: UInt32

  /// The `/run/netns` name the socket was opened in; nil for the caller's namespace.
  public let networkNamespace: String?

  /// Opens and binds the socket. With `networkNamespace`, the calling thread enters
  /// `/run/netns/NAME` (as `ip -n NAME` does) just long enough to create the socket,
  /// which stays in that namespace; the thread then returns to its own.
  public init(networkNamespace: String? = nil, bufferSize: Int = 4 * 1024 * 1024) throws {
    let opened: OpaquePointer
    if let networkNamespace {
      opened = try Self.inNamespace(networkNamespace) { try Self.open() }
    } else {
      opened = try Self.open()
    }
    socket = opened
    self.networkNamespace = networkNamespace
    buffer = .allocate(byteCount: Self.receiveSize, alignment: 8)
    buffer.initializeMemory(as: UInt8.self, repeating: 0)

    do {
      try Self.configure(opened, bufferSize: bufferSize)
      guard mnl_socket_bind(opened, 0, pid_t(MNL_SOCKET_AUTOPID)) == 0 else {
        throw SystemError("mnl_socket_bind", errno: errno)
      }
    } catch {
      mnl_socket_close(opened)
      buffer.deallocate()
      throw error
    }
    portID = mnl_socket_get_portid(opened)
  }

  deinit {
    mnl_socket_close(socket)
    buffer.deallocate()
  }

  /// Sends the whole batch in one `sendto`.
  public func send(_ batch: [UInt8]) throws {
    let sent = batch.withUnsafeBytes { raw in
      mnl_socket_sendto(socket, raw.baseAddress, raw.count)
    }
    guard sent >= 0 else { throw SystemError("mnl_socket_sendto", errno: errno) }
    guard sent == batch.count else { throw SystemError("mnl_socket_sendto", errno: EMSGSIZE) }
  }

  /// Receives one datagram; a datagram larger than the buffer is an error, not a
  /// silent truncation (libmnl reports `MSG_TRUNC` as `ENOSPC`).
  public func receive() throws -> [UInt8] {
    var datagram: [UInt8] = []
    try receive { datagram = Array($0) }
    return datagram
  }

  /// Receives one datagram into the socket's own buffer and lends it to `body`; then
  /// wipes the bytes it used, as dump replies carry SA keys. Acks are 36 bytes and the
  /// buffer 64 KiB, so only the used part is wiped.
  public func receive(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
    while true {
      let received = mnl_socket_recvfrom(socket, buffer.baseAddress, buffer.count)
      if received >= 0 {
        defer { _ = memset(buffer.baseAddress!, 0, received) }
        return try body(UnsafeRawBufferPointer(rebasing: buffer[..<received]))
      }
      let failure = errno
      if failure == EINTR { continue }
      // A truncated datagram (ENOSPC) did fill the buffer.
      _ = memset(buffer.baseAddress!, 0, buffer.count)
      throw SystemError("mnl_socket_recvfrom", errno: failure)
    }
  }

  // MARK: - Setup

  private static func open() throws -> OpaquePointer {
    guard let socket = mnl_socket_open(NETLINK_XFRM) else {
      throw SystemError("mnl_socket_open(NETLINK_XFRM)", errno: errno)
    }
    return socket
  }

  private static func configure(_ socket: OpaquePointer, bufferSize: Int) throws {
    var on: Int32 = 1
    let size = socklen_t(MemoryLayout<Int32>.size)
    let acks = [(NETLINK_EXT_ACK, "NETLINK_EXT_ACK"), (NETLINK_CAP_ACK, "NETLINK_CAP_ACK")]
    for (option, name) in acks {
      guard mnl_socket_setsockopt(socket, Int32(option), &on, size) == 0 else {
        throw SystemError("setsockopt(\(name))", errno: errno)
      }
    }

    // Real root may exceed net.core.[rw]mem_max; root of a user namespace is refused that
    // (EPERM) and, like everybody else, gets what the limit allows.
    let fd = mnl_socket_get_fd(socket)
    var bytes = Int32(clamping: bufferSize)
    let options: [(forced: Int32, plain: Int32, name: String)] = [
      (SO_SNDBUFFORCE, SO_SNDBUF, "SO_SNDBUF"), (SO_RCVBUFFORCE, SO_RCVBUF, "SO_RCVBUF"),
    ]
    for option in options {
      if geteuid() == 0, setsockopt(fd, SOL_SOCKET, option.forced, &bytes, size) == 0 {
        continue
      }
      guard setsockopt(fd, SOL_SOCKET, option.plain, &bytes, size) == 0 else {
        throw SystemError("setsockopt(\(option.name))", errno: errno)
      }
    }
  }

  /// The index of the device `name` in the socket's namespace (an offload device given
  /// with `--netns` lives there, not in the caller's), or 0 when it has none.
  public func interfaceIndex(named name: String) throws -> Int32 {
    guard let networkNamespace else { return Int32(bitPattern: if_nametoindex(name)) }
    return try Self.inNamespace(networkNamespace) { Int32(bitPattern: if_nametoindex(name)) }
  }

  /// Runs `body` with the calling thread in the named network namespace, then moves the
  /// thread back to the namespace it was in.
  static func inNamespace<T>(_ name: String, _ body: () throws -> T) throws -> T {
    guard !name.isEmpty, !name.contains("/") else {
      throw SystemError("network namespace '\(name)'", errno: EINVAL)
    }
    let original = Glibc.open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
    guard original >= 0 else { throw SystemError("open(/proc/thread-self/ns/net)", errno: errno) }
    defer { close(original) }

    let target = Glibc.open("/run/netns/\(name)", O_RDONLY | O_CLOEXEC)
    guard target >= 0 else {
      throw SystemError(
        "network namespace '\(name)' (open /run/netns/\(name))", errno: errno,
        networkNamespace: name)
    }
    defer { close(target) }

    guard xfrmkey_enter_network_namespace(target) == 0 else {
      throw SystemError("setns(/run/netns/\(name))", errno: errno)
    }
    defer { _ = xfrmkey_enter_network_namespace(original) }
    return try body()
  }
}
