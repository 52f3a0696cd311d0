// SPDX-License-Identifier: Apache-2.0

/// Default actions per direction (`XFRM_MSG_SETDEFAULT`, `XFRM_MSG_GETDEFAULT`);
/// `struct xfrm_userpolicy_default`, three bytes: `in`, `fwd`, `out`.
public struct XfrmUserPolicyDefault: Hashable, Sendable {
  /// `XFRM_USERPOLICY_UNSPEC`: leave as it is.
  public static let unspecified: UInt8 = 0
  /// `XFRM_USERPOLICY_BLOCK`.
  public static let block: UInt8 = 1
  /// `XFRM_USERPOLICY_ACCEPT`.
  public static let accept: UInt8 = 2

  /// `in`.
  public var inbound: UInt8 = 0
  /// `fwd`.
  public var forward: UInt8 = 0
  /// `out`.
  public var outbound: UInt8 = 0

  /// All unspecified.
  public init() {}
}

// MARK: - WireStruct

extension XfrmUserPolicyDefault: WireStruct {
  /// `sizeof(struct xfrm_userpolicy_default)`.
  public static let wireSize = 3

  /// Writes `in`, `fwd`, `out`.
  public func encode(to writer: inout ByteWriter) {
    writer.write(inbound, .host)
    writer.write(forward, .host)
    writer.write(outbound, .host)
  }

  /// Reads `in`, `fwd`, `out`.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_userpolicy_default"
    inbound = try reader.read(UInt8.self, .host, context)
    forward = try reader.read(UInt8.self, .host, context)
    outbound = try reader.read(UInt8.self, .host, context)
  }
}
