// SPDX-License-Identifier: Apache-2.0
import Foundation
import IPsecModel
import NamespaceSupport
import PolicyLanguage
import Provisioning
import Testing
import XfrmBackend

@Suite(
  "Every policy shape reads back from a real kernel in sync, and applies once",
  .enabled(if: ScratchNamespace.canCreate, "needs root and ip(8) for a namespace"),
  .serialized)
struct KernelPolicyShapeTests {
  /// One statement per shape the language can write for a policy.
  static let shapes = [
    "spdadd 10.0.1.0/24 10.0.2.0/24 any -P out ipsec esp/tunnel/172.16.0.1-172.16.0.2/require ;",
    "spdadd 10.0.2.0/24 10.0.1.0/24 any -P in ipsec esp/tunnel/172.16.0.2-172.16.0.1/unique:9 ;",
    "spdadd 10.0.3.1 10.0.3.2 tcp -P out ipsec esp/transport//unique ;",
    "spdadd 10.0.3.1[80] 10.0.3.2[any] tcp -P in ipsec ah/transport//use esp/transport//default ;",
    "spdadd 10.0.3.3 10.0.3.4 udp -P out prio high + 3 none ;",
    "spdadd 10.0.3.5 10.0.3.6 any -P out prio low discard ;",
    "spdadd 10.0.3.7 10.0.3.8 any -P out prio 100 bypass ;",
    "spdadd 0.0.0.0/0 0.0.0.0/0 icmp 8,0 -P out none ;",
    "spdadd fec0::10 fec0::11[110] tcp -P in ipsec ipcomp/transport//use esp/transport//unique:7 ;",
    "spdadd 2001:db8::/64 2001:db8:1::/64 ipv6-icmp 135,0 -P fwd none ;",
    "spdadd 2001:db8::/64 2001:db8:2::/64 any -P out ipsec "
      + "esp/tunnel/2001:db8::1-2001:db8::2/require ;",
    "spdadd 10.0.4.0/24 10.0.5.0/24 gre -P out ipsec ah/tunnel/192.0.2.1-192.0.2.2/require ;",
    "spdadd 10.0.6.0/24 10.0.7.0/24 any -P out ipsec "
      + "esp/tunnel/2001:db8::1-2001:db8::2/require ah/transport//require ;",
    "spdadd 10.0.8.1 10.0.8.2 any -mark 0x154/0x7c64 -P in none ;",
    "spdadd 10.0.8.3 10.0.8.4 any -mark 5/0 -P in none ;",
    "spdadd 10.0.8.5 10.0.8.6 udp -if-id 7 -type sub -f icmp -f localok -P in none ;",
  ]

  static func state(rfcMode: Bool) throws -> DesiredState {
    var options = ParseOptions()
    options.rfcMode = rfcMode
    let parsed = SetkeyParser.parse(shapes.joined(separator: "\n"), file: "t", options: options)
    let diagnostics = parsed.diagnostics.map(\.description)
    #expect(diagnostics.isEmpty)
    return try DesiredState(parsed.statements)
  }

  @Test(arguments: [true, false])
  func appliedShapesDiffInSyncAndASecondApplyChangesNothing(rfcMode: Bool) throws {
    let namespace = try ScratchNamespace()
    defer { namespace.close() }
    let provisioner = Provisioner(
      kernel: try XfrmKernel(networkNamespace: namespace.name))
    let desired = try Self.state(rfcMode: rfcMode)

    let first = try provisioner.apply(desired, ownership: .everything)
    #expect(first.refused.isEmpty, "\(first.refused)")
    #expect(first.changed)
    let diff = try provisioner.diff(desired, ownership: .everything)
    #expect(diff.isInSync, "\(ProvisioningSummary(showKeys: false).lines(diff))")
    let second = try provisioner.apply(desired, ownership: .everything)
    #expect(!second.changed && second.outcomes.isEmpty)
  }
}
