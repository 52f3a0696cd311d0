// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

#if canImport(Glibc)
  import Glibc
#endif

/// The attributes after the algorithms, encapsulation and context, in the order
/// `ip xfrm state add` writes them: `XFRMA_OFFLOAD_DEV`, `XFRMA_REPLAY_VAL` or
/// `XFRMA_REPLAY_ESN_VAL`, `XFRMA_SA_EXTRA_FLAGS`, `XFRMA_MARK`, `XFRMA_IF_ID`,
/// `XFRMA_TFCPAD`, `XFRMA_SET_MARK`, `XFRMA_SET_MARK_MASK`.
extension StateEncoder {
  /// True when the SA needs `struct xfrm_replay_state_esn`: a window wider than the u8
  /// field's 32-bit bitmap, or extended sequence numbers.
  static func usesESNState(_ sa: SecurityAssociation) -> Bool {
    sa.replayWindow > legacyReplayWindowLimit || sa.flags.contains(.extendedSequenceNumbers)
  }

  /// Writes the trailing attributes; throws when an offload device does not exist.
  static func writeXfrmEraAttributes(
    _ sa: SecurityAssociation, operation: NetlinkMessageType, to writer: inout ByteWriter
  ) throws(KernelError) {
    if let offload = sa.offload {
      writer.writeAttribute(
        type: XfrmAttributeType.offloadDevice.rawValue, try wireOffload(offload, operation))
    }
    writeReplayState(sa, to: &writer)
    if !sa.extraFlags.isEmpty {
      writeUInt32(sa.extraFlags.rawValue, .extraFlags, to: &writer)
    }
    if let mark = sa.id.mark { writeMark(mark, to: &writer) }
    if sa.interfaceID != 0 { writeUInt32(sa.interfaceID, .interfaceID, to: &writer) }
    if sa.tfcPadding != 0 { writeUInt32(sa.tfcPadding, .tfcPadding, to: &writer) }
    if let output = sa.outputMark {
      writeUInt32(output.value, .setMark, to: &writer)
      // The kernel takes a missing mask as all ones, and ip leaves it out then.
      if output.mask != .max { writeUInt32(output.mask, .setMarkMask, to: &writer) }
    }
  }

  /// `XFRMA_REPLAY_ESN_VAL` for wide windows and ESN; otherwise `XFRMA_REPLAY_VAL`, only
  /// when a counter is set (the window then travels in `xfrm_usersa_info`).
  private static func writeReplayState(_ sa: SecurityAssociation, to writer: inout ByteWriter) {
    let counters = sa.replayCounters
    if usesESNState(sa) {
      var state = XfrmReplayStateESN(replayWindow: sa.replayWindow)
      state.sequence = UInt32(truncatingIfNeeded: counters.inbound)
      state.sequenceHigh = UInt32(truncatingIfNeeded: counters.inbound >> 32)
      state.outboundSequence = UInt32(truncatingIfNeeded: counters.outbound)
      state.outboundSequenceHigh = UInt32(truncatingIfNeeded: counters.outbound >> 32)
      writer.writeAttribute(type: XfrmAttributeType.replayStateESN.rawValue, state)
    } else if !counters.isZero {
      var state = XfrmReplayState()
      state.sequence = UInt32(truncatingIfNeeded: counters.inbound)
      state.outboundSequence = UInt32(truncatingIfNeeded: counters.outbound)
      writer.writeAttribute(type: XfrmAttributeType.replayState.rawValue, state)
    }
  }

  /// `XFRMA_MARK` with its mask, as SA and policy requests carry it.
  static func writeMark(_ mark: Mark, to writer: inout ByteWriter) {
    writer.writeAttribute(
      type: XfrmAttributeType.mark.rawValue, XfrmMark(value: mark.value, mask: mark.mask))
  }

  /// A `__u32` attribute in host order.
  static func writeUInt32(
    _ value: UInt32, _ type: XfrmAttributeType, to writer: inout ByteWriter
  ) {
    writer.writeAttribute(type: type.rawValue) { $0.write(value, .host) }
  }

  /// The offload request with the device's index looked up in this process's network
  /// namespace.
  private static func wireOffload(_ offload: HardwareOffload, _ operation: NetlinkMessageType)
    throws(KernelError) -> XfrmUserOffload
  {
    var index = offload.interfaceIndex
    // XfrmKernel has resolved the name where its socket lives; this lookup in the
    // caller's namespace serves requests built without a kernel (tests, golden bytes).
    if index == 0 { index = Int32(bitPattern: if_nametoindex(offload.device)) }
    guard index != 0 else {
      throw .refused(
        operation.name, errno: 19, "no network device '\(offload.device)' to offload to")
    }
    var flags: UInt8 = 0
    if offload.isInbound { flags |= XfrmUserOffload.inbound }
    if offload.isPacketOffload { flags |= XfrmUserOffload.packet }
    return XfrmUserOffload(interfaceIndex: index, flags: flags)
  }
}
