// SPDX-License-Identifier: Apache-2.0
import Foundation
import IPsecModel
import NamespaceSupport
import NetlinkSocket
import Testing
import XfrmBackend

@Suite(
  "Policies in a real kernel, inside a scratch network namespace",
  .enabled(if: ScratchNamespace.canCreate, "needs root and ip(8) to create a network namespace"),
  .serialized)
struct KernelNamespaceTests {
  static let here = SourceLocation(file: "kernel-test.conf", line: 1, column: 1)

  static func statement(_ command: Command) -> Statement { Statement(command, at: here) }

  static func prefix(_ text: String, _ length: Int? = nil) -> IPPrefix {
    IPPrefix(IPAddress(text)!, length: length)
  }

  /// Policies of several shapes, as setkey would describe them.
  static var policies: [SecurityPolicy] {
    let subnets = TrafficSelector(
      source: prefix("10.0.1.0", 24), destination: prefix("10.0.2.0", 24))
    var tunnel = SecurityPolicy(selector: subnets, direction: .out, action: .ipsec)
    tunnel.templates = [
      PolicyTemplate(
        securityProtocol: .esp, mode: .tunnel, tunnelSource: IPAddress("172.16.0.1"),
        tunnelDestination: IPAddress("172.16.0.2"), level: .require)
    ]

    let web = TrafficSelector(
      source: prefix("fec0::10"), destination: prefix("fec0::11"), destinationPort: 110,
      upperProtocol: 6)
    var nested = SecurityPolicy(selector: web, direction: .in, action: .ipsec)
    nested.priority = PolicyPriority.high
    nested.templates = [
      PolicyTemplate(securityProtocol: .ipcomp, mode: .transport, level: .use),
      PolicyTemplate(securityProtocol: .esp, mode: .any, level: .unique(reqid: 7)),
    ]

    var drop = SecurityPolicy(selector: subnets, direction: .fwd, action: .discard)
    drop.lifetime.hardAddSeconds = 3600

    let icmp = TrafficSelector(
      source: prefix("0.0.0.0", 0), destination: prefix("0.0.0.0", 0), upperProtocol: 1)
    let pass = SecurityPolicy(selector: icmp, direction: .out, action: .none)
    return [tunnel, nested, drop, pass]
  }

  func withKernel(_ body: (XfrmKernel) throws -> Void) throws {
    let namespace = try ScratchNamespace()
    defer { namespace.close() }
    try body(try XfrmKernel(networkNamespace: namespace.name))
  }

  @Test func missingNamespaceIsASystemErrorNamingIt() {
    let error = #expect(throws: SystemError.self) {
      try XfrmKernel(networkNamespace: "xfrmkey-no-such-namespace")
    }
    #expect(error?.errno == ENOENT)
    #expect(error?.description.contains("/run/netns/xfrmkey-no-such-namespace") == true)
  }

  @Test func addedPoliciesDumpBackFieldByField() throws {
    try withKernel { kernel in
      let outcomes = try kernel.run(Self.policies.map { Self.statement(.spdAdd($0)) })
      for outcome in outcomes { #expect(outcome.result == .success(.done)) }

      var dumped: [SecurityPolicy] = []
      try kernel.forEachPolicy { dumped.append($0) }
      #expect(dumped.count == Self.policies.count)

      for expected in Self.policies {
        let match = dumped.first {
          $0.selector == expected.selector && $0.direction == expected.direction
        }
        guard let match else {
          Issue.record("no dumped policy for \(expected.selector) \(expected.direction)")
          continue
        }
        #expect(match.action == expected.action)
        #expect(match.priority == expected.priority)
        #expect(match.lifetime == expected.lifetime)
        #expect(match.index != 0)
        #expect(match.current != nil)
        #expect(match.templates.count == expected.templates.count)
        for (got, want) in zip(match.templates, expected.templates) {
          #expect(got.securityProtocol == want.securityProtocol)
          #expect(got.mode == (want.mode == .any ? .transport : want.mode))
          #expect(got.tunnelSource == want.tunnelSource)
          #expect(got.tunnelDestination == want.tunnelDestination)
          let level = want.level == .default ? .require : want.level
          #expect(got.level == level)
        }
      }
    }
  }

  @Test func duplicateAndMissingPoliciesFailWithTheKernelsErrno() throws {
    try withKernel { kernel in
      let policy = Self.policies[0]
      let outcomes = try kernel.run([
        Self.statement(.spdAdd(policy)),
        Self.statement(.spdAdd(policy)),
        Self.statement(.spdUpdate(policy)),
        Self.statement(.spdDelete(policy.selector, policy.direction)),
        Self.statement(.spdDelete(policy.selector, policy.direction)),
      ])
      #expect(outcomes[0].result == .success(.done))
      #expect(outcomes[2].result == .success(.done))
      #expect(outcomes[3].result == .success(.done))
      guard case .failure(let exists) = outcomes[1].result,
        case .failure(let missing) = outcomes[4].result
      else {
        Issue.record("the second add and the second delete should fail")
        return
      }
      #expect(exists.errnoName == "EEXIST")
      #expect(exists.operation == "XFRM_MSG_NEWPOLICY")
      #expect(missing.errnoName == "ENOENT")
    }
  }

  @Test func bareUniqueTemplatesGetDistinctReqidsFrom16384() throws {
    try withKernel { kernel in
      let statements = [9997, 9996, 9995].map { port -> Statement in
        let selector = TrafficSelector(
          source: Self.prefix("::1"), destination: Self.prefix("::1"),
          destinationPort: UInt16(port), upperProtocol: 6)
        var sp = SecurityPolicy(selector: selector, direction: .out, action: .ipsec)
        let level: PolicyLevel = port == 9996 ? .unique(reqid: 16385) : .unique(reqid: nil)
        sp.templates = [PolicyTemplate(securityProtocol: .esp, mode: .transport, level: level)]
        return Self.statement(.spdAdd(sp))
      }
      _ = try kernel.run([statements[1]])
      let outcomes = try kernel.run([statements[0], statements[2]])
      #expect(outcomes.allSatisfy { $0.result == .success(.done) })

      var reqids: [UInt16: UInt32] = [:]
      try kernel.forEachPolicy { policy in
        reqids[policy.selector.destinationPort ?? 0] = policy.templates.first?.reqid
      }
      // 16385 came from the first run (beyond the manual range, so allocated: 16384).
      #expect(reqids[9996] == 16384)
      #expect(reqids[9997] == 16385)
      #expect(reqids[9995] == 16386)
    }
  }

  /// An IPv4 policy whose IPv6 tunnel is wrapped in AH transport: the kernel refuses a
  /// transport template whose family is not that of the template before it.
  @Test func aTransportTemplateAfterATunnelOfAnotherFamilyIsAccepted() throws {
    try withKernel { kernel in
      var sp = SecurityPolicy(selector: .any(.ipv4), direction: .out, action: .ipsec)
      sp.templates = [
        PolicyTemplate(
          securityProtocol: .esp, mode: .tunnel, tunnelSource: IPAddress("2001:db8::1"),
          tunnelDestination: IPAddress("2001:db8::2"), level: .require),
        PolicyTemplate(securityProtocol: .ah, mode: .transport, level: .require),
      ]
      let outcomes = try kernel.run([Self.statement(.spdAdd(sp)), Self.statement(.spdDump)])
      #expect(outcomes[0].result == .success(.done))
      guard case .success(.policies(let dumped)) = outcomes[1].result else {
        Issue.record("the dump should succeed")
        return
      }
      #expect(dumped.first?.templates == sp.templates)
    }
  }

  @Test func flushEmptiesTheSPDAndDumpsSayWhatIsLeft() throws {
    try withKernel { kernel in
      var statements = Self.policies.map { Self.statement(.spdAdd($0)) }
      statements.append(Self.statement(.spdDump))
      statements.append(Self.statement(.spdFlush))
      statements.append(Self.statement(.spdDump))
      let outcomes = try kernel.run(statements)
      guard case .success(.policies(let before)) = outcomes[Self.policies.count].result,
        case .success(.policies(let after)) = outcomes.last?.result
      else {
        Issue.record("both dumps should succeed")
        return
      }
      #expect(before.count == Self.policies.count)
      #expect(after.isEmpty)
    }
  }

  @Test func stateStatementsGetAnOutcomeEvenWithoutESPSupport() throws {
    try withKernel { kernel in
      var sa = SecurityAssociation(
        id: SecurityAssociationID(
          source: IPAddress("10.0.0.1")!, destination: IPAddress("10.0.0.2")!,
          securityProtocol: .esp, spi: 0x1001))
      let aes = AlgorithmCatalogue.lookup(setkeyName: "aes-cbc", option: [.encryption])!
      sa.encryption = AlgorithmKey(aes, key: Key([UInt8](repeating: 7, count: 16)))

      let outcomes = try kernel.run([
        Self.statement(.add(sa)),
        Self.statement(
          .getSPI(
            source: sa.id.source, destination: sa.id.destination, securityProtocol: .esp,
            mode: .any, reqid: 0, range: 0x2000...0x2fff)),
        Self.statement(.dump(.esp)),
      ])
      #expect(outcomes.count == 3)
      if case .failure(let error) = outcomes[0].result {
        // This host has no ESP: the kernel refuses, and says so.
        #expect(error.operation == "XFRM_MSG_NEWSA")
        // e.g. "Protocol not supported (EPROTONOSUPPORT): Requested type not found"
        #expect(error.kernelMessage != nil)
        #expect(!error.description.contains("0707"))
      }
      guard case .success(.allocatedSPI(let spi)) = outcomes[1].result else {
        Issue.record("getspi should allocate: \(outcomes[1].result)")
        return
      }
      #expect((0x2000...0x2fff).contains(spi))
      if case .success(.states(let states)) = outcomes[2].result {
        #expect(states.contains { $0.id.spi == spi })
      } else {
        Issue.record("dump esp should succeed")
      }

      let larval = SecurityAssociationID(
        source: sa.id.source, destination: sa.id.destination, securityProtocol: .esp, spi: spi)
      let cleanup = try kernel.run([
        Self.statement(.get(larval)),
        Self.statement(
          .deleteAll(
            source: sa.id.source, destination: sa.id.destination, securityProtocol: .esp)),
        Self.statement(.dump(nil)),
        Self.statement(.get(larval)),
      ])
      guard case .success(.states(let found)) = cleanup[0].result else {
        Issue.record("get of the larval SA should succeed: \(cleanup[0].result)")
        return
      }
      #expect(found.map(\.id) == [larval])
      #expect(cleanup[1].result == .success(.done))
      #expect(cleanup[2].result == .success(.states([])))
      guard case .failure(let gone) = cleanup[3].result else {
        Issue.record("get after deleteall should fail")
        return
      }
      #expect(gone.errnoName == "ESRCH")
    }
  }
}
