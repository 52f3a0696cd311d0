// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// One xfrm request, the unit `XfrmMessageBuilder` turns into a netlink message. Most
/// statements are one request; `deleteall` becomes a dump and then deletes.
public enum KernelRequest: Hashable, Sendable {
  /// `XFRM_MSG_NEWSA`.
  case addState(SecurityAssociation)
  /// `XFRM_MSG_UPDSA`.
  case updateState(SecurityAssociation)
  /// `XFRM_MSG_DELSA` with `XFRMA_SRCADDR`.
  case deleteState(SecurityAssociationID)
  /// `XFRM_MSG_GETSA` with `XFRMA_SRCADDR`.
  case getState(SecurityAssociationID)
  /// `XFRM_MSG_FLUSHSA`; nil flushes every protocol.
  case flushStates(SecurityProtocol?)
  /// `XFRM_MSG_ALLOCSPI`: a larval SA with an SPI from `range`.
  case allocateSPI(
    source: IPAddress, destination: IPAddress, securityProtocol: SecurityProtocol,
    mode: IPsecMode, reqid: UInt32, range: ClosedRange<UInt32>)
  /// `XFRM_MSG_NEWPOLICY`.
  case addPolicy(SecurityPolicy)
  /// `XFRM_MSG_UPDPOLICY`.
  case updatePolicy(SecurityPolicy)
  /// `XFRM_MSG_DELPOLICY` by selector and direction.
  case deletePolicy(TrafficSelector, PolicyDirection)
  /// `XFRM_MSG_DELPOLICY` with every identity field (mark, if_id, type, context, index).
  case deletePolicyMatching(PolicyIdentity)
  /// `XFRM_MSG_GETPOLICY`: one policy, named by its identity.
  case getPolicy(PolicyIdentity)
  /// `XFRM_MSG_GETDEFAULT`.
  case getDefaultPolicies
  /// `XFRM_MSG_SETDEFAULT`.
  case setDefaultPolicies(DefaultPolicies)
  /// `XFRM_MSG_GETSPDINFO`.
  case getSPDInfo
  /// `XFRM_MSG_NEWSPDINFO` with hash thresholds.
  case setSPDHashThresholds(SPDHashThresholds)
  /// `XFRM_MSG_GETSADINFO`.
  case getSADInfo
  /// `XFRM_MSG_FLUSHPOLICY`.
  case flushPolicies
  /// `XFRM_MSG_GETSA` with `NLM_F_DUMP`, of one protocol (`XFRMA_PROTO`) or all.
  case dumpStates(SecurityProtocol?)
  /// `XFRM_MSG_GETPOLICY` with `NLM_F_DUMP`.
  case dumpPolicies

  /// The request a statement maps to one-to-one; nil for `deleteall` (a dump followed by
  /// deletes) and `exit` (nothing to send).
  public init?(_ command: Command) {
    switch command {
    case .add(let sa): self = .addState(sa)
    case .update(let sa): self = .updateState(sa)
    case .get(let id): self = .getState(id)
    case .delete(let id): self = .deleteState(id)
    case .flush(let proto): self = .flushStates(proto)
    case .dump(let proto): self = .dumpStates(proto)
    case .getSPI(let source, let destination, let proto, let mode, let reqid, let range):
      self = .allocateSPI(
        source: source, destination: destination, securityProtocol: proto, mode: mode,
        reqid: reqid, range: range)
    case .spdAdd(let sp): self = .addPolicy(sp)
    case .spdUpdate(let sp): self = .updatePolicy(sp)
    case .spdDelete(let selector, let direction): self = .deletePolicy(selector, direction)
    case .spdDeleteMatching(let identity): self = .deletePolicyMatching(identity)
    case .spdGet(let identity): self = .getPolicy(identity)
    case .spdDefaultGet: self = .getDefaultPolicies
    case .spdDefaultSet(let defaults): self = .setDefaultPolicies(defaults)
    case .spdInfo: self = .getSPDInfo
    case .spdSetHashThresholds(let thresholds): self = .setSPDHashThresholds(thresholds)
    case .sadInfo: self = .getSADInfo
    case .spdFlush: self = .flushPolicies
    case .spdDump: self = .dumpPolicies
    case .deleteAll, .exit: return nil
    }
  }
}
