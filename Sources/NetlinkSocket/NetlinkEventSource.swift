// SPDX-License-Identifier: Apache-2.0

/// What waiting on a multicast socket produced.
public enum NetlinkReception: Equatable, Sendable {
  /// One datagram, which may hold several messages.
  case datagram([UInt8])
  /// The socket's receive queue overflowed (`ENOBUFS`) and the kernel dropped messages:
  /// how many since the last overrun, or nil when that cannot be known.
  case overrun(lostMessages: Int?)
  /// The wake-up descriptor became readable (a stop signal arrived); nothing was read.
  case interrupted
}

/// Delivers what the kernel multicasts. `NetlinkEventSocket` is the real one; tests use a
/// fake that plays back datagrams and overruns.
public protocol NetlinkEventSource: AnyObject {
  /// Blocks until a datagram, an overrun or an interruption.
  func receive() throws -> NetlinkReception
}
