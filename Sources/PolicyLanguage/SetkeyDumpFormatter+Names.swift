// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// The fixed words of setkey's dump output: protocol names, month names, priority labels.
enum SetkeyNames {
  /// What PF_KEY reported for a selector without an upper protocol (`IPSEC_ULPROTO_ANY`);
  /// /etc/protocols has no name for it, so setkey printed `255`.
  static let anyUpperProtocol: UInt8 = 255

  /// Reqids up to this were given by hand (`unique:N`); above it the kernel or the tool
  /// allocated them and setkey wrote `unique#N` (`IPSEC_MANUAL_REQID_MAX`).
  static let manualReqidMaximum: UInt32 = 0x3fff

  /// `ctime`'s month abbreviations.
  static let months = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// The first name Debian's /etc/protocols (netbase) gives each number, which is what
  /// setkey's `getprotobynumber` printed there. A fixed table keeps output the same on
  /// every machine.
  static let protocolNames: [UInt8: String] = [
    1: "icmp", 2: "igmp", 3: "ggp", 4: "ipencap", 5: "st", 6: "tcp", 8: "egp", 9: "igp",
    12: "pup", 17: "udp", 20: "hmp", 22: "xns-idp", 27: "rdp", 29: "iso-tp4", 33: "dccp",
    36: "xtp", 37: "ddp", 38: "idpr-cmtp", 41: "ipv6", 43: "ipv6-route", 44: "ipv6-frag",
    45: "idrp", 46: "rsvp", 47: "gre", 50: "esp", 51: "ah", 57: "skip", 58: "ipv6-icmp",
    59: "ipv6-nonxt", 60: "ipv6-opts", 73: "rspf", 81: "vmtp", 88: "eigrp", 89: "ospf",
    93: "ax.25", 94: "ipip", 97: "etherip", 98: "encap", 103: "pim", 108: "ipcomp",
    112: "vrrp", 115: "l2tp", 124: "isis", 132: "sctp", 133: "fc", 135: "mobility-header",
    136: "udplite", 137: "mpls-in-ip", 138: "manet", 139: "hip", 140: "shim6", 141: "wesp",
    142: "rohc", 143: "ethernet",
  ]

  /// Eight lowercase hex digits, zero padded, as `%08x`.
  static func hex8(_ value: UInt32) -> String {
    let digits = String(value, radix: 16)
    return String(repeating: "0", count: 8 - digits.count) + digits
  }

  /// The upper-layer protocol column: a name when netbase has one, else the number.
  static func upperProtocol(_ number: UInt8) -> String {
    protocolNames[number] ?? "\(number)"
  }

  /// Appends `upperProtocol(number)`; 255 (any), the usual case, without a lookup.
  static func writeUpperProtocol(_ number: UInt8, to out: inout DumpText) {
    if number != anyUpperProtocol, let name = protocolNames[number] {
      out.append(string: name)
    } else {
      out.append(decimal: UInt64(number))
    }
  }

  /// ICMP, ICMPv6, mobility header and GRE: selectors whose "ports" are something else.
  static func isPortless(_ number: UInt8) -> Bool {
    number == 1 || number == 58 || number == 135 || number == 47
  }

  /// Priorities ipsec-tools wrote relative to `prio def`: within a quarter of the default's
  /// value either side (0x60000000 up to, not including, 0xa0000000); below is `high`,
  /// above is `low`.
  static let defaultBand: Range<UInt32> = 0x6000_0000..<0xa000_0000

  /// `prio def`, `prio high + 5`, `prio low - 1`: the nearest ipsec-tools constant and the
  /// offset written the way `prio` input takes it (`+` means a smaller kernel number,
  /// i.e. a stronger policy); nil for priority 0, which setkey printed without `prio`.
  static func priorityText(_ priority: UInt32) -> String? {
    guard priority != 0 else { return nil }

    let (label, base): (String, UInt32)
    if priority < defaultBand.lowerBound {
      (label, base) = ("prio high", PolicyPriority.high)
    } else if priority < defaultBand.upperBound {
      (label, base) = ("prio def", PolicyPriority.default)
    } else {
      (label, base) = ("prio low", PolicyPriority.low)
    }

    let offset = Int64(base) - Int64(priority)
    if offset == 0 { return label }
    return offset > 0 ? "\(label) + \(offset)" : "\(label) - \(-offset)"
  }

  /// `priorityText`, with priority 0 (which setkey printed without `prio`) written as the
  /// `prio high + 1073741824` that parses back to it: for statements that must round-trip.
  static func exactPriorityText(_ priority: UInt32) -> String {
    priorityText(priority) ?? "prio high + \(PolicyPriority.high)"
  }

  /// Appends `priorityText(priority)` for a non-zero priority; `prio def`, the usual
  /// case, without building a string.
  static func writePriority(_ priority: UInt32, to out: inout DumpText) {
    if priority == PolicyPriority.default {
      out.append("prio def")
    } else if let text = priorityText(priority) {
      out.append(string: text)
    }
  }
}
