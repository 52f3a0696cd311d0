// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// What must survive a save and restore: the whole model entry, with only the dump-only
/// values (counters, times, statistics, message sequence) cleared and the setkey words
/// that mean the same to xfrm folded together.
///
/// The comparison covers every stored property, not a list of known ones, so a field
/// added to the model later and not yet written by `SaveFormatter` makes the save fail
/// loudly instead of vanishing from the saved file.
enum SaveComparison {
  /// The comparable form of an SA.
  static func sa(_ sa: SecurityAssociation) -> SecurityAssociation {
    var sa = sa
    sa.current = nil
    sa.statistics = nil
    sa.sequence = 0
    sa.setkeyExtensions = []
    if sa.mode == .any { sa.mode = .transport }
    if let selector = sa.selector, selector == .any(selector.family) { sa.selector = nil }
    sa.encryption = sa.encryption.map(canonical)
    sa.authentication = sa.authentication.map(canonical)
    sa.aead = sa.aead.map(canonical)
    sa.compression = sa.compression.map(canonical)
    return sa
  }

  /// The comparable form of a policy: `none` and `bypass` are both an allow without
  /// templates; templates are reduced to what `struct xfrm_user_tmpl` holds.
  static func sp(_ sp: SecurityPolicy) -> SecurityPolicy {
    var sp = sp
    sp.current = nil
    if sp.action == .bypass { sp.action = .none }
    if sp.action == .none { sp.templates = [] }
    sp.templates = sp.templates.map(canonical)
    return sp
  }

  /// A template as the kernel holds it: optional or not, a reqid, endpoints only in
  /// tunnel and BEET mode; `default` and `require` are the same, and a required template
  /// with a reqid reads as `unique:N`, as dumps decode it.
  private static func canonical(_ template: PolicyTemplate) -> PolicyTemplate {
    var template = template
    if case .unique(let given?) = template.level { template.reqid = given }
    if template.mode == .any { template.mode = .transport }
    if template.mode == .transport {
      template.tunnelSource = nil
      template.tunnelDestination = nil
    }
    switch template.level {
    case .use: break
    default: template.level = template.reqid == 0 ? .require : .unique(reqid: template.reqid)
    }
    return template
  }

  /// The catalogue entry the kernel's name and ICV decode to, so two spellings of one
  /// algorithm compare equal.
  private static func canonical(_ choice: AlgorithmKey) -> AlgorithmKey {
    var choice = choice
    let algorithm = choice.algorithm
    if let kernelName = algorithm.kernelName,
      let entry = AlgorithmCatalogue.lookup(
        kernelName: kernelName, kind: algorithm.kind, icvBits: choice.icvBits)
    {
      choice.algorithm = entry
    }
    return choice
  }
}
