// SPDX-License-Identifier: Apache-2.0
import IPsecModel

// MARK: - xfrm-era members (schema version 2)

extension JSONDumpFormatter {
  /// `XFRM_SA_XFLAG_*` names, in bit order.
  static let extraFlagNames: [(UInt32, String)] = [
    (StateExtraFlags.dontEncapsulateDSCP.rawValue, "dont-encap-dscp"),
    (StateExtraFlags.outputSequenceMayWrap.rawValue, "oseq-may-wrap"),
  ]

  /// `XFRM_POLICY_LOCALOK` and `XFRM_POLICY_ICMP` names, in bit order.
  static let policyFlagNames: [(UInt32, String)] = [
    (UInt32(PolicyFlags.localOK.rawValue), "localok"),
    (UInt32(PolicyFlags.icmp.rawValue), "icmp"),
  ]

  /// A flag word as names in bit order; a bit without a name is written as its value in
  /// hex (`"0x8"`), so a flag a newer kernel sets is never dropped.
  func writeFlagNames(
    _ raw: UInt32, _ names: [(UInt32, String)], to json: inout JSONWriter
  ) {
    json.beginArray()
    defer { json.endArray() }
    guard raw != 0 else { return }
    for bit in 0..<32 {
      let flag = UInt32(1) << bit
      guard raw & flag != 0 else { continue }
      json.value(names.first { $0.0 == flag }?.1 ?? "0x" + String(flag, radix: 16))
    }
  }

  /// A mark (`struct xfrm_mark`) as `value` and `mask`, or null for none.
  func writeMark(_ mark: Mark?, to json: inout JSONWriter) {
    guard let mark else { return json.null() }
    json.writeFlatObject(members: 2) { object in
      object.member("value", mark.value)
      object.member("mask", mark.mask)
    }
  }

  /// The SA members that came with the xfrm-era options: output mark (`XFRMA_SET_MARK`),
  /// `XFRMA_IF_ID`, `XFRMA_TFCPAD`, the replay counters and `XFRMA_OFFLOAD_DEV`.
  func writeStateExtras(_ sa: SecurityAssociation, to json: inout JSONWriter) {
    json.key("output_mark")
    writeMark(sa.outputMark, to: &json)
    json.member("interface_id", sa.interfaceID)
    json.member("tfc_padding", sa.tfcPadding)

    json.key("replay_counters")
    json.beginObject()
    json.member("inbound_sequence", sa.replayCounters.inbound)
    json.member("outbound_sequence", sa.replayCounters.outbound)
    json.endObject()

    json.key("offload")
    writeOffload(sa.offload, to: &json)
  }

  /// `struct xfrm_user_offload`; the device name is null when only its index is known,
  /// as in kernel dumps.
  private func writeOffload(_ offload: HardwareOffload?, to json: inout JSONWriter) {
    guard let offload else { return json.null() }
    json.beginObject()
    json.member("device", offload.device.isEmpty ? nil : offload.device)
    json.member("interface_index", offload.interfaceIndex)
    json.member("direction", offload.isInbound ? "in" : "out")
    json.member("type", offload.isPacketOffload ? "packet" : "crypto")
    json.endObject()
  }

  /// The policy members that came with the xfrm-era options: `XFRMA_POLICY_TYPE`,
  /// `flags`, `XFRMA_MARK` and `XFRMA_IF_ID`.
  func writePolicyExtras(_ sp: SecurityPolicy, to json: inout JSONWriter) {
    json.member("type", plain: LiteralNames.of(sp.type))
    json.key("flags")
    writeFlagNames(UInt32(sp.flags.rawValue), Self.policyFlagNames, to: &json)
    json.key("mark")
    writeMark(sp.mark, to: &json)
    json.member("interface_id", sp.interfaceID)
  }

  // MARK: - Parts for other JSON writers

  /// A selector object alone, for writers that embed one (monitor events).
  public func format(_ selector: TrafficSelector) -> String {
    var json = JSONWriter()
    writeSelector(selector, to: &json)
    return json.text
  }

  /// A template object alone, for writers that embed one (monitor acquires).
  public func format(_ template: PolicyTemplate) -> String {
    var json = JSONWriter()
    writeTemplate(template, to: &json)
    return json.text
  }

  /// A `current` object (or `null`) alone, for writers that embed one (monitor aevents).
  public func format(_ current: LifetimeCurrent?) -> String {
    var json = JSONWriter()
    writeCurrent(current, to: &json)
    return json.text
  }
}
