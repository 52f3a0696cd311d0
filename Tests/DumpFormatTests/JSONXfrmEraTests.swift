// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import Testing

/// The xfrm-era members of schema version 2: an SA and a policy with every such field set
/// are written, follow the schema, and carry each value; unset ones are 0 or null.
@Suite struct JSONXfrmEraTests {
  static let formatter = JSONDumpFormatter()

  /// An SA with a mark, output mark, if_id, TFC padding, both extra flags and an unnamed
  /// one, replay counters beyond 32 bits and packet offload.
  static var association: SecurityAssociation {
    var sa = Fixtures.plainESP
    sa.id.mark = Mark(0x10, mask: 0xff)
    sa.outputMark = Mark(0x2000)
    sa.interfaceID = 42
    sa.tfcPadding = 1500
    sa.extraFlags = [.dontEncapsulateDSCP, .outputSequenceMayWrap, StateExtraFlags(rawValue: 8)]
    sa.replayCounters = ReplayCounters(inbound: 7, outbound: 1 << 33)
    sa.offload = HardwareOffload(
      device: "eth0", isInbound: true, isPacketOffload: true, interfaceIndex: 2)
    return sa
  }

  /// A sub policy with both flags, a mark, an if_id and a template with an SPI and masks.
  static var policy: SecurityPolicy {
    var sp = Fixtures.policies[0]
    sp.type = .sub
    sp.flags = [.localOK, .icmp]
    sp.mark = Mark(5)
    sp.interfaceID = 0xffff_ffff
    sp.templates[0].spi = 0x1234
    sp.templates[0].authenticationAlgorithms = 0b110
    sp.templates[0].encryptionAlgorithms = 1 << 12
    sp.templates[0].compressionAlgorithms = 0
    return sp
  }

  @Test func anSAWithEveryXfrmEraFieldFollowsTheSchema() throws {
    let text = Self.formatter.formatArray([Self.formatter.format(Self.association)])
    #expect(Package.validateDump(text) == [])

    let sa = try JSONReader.parse(Self.formatter.format(Self.association))
    #expect(sa["mark"]?["value"] == .unsigned(0x10))
    #expect(sa["mark"]?["mask"] == .unsigned(0xff))
    #expect(sa["output_mark"]?["value"] == .unsigned(0x2000))
    #expect(sa["output_mark"]?["mask"] == .unsigned(0xffff_ffff))
    #expect(sa["interface_id"] == .unsigned(42))
    #expect(sa["tfc_padding"] == .unsigned(1500))
    #expect(
      sa["extra_flags"]
        == .array([.string("dont-encap-dscp"), .string("oseq-may-wrap"), .string("0x8")]))
    #expect(sa["replay_counters"]?["inbound_sequence"] == .unsigned(7))
    #expect(sa["replay_counters"]?["outbound_sequence"] == .unsigned(1 << 33))
    #expect(sa["offload"]?["device"] == .string("eth0"))
    #expect(sa["offload"]?["interface_index"] == .unsigned(2))
    #expect(sa["offload"]?["direction"] == .string("in"))
    #expect(sa["offload"]?["type"] == .string("packet"))
  }

  @Test func aPolicyWithEveryXfrmEraFieldFollowsTheSchema() throws {
    let text = Self.formatter.formatArray([Self.formatter.format(Self.policy)])
    #expect(Package.validateDump(text) == [])

    let sp = try JSONReader.parse(Self.formatter.format(Self.policy))
    #expect(sp["type"] == .string("sub"))
    #expect(sp["flags"] == .array([.string("localok"), .string("icmp")]))
    #expect(sp["mark"]?["value"] == .unsigned(5))
    #expect(sp["mark"]?["mask"] == .unsigned(0xffff_ffff))
    #expect(sp["interface_id"] == .unsigned(0xffff_ffff))

    guard case .array(let templates)? = sp["templates"] else {
      Issue.record("templates is not an array")
      return
    }
    #expect(templates[0]["spi"] == .unsigned(0x1234))
    #expect(templates[0]["authentication_algorithms"] == .unsigned(0b110))
    #expect(templates[0]["encryption_algorithms"] == .unsigned(1 << 12))
    #expect(templates[0]["compression_algorithms"] == .unsigned(0))
    #expect(templates[1]["encryption_algorithms"] == .unsigned(0xffff_ffff))
  }

  @Test func unsetXfrmEraFieldsAreNullOrZeroButPresent() throws {
    let sa = try JSONReader.parse(Self.formatter.format(Fixtures.plainESP))
    #expect(sa["mark"] == .null)
    #expect(sa["output_mark"] == .null)
    #expect(sa["offload"] == .null)
    #expect(sa["interface_id"] == .unsigned(0))
    #expect(sa["tfc_padding"] == .unsigned(0))
    #expect(sa["extra_flags"] == .array([]))
    #expect(sa["replay_counters"]?["outbound_sequence"] == .unsigned(0))

    let sp = try JSONReader.parse(Self.formatter.format(Fixtures.policies[1]))
    #expect(sp["type"] == .string("main"))
    #expect(sp["flags"] == .array([]))
    #expect(sp["mark"] == .null)
    #expect(sp["interface_id"] == .unsigned(0))
  }

  @Test func anOffloadKnownOnlyByIndexHasANullDevice() throws {
    var sa = Self.association
    sa.offload = HardwareOffload(device: "", isInbound: false, interfaceIndex: 9)
    let text = Self.formatter.format(sa)
    #expect(Package.validateDump("[" + text + "]") == [])
    let offload = try JSONReader.parse(text)["offload"]
    #expect(offload?["device"] == .null)
    #expect(offload?["direction"] == .string("out"))
    #expect(offload?["type"] == .string("crypto"))
  }

  // MARK: - No model field is left out

  /// The JSON members each stored property of a model type is written as; a property the
  /// kernel does not hold maps to none. A new model field fails the check below until it
  /// is added here, and so to the JSON.
  static let associationMembers: [String: [String]] = [
    "id.source": ["source"], "id.destination": ["destination"],
    "id.securityProtocol": ["protocol"], "id.spi": ["spi"], "id.mark": ["mark"],
    "mode": ["mode"], "reqid": ["reqid"], "replayWindow": ["replay_window"],
    "flags": ["flags"], "encryption": ["encryption"], "authentication": ["authentication"],
    "aead": ["aead"], "compression": ["compression"], "encapsulation": ["encapsulation"],
    "lifetime": ["lifetime"], "selector": ["selector"],
    "securityContext": ["security_context"], "setkeyExtensions": [],
    "current": ["current"], "statistics": ["statistics"], "sequence": ["sequence"],
    "outputMark": ["output_mark"], "interfaceID": ["interface_id"],
    "extraFlags": ["extra_flags"], "tfcPadding": ["tfc_padding"],
    "replayCounters": ["replay_counters"], "offload": ["offload"],
  ]

  static let policyMembers: [String: [String]] = [
    "selector": ["selector"], "direction": ["direction"], "action": ["action"],
    "priority": ["priority"], "templates": ["templates"], "lifetime": ["lifetime"],
    "securityContext": ["security_context"], "index": ["index"], "current": ["current"],
    "mark": ["mark"], "interfaceID": ["interface_id"], "type": ["type"], "flags": ["flags"],
  ]

  static let templateMembers: [String: [String]] = [
    "securityProtocol": ["protocol"], "mode": ["mode"], "tunnelSource": ["tunnel_source"],
    "tunnelDestination": ["tunnel_destination"], "level": ["level"], "reqid": ["reqid"],
    "spi": ["spi"], "authenticationAlgorithms": ["authentication_algorithms"],
    "encryptionAlgorithms": ["encryption_algorithms"],
    "compressionAlgorithms": ["compression_algorithms"],
  ]

  /// Stored property names, `id.` before those of an SA's identity.
  static func properties(of value: Any) -> Set<String> {
    var names: Set<String> = []
    for child in Mirror(reflecting: value).children {
      guard let label = child.label else { continue }
      if child.value is SecurityAssociationID {
        names.formUnion(properties(of: child.value).map { "id." + $0 })
      } else {
        names.insert(label)
      }
    }
    return names
  }

  @Test func everyModelFieldHasAMember() throws {
    let cases: [(Any, [String: [String]], String)] = [
      (Self.association, Self.associationMembers, Self.formatter.format(Self.association)),
      (Self.policy, Self.policyMembers, Self.formatter.format(Self.policy)),
      (
        Self.policy.templates[0], Self.templateMembers,
        Self.formatter.format(Self.policy.templates[0])
      ),
    ]
    for (value, table, text) in cases {
      #expect(Self.properties(of: value) == Set(table.keys), "\(type(of: value))")
      let object = try JSONReader.parse(text)
      for member in table.values.joined() {
        #expect(object[member] != nil, "\(type(of: value)) lacks '\(member)'")
      }
    }
  }

  @Test func theSchemaFileIsTheFormattersVersion() {
    let version = JSONDumpFormatter.schemaVersion
    #expect(
      Package.schema.root["$id"]
        == .string("https://xfrmkey.invalid/schemas/xfrmkey-dump/\(version)"))
    #expect(Package.schema.root["title"] == .string("xfrmkey JSON dump, version \(version)"))
  }

  // MARK: - The schema really constrains the new members

  /// The SA or policy text with one member replaced.
  static func mutated(_ entry: String, _ member: String, _ replacement: String) -> String {
    "[" + entry.replacingOccurrences(of: member, with: replacement) + "]"
  }

  @Test(arguments: [
    (#""mark":{"value":16,"mask":255}"#, #""mark":{"value":16}"#),
    (#""mark":{"value":16,"mask":255}"#, #""mark":{"value":16,"mask":-1}"#),
    (#""interface_id":42"#, #""interface_id":null"#),
    (#""tfc_padding":1500"#, #""tfc_padding":"1500""#),
    (#""0x8""#, #""0X8""#),
    (#""dont-encap-dscp""#, #""dscp""#),
    (#""inbound_sequence":7"#, #""inbound_sequence":-7"#),
    (#""direction":"in""#, #""direction":"inbound""#),
    (#""type":"packet""#, #""type":"full""#),
    (#""offload":{"#, #""offload":{"extra":1,"#),
    (#""tfc_padding":1500,"#, ""),
  ])
  func validatorRejectsBrokenSAMembers(member: String, replacement: String) {
    let entry = Self.formatter.format(Self.association)
    #expect(entry.contains(member))
    #expect(!Package.validateDump(Self.mutated(entry, member, replacement)).isEmpty)
  }

  @Test(arguments: [
    (#""type":"sub""#, #""type":"minor""#),
    (#""flags":["localok","icmp"]"#, #""flags":["allow"]"#),
    (#""mark":{"value":5,"#, #""mark":{"value":4294967296,"#),
    (#""encryption_algorithms":4096"#, #""encryption_algorithms":4294967296"#),
    (#","compression_algorithms":0}"#, "}"),
    (#""interface_id":4294967295,"#, ""),
  ])
  func validatorRejectsBrokenPolicyMembers(member: String, replacement: String) {
    let entry = Self.formatter.format(Self.policy)
    #expect(entry.contains(member))
    #expect(!Package.validateDump(Self.mutated(entry, member, replacement)).isEmpty)
  }
}
