// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// What must survive a save and restore, as the kernel sees it: an entry with the
/// dump-only values (counters, times, statistics, message sequence) left out and the
/// setkey words that mean the same to xfrm folded together.
enum SaveComparison {
  /// An SA's kernel-visible fields.
  struct SA: Equatable {
    var id: SecurityAssociationID
    var mode: XfrmModeName
    var reqid: UInt32
    var replayWindow: UInt32
    var flags: UInt8
    var encryption: Algorithm?
    var authentication: Algorithm?
    var aead: Algorithm?
    var compression: Algorithm?
    var encapsulation: NATEncapsulation?
    var lifetime: LifetimeLimits
    var selector: TrafficSelector?
    var securityContext: SecurityContext?
  }

  /// A policy's kernel-visible fields.
  struct SP: Equatable {
    var selector: TrafficSelector
    var direction: PolicyDirection
    var blocks: Bool
    var priority: UInt32
    var templates: [Template]
    var lifetime: LifetimeLimits
    var securityContext: SecurityContext?
    var index: UInt32
  }

  /// A template as `struct xfrm_user_tmpl` holds it.
  struct Template: Equatable {
    var securityProtocol: SecurityProtocol
    var mode: XfrmModeName
    var tunnelSource: IPAddress?
    var tunnelDestination: IPAddress?
    var optional: Bool
    var reqid: UInt32
    var spi: UInt32
  }

  /// An algorithm as the kernel holds it: name, key and ICV.
  struct Algorithm: Equatable {
    var kernelName: String?
    var key: [UInt8]
    var icvBits: Int
  }

  /// The kernel's mode: setkey's `any` is transport.
  enum XfrmModeName: Equatable {
    case transport, tunnel, beet

    init(_ mode: IPsecMode) {
      switch mode {
      case .transport, .any: self = .transport
      case .tunnel: self = .tunnel
      case .beet: self = .beet
      }
    }
  }

  /// The comparable form of an SA.
  static func sa(_ sa: SecurityAssociation) -> SA {
    let anySelector = sa.selector.map { $0 == .any($0.family) } ?? true
    return SA(
      id: sa.id, mode: XfrmModeName(sa.mode), reqid: sa.reqid, replayWindow: sa.replayWindow,
      flags: sa.flags.rawValue, encryption: algorithm(sa.encryption),
      authentication: algorithm(sa.authentication), aead: algorithm(sa.aead),
      compression: algorithm(sa.compression).map {
        Algorithm(kernelName: $0.kernelName, key: [], icvBits: 0)
      },
      encapsulation: sa.encapsulation, lifetime: sa.lifetime,
      selector: anySelector ? nil : sa.selector, securityContext: sa.securityContext)
  }

  /// The comparable form of a policy; `none` and `bypass` are both an allow without
  /// templates, whose templates the kernel would not keep.
  static func sp(_ sp: SecurityPolicy) -> SP {
    let sendsTemplates = sp.action == .ipsec || sp.action == .discard
    return SP(
      selector: sp.selector, direction: sp.direction, blocks: sp.action == .discard,
      priority: sp.priority, templates: sendsTemplates ? sp.templates.map(template) : [],
      lifetime: sp.lifetime, securityContext: sp.securityContext, index: sp.index)
  }

  private static func template(_ template: PolicyTemplate) -> Template {
    var reqid = template.reqid
    if case .unique(let given?) = template.level { reqid = given }
    let carriesEndpoints = template.mode == .tunnel || template.mode == .beet
    return Template(
      securityProtocol: template.securityProtocol, mode: XfrmModeName(template.mode),
      tunnelSource: carriesEndpoints ? template.tunnelSource : nil,
      tunnelDestination: carriesEndpoints ? template.tunnelDestination : nil,
      optional: template.level == .use, reqid: reqid, spi: template.spi)
  }

  private static func algorithm(_ choice: AlgorithmKey?) -> Algorithm? {
    choice.map {
      Algorithm(kernelName: $0.algorithm.kernelName, key: $0.key.bytes, icvBits: $0.icvBits)
    }
  }
}
