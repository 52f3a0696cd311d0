// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire
import PolicyLanguage
import Testing
import XfrmBackend

/// Every new field survives model -> wire -> model, and shows in `-D` / `-DP`.
@Suite struct XfrmEraRoundTripTests {
  static func message(_ request: KernelRequest) throws -> NetlinkMessage {
    let bytes = try XfrmMessageBuilder.message(for: request, sequence: 1)
    return try #require(try NetlinkMessage.split(bytes).first)
  }

  static var eraSA: SecurityAssociation {
    var id = SecurityAssociationID(
      source: IPAddress("192.0.2.1")!, destination: IPAddress("192.0.2.2")!,
      securityProtocol: .esp, spi: 0x8000)
    id.mark = Mark(0x10, mask: 0xff)
    var sa = SecurityAssociation(id: id)
    sa.mode = .tunnel
    sa.replayWindow = 1024
    sa.flags = [.extendedSequenceNumbers, .noECN, .addressFamilyUnspecified]
    sa.extraFlags = [.dontEncapsulateDSCP, .outputSequenceMayWrap]
    sa.replayCounters = ReplayCounters(inbound: 0x1_0000_0002, outbound: 0x3_0000_0004)
    sa.outputMark = Mark(3, mask: 0xf)
    sa.interfaceID = 42
    sa.tfcPadding = 512
    sa.offload = HardwareOffload(
      device: "", isInbound: true, isPacketOffload: true, interfaceIndex: 1)
    let gcm = AlgorithmCatalogue.lookup(setkeyName: "aes-gcm-12", option: [.aead])!
    sa.aead = AlgorithmKey(gcm, key: Key([UInt8](repeating: 7, count: 20)))
    sa.lifetime.hardPackets = 200
    sa.lifetime.softUseSeconds = 10
    sa.selector = TrafficSelector(
      source: IPPrefix(IPAddress("10.0.0.0")!, length: 24),
      destination: IPPrefix(IPAddress("10.0.1.0")!, length: 24), destinationPort: 80,
      upperProtocol: 6)
    return sa
  }

  static var eraPolicy: SecurityPolicy {
    let selector = TrafficSelector(
      source: IPPrefix(IPAddress("10.0.0.0")!, length: 24),
      destination: IPPrefix(IPAddress("10.0.1.0")!, length: 24))
    var sp = SecurityPolicy(selector: selector, direction: .out, action: .ipsec)
    sp.mark = Mark(5, mask: 0xff)
    sp.interfaceID = 9
    sp.type = .sub
    sp.flags = [.localOK, .icmp]
    sp.lifetime.softUseSeconds = 20
    sp.lifetime.hardPackets = 1000
    var template = PolicyTemplate(securityProtocol: .esp, mode: .transport, level: .use)
    template.reqid = 5
    template.spi = 0x100
    template.encryptionAlgorithms = 0xff
    sp.templates = [template]
    return sp
  }

  @Test func stateWithEveryNewFieldRoundTrips() throws {
    let sa = Self.eraSA
    var decoded = try #require(try StateDecoder.decode(Self.message(.addState(sa))))
    decoded.current = nil
    decoded.statistics = nil
    #expect(decoded == sa)
  }

  @Test func legacyWindowCountersTravelInReplayVal() throws {
    var sa = Self.eraSA
    sa.flags = []
    sa.replayWindow = 32
    sa.replayCounters = ReplayCounters(inbound: 5, outbound: 6)
    let message = try Self.message(.addState(sa))
    var reader = message.reader
    _ = try XfrmUserSAInfo(decoding: &reader)
    let types = try NetlinkAttribute.decodeAll(&reader).map(\.type)
    #expect(types.contains(XfrmAttributeType.replayState.rawValue))
    #expect(!types.contains(XfrmAttributeType.replayStateESN.rawValue))

    var decoded = try #require(try StateDecoder.decode(message))
    decoded.current = nil
    decoded.statistics = nil
    #expect(decoded == sa)
  }

  @Test func allOnesOutputMaskIsLeftOutAsTheKernelAssumesIt() throws {
    var sa = Self.eraSA
    sa.outputMark = Mark(3)
    var reader = try Self.message(.addState(sa)).reader
    _ = try XfrmUserSAInfo(decoding: &reader)
    let types = try NetlinkAttribute.decodeAll(&reader).map(\.type)
    #expect(types.contains(XfrmAttributeType.setMark.rawValue))
    #expect(!types.contains(XfrmAttributeType.setMarkMask.rawValue))
  }

  @Test func policyWithEveryNewFieldRoundTrips() throws {
    let sp = Self.eraPolicy
    var decoded = try #require(try PolicyDecoder.decode(Self.message(.addPolicy(sp))))
    decoded.current = nil
    #expect(decoded == sp)
  }

  @Test func missingOffloadDeviceIsRefusedBeforeSending() {
    var sa = Self.eraSA
    sa.offload = HardwareOffload(device: "no-such-dev0", isInbound: false)
    #expect(throws: KernelError.self) { try Self.message(.addState(sa)) }
  }

  // MARK: - Dumps

  static let formatter = SetkeyDumpFormatter(
    now: { 0 }, timeZone: .utc, processID: 1)

  @Test func saDumpShowsTheNewFieldsInTheirOptionSpelling() {
    let text = Self.formatter.format(Self.eraSA, sequence: 0)
    for line in [
      "\tmark: 0x10/0xff\n", "\toutput-mark: 0x3/0xf\n", "\tif-id: 42\n", "\ttfcpad: 512\n",
      "\treplay-seq: seq=4294967298 oseq=12884901892\n", "\toffload: ifindex=1 in packet\n",
      "\txfrm-flags: af-unspec esn dont-encap-dscp oseq-may-wrap\n",
      "\tsel: 10.0.0.0/24[any] 10.0.1.0/24[80] tcp\n", "\tallocated: 0\thard: 200\tsoft: 0\n",
    ] {
      #expect(text.contains(line), "missing \(line.debugDescription) in\n\(text)")
    }
  }

  @Test func policyDumpShowsIdentityFlagsLimitsAndRuleExtras() {
    let text = Self.formatter.format(Self.eraPolicy, sequence: 0)
    for line in [
      "\tmark: 0x5/0xff\n", "\tif-id: 9\n", "\ttype: sub\n", "\tflags: localok icmp\n",
      "\tlimits: soft-validtime=20 hard-packets=1000\n",
      "\tesp/transport//unique:5/spi:0x100/ealgos:0xff\n",
    ] {
      #expect(text.contains(line), "missing \(line.debugDescription) in\n\(text)")
    }
  }

  @Test func entriesWithoutNewFieldsPrintNoNewLines() {
    let sa = SecurityAssociation(id: Self.eraSA.id)
    var plain = sa
    plain.id.mark = nil
    let text = Self.formatter.format(plain, sequence: 0)
    for word in ["mark:", "if-id:", "tfcpad:", "replay-seq:", "offload:", "xfrm-flags:"] {
      #expect(!text.contains(word))
    }
  }
}
