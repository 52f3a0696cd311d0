// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import Provisioning
import Testing

@Suite("diff compares SAs and policies by identity, in kernel form")
struct StateDiffTests {
  static let keyA = "0x00112233445566778899aabbccddeeff"
  static let keyB = "0xffeeddccbbaa99887766554433221100"
  static let auth = "0x0123456789abcdef0123456789abcdef01234567"

  static func sa(spi: Int = 0x1000, key: String = keyA, extra: String = "") -> String {
    "add 192.0.2.1 192.0.2.2 esp \(spi) -m tunnel -u 7 \(extra) "
      + "-E aes-cbc \(key) -A hmac-sha1 \(auth) ;\n"
  }

  @Test func aFileTheKernelAlreadyHoldsIsInSync() throws {
    let text =
      Self.sa() + "add 192.0.2.1 192.0.2.2 ah 0x2000 -A hmac-sha1 \(Self.auth) ;\n"
      + "spdadd 10.0.0.0/24 10.0.1.0/24 any -P out ipsec esp/tunnel/192.0.2.1-192.0.2.2/require ;"
    let kernel = try makeKernel(holding: text)
    let diff = try Provisioner(kernel: kernel).diff(try desired(text), ownership: .everything)
    #expect(diff.isInSync)
  }

  @Test func modeAnyMatchesTheTransportTheKernelStores() throws {
    let text = "add 192.0.2.1 192.0.2.2 ah 0x2000 -A hmac-sha1 \(Self.auth) ;"
    let kernel = try makeKernel(holding: text)
    #expect(kernel.states.first?.mode == .transport)
    let diff = try Provisioner(kernel: kernel).diff(try desired(text), ownership: .everything)
    #expect(diff.isInSync)
  }

  @Test func aNewKeyIsAReplaceThatNamesTheKeyButNotItsValue() throws {
    let kernel = try makeKernel(holding: Self.sa())
    let diff = try Provisioner(kernel: kernel).diff(
      try desired(Self.sa(key: Self.keyB)), ownership: .everything)

    let change = try #require(diff.changes.first)
    #expect(diff.changes.count == 1 && diff.additions.isEmpty && diff.removals.isEmpty)
    #expect(change.method == .replace)
    #expect(change.fields == ["encryption key"])
    let printed = ProvisioningSummary(showKeys: false).lines(diff).joined(separator: "\n")
    #expect(!printed.contains("00112233") && !printed.contains("ffeeddcc"))
    #expect(printed.contains("<hidden>"))
  }

  @Test func aNewLifetimeIsAnUpdateInPlace() throws {
    let kernel = try makeKernel(holding: Self.sa())
    let diff = try Provisioner(kernel: kernel).diff(
      try desired(Self.sa(extra: "-lh 3600")), ownership: .everything)
    #expect(diff.changes.map(\.method) == [.update])
    #expect(diff.changes.first?.fields == ["lifetime"])
  }

  /// The kernel finds an SA by destination, protocol, SPI and mark only: a new if_id or
  /// output mark is the same SA changed (a replace), not another SA, whose add the kernel
  /// would refuse with EEXIST.
  @Test(arguments: ["-m transport", "-u 8", "-r 32", "-if-id 4", "-output-mark 3"])
  func otherSAChangesAreReplaces(option: String) throws {
    let old = "add 192.0.2.1 192.0.2.2 esp 0x1000 -E aes-cbc \(Self.keyA) ;"
    let new = "add 192.0.2.1 192.0.2.2 esp 0x1000 \(option) -E aes-cbc \(Self.keyA) ;"
    let kernel = try makeKernel(holding: old)
    let diff = try Provisioner(kernel: kernel).diff(try desired(new), ownership: .everything)
    #expect(diff.changes.map(\.method) == (option == "-m transport" ? [] : [.replace]))
  }

  /// The kernel advances an SA's replay counters with every packet: a dump after traffic
  /// is the same SA as the file's, not one to replace (which would restart its sequence
  /// numbers) nor another one.
  @Test func replayCountersAreNotCompared() throws {
    let kernel = try makeKernel(holding: Self.sa(extra: "-seq 7 -oseq 9"))
    let diff = try Provisioner(kernel: kernel).diff(try desired(Self.sa()), ownership: .everything)
    #expect(diff.isInSync)
    let back = try Provisioner(kernel: kernel).diff(
      try desired(Self.sa(extra: "-oseq 3")), ownership: .everything)
    #expect(back.isInSync)
  }

  @Test func entriesOnlyInTheKernelAreRemovalsAndOnlyInTheFileAdditions() throws {
    let kernel = try makeKernel(holding: Self.sa(spi: 0x1000))
    let diff = try Provisioner(kernel: kernel).diff(
      try desired(Self.sa(spi: 0x1001)), ownership: .everything)
    #expect(diff.additions.count == 1 && diff.removals.count == 1 && diff.changes.isEmpty)
  }

  @Test func aPolicyChangeIsAnUpdateNamingThePart() throws {
    let old = "spdadd 10.0.0.1 10.0.0.2 any -P out ipsec esp/transport//require ;"
    let new = "spdadd 10.0.0.1 10.0.0.2 any -P out prio def + 3 ipsec esp/transport//use ;"
    let kernel = try makeKernel(holding: old)
    let diff = try Provisioner(kernel: kernel).diff(try desired(new), ownership: .everything)
    #expect(diff.changes.map(\.method) == [.update])
    #expect(diff.changes.first?.fields == ["priority", "templates"])
  }

  /// Policy flags are not part of what the kernel looks a policy up by.
  @Test func aPolicyFlagChangeIsAnUpdate() throws {
    let old = "spdadd 10.0.0.1 10.0.0.2 any -f icmp -P out none ;"
    let new = "spdadd 10.0.0.1 10.0.0.2 any -P out none ;"
    let kernel = try makeKernel(holding: old)
    let diff = try Provisioner(kernel: kernel).diff(try desired(new), ownership: .everything)
    #expect(diff.additions.isEmpty && diff.removals.isEmpty)
    #expect(diff.changes.map(\.method) == [.update])
    #expect(diff.changes.first?.fields == ["flags"])
  }

  @Test func uniqueWithoutANumberMatchesTheReqidTheKernelAllocated() throws {
    let text = "spdadd 10.0.0.1 10.0.0.2 any -P out ipsec esp/transport//unique ;"
    let kernel = try makeKernel(holding: text)
    #expect(kernel.policies.first?.templates.first?.reqid == 16384)
    let diff = try Provisioner(kernel: kernel).diff(try desired(text), ownership: .everything)
    #expect(diff.isInSync)
  }

  @Test func rfcModeTwinsArePartOfTheDesiredState() throws {
    let text = "spdadd 10.0.0.1 10.0.0.2 any -P in ipsec esp/transport//unique:5 ;"
    let state = try desired(text, rfcMode: true)
    #expect(state.items.count == 2)
  }

  @Test func declaringOneIdentityTwiceWithAddIsAnError() throws {
    let text = Self.sa() + Self.sa(key: Self.keyB)
    #expect(throws: DesiredStateError.self) { try desired(text) }
  }

  @Test func actionStatementsHaveNoPlaceInADesiredState() throws {
    let text = "delete 192.0.2.1 192.0.2.2 esp 0x1000 ;"
    let error = try #require(throws: DesiredStateError.self) { try desired(text) }
    #expect(error.diagnostics.first?.location.line == 1)
  }
}
