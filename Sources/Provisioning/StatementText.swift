// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage

/// Writes an SA or a policy as the setkey statement that would declare it, for `diff` and
/// `apply` reports. Keys print as `<hidden>` unless `showKeys`. Every part of an entry's
/// identity is written (marks, interface ids, policy type and interface), so two entries
/// never print alike, and so is what a policy update can change (limits, flags); an SA's
/// flags and selector are left out.
public struct StatementText: Sendable {
  /// Print keys as `0x` hex instead of `<hidden>`.
  public var showKeys: Bool

  /// A writer that hides keys unless asked.
  public init(showKeys: Bool = false) { self.showKeys = showKeys }

  /// The statement for an entry, ending in `;`.
  public func text(_ entry: ProvisioningEntry) -> String {
    switch entry {
    case .state(let sa): text(sa)
    case .policy(let sp): text(sp)
    }
  }

  /// `add SRC DST PROTO SPI [options] ALGORITHMS ;`.
  public func text(_ sa: SecurityAssociation) -> String {
    var words = ["add"]
    if let encap = sa.encapsulation {
      words += [
        "\(sa.id.source)[\(encap.sourcePort)]", "\(sa.id.destination)[\(encap.destinationPort)]",
        "esp-udp",
      ]
    } else {
      words += ["\(sa.id.source)", "\(sa.id.destination)", sa.id.securityProtocol.rawValue]
    }
    words.append("0x" + String(sa.id.spi, radix: 16))
    if let mark = sa.id.mark { words += ["-mark", "\(mark)"] }
    if sa.interfaceID != 0 { words += ["-if-id", "\(sa.interfaceID)"] }
    if sa.mode != .any { words += ["-m", sa.mode.rawValue] }
    if sa.replayWindow != 0 { words += ["-r", "\(sa.replayWindow)"] }
    if sa.reqid != 0 { words += ["-u", "\(sa.reqid)"] }
    words += lifetimeWords(sa.lifetime)
    if let context = sa.securityContext { words += contextWords(context) }

    if let aead = sa.aead { words += ["-E", aead.algorithm.name, key(aead.key)] }
    if let encryption = sa.encryption {
      words += ["-E", encryption.algorithm.name, key(encryption.key)]
    }
    if let authentication = sa.authentication {
      words += ["-A", authentication.algorithm.name, key(authentication.key)]
    }
    if let compression = sa.compression { words += ["-C", compression.algorithm.name] }
    return words.joined(separator: " ") + " ;"
  }

  /// `spdadd SRC DST UPPER -P DIR [prio ...] ACTION RULES ;`.
  public func text(_ sp: SecurityPolicy) -> String {
    var words = ["spdadd"] + selectorWords(sp.selector)
    if sp.selector.interfaceIndex != 0 { words += ["-ifindex", "\(sp.selector.interfaceIndex)"] }
    if let mark = sp.mark { words += ["-mark", "\(mark)"] }
    if sp.interfaceID != 0 { words += ["-if-id", "\(sp.interfaceID)"] }
    if sp.type == .sub { words += ["-type", "sub"] }
    words += lifetimeWords(sp.lifetime)
    if sp.flags.contains(.localOK) { words += ["-f", "localok"] }
    if sp.flags.contains(.icmp) { words += ["-f", "icmp"] }
    if let context = sp.securityContext { words += contextWords(context) }
    words += ["-P", sp.direction.rawValue]
    if sp.priority != PolicyPriority.default {
      words.append(PolicyPriority.setkeyText(sp.priority))
    }
    words.append(sp.action.rawValue)
    if sp.action == .ipsec { words += sp.templates.map(templateText) }
    return words.joined(separator: " ") + " ;"
  }

  // MARK: - Parts

  private func key(_ key: Key) -> String {
    showKeys ? "0x" + key.hexadecimal : "<hidden>"
  }

  private func lifetimeWords(_ limits: LifetimeLimits) -> [String] {
    var words: [String] = []
    if limits.hardAddSeconds != 0 { words += ["-lh", "\(limits.hardAddSeconds)"] }
    if limits.softAddSeconds != 0 { words += ["-ls", "\(limits.softAddSeconds)"] }
    if limits.hardBytes != 0 { words += ["-bh", "\(limits.hardBytes)"] }
    if limits.softBytes != 0 { words += ["-bs", "\(limits.softBytes)"] }
    if limits.hardPackets != 0 { words += ["-ph", "\(limits.hardPackets)"] }
    if limits.softPackets != 0 { words += ["-ps", "\(limits.softPackets)"] }
    if limits.hardUseSeconds != 0 { words += ["-uh", "\(limits.hardUseSeconds)"] }
    if limits.softUseSeconds != 0 { words += ["-us", "\(limits.softUseSeconds)"] }
    return words
  }

  private func contextWords(_ context: SecurityContext) -> [String] {
    ["-ctx", "\(context.doi)", "\(context.algorithm)", "\"\(context.context)\""]
  }

  private func selectorWords(_ selector: TrafficSelector) -> [String] {
    func endpoint(_ prefix: IPPrefix, _ port: UInt16?) -> String {
      var text = prefix.address.description
      if !prefix.isHost { text += "/\(prefix.length)" }
      return text + (port.map { "[\($0)]" } ?? "[any]")
    }
    let names: [UInt8: String] = [1: "icmp", 6: "tcp", 17: "udp", 47: "gre", 58: "ipv6-icmp"]
    let upper = selector.upperProtocol.map { names[$0] ?? "\($0)" } ?? "any"
    return [
      endpoint(selector.source, selector.sourcePort),
      endpoint(selector.destination, selector.destinationPort), upper,
    ]
  }

  private func templateText(_ template: PolicyTemplate) -> String {
    var endpoints = ""
    if template.mode == .tunnel || template.mode == .beet {
      let source = template.tunnelSource.map(\.description) ?? ""
      let destination = template.tunnelDestination.map(\.description) ?? ""
      endpoints = "\(source)-\(destination)"
    }
    let level: String
    switch template.level {
    case .default: level = "default"
    case .use: level = "use"
    case .require: level = "require"
    case .unique(let reqid):
      let number = reqid ?? template.reqid
      level = number == 0 ? "unique" : "unique:\(number)"
    }
    return "\(template.securityProtocol.rawValue)/\(template.mode.rawValue)/\(endpoints)/\(level)"
  }
}
