// SPDX-License-Identifier: Apache-2.0
import Glibc

/// Moves netlink bytes to and from the kernel. `NetlinkSocket` is the real one; tests use
/// a fake that records what was sent and plays back replies.
public protocol NetlinkTransport: AnyObject {
  /// The port id the kernel bound this endpoint to.
  var portID: UInt32 { get }

  /// Sends a buffer of one or more aligned messages in a single system call, so the kernel
  /// processes them in order as one batch.
  func send(_ batch: [UInt8]) throws

  /// Receives one datagram, which may hold several messages.
  func receive() throws -> [UInt8]

  /// Receives one datagram and lends its bytes to `body` without copying them; they are
  /// valid only during the call. A bulk load reads one acknowledgement per request, so a
  /// new array for each would cost more than reading it.
  func receive(_ body: (UnsafeRawBufferPointer) throws -> Void) throws

  /// The index of the network device `name` in the endpoint's network namespace, or 0
  /// when there is none (`if_nametoindex` there).
  func interfaceIndex(named name: String) throws -> Int32
}

extension NetlinkTransport {
  /// Lends the datagram `receive()` returns.
  public func receive(_ body: (UnsafeRawBufferPointer) throws -> Void) throws {
    let datagram = try receive()
    try datagram.withUnsafeBytes(body)
  }

  /// Looks the device up in the caller's own namespace.
  public func interfaceIndex(named name: String) throws -> Int32 {
    Int32(bitPattern: if_nametoindex(name))
  }
}
