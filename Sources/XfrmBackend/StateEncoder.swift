// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

/// Writes SA requests: `struct xfrm_usersa_info` and its attributes, or
/// `struct xfrm_usersa_id` with `XFRMA_SRCADDR`.
enum StateEncoder {
  /// Largest replay window `xfrm_usersa_info.replay_window` carries; above it the window
  /// goes in `XFRMA_REPLAY_ESN_VAL`.
  static let legacyReplayWindowLimit: UInt32 = 32

  /// NEWSA/UPDSA body. The fixed part and the algorithms are written straight from the
  /// model into the writer's bytes, so no key is copied on the way; nothing is written
  /// when an algorithm has no Linux name. `operation` is the request's message type,
  /// whose name (looked up only for an error) names the request in errors.
  static func write(
    _ sa: SecurityAssociation, operation: NetlinkMessageType, to writer: inout ByteWriter
  ) throws(KernelError) {
    let aead = try sa.aead.map { choice throws(KernelError) in
      (choice, try kernelName(choice, operation))
    }
    let encryption = try sa.encryption.map { choice throws(KernelError) in
      (choice, try kernelName(choice, operation))
    }
    let authentication = try sa.authentication.map { choice throws(KernelError) in
      (choice, try kernelName(choice, operation))
    }

    writer.appendFixed(XfrmUserSAInfo.wireSize) { writeInfo(sa, to: &$0) }
    if let (aead, name) = aead {
      writeAlgorithm(
        .aeadAlgorithm, name: name, key: aead.key, trailer: UInt32(aead.icvBits), to: &writer)
    }
    if let (encryption, name) = encryption {
      writeAlgorithm(.encryptionAlgorithm, name: name, key: encryption.key, to: &writer)
    }
    if let (authentication, name) = authentication {
      writeAlgorithm(
        .truncatedAuthenticationAlgorithm, name: name, key: authentication.key,
        trailer: UInt32(authentication.icvBits), to: &writer)
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
    try writeXfrmEraAttributes(sa, operation: operation, to: &writer)
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
    if let mark = id.mark { writeMark(mark, to: &writer) }
  }

  /// `struct xfrm_usersa_info`: `curlft`, `stats` and `seq` stay zero; the replay
  /// window goes in `XFRMA_REPLAY_ESN_VAL` instead when the SA needs that.
  private static func writeInfo(_ sa: SecurityAssociation, to fields: inout FixedFieldWriter) {
    if let selector = sa.selector {
      WireMapping.write(selector, to: &fields)
    } else {
      fields.skip(XfrmSelector.wireSize)
    }
    // struct xfrm_id, then the rest.
    WireMapping.write(sa.id.destination, to: &fields)
    fields.write(sa.id.spi, .big)
    fields.write(sa.id.securityProtocol.ipProtocolNumber, .host)
    fields.skip(3)
    WireMapping.write(sa.id.source, to: &fields)
    WireMapping.write(sa.lifetime, to: &fields)
    fields.skip(XfrmLifetimeCurrent.wireSize + XfrmStats.wireSize + 4)
    fields.write(sa.reqid, .host)
    fields.write(WireMapping.family(sa.id.destination.family), .host)
    fields.write(WireMapping.mode(sa.mode).rawValue, .host)
    fields.write(usesESNState(sa) ? 0 : UInt8(sa.replayWindow), .host)
    fields.write(sa.flags.rawValue, .host)
    fields.skip(7)
  }

  /// An algorithm attribute: `struct xfrm_algo` (`trailer` nil), or `xfrm_algo_aead` and
  /// `xfrm_algo_auth`, whose `trailer` (ICV or truncation bits) follows the key length;
  /// then the key, copied from the model straight into the message.
  private static func writeAlgorithm(
    _ type: XfrmAttributeType, name: String, key: Key, trailer: UInt32? = nil,
    to writer: inout ByteWriter
  ) {
    let fixed = XfrmAlgorithm.wireSize + (trailer == nil ? 0 : 4)
    let length = NetlinkAttribute.headerSize + fixed + key.bytes.count
    writer.appendFixed(Netlink.align(length)) { fields in
      fields.write(UInt16(length), .host)
      fields.write(type.rawValue, .host)
      var name = name
      name.withUTF8 { name in
        fields.write(bytes: UnsafeRawBufferPointer(name), paddedTo: XfrmAlgorithm.nameSize)
      }
      fields.write(UInt32(key.bytes.count * 8), .host)
      if let trailer { fields.write(trailer, .host) }
      key.bytes.withUnsafeBytes { fields.write(bytes: $0, paddedTo: $0.count) }
    }
  }

  private static func kernelName(_ choice: AlgorithmKey, _ operation: NetlinkMessageType)
    throws(KernelError) -> String
  {
    guard let name = choice.algorithm.kernelName else {
      throw .refused(
        operation.name, errno: 95,
        "algorithm '\(choice.algorithm.name)' is not available on linux")
    }
    return name
  }
}
