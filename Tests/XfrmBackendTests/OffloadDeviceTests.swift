// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import Testing
import XfrmBackend

/// An SA's `-offload DEV` names a device of the namespace the kernel socket lives in
/// (`--netns`), which the transport looks up, not the caller's.
@Suite struct OffloadDeviceTests {
  static func run(_ text: String, devices: [String: Int32])
    throws -> (FakeTransport, [StatementOutcome])
  {
    let parsed = SetkeyParser.parse(text, file: "t.conf")
    #expect(!parsed.hasErrors)
    let transport = FakeTransport()
    transport.devices = devices
    let kernel = XfrmKernel(transport: transport)
    kernel.kernelVersion = nil
    return (transport, try kernel.run(parsed.statements))
  }

  static let add = "add 10.0.0.1 10.0.0.2 esp 0x100 -offload xk-off0 out -E null ;"

  @Test func theDeviceIndexComesFromTheTransportsNamespace() throws {
    let (transport, outcomes) = try Self.run(Self.add, devices: ["xk-off0": 42])
    #expect(outcomes.map(\.result) == [.success(.done)])
    let sent = try #require(transport.allSent.first)
    let sa = try #require(try StateDecoder.decode(sent))
    #expect(sa.offload?.interfaceIndex == 42)
  }

  @Test func aDeviceMissingThereIsRefusedBeforeAnythingIsSent() throws {
    let (transport, outcomes) = try Self.run(Self.add, devices: [:])
    guard case .failure(let error) = outcomes.first?.result else {
      Issue.record("expected a refusal, got \(outcomes)")
      return
    }
    #expect(error.errno == 19)
    #expect(error.description.contains("no network device 'xk-off0'"))
    #expect(transport.allSent.isEmpty)
  }
}
