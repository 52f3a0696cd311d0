// SPDX-License-Identifier: Apache-2.0
import IPsecModel

// The keyword enums the parser reads, matched on a token's bytes. Each accepts exactly
// what `init(rawValue: token.text)` accepts (KeywordTests checks every case), without
// decoding the token.

extension PolicyDirection {
  /// `in`, `out` or `fwd`.
  init?(_ token: Token) {
    switch token {
    case "in": self = .in
    case "out": self = .out
    case "fwd": self = .fwd
    default: return nil
    }
  }
}

extension PolicyAction {
  /// `discard`, `none`, `ipsec`, `entrust` or `bypass`.
  init?(_ token: Token) {
    switch token {
    case "discard": self = .discard
    case "none": self = .none
    case "ipsec": self = .ipsec
    case "entrust": self = .entrust
    case "bypass": self = .bypass
    default: return nil
    }
  }
}

extension SecurityProtocol {
  /// `esp`, `ah` or `ipcomp`.
  init?(_ token: Token) {
    switch token {
    case "esp": self = .esp
    case "ah": self = .ah
    case "ipcomp": self = .ipcomp
    default: return nil
    }
  }
}

extension IPsecMode {
  /// `transport`, `tunnel`, `beet` or `any`.
  init?(_ token: Token) {
    switch token {
    case "transport": self = .transport
    case "tunnel": self = .tunnel
    case "beet": self = .beet
    case "any": self = .any
    default: return nil
    }
  }
}

extension ProtocolChoice {
  /// A protocol word of an SA statement.
  init?(_ token: Token) {
    switch token {
    case "esp": self = .esp
    case "ah": self = .ah
    case "ipcomp": self = .ipcomp
    case "esp-udp": self = .espUDP
    case "esp-old": self = .espOld
    case "ah-old": self = .ahOld
    case "tcp": self = .tcp
    default: return nil
    }
  }
}
