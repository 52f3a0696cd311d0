// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire
import Testing
import XfrmBackend

@Suite("Model values survive the trip to the wire and back")
struct ModelRoundTripTests {
  static func decodeMessage(_ bytes: [UInt8]) throws -> NetlinkMessage {
    try #require(try NetlinkMessage.split(bytes).first)
  }

  static var fullSA: SecurityAssociation {
    var sa = SecurityAssociation(
      id: SecurityAssociationID(
        source: IPAddress("2001:db8::1")!, destination: IPAddress("2001:db8::2")!,
        securityProtocol: .esp, spi: 0xc0ffee))
    sa.mode = .tunnel
    sa.reqid = 16384
    sa.replayWindow = 128
    sa.flags = [.noECN]
    let ctr = AlgorithmCatalogue.lookup(setkeyName: "aes-ctr", option: [.encryption])!
    let sha256 = AlgorithmCatalogue.lookup(
      setkeyName: "hmac-sha256", option: [.authentication])!
    sa.encryption = AlgorithmKey(ctr, key: Key([UInt8](repeating: 0xff, count: 20)))
    sa.authentication = AlgorithmKey(
      sha256, key: Key([UInt8](repeating: 0x31, count: 32)), icvBits: 96)
    sa.encapsulation = NATEncapsulation(sourcePort: 4500, destinationPort: 4500)
    sa.securityContext = SecurityContext(doi: 1, algorithm: 1, context: "system_u:object_r")
    sa.lifetime.hardAddSeconds = 100
    sa.lifetime.softBytes = 1000
    sa.selector = TrafficSelector(
      source: IPPrefix(IPAddress("2001:db8::")!, length: 64),
      destination: IPPrefix(IPAddress("2001:db8:1::")!, length: 64), upperProtocol: 17)
    return sa
  }

  @Test func stateRoundTripsThroughNewSA() throws {
    let sa = Self.fullSA
    let bytes = try XfrmMessageBuilder.message(for: .addState(sa), sequence: 1)
    var decoded = try #require(try StateDecoder.decode(Self.decodeMessage(bytes)))
    #expect(decoded.current == LifetimeCurrent())
    #expect(decoded.statistics == StateStatistics())
    decoded.current = nil
    decoded.statistics = nil
    #expect(decoded == sa)
  }

  @Test func modeAnyIsSentAsTransportAndZeroLimitsAsInfinite() throws {
    var sa = Self.fullSA
    sa.mode = .any
    sa.lifetime = LifetimeLimits()
    let message = try Self.decodeMessage(
      try XfrmMessageBuilder.message(for: .addState(sa), sequence: 1))
    var reader = message.reader
    let info = try XfrmUserSAInfo(decoding: &reader)
    #expect(info.mode == .transport)
    #expect(info.lifetime.hardByteLimit == Xfrm.infinity)
    #expect(info.lifetime.softPacketLimit == Xfrm.infinity)
    #expect(info.lifetime.hardAddExpiresSeconds == 0)
  }

  @Test(arguments: [(UInt32(32), false), (33, true), (0, false)])
  func replayWindowAbove32GoesInTheESNAttribute(window: UInt32, usesESN: Bool) throws {
    var sa = Self.fullSA
    sa.replayWindow = window
    let message = try Self.decodeMessage(
      try XfrmMessageBuilder.message(for: .addState(sa), sequence: 1))
    var reader = message.reader
    let info = try XfrmUserSAInfo(decoding: &reader)
    let types = try NetlinkAttribute.decodeAll(&reader).map(\.type)
    #expect(types.contains(XfrmAttributeType.replayStateESN.rawValue) == usesESN)
    #expect(UInt32(info.replayWindow) == (usesESN ? 0 : window))
  }

  @Test func esnFlagAlwaysSendsTheESNAttribute() throws {
    var sa = Self.fullSA
    sa.replayWindow = 16
    sa.flags = [.extendedSequenceNumbers]
    let message = try Self.decodeMessage(
      try XfrmMessageBuilder.message(for: .addState(sa), sequence: 1))
    var reader = message.reader
    _ = try XfrmUserSAInfo(decoding: &reader)
    let types = try NetlinkAttribute.decodeAll(&reader).map(\.type)
    #expect(types.last == XfrmAttributeType.replayStateESN.rawValue)
  }

  @Test func policyRoundTripsThroughNewPolicy() throws {
    let selector = TrafficSelector(
      source: IPPrefix(IPAddress("10.0.0.0")!, length: 8),
      destination: IPPrefix(IPAddress("192.168.0.1")!), sourcePort: 500, upperProtocol: 17)
    var sp = SecurityPolicy(selector: selector, direction: .fwd, action: .ipsec)
    sp.priority = PolicyPriority.low
    sp.templates = [
      PolicyTemplate(securityProtocol: .ipcomp, mode: .transport, level: .use),
      PolicyTemplate(
        securityProtocol: .esp, mode: .tunnel, tunnelSource: IPAddress("2001:db8::1"),
        tunnelDestination: IPAddress("2001:db8::2"), level: .unique(reqid: 44), reqid: 44),
    ]
    sp.securityContext = SecurityContext(doi: 1, algorithm: 1, context: "ctx")
    let bytes = try XfrmMessageBuilder.message(for: .addPolicy(sp), sequence: 9)
    var decoded = try #require(try PolicyDecoder.decode(Self.decodeMessage(bytes)))
    #expect(decoded.current == LifetimeCurrent())
    decoded.current = nil
    #expect(decoded == sp)
  }

  @Test func transportTemplatesCarryZeroAddressesOfTheSelectorFamily() throws {
    let selector = TrafficSelector.any(.ipv6)
    var sp = SecurityPolicy(selector: selector, direction: .out, action: .ipsec)
    sp.templates = [PolicyTemplate(securityProtocol: .ah, mode: .transport, level: .default)]
    let message = try Self.decodeMessage(
      try XfrmMessageBuilder.message(for: .addPolicy(sp), sequence: 1))
    var reader = message.reader
    _ = try XfrmUserPolicyInfo(decoding: &reader)
    var payload = try NetlinkAttribute.decodeAll(&reader)[0].reader
    let template = try XfrmUserTemplate(decoding: &payload)
    #expect(template.family == 10)
    #expect(template.source.allSatisfy { $0 == 0 })
    #expect(template.id.destination.allSatisfy { $0 == 0 })
    #expect(template.optional == 0)
    #expect(template.reqid == 0)
    #expect(template.encryptionAlgorithms == .max)
  }

  /// The kernel checks that a transport template has the family of the template before
  /// it (the outer header it protects), not of the selector: after an IPv6 tunnel in an
  /// IPv4 policy, AH transport works on IPv6.
  @Test func transportTemplatesTakeTheFamilyOfTheTunnelBeforeThem() throws {
    var sp = SecurityPolicy(selector: .any(.ipv4), direction: .out, action: .ipsec)
    sp.templates = [
      PolicyTemplate(securityProtocol: .ah, mode: .transport, level: .require),
      PolicyTemplate(
        securityProtocol: .esp, mode: .tunnel, tunnelSource: IPAddress("2001:db8::1"),
        tunnelDestination: IPAddress("2001:db8::2"), level: .require),
      PolicyTemplate(securityProtocol: .ah, mode: .transport, level: .require),
    ]
    let message = try Self.decodeMessage(
      try XfrmMessageBuilder.message(for: .addPolicy(sp), sequence: 1))
    var reader = message.reader
    _ = try XfrmUserPolicyInfo(decoding: &reader)
    var payload = try NetlinkAttribute.decodeAll(&reader)[0].reader
    let families = try (0..<3).map { _ in try XfrmUserTemplate(decoding: &payload).family }
    #expect(families == [2, 10, 10])
  }

  /// `ip xfrm policy add ... tmpl ... mode ro` (2), `mode in_trigger` (3) or `proto
  /// route2` (43): without the template the policy would read as an allow without IPsec,
  /// so the whole policy is left out (and a dump says so) rather than shown as another.
  @Test(arguments: [(48, UInt8(2)), (48, 3), (20, 43)])
  func aPolicyWithATemplateTheModelCannotHoldIsLeftOutWhole(
    offset: Int, value: UInt8
  ) throws {
    var sp = SecurityPolicy(selector: .any(.ipv6), direction: .out, action: .ipsec)
    sp.templates = [
      PolicyTemplate(securityProtocol: .esp, mode: .transport, level: .require),
      PolicyTemplate(securityProtocol: .esp, mode: .transport, level: .require),
    ]
    var bytes = try XfrmMessageBuilder.message(for: .addPolicy(sp), sequence: 1)
    #expect(try PolicyDecoder.decode(Self.decodeMessage(bytes)) != nil)

    // The second template's field, after the header, the policy info and the attribute
    // header: `mode` is at 48 in struct xfrm_user_tmpl, `id.proto` at 20.
    let second =
      NetlinkMessageHeader.wireSize + XfrmUserPolicyInfo.wireSize + 4
      + XfrmUserTemplate.wireSize
    bytes[second + offset] = value
    #expect(try PolicyDecoder.decode(Self.decodeMessage(bytes)) == nil)
  }

  /// The kernel stores a mark's value ANDed with its mask, SAs' as policies', and a mark
  /// without mask bits as none (seen on Debian's 6.1 kernel): the kernel form does too.
  @Test func kernelFormMasksMarksAsTheKernelStoresThem() throws {
    var sa = SecurityAssociation(
      id: SecurityAssociationID(
        source: IPAddress("192.0.2.1")!, destination: IPAddress("192.0.2.2")!,
        securityProtocol: .ah, spi: 0x1001))
    let sha1 = AlgorithmCatalogue.lookup(setkeyName: "hmac-sha1", option: [.authentication])!
    sa.authentication = AlgorithmKey(sha1, key: Key([UInt8](repeating: 1, count: 20)))
    var sp = SecurityPolicy(selector: .any(.ipv4), direction: .out, action: .none)
    let cases: [(Mark, Mark?)] = [
      (Mark(0x154, mask: 0x7c64), Mark(0x44, mask: 0x7c64)), (Mark(5, mask: 0), nil),
    ]
    for (given, kept) in cases {
      sa.id.mark = given
      sp.mark = given
      #expect(KernelForm.state(sa)?.id.mark == kept)
      #expect(KernelForm.policy(sp)?.mark == kept)
    }
  }

  @Test func bareUniqueCannotBeBuiltWithoutAnAllocatedReqid() {
    var sp = SecurityPolicy(selector: .any(.ipv4), direction: .out, action: .ipsec)
    sp.templates = [
      PolicyTemplate(securityProtocol: .esp, mode: .transport, level: .unique(reqid: nil))
    ]
    #expect(throws: KernelError.self) {
      try XfrmMessageBuilder.message(for: .addPolicy(sp), sequence: 1)
    }
  }
}
