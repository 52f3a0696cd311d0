// SPDX-License-Identifier: Apache-2.0
import NetlinkWire

/// The `struct nlmsghdr` of one reply, read where it lies in a received datagram (host
/// order, as netlink sends it), and whether the reply is a plain acknowledgement: an
/// `NLMSG_ERROR` whose `error` is 0. Reading just these fields lets a bulk load match its
/// many acknowledgements to their requests without decoding each into a message.
struct ReplyHeader {
  /// `nlmsg_len`.
  let length: Int
  /// `nlmsg_seq`.
  let sequence: UInt32
  /// True for a complete `NLMSG_ERROR` with `error` 0.
  let isAcknowledgement: Bool

  /// Reads the header at `offset`; at least `NetlinkMessageHeader.wireSize` bytes must
  /// follow it.
  init(_ datagram: UnsafeRawBufferPointer, at offset: Int) {
    precondition(datagram.count - offset >= NetlinkMessageHeader.wireSize)
    length = Int(datagram.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    let type = datagram.loadUnaligned(fromByteOffset: offset + 4, as: UInt16.self)
    sequence = datagram.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)

    let errorEnd = NetlinkMessageHeader.wireSize + 4
    guard type == NetlinkMessageType.error.rawValue, length >= errorEnd,
      length <= datagram.count - offset
    else {
      isAcknowledgement = false
      return
    }
    let error = datagram.loadUnaligned(
      fromByteOffset: offset + NetlinkMessageHeader.wireSize, as: Int32.self)
    isAcknowledgement = error == 0
  }
}
