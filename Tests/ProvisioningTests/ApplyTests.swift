// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import Provisioning
import Testing

@Suite("apply changes only what differs, in a protective order, all or nothing")
struct ApplyTests {
  static let key = StateDiffTests.keyA
  static let auth = StateDiffTests.auth

  static let start = """
    add 192.0.2.1 192.0.2.2 esp 0x100 -m tunnel -u 10 -E aes-cbc \(key) ;
    add 192.0.2.1 192.0.2.2 esp 0x101 -m tunnel -u 10 -E aes-cbc \(key) ;
    add 192.0.2.1 192.0.2.2 esp 0x102 -m tunnel -u 10 -E aes-cbc \(key) ;
    spdadd 10.0.0.0/24 10.0.1.0/24 any -P out ipsec esp/tunnel/192.0.2.1-192.0.2.2/unique:10 ;
    spdadd 10.0.2.0/24 10.0.3.0/24 any -P out ipsec esp/tunnel/192.0.2.1-192.0.2.2/unique:10 ;
    """

  /// Adds 0x103 and a policy, replaces 0x101 (new key), updates 0x102 (lifetime) and one
  /// policy (priority), removes 0x100 and the other policy.
  static let target = """
    add 192.0.2.1 192.0.2.2 esp 0x101 -m tunnel -u 10 -E aes-cbc \(StateDiffTests.keyB) ;
    add 192.0.2.1 192.0.2.2 esp 0x102 -m tunnel -u 10 -lh 60 -E aes-cbc \(key) ;
    add 192.0.2.1 192.0.2.2 esp 0x103 -m tunnel -u 10 -E aes-cbc \(key) ;
    spdadd 10.0.0.0/24 10.0.1.0/24 any -P out prio def + 1 ipsec \
    esp/tunnel/192.0.2.1-192.0.2.2/unique:10 ;
    spdadd 10.0.4.0/24 10.0.5.0/24 any -P out ipsec esp/tunnel/192.0.2.1-192.0.2.2/unique:10 ;
    """.replacingOccurrences(of: "\\\n", with: "")

  static func verbs(_ kernel: InMemoryKernel, from first: Int) -> [String] {
    kernel.received[first...].map { $0.command.setkeyWord }
  }

  @Test func theOrderAddsSAsFirstAndRemovesSAsLast() throws {
    let kernel = try makeKernel(holding: Self.start)
    let before = kernel.received.count
    let report = try Provisioner(kernel: kernel).apply(
      try desired(Self.target), ownership: .everything)

    #expect(report.changed && report.refused.isEmpty)
    #expect(
      Self.verbs(kernel, from: before) == [
        "add", "delete", "add", "update", "spdadd", "spdupdate", "spddelete", "delete",
      ])
    #expect(kernel.contents == (try makeKernel(holding: Self.target)).contents)
  }

  @Test func aSecondApplyChangesNothingAndSaysSo() throws {
    let kernel = try makeKernel(holding: Self.start)
    let provisioner = Provisioner(kernel: kernel)
    _ = try provisioner.apply(try desired(Self.target), ownership: .everything)
    let sent = kernel.received.count

    let again = try provisioner.apply(try desired(Self.target), ownership: .everything)
    #expect(!again.changed)
    #expect(ProvisioningSummary.result(of: again) == "unchanged")
    #expect(kernel.received.count == sent)
  }

  @Test(arguments: 0..<8)
  func aRefusalAtAnyStepLeavesTheKernelAsItWas(refusedStep: Int) throws {
    let kernel = try makeKernel(holding: Self.start)
    let before = kernel.contents
    let first = kernel.received.count
    kernel.refuse = { _ in kernel.received.count - 1 == first + refusedStep }

    let report = try Provisioner(kernel: kernel).apply(
      try desired(Self.target), ownership: .everything)
    #expect(report.rolledBack && report.rollbackFailures.isEmpty)
    #expect(!report.changed)
    // A refused delete of a replace pair also makes its add fail (EEXIST).
    #expect(report.refused.first?.statement == kernel.received[first + refusedStep])
    #expect(kernel.contents == before)
  }

  @Test func theRefusedStatementCarriesItsPlaceInTheFile() throws {
    let kernel = try makeKernel(holding: Self.start)
    kernel.refuse = { if case .spdAdd = $0.command { true } else { false } }
    let report = try Provisioner(kernel: kernel).apply(
      try desired(Self.target), ownership: .everything)
    let refused = try #require(report.refused.first)
    #expect(refused.statement.location.file == "test.conf")
    #expect(refused.statement.location.line == 5)
  }

  @Test func aReqidScopeNeverRemovesEntriesOutsideIt() throws {
    let foreign = """
      add 192.0.2.9 192.0.2.8 esp 0x900 -u 500 -E aes-cbc \(Self.key) ;
      spdadd 10.9.0.0/24 10.9.1.0/24 any -P out ipsec esp/tunnel/192.0.2.9-192.0.2.8/unique:500 ;
      spdadd 10.9.2.0/24 10.9.3.0/24 any -P out discard ;
      """
    let kernel = try makeKernel(holding: Self.start + "\n" + foreign)
    _ = try Provisioner(kernel: kernel).apply(
      try desired(Self.target), ownership: Ownership([.reqids(1...99)]))
    let expected = try makeKernel(holding: Self.target + "\n" + foreign).contents
    #expect(kernel.contents == expected)
  }

  @Test func anEntryOwnedElsewhereStopsTheApplyBeforeItStarts() throws {
    let kernel = try makeKernel(
      holding: "spdadd 10.0.0.1 10.0.0.2 any -P out ipsec esp/transport//unique:500 ;")
    let sent = kernel.received.count
    let file = """
      spdadd 10.0.0.1 10.0.0.2 any -P out ipsec esp/transport//unique:20 ;
      spdadd 10.0.0.3 10.0.0.4 any -P out ipsec esp/transport//unique:20 ;
      """
    let report = try Provisioner(kernel: kernel).apply(
      try desired(file), ownership: Ownership([.reqids(1...99)]))
    let reasons = report.diff?.conflicts.map(\.reason) ?? []
    #expect(reasons == [.ownedElsewhere])
    #expect(kernel.received.count == sent)
    #expect(ProvisioningSummary.result(of: report) == "conflict")
  }

  @Test func anAtomicBatchRefusedAtStatementNRestoresUpdatedAndDeletedEntries() throws {
    let kernel = try makeKernel(holding: Self.start)
    let before = kernel.contents
    let batch = try statements(
      """
      spdadd 10.7.0.0/24 10.7.1.0/24 any -P out discard ;
      spdupdate 10.0.0.0/24 10.0.1.0/24 any -P out none ;
      delete 192.0.2.1 192.0.2.2 esp 0x100 ;
      spddelete 10.0.2.0/24 10.0.3.0/24 any -P out ;
      add 192.0.2.1 192.0.2.2 esp 0x101 -E aes-cbc \(Self.key) ;
      spdadd 10.7.2.0/24 10.7.3.0/24 any -P out discard ;
      """)
    let report = try Provisioner(kernel: kernel).runAtomically(batch)
    #expect(report.refused.map(\.statement.location.line) == [5])
    #expect(report.rolledBack && report.rollbackFailures.isEmpty)
    #expect(kernel.contents == before)
  }

  @Test func jsonAndTextOutputHideKeysUnlessAsked() throws {
    let kernel = try makeKernel(holding: Self.start)
    let report = try Provisioner(kernel: kernel).apply(
      try desired(Self.target), ownership: .everything)
    let hidden = DiffJSON(showKeys: false).apply(report, ownership: .everything).text
    #expect(!hidden.contains("00112233") && !hidden.contains("ffeeddcc"))
    #expect(hidden.contains("\"result\":\"changed\""))
    let shown = DiffJSON(showKeys: true).apply(report, ownership: .everything).text
    #expect(shown.contains("ffeeddcc"))
  }
}

@Suite("A reqid scope owns the RFC-mode fwd twins of the in policies it owns")
struct TwinOwnershipTests {
  @Test func theTwinOfAnOwnedInPolicyIsOwnedAndOthersAreNot() throws {
    let text = """
      spdadd 10.0.0.0/24 10.0.1.0/24 any -P in ipsec esp/tunnel/192.0.2.2-192.0.2.1/unique:10 ;
      spdadd 10.0.2.0/24 10.0.3.0/24 any -P fwd ipsec esp/tunnel/192.0.2.2-192.0.2.1/require ;
      """
    let state = try desired(text, rfcMode: true)
    let owned = Ownership([.reqids(1...99)]).owned(among: state.items.map(\.canonical))
    let directions = state.items.filter { owned.contains($0.identity) }.map {
      guard case .policy(let sp) = $0.canonical else { return "sa" }
      return "\(sp.selector.source.address) \(sp.direction)"
    }
    #expect(directions == ["10.0.0.0 in", "10.0.0.0 fwd"])
  }
}

@Suite("apply checks what the kernel kept")
struct ResidueTests {
  @Test func aSecurityContextTheKernelDropsIsReportedAsResidue() throws {
    let kernel = InMemoryKernel()
    kernel.dropsSecurityContexts = true
    let text = """
      add 192.0.2.1 192.0.2.2 esp 0x100 -ctx 1 1 "system_u:object_r:ipsec_spd_t:s0" \
      -E aes-cbc \(StateDiffTests.keyA) ;
      """.replacingOccurrences(of: "\\\n", with: "")
    let report = try Provisioner(kernel: kernel).apply(try desired(text), ownership: .everything)
    #expect(report.changed)
    #expect(report.residue.map(\.fields) == [["security context"]])
  }

  @Test func aKernelThatKeepsEverythingLeavesNoResidue() throws {
    let kernel = InMemoryKernel()
    let report = try Provisioner(kernel: kernel).apply(
      try desired(ApplyTests.target), ownership: .everything)
    #expect(report.changed && report.residue.isEmpty)
  }
}
