// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import Provisioning
import Testing

/// `--scope mark:V[/M]` and `--scope if-id:N`: a route-based VPN owns its marks or its xfrm
/// interface, and an apply leaves every other entry (an IKE daemon's, say) alone.
@Suite struct ScopeTests {
  static let key = StateDiffTests.keyA

  @Test(arguments: [
    ("all", ProvisioningScope.all),
    ("reqid:7", .reqids(7...7)),
    ("mark:7", .mark(Mark(7))),
    ("mark:0x10/0xf0", .mark(Mark(0x10, mask: 0xf0))),
    ("if-id:42", .interfaceID(42)),
  ])
  func scopesParseAndPrintAsWritten(text: String, scope: ProvisioningScope) {
    #expect(ProvisioningScope(parsing: text) == scope)
    #expect(ProvisioningScope(parsing: scope.description) == scope)
  }

  @Test(arguments: ["mark:", "mark:1/0", "mark:x", "mark:1/2/3", "if-id:0", "if-id:", "ifid:3"])
  func malformedScopesAreRefused(text: String) {
    #expect(ProvisioningScope(parsing: text) == nil)
  }

  /// The kernel holds entries with mark 7, mark 7/0xff, mark 9 and none, and on if_id 5,
  /// 6 and none; the file declares one SA and one policy of the scope in question.
  static let held = """
    add 192.0.2.1 192.0.2.2 esp 0x100 -mark 7 -E aes-cbc \(key) ;
    add 192.0.2.1 192.0.2.2 esp 0x101 -mark 7/0xff -E aes-cbc \(key) ;
    add 192.0.2.1 192.0.2.2 esp 0x102 -mark 9 -E aes-cbc \(key) ;
    add 192.0.2.1 192.0.2.2 esp 0x103 -E aes-cbc \(key) ;
    add 192.0.2.1 192.0.2.2 esp 0x104 -if-id 5 -E aes-cbc \(key) ;
    add 192.0.2.1 192.0.2.2 esp 0x105 -if-id 6 -E aes-cbc \(key) ;
    spdadd 10.0.0.0/24 10.0.1.0/24 any -mark 7 -P out discard ;
    spdadd 10.0.2.0/24 10.0.3.0/24 any -mark 9 -P out discard ;
    spdadd 10.0.4.0/24 10.0.5.0/24 any -if-id 5 -P out discard ;
    spdadd 10.0.6.0/24 10.0.7.0/24 any -if-id 6 -P out discard ;
    spdadd 10.0.8.0/24 10.0.9.0/24 any -P out discard ;
    """

  /// The SPIs and policy sources the kernel holds after applying `file` in `scope`.
  static func applied(_ file: String, scope: ProvisioningScope) throws -> [String] {
    let kernel = try makeKernel(holding: held)
    let report = try Provisioner(kernel: kernel).apply(
      try desired(file), ownership: Ownership([scope]))
    #expect(report.refused.isEmpty && !report.rolledBack)
    return kernel.contents.map { entry in
      switch entry {
      case .state(let sa): "0x" + String(sa.id.spi, radix: 16)
      case .policy(let sp): "\(sp.selector.source.address)"
      }
    }.sorted()
  }

  @Test func aMarkScopeReplacesItsOwnEntriesOnly() throws {
    let file = """
      add 192.0.2.1 192.0.2.2 esp 0x200 -mark 7 -E aes-cbc \(Self.key) ;
      spdadd 10.1.0.0/24 10.1.1.0/24 any -mark 7 -P out discard ;
      """
    // 0x100 and 10.0.0.0 (mark 7) go; 0x101 (mark 7/0xff) is another owner's.
    #expect(
      try Self.applied(file, scope: .mark(Mark(7))) == [
        "0x101", "0x102", "0x103", "0x104", "0x105", "0x200",
        "10.0.2.0", "10.0.4.0", "10.0.6.0", "10.0.8.0", "10.1.0.0",
      ])
  }

  @Test func aMarkScopeComparesValuesUnderItsMask() {
    let scope = ProvisioningScope.mark(Mark(0x17, mask: 0xf0))
    var sp = SecurityPolicy(
      selector: TrafficSelector(
        source: IPPrefix(IPAddress("10.0.0.0")!), destination: IPPrefix(IPAddress("10.0.1.0")!)),
      direction: .out, action: .discard)
    sp.mark = Mark(0x10, mask: 0xf0)
    #expect(scope.owns(.policy(sp)))
    sp.mark = Mark(0x10, mask: 0xff)
    #expect(!scope.owns(.policy(sp)))
    sp.mark = nil
    #expect(!scope.owns(.policy(sp)))
  }

  @Test func anInterfaceScopeReplacesItsOwnEntriesOnly() throws {
    let file = """
      add 192.0.2.1 192.0.2.2 esp 0x200 -if-id 5 -E aes-cbc \(Self.key) ;
      spdadd 10.1.0.0/24 10.1.1.0/24 any -if-id 5 -P out discard ;
      """
    #expect(
      try Self.applied(file, scope: .interfaceID(5)) == [
        "0x100", "0x101", "0x102", "0x103", "0x105", "0x200",
        "10.0.0.0", "10.0.2.0", "10.0.6.0", "10.0.8.0", "10.1.0.0",
      ])
  }

  @Test func aDeclaredEntryOutsideTheScopeIsAConflict() throws {
    let kernel = try makeKernel(holding: Self.held)
    let file = "spdadd 10.1.0.0/24 10.1.1.0/24 any -mark 9 -P out discard ;"
    let report = try Provisioner(kernel: kernel).apply(
      try desired(file), ownership: Ownership([.mark(Mark(7))]))
    #expect(report.diff?.conflicts.isEmpty == false)
    #expect(ProvisioningSummary.result(of: report) == "conflict")
  }

  /// The kernel already holds the declared entry, but outside the scope: nothing to add or
  /// remove, yet not in sync, as diff's exit status 2 says.
  @Test func aConflictAloneIsNotInSyncInJSON() throws {
    let kernel = try makeKernel(holding: Self.held)
    let file = "spdadd 10.0.2.0/24 10.0.3.0/24 any -mark 9 -P out discard ;"
    let ownership = Ownership([.interfaceID(99)])
    let diff = try Provisioner(kernel: kernel).diff(try desired(file), ownership: ownership)
    #expect(diff.isInSync && !diff.conflicts.isEmpty)
    let json = DiffJSON(showKeys: false).diff(diff, ownership: ownership)
    #expect(json.text.contains("\"in_sync\":false"))
  }
}
