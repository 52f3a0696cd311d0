// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkSocket
import PolicyLanguage
import Testing
import XfrmBackend

/// A transport that records what is sent and answers nothing; a test that expects a
/// request to be refused before sending fails loudly if one arrives.
final class SilentTransport: NetlinkTransport {
  var portID: UInt32 { 4242 }
  private(set) var sent: [[UInt8]] = []

  func send(_ batch: [UInt8]) throws { sent.append(batch) }

  func receive() throws -> [UInt8] {
    throw KernelError(operation: "receive", errno: 11, kernelMessage: "nothing to receive")
  }
}

/// Attributes a kernel is too old for are refused by name before anything is sent:
/// old kernels would drop them silently.
@Suite struct KernelFeatureTests {
  static func outcome(_ text: String, on version: KernelVersion) throws -> StatementOutcome? {
    var options = ParseOptions()
    options.rfcMode = false
    let statements = SetkeyParser.parse(text, file: "old.conf", options: options).statements
    let transport = SilentTransport()
    let kernel = XfrmKernel(transport: transport)
    kernel.kernelVersion = version
    let outcomes = try kernel.run(statements)
    #expect(transport.sent.isEmpty, "a refused request reached the transport")
    return outcomes.first
  }

  @Test(arguments: [
    ("add ::1 ::1 esp 1 -m tunnel -if-id 3 -E null ;", "XFRMA_IF_ID, new in Linux 4.19", 4.9),
    ("add ::1 ::1 esp 1 -output-mark 3 -E null ;", "XFRMA_OUTPUT_MARK, new in Linux 4.14", 4.9),
    ("add ::1 ::1 esp 1 -output-mark 3/1 -E null ;", "XFRMA_SET_MARK_MASK, new in Linux 5.0", 4.19),
    ("add ::1 ::1 esp 1 -offload lo out packet -E null ;", "XFRM_OFFLOAD_PACKET", 6.1),
    ("spdadd ::/0 ::/0 any -if-id 3 -P out none ;", "XFRMA_IF_ID, new in Linux 4.19", 4.9),
    ("spddelete ::/0 ::/0 any -if-id 3 -P out ;", "XFRMA_IF_ID, new in Linux 4.19", 4.9),
  ])
  func newerAttributesAreRefusedNamingTheFeature(text: String, expected: String, on: Double)
    throws
  {
    let version = try #require(KernelVersion(release: String(on)))
    let outcome = try #require(try Self.outcome(text, on: version))
    guard case .failure(let error) = outcome.result else {
      Issue.record("sent to a \(version) kernel: \(text)")
      return
    }
    #expect(error.errnoName == "EOPNOTSUPP")
    #expect(error.description.contains(expected), "\(error)")
    #expect(error.description.contains("this kernel is \(version)"))
  }

  @Test func releaseStringsParseToTheirNumbers() {
    #expect(KernelVersion(release: "6.1.0-18-amd64") == KernelVersion(6, 1, 0))
    #expect(KernelVersion(release: "4.19.282") == KernelVersion(4, 19, 282))
    #expect(KernelVersion(release: "5.4") == KernelVersion(5, 4))
    #expect(KernelVersion(release: "linux") == nil)
    #expect(KernelVersion(4, 19) < KernelVersion(4, 19, 1))
  }

  @Test func aKernelThatHasTheFeatureIsNotRefused() {
    var sa = SecurityAssociation(
      id: SecurityAssociationID(
        source: IPAddress("::1")!, destination: IPAddress("::1")!, securityProtocol: .esp,
        spi: 1))
    sa.interfaceID = 3
    #expect(KernelFeature.missing(in: .addState(sa), on: KernelVersion(4, 19)) == nil)
    #expect(
      KernelFeature.missing(in: .addState(sa), on: KernelVersion(4, 18))?.since
        == KernelVersion(4, 19))
  }

  @Test func kernelRefusalsOfRequestsWithNewFeaturesNameThem() {
    var error = KernelError(operation: "XFRM_MSG_NEWSA", errno: 22, kernelMessage: "bad")
    let id = SecurityAssociationID(
      source: IPAddress("::1")!, destination: IPAddress("::1")!, securityProtocol: .esp,
      spi: 1)
    var sa = SecurityAssociation(id: id)
    sa.tfcPadding = 16
    error = error.notingFeatures(of: .add(sa))
    #expect(error.note == "the request used '-tfcpad' (XFRMA_TFCPAD, Linux 2.6.38)")
  }

  /// A kernel without ESP answers "Requested type not found": the error says what is missing.
  @Test func aKernelWithoutTheProtocolIsToldApart() {
    let id = SecurityAssociationID(
      source: IPAddress("::1")!, destination: IPAddress("::1")!, securityProtocol: .esp,
      spi: 1)
    let refused = KernelError(
      operation: "XFRM_MSG_NEWSA", errno: 93, kernelMessage: "Requested type not found")
    let error = refused.notingMissingProtocol(of: .add(SecurityAssociation(id: id)))
    #expect(
      error.description
        == "Protocol not supported (EPROTONOSUPPORT): Requested type not found; this kernel "
        + "has no esp: load esp4/esp6 (CONFIG_INET_ESP, CONFIG_INET6_ESP)")
    let mode = KernelError(
      operation: "XFRM_MSG_NEWSA", errno: 93, kernelMessage: "Requested mode not found")
    #expect(mode.notingMissingProtocol(of: .add(SecurityAssociation(id: id))).note == nil)
    #expect(refused.notingMissingProtocol(of: .spdFlush).note == nil)
  }
}
