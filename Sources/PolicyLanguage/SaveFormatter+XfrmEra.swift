// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// The xfrm-era fields in the save format, spelled as the statement options that set
/// them, so a saved file restores marks, if_ids, flags and template extras too.
extension SaveFormatter {
  /// `-encap NAME` for an ESP-in-UDP/TCP type other than setkey's `esp-udp`.
  static let encapsulationNames: [UInt16: String] = [1: "espinudp-nonike", 7: "espintcp"]

  /// SA options after `-flags`: identity, marks, interface, padding, extra flags, replay
  /// counters. An offloaded SA has no syntax: dumps name its device by index only.
  func xfrmEraWords(_ sa: SecurityAssociation, entry: SaveEntryName) throws(SaveError) -> [String] {
    guard sa.offload == nil else {
      throw SaveError(entry: entry, reason: "no syntax for an offloaded SA's device index")
    }
    var words: [String] = []
    if let mark = sa.id.mark { words.append("-mark \(mark)") }
    if let mark = sa.outputMark { words.append("-output-mark \(mark)") }
    if sa.interfaceID != 0 { words.append("-if-id \(sa.interfaceID)") }
    if sa.tfcPadding != 0 { words.append("-tfcpad \(sa.tfcPadding)") }
    if sa.extraFlags.contains(.dontEncapsulateDSCP) { words.append("-f dont-encap-dscp") }
    if sa.extraFlags.contains(.outputSequenceMayWrap) { words.append("-f oseq-may-wrap") }
    if sa.replayCounters.inbound != 0 { words.append("-seq \(sa.replayCounters.inbound)") }
    if sa.replayCounters.outbound != 0 { words.append("-oseq \(sa.replayCounters.outbound)") }
    return words
  }

  /// Policy options before `-ctx`: mark, if_id, type and flags.
  func xfrmEraWords(_ sp: SecurityPolicy) -> [String] {
    var words: [String] = []
    if let mark = sp.mark { words.append("-mark \(mark)") }
    if sp.interfaceID != 0 { words.append("-if-id \(sp.interfaceID)") }
    if sp.type == .sub { words.append("-type sub") }
    if sp.flags.contains(.localOK) { words.append("-f localok") }
    if sp.flags.contains(.icmp) { words.append("-f icmp") }
    return words
  }
}
