// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import Testing
import XfrmBackend

@testable import xfrmkey

/// What `-x` prints for an event, in text and in JSON, keys hidden or shown.
@Suite struct MonitorOutputTests {
  static let time = MonitorClock(
    text: "2026-12-03 17:05:00.000001", rfc3339: "2026-12-03T17:05:00.000001+00:00")

  static var state: SecurityAssociation {
    let id = SecurityAssociationID(
      source: IPAddress("192.0.2.1")!, destination: IPAddress("192.0.2.2")!,
      securityProtocol: .esp, spi: 0x1001)
    var sa = SecurityAssociation(id: id)
    sa.mode = .tunnel
    let cipher = AlgorithmCatalogue.lookup(setkeyName: "aes-cbc", option: [.encryption])!
    sa.encryption = AlgorithmKey(cipher, key: Key([UInt8](repeating: 0xab, count: 16)))
    return sa
  }

  static func item(_ change: XfrmEvent.Change, name: String = "XFRM_MSG_NEWSA")
    -> XfrmMonitor.Item
  {
    .event(XfrmEvent(change, messageName: name, sequence: 3, portID: 0))
  }

  @Test func textStartsWithTimeAndSetkeyWordThenTheDumpEntry() {
    let writer = MonitorWriter(showKeys: false, json: false)
    let text = writer.text(for: Self.item(.stateAdded(Self.state)), at: Self.time)
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines[0] == "2026-12-03 17:05:00.000001 add")
    #expect(lines[1] == "192.0.2.1 192.0.2.2 ")
    #expect(text.contains("\tE: aes-cbc  <hidden>\n"))
    #expect(!text.contains("abababab"))
  }

  @Test func textShowsKeysWhenAsked() {
    let writer = MonitorWriter(showKeys: true, json: false)
    let text = writer.text(for: Self.item(.stateAdded(Self.state)), at: Self.time)
    #expect(text.contains("\tE: aes-cbc  abababab abababab"))
  }

  @Test func flushesAndExpiriesHaveTheirWords() {
    let writer = MonitorWriter(showKeys: false, json: false)
    let flush = writer.text(for: Self.item(.statesFlushed(.esp)), at: Self.time)
    #expect(flush == "2026-12-03 17:05:00.000001 flush esp\n")
    let expire = writer.text(for: Self.item(.stateExpired(Self.state, hard: true)), at: Self.time)
    #expect(expire.hasPrefix("2026-12-03 17:05:00.000001 expire hard\n"))
    let lost = writer.text(for: .lost(nil), at: Self.time)
    #expect(lost == "2026-12-03 17:05:00.000001 lost: some events were lost "
      + "(the receive queue overflowed)\n")
  }

  @Test func jsonHidesKeysAsNull() {
    let line = MonitorJSON(showKeys: false).line(
      for: Self.item(.stateExpired(Self.state, hard: false)), at: Self.time.rfc3339)
    #expect(line.hasPrefix(
      #"{"time":"2026-12-03T17:05:00.000001+00:00","event":"expire","message":"XFRM_MSG_NEWSA","#
        + #""pid":0,"seq":3,"hard":false,"sa":{"kind":"sa","family":"ipv4","#))
    #expect(line.contains(#""encryption":{"name":"aes-cbc","kernel_name":"cbc(aes)","key":null,"#))
    #expect(!line.contains("abab"))
  }

  @Test func jsonShowsKeysAsHexWhenAsked() {
    let line = MonitorJSON(showKeys: true).line(
      for: Self.item(.stateAdded(Self.state)), at: Self.time.rfc3339)
    #expect(line.contains(#""key":"abababababababababababababababab""#))
  }

  @Test func jsonEntriesAreTheDumpEntriesWithTheirXfrmEraMembers() {
    var sa = Self.state
    sa.id.mark = Mark(7)
    sa.interfaceID = 3
    sa.offload = HardwareOffload(device: "", isInbound: false, interfaceIndex: 4)
    var sp = SecurityPolicy(
      selector: TrafficSelector(
        source: IPPrefix(IPAddress("10.0.0.0")!, length: 8), destination: .any(.ipv4)),
      direction: .out, action: .ipsec)
    sp.type = .sub
    sp.mark = Mark(1, mask: 3)
    sp.templates = [PolicyTemplate(securityProtocol: .esp, mode: .tunnel, level: .require)]

    let dump = JSONDumpFormatter(showKeys: false)
    let monitor = MonitorJSON(showKeys: false)
    let added = monitor.line(for: Self.item(.stateAdded(sa)), at: "T")
    #expect(added.hasSuffix(#""sa":"# + dump.format(sa) + "}"))
    #expect(added.contains(#""mark":{"value":7,"mask":4294967295}"#))
    #expect(added.contains(#""interface_id":3"#))

    let policy = monitor.line(for: Self.item(.policyAdded(sp), name: "XFRM_MSG_NEWPOLICY"), at: "T")
    #expect(policy.hasSuffix(#""sp":"# + dump.format(sp) + "}"))
    #expect(policy.contains(#""type":"sub""#))
    #expect(policy.contains(#""authentication_algorithms":4294967295"#))
  }

  @Test func jsonCountsLostEvents() {
    #expect(MonitorJSON(showKeys: false).line(for: .lost(12), at: "T")
      == #"{"time":"T","event":"lost","count":12}"#)
  }
}
