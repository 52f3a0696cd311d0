// SPDX-License-Identifier: Apache-2.0

/// Names the kernel field at a byte offset of an xfrm request, so a golden-vector
/// mismatch reads `XFRMA_TMPL[1] +52 aalgos` instead of a bare number. Offsets follow
/// linux/xfrm.h on a 64-bit host; this is a test aid, not an encoder.
enum WireLayout {
  /// One field: first byte, size in bytes, kernel name.
  typealias Field = (offset: Int, size: Int, name: String)

  /// The field holding byte `offset` of `message` (a whole netlink message, laid out as
  /// the golden vector is: header, family struct, attributes).
  static func fieldName(at offset: Int, in message: [UInt8]) -> String {
    if offset < 16 { return name(at: offset, in: header, prefix: "nlmsghdr") }
    guard message.count >= 16 else { return "past the end" }

    let type = UInt16(message[4]) | UInt16(message[5]) << 8
    let flags = UInt16(message[6]) | UInt16(message[7]) << 8
    let (bodyName, body) = familyHeader(type: type, isDump: flags & 0x300 == 0x300)
    let bodyEnd = 16 + align(size(of: body))
    if offset < bodyEnd {
      return name(at: offset - 16, in: body, prefix: bodyName)
    }

    var start = bodyEnd
    var counts: [UInt16: Int] = [:]
    while start + 4 <= message.count {
      let length = Int(message[start]) | Int(message[start + 1]) << 8
      let kind = UInt16(message[start + 2]) | UInt16(message[start + 3]) << 8
      guard length >= 4 else { break }
      let end = start + align(length)
      if offset < end {
        return attributeField(kind: kind, offset: offset - start, index: counts[kind, default: 0])
      }
      counts[kind, default: 0] += 1
      start = end
    }
    return "past the last attribute"
  }

  // MARK: - Structs of linux/xfrm.h

  static let header: [Field] = [
    (0, 4, "nlmsg_len"), (4, 2, "nlmsg_type"), (6, 2, "nlmsg_flags"),
    (8, 4, "nlmsg_seq"), (12, 4, "nlmsg_pid"),
  ]

  static let selector: [Field] = [
    (0, 16, "daddr"), (16, 16, "saddr"), (32, 2, "dport"), (34, 2, "dport_mask"),
    (36, 2, "sport"), (38, 2, "sport_mask"), (40, 2, "family"), (42, 1, "prefixlen_d"),
    (43, 1, "prefixlen_s"), (44, 1, "proto"), (45, 3, "pad"), (48, 4, "ifindex"),
    (52, 4, "user"),
  ]

  static let lifetimeConfig: [Field] = [
    (0, 8, "soft_byte_limit"), (8, 8, "hard_byte_limit"), (16, 8, "soft_packet_limit"),
    (24, 8, "hard_packet_limit"), (32, 8, "soft_add_expires_seconds"),
    (40, 8, "hard_add_expires_seconds"), (48, 8, "soft_use_expires_seconds"),
    (56, 8, "hard_use_expires_seconds"),
  ]

  static let lifetimeCurrent: [Field] = [
    (0, 8, "bytes"), (8, 8, "packets"), (16, 8, "add_time"), (24, 8, "use_time"),
  ]

  static let xfrmID: [Field] = [(0, 16, "daddr"), (16, 4, "spi"), (20, 1, "proto")]

  static let saInfo: [Field] =
    nest(selector, at: 0, "sel") + nest(xfrmID, at: 56, "id")
    + [(80, 16, "saddr")] + nest(lifetimeConfig, at: 96, "lft")
    + nest(lifetimeCurrent, at: 160, "curlft")
    + [
      (192, 4, "stats.replay_window"), (196, 4, "stats.replay"),
      (200, 4, "stats.integrity_failed"), (204, 4, "seq"), (208, 4, "reqid"),
      (212, 2, "family"), (214, 1, "mode"), (215, 1, "replay_window"), (216, 1, "flags"),
      (217, 7, "pad"),
    ]

  static let policyInfo: [Field] =
    nest(selector, at: 0, "sel") + nest(lifetimeConfig, at: 56, "lft")
    + nest(lifetimeCurrent, at: 120, "curlft")
    + [
      (152, 4, "priority"), (156, 4, "index"), (160, 1, "dir"), (161, 1, "action"),
      (162, 1, "flags"), (163, 1, "share"), (164, 4, "pad"),
    ]

  static let saID: [Field] = [
    (0, 16, "daddr"), (16, 4, "spi"), (20, 2, "family"), (22, 1, "proto"), (23, 1, "pad"),
  ]

  static let policyID: [Field] =
    nest(selector, at: 0, "sel") + [(56, 4, "index"), (60, 1, "dir"), (61, 3, "pad")]

  static let spiInfo: [Field] =
    nest(saInfo, at: 0, "info") + [(224, 4, "min"), (228, 4, "max")]

  static let template: [Field] = [
    (0, 16, "id.daddr"), (16, 4, "id.spi"), (20, 1, "id.proto"), (21, 3, "id.pad"),
    (24, 2, "family"), (26, 2, "pad"), (28, 16, "saddr"), (44, 4, "reqid"), (48, 1, "mode"),
    (49, 1, "share"), (50, 1, "optional"), (51, 1, "pad"), (52, 4, "aalgos"),
    (56, 4, "ealgos"), (60, 4, "calgos"),
  ]

  // MARK: - Lookup

  private static func familyHeader(type: UInt16, isDump: Bool) -> (String, [Field]) {
    switch type {
    case 0x10, 0x1a: ("xfrm_usersa_info", saInfo)
    case 0x11, 0x12: isDump ? ("dump", []) : ("xfrm_usersa_id", saID)
    case 0x13, 0x19: ("xfrm_userpolicy_info", policyInfo)
    case 0x14, 0x15: isDump ? ("dump", []) : ("xfrm_userpolicy_id", policyID)
    case 0x16: ("xfrm_userspi_info", spiInfo)
    case 0x1c: ("xfrm_usersa_flush", [(0, 1, "proto")])
    default: ("body", [])
    }
  }

  private static func attributeField(kind: UInt16, offset: Int, index: Int) -> String {
    let label = attributeNames[kind] ?? "attribute \(kind)"
    if offset < 4 { return "\(label) " + (offset < 2 ? "nla_len" : "nla_type") }

    let inner = offset - 4
    if kind == 5 {
      let field = name(at: inner % 64, in: template, prefix: "")
      return "\(label)[\(inner / 64)].\(field)"
    }
    let fields = attributeFields[kind] ?? []
    return name(at: inner, in: fields, prefix: index > 0 ? "\(label)#\(index)" : label)
  }

  private static let attributeNames: [UInt16: String] = [
    1: "XFRMA_ALG_AUTH", 2: "XFRMA_ALG_CRYPT", 3: "XFRMA_ALG_COMP", 4: "XFRMA_ENCAP",
    5: "XFRMA_TMPL", 8: "XFRMA_SEC_CTX", 13: "XFRMA_SRCADDR", 16: "XFRMA_POLICY_TYPE",
    18: "XFRMA_ALG_AEAD", 20: "XFRMA_ALG_AUTH_TRUNC", 23: "XFRMA_REPLAY_ESN_VAL",
    24: "XFRMA_SA_EXTRA_FLAGS", 25: "XFRMA_PROTO", 26: "XFRMA_ADDRESS_FILTER",
  ]

  private static let attributeFields: [UInt16: [Field]] = [
    1: [(0, 64, "alg_name"), (64, 4, "alg_key_len"), (68, 512, "alg_key")],
    2: [(0, 64, "alg_name"), (64, 4, "alg_key_len"), (68, 512, "alg_key")],
    3: [(0, 64, "alg_name"), (64, 4, "alg_key_len"), (68, 512, "alg_key")],
    4: [
      (0, 2, "encap_type"), (2, 2, "encap_sport"), (4, 2, "encap_dport"), (6, 2, "pad"),
      (8, 16, "encap_oa"),
    ],
    8: [
      (0, 2, "len"), (2, 2, "exttype"), (4, 1, "ctx_alg"), (5, 1, "ctx_doi"),
      (6, 2, "ctx_len"), (8, 4096, "ctx_str"),
    ],
    13: [(0, 16, "xfrm_address_t")],
    18: [
      (0, 64, "alg_name"), (64, 4, "alg_key_len"), (68, 4, "alg_icv_len"),
      (72, 512, "alg_key"),
    ],
    20: [
      (0, 64, "alg_name"), (64, 4, "alg_key_len"), (68, 4, "alg_trunc_len"),
      (72, 512, "alg_key"),
    ],
    23: [
      (0, 4, "bmp_len"), (4, 4, "oseq"), (8, 4, "seq"), (12, 4, "oseq_hi"),
      (16, 4, "seq_hi"), (20, 4, "replay_window"), (24, 4096, "bmp"),
    ],
    25: [(0, 1, "proto")],
    26: [
      (0, 16, "saddr"), (16, 16, "daddr"), (32, 2, "family"), (34, 1, "splen"),
      (35, 1, "dplen"),
    ],
  ]

  private static func name(at offset: Int, in fields: [Field], prefix: String) -> String {
    let dot = prefix.isEmpty ? "" : "."
    guard let field = fields.first(where: { offset >= $0.offset && offset < $0.offset + $0.size })
    else { return "\(prefix)\(dot)padding" }
    let within = offset - field.offset
    return "\(prefix)\(dot)\(field.name)" + (within > 0 ? " +\(within)" : "")
  }

  private static func nest(_ fields: [Field], at base: Int, _ prefix: String) -> [Field] {
    fields.map { (base + $0.offset, $0.size, "\(prefix).\($0.name)") }
  }

  private static func size(of fields: [Field]) -> Int {
    fields.map { $0.offset + $0.size }.max() ?? 0
  }

  private static func align(_ value: Int) -> Int { (value + 3) & ~3 }
}
