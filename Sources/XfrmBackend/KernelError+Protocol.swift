// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// A kernel built without ESP, AH or IPComp (or with the module missing) refuses every SA
/// of that protocol with `EPROTONOSUPPORT` and "Requested type not found", which does not
/// say what to do: the error then names the modules and options that provide it.
extension KernelError {
  /// `EPROTONOSUPPORT`.
  static let protocolNotSupported: Int32 = 93

  /// The error with a note naming what provides the SA's protocol, for `add` and
  /// `update` refused with `EPROTONOSUPPORT`; other errors come back as they are.
  public func notingMissingProtocol(of command: Command) -> KernelError {
    guard errno == Self.protocolNotSupported, reason == nil, note == nil else { return self }
    guard kernelMessage?.contains("mode") != true else { return self }
    let securityProtocol: SecurityProtocol
    switch command {
    case .add(let sa), .update(let sa): securityProtocol = sa.id.securityProtocol
    default: return self
    }
    var error = self
    error.note =
      "this kernel has no \(securityProtocol.rawValue): "
      + Self.provider(of: securityProtocol)
    return error
  }

  /// The modules and kernel options that add a protocol.
  private static func provider(of securityProtocol: SecurityProtocol) -> String {
    switch securityProtocol {
    case .esp: "load esp4/esp6 (CONFIG_INET_ESP, CONFIG_INET6_ESP)"
    case .ah: "load ah4/ah6 (CONFIG_INET_AH, CONFIG_INET6_AH)"
    case .ipcomp: "load ipcomp/ipcomp6 (CONFIG_INET_IPCOMP, CONFIG_INET6_IPCOMP)"
    }
  }
}
