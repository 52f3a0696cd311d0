// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire

/// One notification the kernel multicast on `NETLINK_XFRM`, decoded into the model.
public struct XfrmEvent: Hashable, Sendable {
  /// What happened.
  public var change: Change

  /// The kernel's message name, e.g. `XFRM_MSG_NEWPOLICY`.
  public var messageName: String

  /// `nlmsg_seq`: the sequence number of the request that caused it; 0 for events the
  /// kernel raised on its own (acquires, expiries).
  public var sequence: UInt32

  /// `nlmsg_pid`: the netlink port of the process whose request caused it; 0 for the
  /// kernel.
  public var portID: UInt32

  /// Creates an event.
  public init(_ change: Change, messageName: String, sequence: UInt32 = 0, portID: UInt32 = 0) {
    self.change = change
    self.messageName = messageName
    self.sequence = sequence
    self.portID = portID
  }

  /// The kinds of change, each with what the kernel said about it.
  public enum Change: Hashable, Sendable {
    /// `XFRM_MSG_NEWSA`.
    case stateAdded(SecurityAssociation)
    /// `XFRM_MSG_UPDSA`.
    case stateUpdated(SecurityAssociation)
    /// `XFRM_MSG_DELSA`.
    case stateDeleted(SecurityAssociation)
    /// `XFRM_MSG_FLUSHSA`; nil protocol for every IPsec protocol.
    case statesFlushed(SecurityProtocol?)
    /// `XFRM_MSG_NEWPOLICY`.
    case policyAdded(SecurityPolicy)
    /// `XFRM_MSG_UPDPOLICY`.
    case policyUpdated(SecurityPolicy)
    /// `XFRM_MSG_DELPOLICY`.
    case policyDeleted(SecurityPolicy)
    /// `XFRM_MSG_FLUSHPOLICY`.
    case policiesFlushed
    /// `XFRM_MSG_EXPIRE`: soft (rekey now) or hard (the SA is gone).
    case stateExpired(SecurityAssociation, hard: Bool)
    /// `XFRM_MSG_POLEXPIRE`.
    case policyExpired(SecurityPolicy, hard: Bool)
    /// `XFRM_MSG_ACQUIRE`: traffic matched a policy whose template has no SA.
    case acquire(Acquire)
    /// `XFRM_MSG_NEWAE`: replay or lifetime counters of an SA.
    case asyncEvent(AsyncEvent)
    /// `XFRM_MSG_REPORT`.
    case report(Report)
    /// `XFRM_MSG_MIGRATE`.
    case migration(Migration)
    /// `XFRM_MSG_MAPPING`.
    case mapping(Mapping)
    /// A message setkey cannot express (a socket policy, an IPIP helper state) or one
    /// this version does not decode; the text says which.
    case unrepresented(String)
  }

  /// Which multicast group carries an event, and the words `--events` takes.
  public enum Category: String, CaseIterable, Hashable, Sendable {
    /// Acquires.
    case acquire
    /// SA and policy expiries.
    case expire
    /// SA changes.
    case sa
    /// Policy changes.
    case policy
    /// Replay and lifetime async events.
    case aevent
    /// Reports.
    case report
    /// Migrations.
    case migrate
    /// NAT-T mapping changes.
    case mapping
  }
}

// MARK: - Payloads

extension XfrmEvent {
  /// What an acquire carries: the flow, the policy, and the SA the kernel wants.
  public struct Acquire: Hashable, Sendable {
    /// `seq`: the acquire's number, echoed by a key manager's GETSPI.
    public var sequence: UInt32
    /// The flow that hit the policy (`sel`).
    public var flow: TrafficSelector
    /// The SA wanted: its protocol, source and destination (SPI 0).
    public var wanted: SecurityAssociationID?
    /// The policy (its direction always reads `out`, as the kernel fills it in).
    public var policy: SecurityPolicy?
    /// The policy's template the wanted SA is for, when it can be told.
    public var template: PolicyTemplate?
  }

  /// An async event: why it was sent and the SA's counters.
  public struct AsyncEvent: Hashable, Sendable {
    /// The SA.
    public var id: SecurityAssociationID?
    /// `reqid`.
    public var reqid: UInt32
    /// `XFRM_AE_*` bits.
    public var flags: UInt32
    /// Outbound and inbound sequence numbers (`XFRMA_REPLAY_VAL` or `_ESN_VAL`).
    public var outboundSequence: UInt32?
    /// The highest inbound sequence number seen.
    public var inboundSequence: UInt32?
    /// `XFRMA_LTIME_VAL`.
    public var current: LifetimeCurrent?
    /// `XFRMA_REPLAY_THRESH`.
    public var replayThreshold: UInt32?
    /// `XFRMA_ETIMER_THRESH`, tenths of a second.
    public var timerThreshold: UInt32?

    /// `replay`, `timer` or `update`: what caused the event.
    public var cause: String {
      if flags & XfrmAsyncEventID.causeReplay != 0 { return "replay" }
      if flags & XfrmAsyncEventID.causeTimer != 0 { return "timer" }
      if flags & XfrmAsyncEventID.causeUpdate != 0 { return "update" }
      return "unknown"
    }
  }

  /// A report from a protocol about traffic.
  public struct Report: Hashable, Sendable {
    /// The reporting protocol number.
    public var upperProtocol: UInt8
    /// The traffic.
    public var selector: TrafficSelector?
    /// `XFRMA_COADDR`.
    public var careOfAddress: IPAddress?
  }

  /// SAs and a policy moved to new endpoints.
  public struct Migration: Hashable, Sendable {
    /// The policy's selector.
    public var selector: TrafficSelector?
    /// The policy's direction.
    public var direction: PolicyDirection?
    /// One entry per SA moved.
    public var moves: [Move]
    /// `XFRMA_KMADDRESS`: where the key manager should negotiate from and to.
    public var keyManagerLocal: IPAddress?
    /// The key manager's remote address.
    public var keyManagerRemote: IPAddress?

    /// One SA's old and new endpoints.
    public struct Move: Hashable, Sendable {
      /// The SA's protocol.
      public var securityProtocol: SecurityProtocol?
      /// Its mode.
      public var mode: IPsecMode?
      /// Its reqid.
      public var reqid: UInt32
      /// Old source.
      public var oldSource: IPAddress?
      /// Old destination.
      public var oldDestination: IPAddress?
      /// New source.
      public var newSource: IPAddress?
      /// New destination.
      public var newDestination: IPAddress?
    }
  }

  /// The NAT in front of a peer changed its mapping.
  public struct Mapping: Hashable, Sendable {
    /// The ESP-in-UDP SA.
    public var id: SecurityAssociationID?
    /// Its reqid.
    public var reqid: UInt32
    /// The address and port packets came from before.
    public var oldSource: IPAddress?
    /// The old UDP port.
    public var oldPort: UInt16
    /// The address and port they come from now.
    public var newSource: IPAddress?
    /// The new UDP port.
    public var newPort: UInt16
  }
}
