// SPDX-License-Identifier: Apache-2.0
internal import CNetlink
import NetlinkWire
import Testing

@Suite("Encoded struct sizes match the kernel headers")
struct StructSizeTests {
  /// A wire type, its encoded fixed part, and `sizeof` the C struct.
  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let encoded: Int
    let declared: Int
    let cSize: Int
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(
      name: "nlmsghdr",
      encoded: NetlinkMessageHeader(
        length: 0, type: .noop, flags: [], sequence: 0, portID: 0
      ).encodedBytes.count, declared: NetlinkMessageHeader.wireSize,
      cSize: MemoryLayout<nlmsghdr>.size),
    Case(
      name: "xfrm_selector", encoded: XfrmSelector().encodedBytes.count,
      declared: XfrmSelector.wireSize, cSize: MemoryLayout<xfrm_selector>.size),
    Case(
      name: "xfrm_id", encoded: XfrmID().encodedBytes.count, declared: XfrmID.wireSize,
      cSize: MemoryLayout<xfrm_id>.size),
    Case(
      name: "xfrm_lifetime_cfg", encoded: XfrmLifetimeConfig().encodedBytes.count,
      declared: XfrmLifetimeConfig.wireSize, cSize: MemoryLayout<xfrm_lifetime_cfg>.size),
    Case(
      name: "xfrm_lifetime_cur", encoded: XfrmLifetimeCurrent().encodedBytes.count,
      declared: XfrmLifetimeCurrent.wireSize, cSize: MemoryLayout<xfrm_lifetime_cur>.size),
    Case(
      name: "xfrm_stats", encoded: XfrmStats().encodedBytes.count,
      declared: XfrmStats.wireSize, cSize: MemoryLayout<xfrm_stats>.size),
    Case(
      name: "xfrm_usersa_info", encoded: XfrmUserSAInfo().encodedBytes.count,
      declared: XfrmUserSAInfo.wireSize, cSize: MemoryLayout<xfrm_usersa_info>.size),
    Case(
      name: "xfrm_usersa_id", encoded: XfrmUserSAID().encodedBytes.count,
      declared: XfrmUserSAID.wireSize, cSize: MemoryLayout<xfrm_usersa_id>.size),
    Case(
      name: "xfrm_userpolicy_info", encoded: XfrmUserPolicyInfo().encodedBytes.count,
      declared: XfrmUserPolicyInfo.wireSize,
      cSize: MemoryLayout<xfrm_userpolicy_info>.size),
    Case(
      name: "xfrm_userpolicy_id", encoded: XfrmUserPolicyID().encodedBytes.count,
      declared: XfrmUserPolicyID.wireSize, cSize: MemoryLayout<xfrm_userpolicy_id>.size),
    Case(
      name: "xfrm_user_tmpl", encoded: XfrmUserTemplate().encodedBytes.count,
      declared: XfrmUserTemplate.wireSize, cSize: MemoryLayout<xfrm_user_tmpl>.size),
    Case(
      name: "xfrm_algo", encoded: XfrmAlgorithm(name: "x", key: []).encodedBytes.count,
      declared: XfrmAlgorithm.wireSize, cSize: MemoryLayout<xfrm_algo>.size),
    Case(
      name: "xfrm_algo_auth",
      encoded: XfrmAuthenticationAlgorithm(name: "x", key: [], truncationBits: 0)
        .encodedBytes.count,
      declared: XfrmAuthenticationAlgorithm.wireSize, cSize: MemoryLayout<xfrm_algo_auth>.size),
    Case(
      name: "xfrm_algo_aead",
      encoded: XfrmAEADAlgorithm(name: "x", key: [], icvBits: 0).encodedBytes.count,
      declared: XfrmAEADAlgorithm.wireSize, cSize: MemoryLayout<xfrm_algo_aead>.size),
    Case(
      name: "xfrm_encap_tmpl", encoded: XfrmEncapsulationTemplate().encodedBytes.count,
      declared: XfrmEncapsulationTemplate.wireSize, cSize: MemoryLayout<xfrm_encap_tmpl>.size),
    Case(
      name: "xfrm_user_sec_ctx",
      encoded: XfrmSecurityContext(doi: 0, algorithm: 0, context: []).encodedBytes.count,
      declared: XfrmSecurityContext.wireSize, cSize: MemoryLayout<xfrm_user_sec_ctx>.size),
    Case(
      name: "xfrm_userspi_info", encoded: XfrmUserSPIInfo().encodedBytes.count,
      declared: XfrmUserSPIInfo.wireSize, cSize: MemoryLayout<xfrm_userspi_info>.size),
    Case(
      name: "xfrm_address_filter", encoded: XfrmAddressFilter().encodedBytes.count,
      declared: XfrmAddressFilter.wireSize, cSize: MemoryLayout<xfrm_address_filter>.size),
    Case(
      name: "xfrm_usersa_flush", encoded: XfrmUserSAFlush(proto: 0).encodedBytes.count,
      declared: XfrmUserSAFlush.wireSize, cSize: MemoryLayout<xfrm_usersa_flush>.size),
    Case(
      name: "xfrm_replay_state", encoded: XfrmReplayState().encodedBytes.count,
      declared: XfrmReplayState.wireSize, cSize: MemoryLayout<xfrm_replay_state>.size),
    Case(
      name: "xfrm_replay_state_esn", encoded: XfrmReplayStateESN().encodedBytes.count,
      declared: XfrmReplayStateESN.wireSize,
      cSize: MemoryLayout<xfrm_replay_state_esn>.size),
    Case(
      name: "nlmsgerr", encoded: NetlinkErrorMessage.wireSize,
      declared: NetlinkErrorMessage.wireSize, cSize: MemoryLayout<nlmsgerr>.size),
  ]

  @Test("encoded size equals sizeof the C struct", arguments: cases)
  func encodedSizeEqualsCSize(_ entry: Case) {
    #expect(entry.encoded == entry.cSize)
    #expect(entry.declared == entry.cSize)
  }

  @Test func userSAInfoHasItsTailPadding() {
    #expect(MemoryLayout<xfrm_usersa_info>.size == 224)
    #expect(XfrmUserSAInfo().encodedBytes.count == 224)
  }
}
