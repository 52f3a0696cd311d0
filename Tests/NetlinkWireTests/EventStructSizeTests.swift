// SPDX-License-Identifier: Apache-2.0
internal import CNetlink
import NetlinkWire
import Testing

/// The structs of multicast notifications encode to exactly `sizeof` the C structs.
@Suite("Event struct sizes match the kernel headers")
struct EventStructSizeTests {
  @Test func acquire() {
    #expect(XfrmUserAcquire().encodedBytes.count == MemoryLayout<xfrm_user_acquire>.size)
    #expect(XfrmUserAcquire.wireSize == MemoryLayout<xfrm_user_acquire>.size)
  }

  @Test func expiries() {
    #expect(XfrmUserExpire().encodedBytes.count == MemoryLayout<xfrm_user_expire>.size)
    #expect(XfrmUserExpire.wireSize == MemoryLayout<xfrm_user_expire>.size)
    #expect(XfrmUserPolicyExpire().encodedBytes.count == MemoryLayout<xfrm_user_polexpire>.size)
    #expect(XfrmUserPolicyExpire.wireSize == MemoryLayout<xfrm_user_polexpire>.size)
  }

  @Test func asyncEventReportMappingMigration() {
    #expect(XfrmAsyncEventID().encodedBytes.count == MemoryLayout<xfrm_aevent_id>.size)
    #expect(XfrmUserReport().encodedBytes.count == MemoryLayout<xfrm_user_report>.size)
    #expect(XfrmUserMapping().encodedBytes.count == MemoryLayout<xfrm_user_mapping>.size)
    #expect(XfrmUserMigrate().encodedBytes.count == MemoryLayout<xfrm_user_migrate>.size)
    #expect(XfrmUserKMAddress().encodedBytes.count == MemoryLayout<xfrm_user_kmaddress>.size)
  }

  @Test func groupNumbersAreTheKernels() {
    #expect(
      XfrmMulticastGroup.all.map(\.rawValue) == [
        UInt32(XFRMNLGRP_ACQUIRE.rawValue), UInt32(XFRMNLGRP_EXPIRE.rawValue),
        UInt32(XFRMNLGRP_SA.rawValue), UInt32(XFRMNLGRP_POLICY.rawValue),
        UInt32(XFRMNLGRP_AEVENTS.rawValue), UInt32(XFRMNLGRP_REPORT.rawValue),
        UInt32(XFRMNLGRP_MIGRATE.rawValue), UInt32(XFRMNLGRP_MAPPING.rawValue),
      ])
  }

  @Test func messageTypesAreTheKernels() {
    #expect(NetlinkMessageType.newAsyncEvent.rawValue == UInt16(XFRM_MSG_NEWAE))
    #expect(NetlinkMessageType.report.rawValue == UInt16(XFRM_MSG_REPORT))
    #expect(NetlinkMessageType.migrate.rawValue == UInt16(XFRM_MSG_MIGRATE))
    #expect(NetlinkMessageType.mapping.rawValue == UInt16(XFRM_MSG_MAPPING))
  }
}
