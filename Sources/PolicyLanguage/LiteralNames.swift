// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// The words of the model's enumerations as literals, for printers that copy them
/// straight into their buffer. Each is the case's `rawValue`; a test holds them equal.
enum LiteralNames {
  /// `in`, `out`, `fwd`.
  static func of(_ direction: PolicyDirection) -> StaticString {
    switch direction {
    case .in: "in"
    case .out: "out"
    case .fwd: "fwd"
    }
  }

  /// `discard`, `none`, `ipsec`, `entrust`, `bypass`.
  static func of(_ action: PolicyAction) -> StaticString {
    switch action {
    case .discard: "discard"
    case .none: "none"
    case .ipsec: "ipsec"
    case .entrust: "entrust"
    case .bypass: "bypass"
    }
  }

  /// `main`, `sub`.
  static func of(_ type: PolicyType) -> StaticString {
    switch type {
    case .main: "main"
    case .sub: "sub"
    }
  }

  /// `esp`, `ah`, `ipcomp`.
  static func of(_ proto: SecurityProtocol) -> StaticString {
    switch proto {
    case .esp: "esp"
    case .ah: "ah"
    case .ipcomp: "ipcomp"
    }
  }

  /// `transport`, `tunnel`, `beet`, `any`.
  static func of(_ mode: IPsecMode) -> StaticString {
    switch mode {
    case .transport: "transport"
    case .tunnel: "tunnel"
    case .beet: "beet"
    case .any: "any"
    }
  }
}
