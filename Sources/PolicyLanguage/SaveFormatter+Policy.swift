// SPDX-License-Identifier: Apache-2.0
import IPsecModel

// MARK: - Policy statements

/// The `spdadd` statement of `--save`, built word by word in one buffer: a save of 100k
/// policies makes one string per statement, not one per word.
extension SaveFormatter {
  /// `spdadd -n SRC DST UPPER [ARG] [extensions] [-ctx ...] -P DIR prio P ACTION RULES ;`.
  func spText(_ sp: SecurityPolicy, entry: SaveEntryName) throws(SaveError) -> String {
    let selector = sp.selector
    guard selector.user == 0 else {
      throw SaveError(entry: entry, reason: "no syntax for a selector user (uid)")
    }
    if sp.action == .discard && !sp.templates.isEmpty {
      throw SaveError(entry: entry, reason: "no syntax for templates on a blocking policy")
    }

    var out = DumpText(capacity: 256)
    out.append("spdadd -n")
    writePolicySelector(selector, to: &out)
    for word in limitWords(sp.lifetime) { appendWord(word, to: &out) }
    if selector.interfaceIndex != 0 {
      out.append(" -ifindex ")
      out.append(number: selector.interfaceIndex)
    }
    if sp.index != 0 {
      out.append(" -index ")
      out.append(decimal: UInt64(sp.index))
    }
    for word in xfrmEraWords(sp) { appendWord(word, to: &out) }
    if let context = sp.securityContext {
      appendWord(try contextWords(context, entry: entry), to: &out)
    }

    out.append(" -P ")
    out.append(LiteralNames.of(sp.direction))
    out.append(ascii: " ")
    if sp.priority == PolicyPriority.default {
      out.append("prio def")
    } else {
      out.append(string: SetkeyNames.exactPriorityText(sp.priority))
    }
    out.append(ascii: " ")
    out.append(LiteralNames.of(sp.action))
    if sp.action == .ipsec {
      for template in sp.templates {
        out.append(ascii: " ")
        try writeRule(template, entry: entry, to: &out)
      }
    }
    out.append(" ;\n")
    return out.string
  }

  /// Appends a space and `word`.
  private func appendWord(_ word: String, to out: inout DumpText) {
    out.append(ascii: " ")
    out.append(string: word)
  }

  /// ICMP, ICMPv6 and mobility header: selectors whose "ports" are a type and a code.
  private static func hasTypeAndCode(_ proto: UInt8) -> Bool {
    proto == 1 || proto == 58 || proto == 135
  }

  /// A policy selector in setkey's words, each after a space, with `-sport`/`-dport` for
  /// exact zeros, which setkey's syntax reads as any.
  private func writePolicySelector(_ selector: TrafficSelector, to out: inout DumpText) {
    let proto = selector.upperProtocol
    var ports = proto.map { !Self.hasTypeAndCode($0) && $0 != 47 } ?? true
    if proto == nil && selector.sourcePort == nil && selector.destinationPort == nil {
      ports = false
    }
    func endpoint(_ prefix: IPPrefix, _ port: UInt16?) {
      out.append(ascii: " ")
      out.append(address: prefix.address)
      out.append(ascii: "/")
      out.append(number: prefix.length)
      guard ports else { return }
      if let port, port != 0 {
        out.append(ascii: "[")
        out.append(decimal: UInt64(port))
        out.append(ascii: "]")
      } else {
        out.append("[any]")
      }
    }

    endpoint(selector.source, selector.sourcePort)
    endpoint(selector.destination, selector.destinationPort)
    out.append(ascii: " ")
    if let proto { out.append(decimal: UInt64(proto)) } else { out.append("any") }

    let source = UInt32(selector.sourcePort ?? 0)
    let destination = UInt32(selector.destinationPort ?? 0)
    if let proto, Self.hasTypeAndCode(proto), source != 0 || destination != 0 {
      out.append(ascii: " ")
      out.append(decimal: UInt64(source))
      out.append(ascii: ",")
      out.append(decimal: UInt64(destination))
    } else if proto == 47, source != 0 || destination != 0 {
      out.append(ascii: " ")
      out.append(decimal: UInt64(source << 16 | destination))
    }
    if selector.sourcePort == 0 { out.append(" -sport 0") }
    if selector.destinationPort == 0 { out.append(" -dport 0") }
  }

  /// `esp/tunnel/A-B/unique:5`; levels as `ParseOptions`' extensions describe.
  private func writeRule(
    _ template: PolicyTemplate, entry: SaveEntryName, to out: inout DumpText
  ) throws(SaveError) {
    let mode: StaticString
    switch template.mode {
    case .tunnel: mode = "tunnel"
    case .transport, .any: mode = "transport"
    case .beet: throw SaveError(entry: entry, reason: "no syntax for a 'beet' template")
    }

    out.append(LiteralNames.of(template.securityProtocol))
    out.append(ascii: "/")
    out.append(mode)
    out.append(ascii: "/")
    if template.mode == .tunnel {
      let family = template.tunnelDestination?.family ?? template.tunnelSource?.family ?? .ipv4
      out.append(address: template.tunnelSource ?? .any(family))
      out.append(ascii: "-")
      out.append(address: template.tunnelDestination ?? .any(family))
    }
    out.append(ascii: "/")

    var reqid = template.reqid
    if case .unique(let given?) = template.level { reqid = given }
    if template.level == .use {
      out.append("use")
      if reqid != 0 {
        out.append(ascii: ":")
        out.append(decimal: UInt64(reqid))
      }
    } else if reqid == 0 {
      out.append("require")
    } else {
      let manual = reqid <= StatementParser.maximumManualReqid
      out.append(manual ? "unique:" : "require:")
      out.append(decimal: UInt64(reqid))
    }
    SetkeyDumpFormatter.writeTemplateExtras(template, to: &out)
  }
}
