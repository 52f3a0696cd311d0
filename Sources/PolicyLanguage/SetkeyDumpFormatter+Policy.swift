// SPDX-License-Identifier: Apache-2.0
import Foundation
import IPsecModel

// MARK: - SPD entries

extension SetkeyDumpFormatter {
  /// One `setkey -DP` entry: the selector, `dir prio action` and one line per template,
  /// the times, the limits, `spid= seq= pid=` and `refcnt=`.
  ///
  /// Templates print the level the kernel can tell apart, as Linux PF_KEY reported it: a
  /// template with a reqid is `unique` (`:N` for a reqid given by hand, `#N` above
  /// 0x3fff where reqids are allocated), otherwise `use` when optional and `require` when
  /// not; so `default` comes back as `require`. Tunnel endpoints print for tunnel and beet
  /// templates only. One line setkey never printed: `\tifindex=N` when the selector names
  /// an interface.
  public func format(_ sp: SecurityPolicy, sequence: Int) -> String {
    var out = selectorText(sp.selector) + "\n"
    out += "\t" + policyLine(sp) + "\n"
    for template in sp.templates where sp.action == .ipsec {
      out += "\t" + templateText(template) + "\n"
    }

    let current = sp.current ?? LifetimeCurrent()
    out += "\tcreated: \(setkeyTime(current.addTime))  "
    out += "lastused: \(setkeyTime(current.useTime))\n"
    out += "\tlifetime: \(sp.lifetime.hardAddSeconds)(s) "
    out += "validtime: \(sp.lifetime.hardUseSeconds)(s)\n"
    if sp.selector.interfaceIndex != 0 {
      out += "\tifindex=\(sp.selector.interfaceIndex)\n"
    }
    out += xfrmEraLines(sp)
    if let context = sp.securityContext {
      out += securityContextLines(context)
    }

    out += "\tspid=\(sp.index) seq=\(sequence) pid=\(processID)\n"
    out += "\trefcnt=0\n"
    return out
  }

  /// `src[port] dst[port] proto`: prefixes drop a full-length `/len`; ICMP, ICMPv6,
  /// mobility header and GRE carry no ports but may append `type,code` (GRE: the key).
  func selectorText(_ selector: TrafficSelector) -> String {
    let proto = selector.upperProtocol ?? SetkeyNames.anyUpperProtocol
    let portless: Set<UInt8> = [1, 58, 135, 47]
    let sourcePort = UInt32(selector.sourcePort ?? 0)
    let destinationPort = UInt32(selector.destinationPort ?? 0)

    func endpoint(_ prefix: IPPrefix, _ port: UInt32) -> String {
      var text = prefix.address.description
      if !prefix.isHost { text += "/\(prefix.length)" }
      if !portless.contains(proto) { text += port == 0 ? "[any]" : "[\(port)]" }
      return text
    }

    var text = endpoint(selector.source, sourcePort) + " "
    text += endpoint(selector.destination, destinationPort) + " "
    text += SetkeyNames.upperProtocol(proto)
    if sourcePort != 0 || destinationPort != 0 {
      switch proto {
      case 1, 58, 135: text += " \(sourcePort),\(destinationPort)"
      case 47: text += " \((sourcePort << 16) + destinationPort)"
      default: break
      }
    }
    return text
  }

  /// `out prio def ipsec`, `in prio high + 5 none`, or `fwd discard` for priority 0.
  func policyLine(_ sp: SecurityPolicy) -> String {
    let direction = sp.direction.rawValue
    let action = sp.action.rawValue
    guard let priority = SetkeyNames.priorityText(sp.priority) else {
      return "\(direction) \(action)"
    }
    return "\(direction) \(priority) \(action)"
  }

  /// `esp/transport//require`, `ah/tunnel/A-B/unique:1`, `esp/transport//unique#16385`.
  func templateText(_ template: PolicyTemplate) -> String {
    var reqid = template.reqid
    var optional = false
    switch template.level {
    case .unique(let given): reqid = given ?? template.reqid
    case .use: optional = true
    case .default, .require: break
    }

    var endpoints = ""
    if template.mode == .tunnel || template.mode == .beet {
      let source = template.tunnelSource.map(\.description) ?? ""
      let destination = template.tunnelDestination.map(\.description) ?? ""
      if !source.isEmpty || !destination.isEmpty { endpoints = "\(source)-\(destination)" }
    }

    var text = "\(template.securityProtocol.rawValue)/\(template.mode.rawValue)/\(endpoints)/"
    if reqid == 0 {
      text += optional ? "use" : "require"
    } else {
      text += "unique" + (reqid > SetkeyNames.manualReqidMaximum ? "#" : ":") + "\(reqid)"
    }
    return text + templateExtras(template)
  }

  /// A time as setkey wrote it (`ctime` without the weekday and newline, in
  /// `timeZone`), or 20 spaces for 0 (never).
  func setkeyTime(_ seconds: UInt64) -> String {
    guard seconds != 0 else { return String(repeating: " ", count: 20) }
    let date = Date(timeIntervalSince1970: TimeInterval(seconds))
    var local = time_t(Int64(seconds) + Int64(timeZone.secondsFromGMT(for: date)))
    var fields = tm()
    gmtime_r(&local, &fields)

    let month = SetkeyNames.months[Int(fields.tm_mon)]
    let day = fields.tm_mday < 10 ? " \(fields.tm_mday)" : "\(fields.tm_mday)"
    let clock = [fields.tm_hour, fields.tm_min, fields.tm_sec].map(twoDigits)
    return "\(month) \(day) \(clock.joined(separator: ":")) \(fields.tm_year + 1900)"
  }
}

/// Zero-padded two-digit number.
private func twoDigits(_ value: Int32) -> String {
  value < 10 ? "0\(value)" : "\(value)"
}
