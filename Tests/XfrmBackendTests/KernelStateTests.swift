// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NamespaceSupport
import Testing
import XfrmBackend

/// Whether this kernel can hold ESP SAs: probed once by adding one in a scratch namespace.
/// False on a host without ESP; run these tests under the kernel VM harness
/// (`run-in-kernel .build/debug/xfrmkeyPackageTests.xctest --testing-library swift-testing`).
enum StateSupport {
  static let espAvailable: Bool = {
    guard ScratchNamespace.canCreate, let namespace = try? ScratchNamespace() else {
      return false
    }
    defer { namespace.close() }
    guard let kernel = try? XfrmKernel(networkNamespace: namespace.name),
      let outcomes = try? kernel.run([
        Statement(.add(KernelStateTests.cbcState), at: KernelStateTests.here)
      ])
    else { return false }
    return outcomes.first?.result == .success(.done)
  }()
}

@Suite(
  "States in a real kernel with ESP, AH and IPComp, inside a scratch network namespace",
  .enabled(if: StateSupport.espAvailable, "this kernel cannot hold ESP SAs (use the kernel VM)"),
  .serialized)
struct KernelStateTests {
  static let here = SourceLocation(file: "kernel-test.conf", line: 1, column: 1)

  static func algorithm(_ name: String, _ kinds: [Algorithm.Kind]) -> Algorithm {
    AlgorithmCatalogue.lookup(setkeyName: name, option: kinds)!
  }

  static func id(_ source: String, _ destination: String, _ proto: SecurityProtocol, _ spi: UInt32)
    -> SecurityAssociationID
  {
    SecurityAssociationID(
      source: IPAddress(source)!, destination: IPAddress(destination)!, securityProtocol: proto,
      spi: spi)
  }

  static var cbcState: SecurityAssociation {
    var sa = SecurityAssociation(id: id("10.0.0.1", "10.0.0.2", .esp, 0x1001))
    sa.encryption = AlgorithmKey(
      algorithm("aes-cbc", [.encryption]), key: Key([UInt8](repeating: 0x11, count: 16)))
    sa.authentication = AlgorithmKey(
      algorithm("hmac-sha256", [.authentication]),
      key: Key([UInt8](repeating: 0x22, count: 32)), icvBits: 128)
    sa.lifetime.hardAddSeconds = 3600
    sa.lifetime.softAddSeconds = 3000
    sa.lifetime.hardBytes = 1 << 30
    return sa
  }

  /// SAs of several shapes, as setkey would describe them.
  static var states: [SecurityAssociation] {
    var gcm = SecurityAssociation(id: id("10.0.0.2", "10.0.0.1", .esp, 0x1002))
    gcm.mode = .tunnel
    gcm.reqid = 7
    gcm.replayWindow = 64
    gcm.aead = AlgorithmKey(
      algorithm("aes-gcm-16", [.aead]), key: Key([UInt8](repeating: 0x33, count: 20)))

    var ah = SecurityAssociation(id: id("fec0::1", "fec0::2", .ah, 0x2001))
    ah.mode = .any
    ah.replayWindow = 32
    ah.authentication = AlgorithmKey(
      algorithm("hmac-sha1", [.authentication]), key: Key([UInt8](repeating: 0x44, count: 20)))

    var comp = SecurityAssociation(id: id("10.0.0.1", "10.0.0.2", .ipcomp, 0x3001))
    comp.compression = AlgorithmKey(algorithm("deflate", [.compression]), key: Key([]))

    var natt = SecurityAssociation(id: id("192.0.2.1", "198.51.100.1", .esp, 0x4001))
    natt.encryption = AlgorithmKey(
      algorithm("3des-cbc", [.encryption]), key: Key([UInt8](repeating: 0x55, count: 24)))
    natt.authentication = AlgorithmKey(
      algorithm("hmac-sha1", [.authentication]), key: Key([UInt8](repeating: 0x66, count: 20)))
    natt.encapsulation = NATEncapsulation(sourcePort: 4500, destinationPort: 4500)

    return [cbcState, gcm, ah, comp, natt]
  }

  func withKernel(_ body: (XfrmKernel) throws -> Void) throws {
    let namespace = try ScratchNamespace()
    defer { namespace.close() }
    try body(try XfrmKernel(networkNamespace: namespace.name))
  }

  /// What the kernel should report for an SA we sent.
  static func expectedDump(of sa: SecurityAssociation) -> SecurityAssociation {
    var expected = sa
    if expected.mode == .any { expected.mode = .transport }
    return expected
  }

  @Test func addedStatesDumpBackFieldByField() throws {
    try withKernel { kernel in
      let outcomes = try kernel.run(Self.states.map { Statement(.add($0), at: Self.here) })
      for outcome in outcomes { #expect(outcome.result == .success(.done)) }

      var dumped: [SecurityAssociation] = []
      try kernel.forEachState(nil) { dumped.append($0) }
      #expect(dumped.count == Self.states.count)

      for sent in Self.states {
        guard let got = dumped.first(where: { $0.id == sent.id }) else {
          Issue.record("no dumped state for \(sent.id)")
          continue
        }
        let want = Self.expectedDump(of: sent)
        #expect(got.mode == want.mode)
        #expect(got.reqid == want.reqid)
        #expect(got.replayWindow == want.replayWindow)
        #expect(got.encryption == want.encryption)
        #expect(got.authentication == want.authentication)
        #expect(got.aead == want.aead)
        #expect(got.compression?.algorithm == want.compression?.algorithm)
        #expect(got.encapsulation == want.encapsulation)
        #expect(got.lifetime == want.lifetime)
        #expect(got.current?.addTime ?? 0 > 0)
        #expect(got.statistics != nil)
      }
    }
  }

  @Test func getUpdateDeleteAndFlushBehaveLikeSetkey() throws {
    try withKernel { kernel in
      var updated = Self.cbcState
      updated.lifetime.hardAddSeconds = 60
      let ah = Self.states[2]
      let outcomes = try kernel.run([
        Statement(.add(Self.cbcState), at: Self.here),
        Statement(.add(Self.cbcState), at: Self.here),
        Statement(.update(updated), at: Self.here),
        Statement(.get(Self.cbcState.id), at: Self.here),
        Statement(.add(ah), at: Self.here),
        Statement(.flush(.esp), at: Self.here),
        Statement(.dump(nil), at: Self.here),
        Statement(.delete(ah.id), at: Self.here),
        Statement(.delete(ah.id), at: Self.here),
      ])
      #expect(outcomes[0].result == .success(.done))
      if case .failure(let error) = outcomes[1].result {
        #expect(error.errnoName == "EEXIST")
      } else {
        Issue.record("adding the same SA twice should fail")
      }
      #expect(outcomes[2].result == .success(.done))
      if case .success(.states(let found)) = outcomes[3].result {
        #expect(found.first?.lifetime.hardAddSeconds == 60)
      } else {
        Issue.record("get should return the updated SA")
      }
      if case .success(.states(let left)) = outcomes[6].result {
        #expect(left.map(\.id) == [ah.id])
      } else {
        Issue.record("dump after flush esp should list the AH SA only")
      }
      #expect(outcomes[7].result == .success(.done))
      if case .failure(let error) = outcomes[8].result {
        #expect(error.errnoName == "ESRCH")
      } else {
        Issue.record("deleting a deleted SA should fail")
      }
    }
  }

  @Test func deleteAllRemovesEveryMatchingState() throws {
    try withKernel { kernel in
      var second = Self.cbcState
      second.id.spi = 0x1003
      var reverse = Self.cbcState
      reverse.id = Self.id("10.0.0.2", "10.0.0.1", .esp, 0x1004)
      let cbc = Self.cbcState
      let outcomes = try kernel.run([
        Statement(.add(cbc), at: Self.here),
        Statement(.add(second), at: Self.here),
        Statement(.add(reverse), at: Self.here),
        Statement(
          .deleteAll(
            source: cbc.id.source, destination: cbc.id.destination, securityProtocol: .esp),
          at: Self.here),
        Statement(.dump(.esp), at: Self.here),
      ])
      #expect(outcomes[3].result == .success(.done))
      if case .success(.states(let left)) = outcomes[4].result {
        #expect(left.map(\.id) == [reverse.id])
      } else {
        Issue.record("dump esp should succeed")
      }
    }
  }

  @Test func getSPIThenUpdateFillsInTheLarvalState() throws {
    try withKernel { kernel in
      let cbc = Self.cbcState
      let allocated = try kernel.run([
        Statement(
          .getSPI(
            source: cbc.id.source, destination: cbc.id.destination, securityProtocol: .esp,
            mode: .any, reqid: 0, range: 0x5000...0x5fff), at: Self.here)
      ])
      guard case .success(.allocatedSPI(let spi)) = allocated[0].result else {
        Issue.record("getspi should allocate: \(allocated[0].result)")
        return
      }
      var filled = cbc
      filled.id.spi = spi
      let outcomes = try kernel.run([
        Statement(.update(filled), at: Self.here), Statement(.get(filled.id), at: Self.here),
      ])
      #expect(outcomes[0].result == .success(.done))
      guard case .success(.states(let found)) = outcomes[1].result else {
        Issue.record("get should find the filled-in SA")
        return
      }
      #expect(found.first?.encryption == cbc.encryption)
    }
  }
}
