// SPDX-License-Identifier: Apache-2.0

/// One setkey statement after parsing, with where it started. Host names are already
/// resolved, so one `add` line may have produced several statements with the same location.
public struct Statement: Hashable, Sendable {
  /// What to do.
  public var command: Command
  /// Where the statement's first token is.
  public var location: SourceLocation

  /// Creates a statement.
  public init(_ command: Command, at location: SourceLocation) {
    self.command = command
    self.location = location
  }
}

/// The setkey commands.
public enum Command: Hashable, Sendable {
  /// `add`: create an SA.
  case add(SecurityAssociation)
  /// `update`: replace an existing SA.
  case update(SecurityAssociation)
  /// `get`: show one SA.
  case get(SecurityAssociationID)
  /// `delete`: remove one SA.
  case delete(SecurityAssociationID)
  /// `deleteall src dst proto`: remove every SA between two addresses.
  case deleteAll(source: IPAddress, destination: IPAddress, securityProtocol: SecurityProtocol)
  /// `flush [proto]`: remove every SA (of one protocol).
  case flush(SecurityProtocol?)
  /// `dump [proto]`: show every SA (of one protocol).
  case dump(SecurityProtocol?)
  /// `getspi src dst proto spi-range`: have the kernel allocate an SPI (an SA in the
  /// larval state).
  case getSPI(
    source: IPAddress, destination: IPAddress, securityProtocol: SecurityProtocol,
    mode: IPsecMode, reqid: UInt32, range: ClosedRange<UInt32>)
  /// `spdadd`: create a policy.
  case spdAdd(SecurityPolicy)
  /// `spdupdate`: create or replace a policy.
  case spdUpdate(SecurityPolicy)
  /// `spddelete`: remove the policy with this selector and direction.
  case spdDelete(TrafficSelector, PolicyDirection)
  /// `spddelete` naming more than selector and direction (mark, if_id, type, context or
  /// index): remove exactly that policy.
  case spdDeleteMatching(PolicyIdentity)
  /// `spdget`: show one policy (`XFRM_MSG_GETPOLICY`).
  case spdGet(PolicyIdentity)
  /// `spddefault ;`: show the default action of each direction.
  case spdDefaultGet
  /// `spddefault in discard ... ;`: set default actions (`XFRM_MSG_SETDEFAULT`).
  case spdDefaultSet(DefaultPolicies)
  /// `spdinfo ;`: show SPD counts, hash size and thresholds.
  case spdInfo
  /// `spdinfo hthresh4 L R [hthresh6 L R] ;`: set the SPD hash thresholds.
  case spdSetHashThresholds(SPDHashThresholds)
  /// `sadinfo ;`: show the SAD count and hash size.
  case sadInfo
  /// `spdflush`: remove every policy.
  case spdFlush
  /// `spddump`: show every policy.
  case spdDump
  /// `exit`, `quit`, `bye`: stop reading.
  case exit
}
