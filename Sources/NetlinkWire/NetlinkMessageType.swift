// SPDX-License-Identifier: Apache-2.0

/// `nlmsg_type`: netlink control codes (`NLMSG_*`) and the xfrm_user messages
/// (`XFRM_MSG_*`). Open, so a code we do not know decodes and prints as a number.
public struct NetlinkMessageType: RawRepresentable, Hashable, Sendable {
  /// The 16-bit code.
  public var rawValue: UInt16

  /// Wraps a code.
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  /// `NLMSG_NOOP`.
  public static let noop = Self(rawValue: 1)
  /// `NLMSG_ERROR`: an error or, with error 0, an acknowledgement.
  public static let error = Self(rawValue: 2)
  /// `NLMSG_DONE`: the end of a dump.
  public static let done = Self(rawValue: 3)
  /// `NLMSG_OVERRUN`.
  public static let overrun = Self(rawValue: 4)

  /// `XFRM_MSG_NEWSA`.
  public static let newSA = Self(rawValue: 0x10)
  /// `XFRM_MSG_DELSA`.
  public static let deleteSA = Self(rawValue: 0x11)
  /// `XFRM_MSG_GETSA`.
  public static let getSA = Self(rawValue: 0x12)
  /// `XFRM_MSG_NEWPOLICY`.
  public static let newPolicy = Self(rawValue: 0x13)
  /// `XFRM_MSG_DELPOLICY`.
  public static let deletePolicy = Self(rawValue: 0x14)
  /// `XFRM_MSG_GETPOLICY`.
  public static let getPolicy = Self(rawValue: 0x15)
  /// `XFRM_MSG_ALLOCSPI`.
  public static let allocateSPI = Self(rawValue: 0x16)
  /// `XFRM_MSG_ACQUIRE`.
  public static let acquire = Self(rawValue: 0x17)
  /// `XFRM_MSG_EXPIRE`.
  public static let expire = Self(rawValue: 0x18)
  /// `XFRM_MSG_UPDPOLICY`.
  public static let updatePolicy = Self(rawValue: 0x19)
  /// `XFRM_MSG_UPDSA`.
  public static let updateSA = Self(rawValue: 0x1a)
  /// `XFRM_MSG_POLEXPIRE`.
  public static let policyExpire = Self(rawValue: 0x1b)
  /// `XFRM_MSG_FLUSHSA`.
  public static let flushSA = Self(rawValue: 0x1c)
  /// `XFRM_MSG_FLUSHPOLICY`.
  public static let flushPolicy = Self(rawValue: 0x1d)

  private static let names: [UInt16: String] = [
    1: "NLMSG_NOOP", 2: "NLMSG_ERROR", 3: "NLMSG_DONE", 4: "NLMSG_OVERRUN",
    0x10: "XFRM_MSG_NEWSA", 0x11: "XFRM_MSG_DELSA", 0x12: "XFRM_MSG_GETSA",
    0x13: "XFRM_MSG_NEWPOLICY", 0x14: "XFRM_MSG_DELPOLICY", 0x15: "XFRM_MSG_GETPOLICY",
    0x16: "XFRM_MSG_ALLOCSPI", 0x17: "XFRM_MSG_ACQUIRE", 0x18: "XFRM_MSG_EXPIRE",
    0x19: "XFRM_MSG_UPDPOLICY", 0x1a: "XFRM_MSG_UPDSA", 0x1b: "XFRM_MSG_POLEXPIRE",
    0x1c: "XFRM_MSG_FLUSHSA", 0x1d: "XFRM_MSG_FLUSHPOLICY",
  ]

  /// The kernel's name (`XFRM_MSG_NEWSA`), or the number for codes we do not name.
  public var name: String { Self.names[rawValue] ?? "message type \(rawValue)" }
}

/// `nlmsg_flags` (`NLM_F_*`). Several bits mean different things for requests, dumps,
/// new-object requests and acknowledgements, as in the kernel.
public struct NetlinkMessageFlags: OptionSet, Hashable, Sendable {
  /// The 16-bit flag word.
  public var rawValue: UInt16

  /// Wraps a flag word.
  public init(rawValue: UInt16) { self.rawValue = rawValue }

  /// `NLM_F_REQUEST`.
  public static let request = Self(rawValue: 0x01)
  /// `NLM_F_MULTI`: part of a multipart reply.
  public static let multi = Self(rawValue: 0x02)
  /// `NLM_F_ACK`: reply with an acknowledgement.
  public static let ack = Self(rawValue: 0x04)
  /// `NLM_F_ECHO`.
  public static let echo = Self(rawValue: 0x08)
  /// `NLM_F_DUMP_INTR`: the table changed during the dump; the dump is inconsistent.
  public static let dumpInterrupted = Self(rawValue: 0x10)
  /// `NLM_F_DUMP` (`NLM_F_ROOT | NLM_F_MATCH`) on a GET request.
  public static let dump = Self(rawValue: 0x300)
  /// `NLM_F_REPLACE` on a NEW request.
  public static let replace = Self(rawValue: 0x100)
  /// `NLM_F_EXCL` on a NEW request.
  public static let exclusive = Self(rawValue: 0x200)
  /// `NLM_F_CREATE` on a NEW request.
  public static let create = Self(rawValue: 0x400)
  /// `NLM_F_CAPPED` on an acknowledgement: the original payload was left out.
  public static let capped = Self(rawValue: 0x100)
  /// `NLM_F_ACK_TLVS` on an acknowledgement: extended-ack attributes follow.
  public static let acknowledgementTLVs = Self(rawValue: 0x200)
}
