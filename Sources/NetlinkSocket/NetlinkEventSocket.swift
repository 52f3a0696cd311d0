// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif
internal import CNetlink
import NetlinkWire

/// A `NETLINK_XFRM` socket that joins multicast groups and waits for what the kernel sends
/// to them, optionally inside a named network namespace.
///
/// Waiting is a `poll` on the socket and on a wake-up descriptor (the read end of a
/// self-pipe a signal handler writes to), so a stop signal ends the wait without racing
/// against `recv`. When the receive queue overflows the kernel drops messages and the
/// next `recv` fails with `ENOBUFS`; the socket stays usable, and the number dropped is
/// read from the socket's `Drops` column in `/proc/net/netlink`.
public final class NetlinkEventSocket: NetlinkEventSource {
  private let socket: OpaquePointer
  private let wakeDescriptor: Int32?
  private let statistics: Int32
  private var buffer: [UInt8]
  private var reportedDrops: Int?
  private var recheckDrops = false

  /// The port id the kernel bound the socket to.
  public let portID: UInt32

  /// Opens the socket (inside `/run/netns/NAME` with `networkNamespace`), sizes its
  /// receive queue and joins `groups`. `wakeDescriptor`, when given, ends a `receive`
  /// that waits as soon as it is readable.
  public init(
    groups: [XfrmMulticastGroup], networkNamespace: String? = nil,
    bufferSize: Int = 8 * 1024 * 1024, wakeDescriptor: Int32? = nil
  ) throws {
    let open = { () throws -> (OpaquePointer, Int32) in
      guard let socket = mnl_socket_open(NETLINK_XFRM) else {
        throw SystemError("mnl_socket_open(NETLINK_XFRM)", errno: errno)
      }
      return (socket, Glibc.open("/proc/thread-self/net/netlink", O_RDONLY | O_CLOEXEC))
    }
    let (opened, statistics) =
      try networkNamespace.map { try NetlinkSocket.inNamespace($0, open) } ?? open()
    socket = opened
    self.statistics = statistics
    self.wakeDescriptor = wakeDescriptor
    buffer = [UInt8](repeating: 0, count: NetlinkSocket.receiveSize)

    do {
      try Self.configure(opened, bufferSize: bufferSize, groups: groups)
    } catch {
      mnl_socket_close(opened)
      if statistics >= 0 { close(statistics) }
      throw error
    }
    portID = mnl_socket_get_portid(opened)
    reportedDrops = droppedMessages()
  }

  deinit {
    mnl_socket_close(socket)
    if statistics >= 0 { close(statistics) }
  }

  /// Waits for the next datagram, overrun or wake-up.
  ///
  /// After an overrun the kernel keeps dropping, without a second `ENOBUFS`, until the
  /// queue has been read empty; so once it is empty the drop counter is read again and
  /// any further loss is reported as another overrun.
  public func receive() throws -> NetlinkReception {
    let fd = mnl_socket_get_fd(socket)
    var descriptors = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0)]
    if let wakeDescriptor {
      descriptors.append(pollfd(fd: wakeDescriptor, events: Int16(POLLIN), revents: 0))
    }

    while true {
      var ready = poll(&descriptors, nfds_t(descriptors.count), 0)
      if ready == 0 && recheckDrops {
        recheckDrops = false
        if let lost = lostSinceLastOverrun(), lost > 0 { return .overrun(lostMessages: lost) }
      }
      if ready == 0 { ready = poll(&descriptors, nfds_t(descriptors.count), -1) }
      if ready < 0 {
        if errno == EINTR { continue }
        throw SystemError("poll", errno: errno)
      }
      if descriptors.count > 1 && descriptors[1].revents != 0 { return .interrupted }
      guard descriptors[0].revents != 0 else { continue }

      let received = buffer.withUnsafeMutableBytes { raw in
        mnl_socket_recvfrom(socket, raw.baseAddress, raw.count)
      }
      if received >= 0 { return .datagram(Array(buffer[0..<received])) }
      switch errno {
      case EINTR, EAGAIN: continue
      case ENOBUFS:
        recheckDrops = true
        return .overrun(lostMessages: lostSinceLastOverrun())
      default: throw SystemError("mnl_socket_recvfrom", errno: errno)
      }
    }
  }

  // MARK: - Lost messages

  /// Messages dropped since the last report; nil when the count cannot be read.
  private func lostSinceLastOverrun() -> Int? {
    guard let drops = droppedMessages(), let before = reportedDrops else { return nil }
    reportedDrops = drops
    return drops >= before ? drops - before : nil
  }

  /// The `Drops` counter of this socket in `/proc/net/netlink` (the kernel's `sk_drops`,
  /// one per message it could not queue), read in the socket's own namespace.
  private func droppedMessages() -> Int? {
    guard statistics >= 0, lseek(statistics, 0, SEEK_SET) == 0 else { return nil }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 16 * 1024)
    while true {
      let count = chunk.withUnsafeMutableBytes { read(statistics, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      bytes += chunk[0..<count]
    }
    return Self.drops(in: String(decoding: bytes, as: UTF8.self), portID: portID)
  }

  /// The `Drops` column of the `NETLINK_XFRM` row with `Pid` equal to `portID`.
  static func drops(in table: String, portID: UInt32) -> Int? {
    for line in table.split(separator: "\n").dropFirst() {
      let fields = line.split(separator: " ")
      guard fields.count >= 9, fields[1] == "\(NETLINK_XFRM)", fields[2] == "\(portID)"
      else { continue }
      return Int(fields[8])
    }
    return nil
  }

  // MARK: - Setup

  private static func configure(
    _ socket: OpaquePointer, bufferSize: Int, groups: [XfrmMulticastGroup]
  ) throws {
    guard mnl_socket_bind(socket, 0, pid_t(MNL_SOCKET_AUTOPID)) == 0 else {
      throw SystemError("mnl_socket_bind", errno: errno)
    }

    // Root may exceed net.core.rmem_max; a burst of events must not overflow the queue.
    var bytes = Int32(clamping: bufferSize)
    let size = socklen_t(MemoryLayout<Int32>.size)
    let option = geteuid() == 0 ? SO_RCVBUFFORCE : SO_RCVBUF
    guard setsockopt(mnl_socket_get_fd(socket), SOL_SOCKET, option, &bytes, size) == 0 else {
      throw SystemError("setsockopt(SO_RCVBUF)", errno: errno)
    }

    for group in groups {
      var number = group.rawValue
      let size = socklen_t(MemoryLayout<UInt32>.size)
      guard mnl_socket_setsockopt(socket, NETLINK_ADD_MEMBERSHIP, &number, size) == 0 else {
        throw SystemError("setsockopt(NETLINK_ADD_MEMBERSHIP, \(group))", errno: errno)
      }
    }
  }
}
