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
    var text = DumpText(capacity: 64)
    writeXfrmEraLines(sp, to: &text)
    return text.string
  }

  /// Appends `xfrmEraLines(sp)`; a policy without xfrm-era settings costs a few tests.
  func writeXfrmEraLines(_ sp: SecurityPolicy, to out: inout DumpText) {
    if let mark = sp.mark {
      out.append("\tmark: ")
      out.append(string: mark.description)
      out.append("\n")
    }
    if sp.interfaceID != 0 {
      out.append("\tif-id: ")
      out.append(decimal: UInt64(sp.interfaceID))
      out.append("\n")
    }
    if sp.type == .sub { out.append("\ttype: sub\n") }
    if sp.flags.contains(.localOK) || sp.flags.contains(.icmp) {
      out.append("\tflags:")
      if sp.flags.contains(.localOK) { out.append(" localok") }
      if sp.flags.contains(.icmp) { out.append(" icmp") }
      out.append("\n")
    }

    let limits = sp.lifetime
    let anyLimit =
      limits.softAddSeconds | limits.softUseSeconds | limits.hardBytes | limits.softBytes
      | limits.hardPackets | limits.softPackets
    guard anyLimit != 0 else { return }
    let extra: [(StaticString, UInt64)] = [
      ("soft-lifetime", limits.softAddSeconds), ("soft-validtime", limits.softUseSeconds),
      ("hard-bytes", limits.hardBytes), ("soft-bytes", limits.softBytes),
      ("hard-packets", limits.hardPackets), ("soft-packets", limits.softPackets),
    ]
    out.append("\tlimits:")
    for (name, value) in extra where value != 0 {
      out.append(ascii: " ")
      out.append(name)
      out.append(ascii: "=")
      out.append(decimal: value)
    }
    out.append("\n")
  }

  /// A rule's trailing `/spi:N` and algorithm masks that are not all ones.
  func templateExtras(_ template: PolicyTemplate) -> String {
    var text = DumpText(capacity: 64)
    Self.writeTemplateExtras(template, to: &text)
    return text.string
  }

  /// Appends `templateExtras(template)`.
  static func writeTemplateExtras(_ template: PolicyTemplate, to out: inout DumpText) {
    if template.spi != 0 {
      out.append("/spi:0x")
      out.append(hex: UInt64(template.spi))
    }
    let allMasks =
      template.authenticationAlgorithms & template.encryptionAlgorithms
      & template.compressionAlgorithms
    guard allMasks != .max else { return }
    let masks: [(StaticString, UInt32)] = [
      ("/aalgos:0x", template.authenticationAlgorithms),
      ("/ealgos:0x", template.encryptionAlgorithms),
      ("/calgos:0x", template.compressionAlgorithms),
    ]
    for (name, mask) in masks where mask != .max {
      out.append(name)
      out.append(hex: UInt64(mask))
    }
  }
}
