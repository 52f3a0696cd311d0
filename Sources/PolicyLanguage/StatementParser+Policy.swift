// SPDX-License-Identifier: Apache-2.0
import IPsecModel

extension StatementParser {
  /// `spdadd|spdupdate|spddelete|spdget [flags] src[/len][[port]] dst[/len][[port]] upper
  /// [upper-arg] [options] -P policy ;`, the options those of `PolicyOptions`. In RFC mode
  /// an `in` policy is followed by its `fwd` twin (not for `spdget`, which shows one).
  mutating func parsePolicyStatement(_ command: Token) throws(Diagnostic) {
    if peek().isWord("tagged") { throw .notOnLinux(peek(), what: "tagged policies") }
    let flags = try parseAddressFlags()
    let source = try parseEndpoint("source", flags: flags, allowPrefix: true)
    let destination = try parseEndpoint("destination", flags: flags, allowPrefix: true)
    let from = try single(source)
    let to = try single(destination)
    guard from.family == to.family else {
      throw .familyMismatch(destination.token, source.token)
    }

    let upperToken = try expectWord("an upper-layer protocol ('any', 'tcp', 'icmp', ...)")
    let upperProtocol = try parseUpperProtocol(upperToken)
    if upperProtocol == 58 && from.family == .ipv4 || upperProtocol == 1 && from.family == .ipv6 {
      throw .upperProtocolFamily(upperToken, addresses: from.family)
    }
    var selector = TrafficSelector(
      source: IPPrefix(from, length: source.prefixLength),
      destination: IPPrefix(to, length: destination.prefixLength),
      sourcePort: source.port, destinationPort: destination.port, upperProtocol: upperProtocol)
    if peek().kind == .word, !peek().isOption {
      try applyUpperArgument(advance(), to: &selector, upperToken: upperToken)
    }

    let isDelete = command.hasText("spddelete") || command.hasText("spdget")
    var policyOptions = PolicyOptions()
    try parsePolicyOptions(into: &policyOptions, for: command, identityOnly: isDelete)
    selector = policyOptions.saveExtensions.applied(to: selector)
    let policyOption = peek()
    guard policyOption.isWord("-P") else {
      throw .unexpected(policyOption, expected: "'-P' and a policy")
    }
    advance()
    lexer.mode = .policy
    let parsed = try parsePolicy(actionOptional: isDelete)
    try expectEnd()
    checkIndex(policyOptions, direction: parsed.direction)

    if command.hasText("spdget") {
      let identity = policyOptions.identity(selector, parsed.direction)
      emit(Statement(.spdGet(identity), at: command.location))
      return
    }
    emit(
      command, parsed.direction, selector: selector, policy: parsed, options: policyOptions,
      isDelete: isDelete)
    if options.rfcMode && parsed.direction == .in {
      emit(
        command, .fwd, selector: selector, policy: parsed, options: policyOptions,
        isDelete: isDelete)
    }
  }

  /// The statement for `direction`: the written one, or its `fwd` twin in RFC mode.
  private mutating func emit(
    _ command: Token, _ direction: PolicyDirection, selector: TrafficSelector,
    policy parsed: ParsedPolicy, options policyOptions: PolicyOptions, isDelete: Bool
  ) {
    if isDelete, policyOptions.hasIdentityExtras || policyOptions.context != nil {
      var identity = policyOptions.identity(selector, direction)
      if direction != parsed.direction { identity.index = 0 }
      emit(Statement(.spdDeleteMatching(identity), at: command.location))
      return
    }
    if isDelete {
      emit(Statement(.spdDelete(selector, direction), at: command.location))
      return
    }

    var policy = SecurityPolicy(
      selector: selector, direction: direction, action: parsed.action ?? .discard)
    policy.priority = parsed.priority
    policy.templates = parsed.templates
    policyOptions.apply(to: &policy)
    if direction != parsed.direction {
      policy.index = 0
      policy.templates = Self.forwardTemplates(policy.templates)
    }
    let isUpdate = command.hasText("spdupdate")
    emit(Statement(isUpdate ? .spdUpdate(policy) : .spdAdd(policy), at: command.location))
  }

  /// Linux setkey's `fwd` twin: the first rule, if `unique`, becomes `require` with no
  /// reqid (a forwarded packet cannot be bound to the host's own SA); the rest is copied.
  static func forwardTemplates(_ templates: [PolicyTemplate]) -> [PolicyTemplate] {
    var twin = templates
    if let first = twin.first, case .unique = first.level {
      twin[0].level = .require
      twin[0].reqid = 0
    }
    return twin
  }

  /// `any`, a number, or a name from `/etc/protocols`; nil means any (255 included, which
  /// is how setkey writes any).
  func parseUpperProtocol(_ token: Token) throws(Diagnostic) -> UInt8? {
    if token.hasText("any") { return nil }
    if token.isAllDigits {
      let number: UInt8 = try self.number(token, "upper-layer protocol")
      return number == 255 ? nil : number
    }
    guard let number = ProtocolTable.system.number(named: token.text) else {
      throw .unknownUpperProtocol(token)
    }
    return number
  }

  /// The word after the upper-layer protocol: `type[,code]` for ICMP, ICMPv6 and MH (the
  /// kernel keeps them in the port fields), a key for GRE (`a.b.c.d` or a number, split
  /// into the two 16-bit port fields). It replaces any bracketed ports. A zero type or code
  /// means any, as a zero port does: Linux setkey's PF_KEY path installed it that way.
  func applyUpperArgument(
    _ token: Token, to selector: inout TrafficSelector, upperToken: Token
  ) throws(Diagnostic) {
    switch selector.upperProtocol {
    case 1, 58, 135:
      let parts = token.text.split(separator: ",", omittingEmptySubsequences: false)
      guard parts.count <= 2, let type = UInt8(parts[0]) else {
        throw .invalidUpperArgument(token, upperToken)
      }
      selector.sourcePort = type == 0 ? nil : UInt16(type)
      selector.destinationPort = nil
      if parts.count == 2 {
        guard let code = UInt8(parts[1]) else { throw .invalidUpperArgument(token, upperToken) }
        selector.destinationPort = code == 0 ? nil : UInt16(code)
      }
    case 47:
      let key: UInt32
      let octets = token.text.split(separator: ".").compactMap { UInt8($0) }
      if octets.count == 4 && token.text.split(separator: ".").count == 4 {
        key = octets.reduce(0) { $0 << 8 | UInt32($1) }
      } else if let number = UInt32(token.text) {
        key = number
      } else {
        throw .invalidUpperArgument(token, upperToken)
      }
      let high = UInt16(key >> 16)
      let low = UInt16(key & 0xffff)
      selector.sourcePort = high == 0 ? nil : high
      selector.destinationPort = low == 0 ? nil : low
    default:
      throw .upperArgumentNotAllowed(token, upperToken)
    }
  }
}
