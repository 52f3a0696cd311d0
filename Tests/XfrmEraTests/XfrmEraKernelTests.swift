// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NamespaceSupport
import PolicyLanguage
import Testing
import XfrmBackend

/// Policies with the xfrm-only options in a real kernel, inside a fresh network namespace:
/// installed from setkey text, read back field by field, found and deleted only by their
/// whole identity. (SA options need ESP, which this host lacks: Tests/kernel covers them.)
@Suite(
  "xfrm-era policies in a real kernel, in a scratch network namespace",
  .enabled(if: ScratchNamespace.canCreate, "needs root and ip(8) to create a network namespace"),
  .serialized)
struct XfrmEraKernelTests {
  static let policyText = """
    spdadd 10.0.0.0/24 10.0.1.0/24 tcp -mark 5/0xff -if-id 9 -type sub -f localok -f icmp
      -lh 100 -ls 50 -uh 30 -us 20 -bh 9000 -bs 8000 -ph 1000 -ps 900
      -P out prio def + 7 ipsec esp/transport//use:5/spi:0x100/ealgos:0xff/aalgos:0x3
      esp/tunnel/192.0.2.1-192.0.2.2/unique:7 ;
    """

  static func statements(_ text: String) throws -> [Statement] {
    var options = ParseOptions()
    options.rfcMode = false
    let result = SetkeyParser.parse(text, file: "era.conf", options: options)
    #expect(!result.hasErrors, "\(result.diagnostics)")
    return result.statements
  }

  func withKernel(_ body: (XfrmKernel) throws -> Void) throws {
    let namespace = try ScratchNamespace()
    defer { namespace.close() }
    try body(try XfrmKernel(networkNamespace: namespace.name))
  }

  @Test func policyWithEveryNewFieldReadsBackFieldByField() throws {
    try withKernel { kernel in
      let added = try Self.statements(Self.policyText)
      guard case .spdAdd(let sent) = added.first?.command else {
        Issue.record("no spdadd parsed")
        return
      }
      let outcomes = try kernel.run(added)
      #expect(outcomes.allSatisfy { if case .success = $0.result { true } else { false } })

      var dumped: [SecurityPolicy] = []
      try kernel.forEachPolicy { dumped.append($0) }
      let back = try #require(dumped.first)
      #expect(back.mark == sent.mark)
      #expect(back.interfaceID == 9)
      #expect(back.type == .sub)
      #expect(back.flags == [.localOK, .icmp])
      #expect(back.priority == sent.priority)
      #expect(back.lifetime == sent.lifetime)
      #expect(back.templates.count == 2)
      #expect(back.templates.first?.level == .use)
      #expect(back.templates.first?.reqid == 5)
      #expect(back.templates.first?.spi == 0x100)
      #expect(back.templates.first?.encryptionAlgorithms == 0xff)
      #expect(back.templates.first?.authenticationAlgorithms == 0x3)
      #expect(back.templates.first?.compressionAlgorithms == .max)
      #expect(back.templates.last?.reqid == 7)
      #expect(back.templates.last?.tunnelDestination == IPAddress("192.0.2.2"))
    }
  }

  @Test func getAndDeleteFindThePolicyOnlyWithItsWholeIdentity() throws {
    try withKernel { kernel in
      _ = try kernel.run(try Self.statements(Self.policyText))
      let selector = "10.0.0.0/24 10.0.1.0/24 tcp"
      let attempts = try kernel.run(
        try Self.statements(
          """
          spdget \(selector) -mark 5/0xff -if-id 9 -P out ;
          spddelete \(selector) -P out ;
          spddelete \(selector) -mark 5/0xff -type sub -P out ;
          spdget \(selector) -mark 5/0xff -if-id 9 -type sub -P out ;
          spddelete \(selector) -mark 5/0xff -if-id 9 -type sub -P out ;
          """))

      let errors = attempts.map { outcome -> KernelError? in
        if case .failure(let error) = outcome.result { return error }
        return nil
      }
      #expect(errors[0]?.errnoName == "ENOENT", "type sub left out: main is looked in")
      #expect(errors[1]?.note?.contains("needs '-mark'") == true)
      #expect(errors[2]?.note?.contains("no if_id") == true)
      #expect(errors[3] == nil)
      #expect(errors[4] == nil)
      if case .success(.policies(let found)) = attempts[3].result {
        #expect(found.first?.interfaceID == 9)
      } else {
        Issue.record("spdget with the whole identity found nothing")
      }

      var left = 0
      try kernel.forEachPolicy { _ in left += 1 }
      #expect(left == 0)
    }
  }

  @Test func missingMarkedSAsAreReportedWithTheMarkSent() throws {
    try withKernel { kernel in
      let outcomes = try kernel.run(
        try Self.statements("delete 192.0.2.1 192.0.2.2 esp 0x100 -mark 7/0xff ;"))
      guard case .failure(let error) = outcomes.first?.result else {
        Issue.record("deleting a missing SA succeeded")
        return
      }
      #expect(error.errnoName == "ESRCH")
      #expect(error.note?.contains("with mark 0x7/0xff") == true)
    }
  }

  @Test func defaultPoliciesAndHashThresholdsAreSetAndReadBack() throws {
    try withKernel { kernel in
      let outcomes = try kernel.run(
        try Self.statements(
          """
          spddefault in discard fwd discard ;
          spdinfo hthresh4 24 16 hthresh6 64 48 ;
          spddefault ;
          spdinfo ;
          sadinfo ;
          """))
      let results = outcomes.map(\.result)
      guard case .success(.defaultPolicies(let defaults)) = results[2],
        case .success(.spdInformation(let spd)) = results[3],
        case .success(.sadInformation(let sad)) = results[4]
      else {
        Issue.record("unexpected results \(results)")
        return
      }
      #expect(
        defaults
          == DefaultPolicies(inbound: .discard, forward: .discard, outbound: PolicyAction.none))
      #expect(spd.thresholds.ipv4 == HashThreshold(local: 24, remote: 16))
      #expect(spd.thresholds.ipv6 == HashThreshold(local: 64, remote: 48))
      #expect(spd.hashBucketsMaximum > 0)
      #expect(sad.count == 0)
    }
  }

  @Test func policyCountsFollowAddedPolicies() throws {
    try withKernel { kernel in
      let outcomes = try kernel.run(
        try Self.statements(
          """
          spdadd 10.0.0.1 10.0.0.2 any -P out none ;
          spdadd 10.0.0.2 10.0.0.1 any -P in none ;
          spdadd 10.0.0.2 10.0.0.1 any -P fwd none ;
          spdinfo ;
          """))
      guard case .success(.spdInformation(let spd)) = outcomes.last?.result else {
        Issue.record("spdinfo failed: \(String(describing: outcomes.last))")
        return
      }
      #expect([spd.inbound, spd.outbound, spd.forward] == [1, 1, 1])
    }
  }
}
