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
  /// `XFRM_MSG_FLUSHPOLICY`.
  case flushPolicies
  /// `XFRM_MSG_GETSA` with `NLM_F_DUMP`.
  case dumpStates
  /// `XFRM_MSG_GETPOLICY` with `NLM_F_DUMP`.
  case dumpPolicies

  /// The request a statement maps to one-to-one; nil for `deleteall` (a dump followed by
  /// deletes) and `exit` (nothing to send). `dump esp` is a whole dump, filtered after.
  public init?(_ command: Command) {
    switch command {
    case .add(let sa): self = .addState(sa)
    case .update(let sa): self = .updateState(sa)
    case .get(let id): self = .getState(id)
    case .delete(let id): self = .deleteState(id)
    case .flush(let proto): self = .flushStates(proto)
    case .dump: self = .dumpStates
    case .getSPI(let source, let destination, let proto, let mode, let reqid, let range):
      self = .allocateSPI(
        source: source, destination: destination, securityProtocol: proto, mode: mode,
        reqid: reqid, range: range)
    case .spdAdd(let sp): self = .addPolicy(sp)
    case .spdUpdate(let sp): self = .updatePolicy(sp)
    case .spdDelete(let selector, let direction): self = .deletePolicy(selector, direction)
    case .spdFlush: self = .flushPolicies
    case .spdDump: self = .dumpPolicies
    case .deleteAll, .exit: return nil
    }
  }
}
