// SPDX-License-Identifier: Apache-2.0
import IPsecModel

// MARK: - SP objects and the parts SAs share

extension JSONDumpFormatter {
  /// One policy as a single-line JSON object, without a trailing newline.
  public func format(_ sp: SecurityPolicy) -> String {
    var json = JSONWriter()
    write(sp, to: &json)
    return json.text
  }

  /// Appends the object `format(_:)` returns.
  func write(_ sp: SecurityPolicy, to json: inout JSONWriter) {
    json.beginObject()
    json.member("kind", plain: "sp")
    json.member("direction", plain: LiteralNames.of(sp.direction))
    json.member("action", plain: LiteralNames.of(sp.action))
    json.member("priority", sp.priority)
    json.member("index", sp.index)
    writePolicyExtras(sp, to: &json)
    json.key("selector")
    writeSelector(sp.selector, to: &json)

    json.key("templates")
    json.beginArray()
    for template in sp.templates { writeTemplate(template, to: &json) }
    json.endArray()

    json.key("lifetime")
    writeLimits(sp.lifetime, to: &json)
    json.key("current")
    writeCurrent(sp.current, to: &json)
    json.key("security_context")
    writeContext(sp.securityContext, to: &json)
    json.endObject()
  }

  /// `ipv4` or `ipv6`.
  func familyName(_ family: AddressFamily) -> String {
    family == .ipv4 ? "ipv4" : "ipv6"
  }

  /// A template; `level` is the setkey word, `reqid` the one the kernel holds (or the
  /// one `unique:N` named), the algorithm masks a bit per SADB number (all ones is any).
  func writeTemplate(_ template: PolicyTemplate, to json: inout JSONWriter) {
    var reqid = template.reqid
    let level: StaticString
    switch template.level {
    case .default: level = "default"
    case .use: level = "use"
    case .require: level = "require"
    case .unique(let given):
      level = "unique"
      reqid = given ?? template.reqid
    }

    json.writeFlatObject(members: 10) { object in
      object.member("protocol", plain: LiteralNames.of(template.securityProtocol))
      object.member("mode", plain: LiteralNames.of(template.mode))
      object.member("tunnel_source", address: template.tunnelSource)
      object.member("tunnel_destination", address: template.tunnelDestination)
      object.member("level", plain: level)
      object.member("reqid", reqid)
      object.member("spi", template.spi)
      object.member("authentication_algorithms", template.authenticationAlgorithms)
      object.member("encryption_algorithms", template.encryptionAlgorithms)
      object.member("compression_algorithms", template.compressionAlgorithms)
    }
  }

  /// A selector: prefixes split into address and length; a nil port or protocol is any.
  func writeSelector(_ selector: TrafficSelector, to json: inout JSONWriter) {
    json.writeFlatObject(members: 10) { object in
      object.member("family", plain: selector.family == .ipv4 ? "ipv4" : "ipv6")
      object.member("source", address: selector.source.address)
      object.member("source_prefix_length", selector.source.length)
      object.member("destination", address: selector.destination.address)
      object.member("destination_prefix_length", selector.destination.length)
      object.member("source_port", selector.sourcePort)
      object.member("destination_port", selector.destinationPort)
      object.member("upper_protocol", selector.upperProtocol)
      object.member("interface_index", selector.interfaceIndex)
      object.member("user", selector.user)
    }
  }

  /// `struct xfrm_lifetime_cfg`; 0 is no limit.
  func writeLimits(_ limits: LifetimeLimits, to json: inout JSONWriter) {
    json.writeFlatObject(members: 8) { object in
      object.member("soft_bytes", limits.softBytes)
      object.member("hard_bytes", limits.hardBytes)
      object.member("soft_packets", limits.softPackets)
      object.member("hard_packets", limits.hardPackets)
      object.member("soft_add_seconds", limits.softAddSeconds)
      object.member("hard_add_seconds", limits.hardAddSeconds)
      object.member("soft_use_seconds", limits.softUseSeconds)
      object.member("hard_use_seconds", limits.hardUseSeconds)
    }
  }

  /// `struct xfrm_lifetime_cur`, or null when the entry did not come from the kernel.
  func writeCurrent(_ current: LifetimeCurrent?, to json: inout JSONWriter) {
    guard let current else { return json.null() }
    json.writeFlatObject(members: 4) { object in
      object.member("bytes", current.bytes)
      object.member("packets", current.packets)
      object.member("add_time", current.addTime)
      object.member("use_time", current.useTime)
    }
  }

  /// A security context, or null.
  func writeContext(_ context: SecurityContext?, to json: inout JSONWriter) {
    guard let context else { return json.null() }
    json.beginObject()
    json.member("doi", context.doi)
    json.member("algorithm", context.algorithm)
    json.member("context", context.context)
    json.endObject()
  }
}
