// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

/// The form in which the kernel would hold an SA or a policy, so a value parsed from a file
/// can be compared with one read from a dump.
///
/// The value is sent through the same encoder and decoder the kernel conversation uses
/// (`mode any` becomes transport, `default` and `require` levels meet, `bypass` reads as
/// `none`, setkey-only options vanish), then everything only a dump fills in (counters,
/// sequence numbers, the policy index) is cleared. Both sides of a comparison go through it.
public enum KernelForm {
  /// The SA as the kernel would hold it, its mark value masked; nil when Linux cannot
  /// express it (an algorithm it lacks), in which case the caller compares the value as
  /// it is.
  public static func state(_ sa: SecurityAssociation) -> SecurityAssociation? {
    guard var bytes = try? XfrmMessageBuilder.message(for: .addState(sa), sequence: 0)
    else { return nil }
    defer { for index in bytes.indices { bytes[index] = 0 } }

    guard let message = try? NetlinkMessage.split(bytes).first,
      var decoded = try? StateDecoder.decode(message)
    else { return nil }
    decoded.id.mark = kept(decoded.id.mark)
    decoded.current = nil
    decoded.statistics = nil
    decoded.sequence = 0
    return decoded
  }

  /// A mark as the kernel keeps it on an SA or a policy: its value masked, and none when
  /// no mask bit is set.
  public static func kept(_ mark: Mark?) -> Mark? {
    guard let mark, mark.mask != 0 else { return nil }
    return Mark(mark.value & mark.mask, mask: mark.mask)
  }

  /// Reqid stand-in for a `unique` template whose reqid is not chosen yet; it cannot
  /// collide with a real one, as the allocator stays far below it.
  static let unallocatedReqid: UInt32 = 0xFFFF_FFFF

  /// The policy as the kernel would hold it, index and counters cleared, its mark value
  /// masked. A `unique` template without a reqid stays `unique` without one.
  public static func policy(_ sp: SecurityPolicy) -> SecurityPolicy? {
    var sent = sp
    var unallocated: Set<Int> = []
    for position in sent.templates.indices {
      guard case .unique(let reqid) = sent.templates[position].level, reqid == nil,
        sent.templates[position].reqid == 0
      else { continue }
      unallocated.insert(position)
      sent.templates[position].reqid = unallocatedReqid
    }
    guard let bytes = try? XfrmMessageBuilder.message(for: .addPolicy(sent), sequence: 0),
      let message = try? NetlinkMessage.split(bytes).first,
      var decoded = try? PolicyDecoder.decode(message)
    else { return nil }

    for position in unallocated where position < decoded.templates.count {
      decoded.templates[position].level = .unique(reqid: nil)
      decoded.templates[position].reqid = 0
    }
    decoded.mark = kept(decoded.mark)
    decoded.index = 0
    decoded.current = nil
    return decoded
  }
}
