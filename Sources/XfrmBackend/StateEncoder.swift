// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

/// Writes SA requests: `struct xfrm_usersa_info` and its attributes, or
/// `struct xfrm_usersa_id` with `XFRMA_SRCADDR`.
enum StateEncoder {
  /// Largest replay window `xfrm_usersa_info.replay_window` carries; above it the window
  /// goes in `XFRMA_REPLAY_ESN_VAL`.
  static let legacyReplayWindowLimit: UInt32 = 32

  /// NEWSA/UPDSA body.
  static func write(
    _ sa: SecurityAssociation, operation: String, to writer: inout ByteWriter
  ) throws(KernelError) {
    var info = XfrmUserSAInfo()
    if let selector = sa.selector { info.selector = WireMapping.selector(selector) }
    info.id.destination = sa.id.destination.bytes
    info.id.spi = sa.id.spi
    info.id.proto = sa.id.securityProtocol.ipProtocolNumber
    info.source = sa.id.source.bytes
    info.lifetime = WireMapping.lifetime(sa.lifetime)
    info.reqid = sa.reqid
    info.family = WireMapping.family(sa.id.destination.family)
    info.mode = WireMapping.mode(sa.mode)
    info.flags = sa.flags.rawValue
    // The kernel wants the ESN replay state for wide windows and for ESN SAs.
    let usesESNState =
      sa.replayWindow > legacyReplayWindowLimit
      || sa.flags.contains(.extendedSequenceNumbers)
    info.replayWindow = usesESNState ? 0 : UInt8(sa.replayWindow)
    info.encode(to: &writer)

    if let aead = sa.aead {
      let name = try kernelName(aead, operation)
      writer.writeAttribute(
        type: XfrmAttributeType.aeadAlgorithm.rawValue,
        XfrmAEADAlgorithm(name: name, key: aead.key.bytes, icvBits: UInt32(aead.icvBits)))
    }
    if let encryption = sa.encryption {
      let name = try kernelName(encryption, operation)
      writer.writeAttribute(
        type: XfrmAttributeType.encryptionAlgorithm.rawValue,
        XfrmAlgorithm(name: name, key: encryption.key.bytes))
    }
    if let authentication = sa.authentication {
      let name = try kernelName(authentication, operation)
      writer.writeAttribute(
        type: XfrmAttributeType.truncatedAuthenticationAlgorithm.rawValue,
        XfrmAuthenticationAlgorithm(
          name: name, key: authentication.key.bytes,
          truncationBits: UInt32(authentication.icvBits)))
    }
    if let compression = sa.compression {
      let name = try kernelName(compression, operation)
      writer.writeAttribute(
        type: XfrmAttributeType.compressionAlgorithm.rawValue,
        XfrmAlgorithm(name: name, key: []))
    }
    if let encapsulation = sa.encapsulation {
      var wire = XfrmEncapsulationTemplate()
      wire.type = encapsulation.type
      wire.sourcePort = encapsulation.sourcePort
      wire.destinationPort = encapsulation.destinationPort
      wire.originalAddress = encapsulation.originalAddress?.bytes ?? []
      writer.writeAttribute(type: XfrmAttributeType.encapsulation.rawValue, wire)
    }
    if let context = sa.securityContext {
      writer.writeAttribute(
        type: XfrmAttributeType.securityContext.rawValue,
        WireMapping.securityContext(context))
    }
    if usesESNState {
      writer.writeAttribute(
        type: XfrmAttributeType.replayStateESN.rawValue,
        XfrmReplayStateESN(replayWindow: sa.replayWindow))
    }
  }

  /// GETSA/DELSA body: the id, then the source address as `XFRMA_SRCADDR`.
  static func write(_ id: SecurityAssociationID, to writer: inout ByteWriter) {
    var wire = XfrmUserSAID()
    wire.destination = id.destination.bytes
    wire.spi = id.spi
    wire.family = WireMapping.family(id.destination.family)
    wire.proto = id.securityProtocol.ipProtocolNumber
    wire.encode(to: &writer)
    writer.writeAttribute(type: XfrmAttributeType.sourceAddress.rawValue) {
      $0.write(address: id.source.bytes)
    }
  }

  private static func kernelName(_ choice: AlgorithmKey, _ operation: String)
    throws(KernelError) -> String
  {
    guard let name = choice.algorithm.kernelName else {
      throw .refused(
        operation, errno: 95,
        "algorithm '\(choice.algorithm.name)' is not available on linux")
    }
    return name
  }
}
