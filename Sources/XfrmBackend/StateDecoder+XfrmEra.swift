// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

/// Reading the attributes `StateEncoder+XfrmEra` writes, as dumps and GETSA replies carry
/// them. Unknown attributes stay skipped.
extension StateDecoder {
  /// Applies one xfrm-era attribute; returns false for attributes it does not know.
  @discardableResult
  static func applyXfrmEra(
    _ attribute: NetlinkAttributeRecord, to sa: inout SecurityAssociation
  ) throws -> Bool {
    var reader = attribute.payload
    switch XfrmAttributeType(rawValue: attribute.type) {
    case .replayStateESN:
      let state = try XfrmReplayStateESN(decoding: &reader)
      sa.replayWindow = state.replayWindow
      sa.replayCounters = ReplayCounters(
        inbound: UInt64(state.sequenceHigh) << 32 | UInt64(state.sequence),
        outbound: UInt64(state.outboundSequenceHigh) << 32 | UInt64(state.outboundSequence))
    case .replayState:
      let state = try XfrmReplayState(decoding: &reader)
      sa.replayCounters = ReplayCounters(
        inbound: UInt64(state.sequence), outbound: UInt64(state.outboundSequence))
    case .mark:
      let mark = try XfrmMark(decoding: &reader)
      sa.id.mark = mark.value == 0 && mark.mask == 0 ? nil : Mark(mark.value, mask: mark.mask)
    case .setMark:
      let value = try reader.read(UInt32.self, .host, "XFRMA_SET_MARK")
      sa.outputMark = Mark(value, mask: sa.outputMark?.mask ?? .max)
    case .setMarkMask:
      let mask = try reader.read(UInt32.self, .host, "XFRMA_SET_MARK_MASK")
      sa.outputMark = Mark(sa.outputMark?.value ?? 0, mask: mask)
    case .interfaceID:
      sa.interfaceID = try reader.read(UInt32.self, .host, "XFRMA_IF_ID")
    case .tfcPadding:
      sa.tfcPadding = try reader.read(UInt32.self, .host, "XFRMA_TFCPAD")
    case .extraFlags:
      sa.extraFlags = StateExtraFlags(
        rawValue: try reader.read(UInt32.self, .host, "XFRMA_SA_EXTRA_FLAGS"))
    case .offloadDevice:
      let wire = try XfrmUserOffload(decoding: &reader)
      sa.offload = HardwareOffload(
        device: "", isInbound: wire.flags & XfrmUserOffload.inbound != 0,
        isPacketOffload: wire.flags & XfrmUserOffload.packet != 0,
        interfaceIndex: wire.interfaceIndex)
    default:
      return false
    }
    return true
  }
}
