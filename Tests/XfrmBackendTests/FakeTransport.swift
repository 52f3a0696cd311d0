// SPDX-License-Identifier: Apache-2.0
import NetlinkSocket
import NetlinkWire

/// A transport that records every batch sent and answers each with datagrams made by
/// `respond`, which sees the messages of that batch.
final class FakeTransport: NetlinkTransport {
  let portID: UInt32 = 4242
  private(set) var sent: [[NetlinkMessage]] = []
  private var queue: [[UInt8]] = []
  var respond: ([NetlinkMessage]) -> [[UInt8]]
  /// The network devices of the fake's namespace, by name.
  var devices: [String: Int32] = ["lo": 1]

  init(respond: @escaping ([NetlinkMessage]) -> [[UInt8]] = FakeTransport.acknowledgeAll) {
    self.respond = respond
  }

  func send(_ batch: [UInt8]) throws {
    let messages = try NetlinkMessage.split(batch)
    sent.append(messages)
    queue.append(contentsOf: respond(messages))
  }

  func receive() throws -> [UInt8] {
    guard !queue.isEmpty else { throw SystemError("fake receive: nothing queued", errno: 11) }
    return queue.removeFirst()
  }

  func interfaceIndex(named name: String) throws -> Int32 { devices[name] ?? 0 }

  /// Every message sent, in order, across batches.
  var allSent: [NetlinkMessage] { sent.flatMap { $0 } }

  // MARK: - Reply builders

  /// One datagram acknowledging every message.
  static func acknowledgeAll(_ messages: [NetlinkMessage]) -> [[UInt8]] {
    [datagram(messages.map { acknowledgement(of: $0) })]
  }

  /// An `NLMSG_ERROR` answering `request`: error 0 is an ack; capped, with an extended
  /// ack text when given.
  static func acknowledgement(of request: NetlinkMessage, errno: Int32 = 0, text: String? = nil)
    -> [UInt8]
  {
    var flags: NetlinkMessageFlags = [.capped]
    if text != nil { flags.insert(.acknowledgementTLVs) }
    var header = request.header
    header.length = UInt32(NetlinkMessageHeader.wireSize + request.payload.count)
    let error = NetlinkErrorMessage(error: -errno, request: header, message: text)
    return NetlinkMessage.encode(
      type: .error, flags: flags, sequence: request.header.sequence, portID: 4242
    ) { error.encode(to: &$0) }
  }

  /// A dump part or reply carrying `payload`.
  static func data(
    _ type: NetlinkMessageType, sequence: UInt32, flags: NetlinkMessageFlags = [.multi],
    _ payload: [UInt8]
  ) -> [UInt8] {
    NetlinkMessage.encode(type: type, flags: flags, sequence: sequence, portID: 4242) {
      $0.write(bytes: payload)
    }
  }

  /// The end of a dump.
  static func done(sequence: UInt32, flags: NetlinkMessageFlags = [.multi]) -> [UInt8] {
    NetlinkMessage.encode(type: .done, flags: flags, sequence: sequence, portID: 4242) {
      $0.write(Int32(0), .host)
    }
  }

  /// Messages joined into one datagram.
  static func datagram(_ messages: [[UInt8]]) -> [UInt8] {
    var bytes: [UInt8] = []
    for message in messages { bytes.appendAligned(message: message) }
    return bytes
  }
}
