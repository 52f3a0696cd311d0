// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import Testing
import XfrmBackend

/// What xfrmkey adds to a kernel's refusal must not point away from the kernel's own reason.
@Suite struct RefusalNoteTests {
  /// `spdadd ... -mark 5 -P out ipsec esp/tunnel/...//use`: refused for the optional
  /// template, not for the mark.
  static func refusal(
    on version: KernelVersion?, text: String?
  ) throws -> KernelError? {
    var sp = BatchTests.policy("10.0.0.1", level: .use)
    sp.mark = Mark(5)
    let transport = FakeTransport { messages in
      [FakeTransport.acknowledgement(of: messages[0], errno: 22, text: text)]
    }
    let kernel = XfrmKernel(transport: transport)
    kernel.kernelVersion = version
    let outcome = try #require(try kernel.run([BatchTests.statement(.spdAdd(sp))]).first)
    guard case .failure(let error) = outcome.result else { return nil }
    return error
  }

  @Test func aKnownKernelThatExplainsItselfGetsNoFeatureNote() throws {
    let text = "Mode in optional template not allowed in outbound policy"
    let error = try #require(try Self.refusal(on: KernelVersion(6, 1), text: text))
    #expect(error.note == nil, "\(error)")
    #expect(error.description == "Invalid argument (EINVAL): \(text)")
  }

  @Test(arguments: [
    (KernelVersion(6, 1) as KernelVersion?, nil as String?),
    (nil, "Mode in optional template not allowed in outbound policy"),
  ])
  func otherwiseTheFeaturesUsedAreNamed(version: KernelVersion?, text: String?) throws {
    let error = try #require(try Self.refusal(on: version, text: text))
    #expect(error.note == "the request used '-mark' (XFRMA_MARK, Linux 2.6.34)", "\(error)")
  }
}
