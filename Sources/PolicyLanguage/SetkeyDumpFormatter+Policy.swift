// SPDX-License-Identifier: Apache-2.0
import IPsecModel

#if canImport(Glibc)
  import Glibc
#endif

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
    var text = DumpText()
    write(sp, sequence: sequence, to: &text)
    return text.string
  }

  /// Appends the entry `format(_:sequence:)` returns, as bytes.
  func write(_ sp: SecurityPolicy, sequence: Int, to out: inout DumpText) {
    writeSelector(sp.selector, to: &out)
    out.append("\n\t")
    writePolicyLine(sp, to: &out)
    out.append("\n")
    if sp.action == .ipsec {
      for template in sp.templates {
        out.append("\t")
        writeTemplate(template, to: &out)
        out.append("\n")
      }
    }

    let current = sp.current ?? LifetimeCurrent()
    out.append("\tcreated: ")
    writeTime(current.addTime, to: &out)
    out.append("  lastused: ")
    writeTime(current.useTime, to: &out)
    out.appendInPlace(maximum: 40 + 2 * TextCursor.maximumDecimal) { line in
      line.put("\n\tlifetime: ")
      line.put(decimal: sp.lifetime.hardAddSeconds)
      line.put("(s) validtime: ")
      line.put(decimal: sp.lifetime.hardUseSeconds)
      line.put("(s)\n")
    }
    if sp.selector.interfaceIndex != 0 {
      out.append("\tifindex=")
      out.append(number: sp.selector.interfaceIndex)
      out.append("\n")
    }
    writeXfrmEraLines(sp, to: &out)
    if let context = sp.securityContext {
      out.append(string: securityContextLines(context))
    }

    out.appendInPlace(maximum: 40 + 3 * TextCursor.maximumSigned) { line in
      line.put("\tspid=")
      line.put(decimal: UInt64(sp.index))
      line.put(" seq=")
      line.put(number: sequence)
      line.put(" pid=")
      line.put(number: processID)
      line.put("\n\trefcnt=0\n")
    }
  }

  /// `src[port] dst[port] proto`: prefixes drop a full-length `/len`; ICMP, ICMPv6,
  /// mobility header and GRE carry no ports but may append `type,code` (GRE: the key).
  func selectorText(_ selector: TrafficSelector) -> String {
    var text = DumpText(capacity: 64)
    writeSelector(selector, to: &text)
    return text.string
  }

  private func writeSelector(_ selector: TrafficSelector, to out: inout DumpText) {
    let proto = selector.upperProtocol ?? SetkeyNames.anyUpperProtocol
    let hasPorts = !SetkeyNames.isPortless(proto)
    let sourcePort = UInt32(selector.sourcePort ?? 0)
    let destinationPort = UInt32(selector.destinationPort ?? 0)

    func endpoint(_ prefix: IPPrefix, _ port: UInt32) {
      out.append(address: prefix.address)
      if !prefix.isHost {
        out.append(ascii: "/")
        out.append(number: prefix.length)
      }
      guard hasPorts else { return }
      if port == 0 {
        out.append("[any]")
      } else {
        out.append(ascii: "[")
        out.append(decimal: UInt64(port))
        out.append(ascii: "]")
      }
    }

    endpoint(selector.source, sourcePort)
    out.append(ascii: " ")
    endpoint(selector.destination, destinationPort)
    out.append(ascii: " ")
    SetkeyNames.writeUpperProtocol(proto, to: &out)
    if sourcePort != 0 || destinationPort != 0 {
      switch proto {
      case 1, 58, 135:
        out.append(ascii: " ")
        out.append(decimal: UInt64(sourcePort))
        out.append(ascii: ",")
        out.append(decimal: UInt64(destinationPort))
      case 47:
        out.append(ascii: " ")
        out.append(decimal: UInt64((sourcePort << 16) + destinationPort))
      default: break
      }
    }
  }

  /// `out prio def ipsec`, `in prio high + 5 none`, or `fwd discard` for priority 0.
  func policyLine(_ sp: SecurityPolicy) -> String {
    var text = DumpText(capacity: 32)
    writePolicyLine(sp, to: &text)
    return text.string
  }

  private func writePolicyLine(_ sp: SecurityPolicy, to out: inout DumpText) {
    out.append(LiteralNames.of(sp.direction))
    out.append(ascii: " ")
    if sp.priority != 0 {
      SetkeyNames.writePriority(sp.priority, to: &out)
      out.append(ascii: " ")
    }
    out.append(LiteralNames.of(sp.action))
  }

  /// `esp/transport//require`, `ah/tunnel/A-B/unique:1`, `esp/transport//unique#16385`.
  func templateText(_ template: PolicyTemplate) -> String {
    var text = DumpText(capacity: 64)
    writeTemplate(template, to: &text)
    return text.string
  }

  private func writeTemplate(_ template: PolicyTemplate, to out: inout DumpText) {
    var reqid = template.reqid
    var optional = false
    switch template.level {
    case .unique(let given): reqid = given ?? template.reqid
    case .use: optional = true
    case .default, .require: break
    }

    out.append(LiteralNames.of(template.securityProtocol))
    out.append(ascii: "/")
    out.append(LiteralNames.of(template.mode))
    out.append(ascii: "/")
    if template.mode == .tunnel || template.mode == .beet,
      template.tunnelSource != nil || template.tunnelDestination != nil
    {
      if let source = template.tunnelSource { out.append(address: source) }
      out.append(ascii: "-")
      if let destination = template.tunnelDestination { out.append(address: destination) }
    }
    out.append(ascii: "/")
    if reqid == 0 {
      out.append(optional ? "use" : "require")
    } else {
      out.append(reqid > SetkeyNames.manualReqidMaximum ? "unique#" : "unique:")
      out.append(decimal: UInt64(reqid))
    }
    Self.writeTemplateExtras(template, to: &out)
  }

  /// A time as setkey wrote it (`ctime` without the weekday and newline, in
  /// `timeZone`), or 20 spaces for 0 (never).
  func setkeyTime(_ seconds: UInt64) -> String {
    var text = DumpText(capacity: 20)
    writeTime(seconds, to: &text)
    return text.string
  }

  /// Appends `setkeyTime(seconds)`. Entries of a dump share a few creation seconds, so
  /// each second's text is worked out once (the zone's offset is the costly part).
  func writeTime(_ seconds: UInt64, to out: inout DumpText) {
    guard seconds != 0 else {
      out.append("                    ")
      return
    }
    if let known = timeTexts.text(for: seconds) {
      out.append(bytes: known)
      return
    }

    var time = time_t(Int64(seconds))
    var fields = tm()
    switch timeZone {
    case .local:
      localtime_r(&time, &fields)
    case .fixed(let offset):
      time += time_t(offset)
      gmtime_r(&time, &fields)
    }

    var text = DumpText(capacity: 24)
    text.append(string: SetkeyNames.months[Int(fields.tm_mon)])
    text.append(ascii: " ")
    if fields.tm_mday < 10 { text.append(ascii: " ") }
    text.append(number: fields.tm_mday)
    text.append(ascii: " ")
    text.append(twoDigits: fields.tm_hour)
    text.append(ascii: ":")
    text.append(twoDigits: fields.tm_min)
    text.append(ascii: ":")
    text.append(twoDigits: fields.tm_sec)
    text.append(ascii: " ")
    text.append(number: fields.tm_year + 1900)
    timeTexts.remember(text.bytes, for: seconds)
    out.append(bytes: text.bytes)
  }
}

/// A formatter's time zone and the text of the times it has written, by second. Shared by
/// copies of one formatter; a formatter given another `timeZone` starts a new one.
final class TimeTextCache {
  /// The zone the texts are in.
  let zone: TimestampZone

  private var texts: [UInt64: [UInt8]] = [:]

  /// A cache for `zone`.
  init(zone: TimestampZone) { self.zone = zone }

  /// Entries kept before the cache starts over; a dump rarely spans this many seconds.
  private static let limit = 4096

  /// The second asked for last, and its text: entries of a dump mostly share their
  /// creation second with the entry before, and this spares the dictionary lookup.
  private var last: (seconds: UInt64, text: [UInt8])?

  /// The text of a second already written.
  func text(for seconds: UInt64) -> [UInt8]? {
    if let last, last.seconds == seconds { return last.text }
    guard let text = texts[seconds] else { return nil }
    last = (seconds, text)
    return text
  }

  /// Keeps the text of a second.
  func remember(_ text: [UInt8], for seconds: UInt64) {
    if texts.count >= Self.limit { texts.removeAll(keepingCapacity: true) }
    texts[seconds] = text
    last = (seconds, text)
  }
}
