// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// Lines for what only xfrm holds, each printed only when it carries something, so an
/// entry Linux setkey could have made prints exactly as setkey printed it. Each line
/// reads `name: value` in the spelling the statement options use (`-mark 0x1/0xff` shows
/// as `mark: 0x1/0xff`).
extension SetkeyDumpFormatter {
  /// SA lines: `mark:`, `output-mark:`, `if-id:`, `tfcpad:`, `replay-seq:`, `offload:`.
  func xfrmEraLines(_ sa: SecurityAssociation) -> String {
    var out = ""
    if let mark = sa.id.mark { out += "\tmark: \(mark)\n" }
    if let mark = sa.outputMark { out += "\toutput-mark: \(mark)\n" }
    if sa.interfaceID != 0 { out += "\tif-id: \(sa.interfaceID)\n" }
    if sa.tfcPadding != 0 { out += "\ttfcpad: \(sa.tfcPadding)\n" }
    if !sa.replayCounters.isZero {
      out += "\treplay-seq: seq=\(sa.replayCounters.inbound) "
      out += "oseq=\(sa.replayCounters.outbound)\n"
    }
    if let offload = sa.offload {
      let device =
        offload.device.isEmpty ? "ifindex=\(offload.interfaceIndex)" : offload.device
      let direction = offload.isInbound ? "in" : "out"
      out += "\toffload: \(device) \(direction) \(offload.isPacketOffload ? "packet" : "crypto")\n"
    }
    return out
  }

  /// The `-f` words of extra flags, appended to the `xfrm-flags:` words.
  func extraFlagWords(_ flags: StateExtraFlags) -> [String] {
    var words: [String] = []
    if flags.contains(.dontEncapsulateDSCP) { words.append("dont-encap-dscp") }
    if flags.contains(.outputSequenceMayWrap) { words.append("oseq-may-wrap") }
    return words
  }

  /// SP lines: `mark:`, `if-id:`, `type: sub`, `flags:`, and `limits:` for the limits
  /// `lifetime:`/`validtime:` do not show.
  func xfrmEraLines(_ sp: SecurityPolicy) -> String {
    var out = ""
    if let mark = sp.mark { out += "\tmark: \(mark)\n" }
    if sp.interfaceID != 0 { out += "\tif-id: \(sp.interfaceID)\n" }
    if sp.type == .sub { out += "\ttype: sub\n" }
    var flags: [String] = []
    if sp.flags.contains(.localOK) { flags.append("localok") }
    if sp.flags.contains(.icmp) { flags.append("icmp") }
    if !flags.isEmpty { out += "\tflags: \(flags.joined(separator: " "))\n" }

    let limits = sp.lifetime
    let extra: [(String, UInt64)] = [
      ("soft-lifetime", limits.softAddSeconds), ("soft-validtime", limits.softUseSeconds),
      ("hard-bytes", limits.hardBytes), ("soft-bytes", limits.softBytes),
      ("hard-packets", limits.hardPackets), ("soft-packets", limits.softPackets),
    ]
    let shown = extra.filter { $0.1 != 0 }.map { "\($0.0)=\($0.1)" }
    if !shown.isEmpty { out += "\tlimits: \(shown.joined(separator: " "))\n" }
    return out
  }

  /// A rule's trailing `/spi:N` and algorithm masks that are not all ones.
  func templateExtras(_ template: PolicyTemplate) -> String {
    var out = ""
    if template.spi != 0 { out += "/spi:0x" + String(template.spi, radix: 16) }
    let masks: [(String, UInt32)] = [
      ("aalgos", template.authenticationAlgorithms), ("ealgos", template.encryptionAlgorithms),
      ("calgos", template.compressionAlgorithms),
    ]
    for (name, mask) in masks where mask != .max {
      out += "/\(name):0x" + String(mask, radix: 16)
    }
    return out
  }
}
