// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

/// Reads a state message (a NEWSA from a dump, a GETSA reply, an ALLOCSPI reply) into the
/// model. Unknown attributes are skipped; unknown algorithm names become catalogue
/// entries built on the spot so they can still be printed.
public enum StateDecoder {
  /// The SA in a state message; nil for states setkey cannot express (a protocol other
  /// than ESP, AH and IPComp, such as the IPIP states the kernel adds for IPComp
  /// tunnels, or a mode other than transport, tunnel and BEET).
  public static func decode(_ message: NetlinkMessage) throws -> SecurityAssociation? {
    var reader = message.reader
    let info = try XfrmUserSAInfo(decoding: &reader)
    guard let family = WireMapping.family(info.family),
      let proto = SecurityProtocol(ipProtocolNumber: info.id.proto),
      let mode = WireMapping.mode(info.mode)
    else { return nil }

    let id = SecurityAssociationID(
      source: WireMapping.address(info.sourceAddress, family),
      destination: WireMapping.address(info.id.destinationAddress, family),
      securityProtocol: proto, spi: info.id.spi)
    var sa = SecurityAssociation(id: id)
    sa.mode = mode
    sa.reqid = info.reqid
    sa.replayWindow = UInt32(info.replayWindow)
    sa.flags = StateFlags(rawValue: info.flags)
    sa.lifetime = WireMapping.lifetime(info.lifetime)
    sa.current = WireMapping.current(info.current)
    sa.sequence = info.sequence
    sa.selector = selector(info.selector, family: family)

    var statistics = StateStatistics()
    statistics.replayWindow = info.stats.replayWindow
    statistics.replay = info.stats.replay
    statistics.integrityFailed = info.stats.integrityFailed
    sa.statistics = statistics

    while let attribute = try reader.nextAttribute() {
      try apply(attribute, to: &sa)
    }
    return sa
  }

  /// The SA selector, or nil when it matches everything (as setkey leaves it).
  private static func selector(_ wire: XfrmSelector, family: AddressFamily)
    -> TrafficSelector?
  {
    let selector = WireMapping.selector(wire, fallback: family)
    let matchesAll = selector == .any(selector.family)
    return matchesAll ? nil : selector
  }

  private static func apply(
    _ attribute: NetlinkAttributeRecord, to sa: inout SecurityAssociation
  ) throws {
    var reader = attribute.payload
    switch XfrmAttributeType(rawValue: attribute.type) {
    case .encryptionAlgorithm:
      let wire = try XfrmAlgorithm(decoding: &reader)
      sa.encryption = choice(wire.name, .encryption, key: wire.key, icvBits: nil)
    case .authenticationAlgorithm:
      let wire = try XfrmAlgorithm(decoding: &reader)
      sa.authentication = choice(wire.name, .authentication, key: wire.key, icvBits: nil)
    case .truncatedAuthenticationAlgorithm:
      let wire = try XfrmAuthenticationAlgorithm(decoding: &reader)
      sa.authentication = choice(
        wire.name, .authentication, key: wire.key, icvBits: Int(wire.truncationBits))
    case .aeadAlgorithm:
      let wire = try XfrmAEADAlgorithm(decoding: &reader)
      sa.aead = choice(wire.name, .aead, key: wire.key, icvBits: Int(wire.icvBits))
    case .compressionAlgorithm:
      let wire = try XfrmAlgorithm(decoding: &reader)
      sa.compression = choice(wire.name, .compression, key: wire.key, icvBits: nil)
    case .encapsulation:
      let wire = try XfrmEncapsulationTemplate(decoding: &reader)
      let original = IPAddress(bytes: Array(wire.originalAddress.prefix(sa.id.source.bytes.count)))
      sa.encapsulation = NATEncapsulation(
        type: wire.type, sourcePort: wire.sourcePort, destinationPort: wire.destinationPort,
        originalAddress: original?.isUnspecified == false ? original : nil)
    case .securityContext:
      sa.securityContext = WireMapping.securityContext(
        try XfrmSecurityContext(decoding: &reader))
    default:
      try applyXfrmEra(attribute, to: &sa)
    }
  }

  /// The catalogue entry for a kernel name, or one made up from what the kernel said.
  static func choice(
    _ kernelName: String, _ kind: Algorithm.Kind, key: [UInt8], icvBits: Int?
  ) -> AlgorithmKey {
    let algorithm =
      AlgorithmCatalogue.lookup(kernelName: kernelName, kind: kind, icvBits: icvBits)
      ?? Algorithm(
        names: [kernelName], kind: kind, kernelName: kernelName, keyBits: [key.count * 8],
        icvBits: icvBits ?? 0)
    return AlgorithmKey(algorithm, key: Key(key), icvBits: icvBits)
  }
}
