// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire
import Testing
import XfrmBackend

/// Replies are read in place now (`StructFieldReader`, `nextAttribute`, `ReplyHeader`), so
/// every length in them comes from the kernel: a reply cut short or with a wrong length
/// must make the decoders throw (or skip the entry), never read past its bytes.
@Suite struct MalformedReplyTests {
  /// Every golden request that adds an SA or a policy, as the kernel would send it back
  /// in a dump (NEWSA, NEWPOLICY).
  static var replies: [NetlinkMessage] {
    GoldenRequests.statements.keys.sorted().compactMap { name in
      guard let statement = GoldenRequests.statements[name],
        let request = KernelRequest(statement.command),
        let bytes = try? XfrmMessageBuilder.message(for: request, sequence: 1),
        var message = try? NetlinkMessage.split(bytes).first
      else { return nil }
      switch statement.command {
      case .add, .update: message.header.type = .newSA
      case .spdAdd, .spdUpdate: message.header.type = .newPolicy
      default: return nil
      }
      return message
    }
  }

  /// Decodes as a dump does; an error is a fine outcome, a trap is not.
  static func decode(_ message: NetlinkMessage) {
    if message.header.type == .newSA {
      _ = try? StateDecoder.decode(message)
    } else {
      _ = try? PolicyDecoder.decode(message)
    }
  }

  @Test func everyTruncationOfAReplyIsRefusedNotOverread() {
    let replies = Self.replies
    #expect(replies.count > 10)
    for reply in replies {
      let payload = reply.payload
      for length in 0..<payload.count {
        Self.decode(NetlinkMessage(header: reply.header, payload: Array(payload[..<length])))
      }
    }
  }

  @Test func wrongLengthsInEveryPlaceAreRefusedNotOverread() {
    for reply in Self.replies {
      let payload = reply.payload
      for offset in stride(from: 0, to: payload.count - 1, by: 2) {
        for value: UInt16 in [0, 1, 3, 4, 5, 8, 0x7fff, 0xffff] {
          var broken = payload
          broken[offset] = UInt8(truncatingIfNeeded: value)
          broken[offset + 1] = UInt8(truncatingIfNeeded: value >> 8)
          Self.decode(NetlinkMessage(header: reply.header, payload: broken))
        }
      }
    }
  }

  @Test func datagramsCutOrWithWrongLengthsAreRefusedNotOverread() {
    for reply in Self.replies.prefix(6) {
      let bytes = reply.encodedBytes
      for length in 0...bytes.count {
        _ = try? NetlinkMessage.split(Array(bytes[..<length])).forEach(Self.decode)
      }
      for value: UInt32 in [0, 1, 15, 16, 17, UInt32(bytes.count) + 1, .max] {
        var broken = bytes
        withUnsafeBytes(of: value.littleEndian) { broken.replaceSubrange(0..<4, with: $0) }
        _ = try? NetlinkMessage.split(broken).forEach(Self.decode)
      }
    }
  }
}
