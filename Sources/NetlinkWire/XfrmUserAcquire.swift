// SPDX-License-Identifier: Apache-2.0

/// The kernel's request for an SA (`XFRM_MSG_ACQUIRE`); `struct xfrm_user_acquire`, 280
/// bytes. Attributes follow: the policy's templates (`XFRMA_TMPL`) and its context.
public struct XfrmUserAcquire: Hashable, Sendable {
  /// `id`: destination, protocol (SPI 0) of the SA wanted.
  public var id = XfrmID()
  /// `saddr`, network order, 16 bytes: the SA's source.
  public var source = [UInt8](repeating: 0, count: 16)
  /// `sel`: the flow that triggered the acquire.
  public var selector = XfrmSelector()
  /// `policy`: the policy whose template had no SA.
  public var policy = XfrmUserPolicyInfo()
  /// `aalgos`, host order: the template's authentication algorithm mask.
  public var authenticationAlgorithms: UInt32 = 0
  /// `ealgos`, host order.
  public var encryptionAlgorithms: UInt32 = 0
  /// `calgos`, host order.
  public var compressionAlgorithms: UInt32 = 0
  /// `seq`, host order: the acquire's number, which a key manager echoes in ALLOCSPI.
  public var sequence: UInt32 = 0

  /// An all-zero acquire.
  public init() {}
}

// MARK: - WireStruct

extension XfrmUserAcquire: WireStruct {
  /// `sizeof(struct xfrm_user_acquire)`.
  public static let wireSize = 280

  /// Writes the acquire (tests build notifications with it).
  public func encode(to writer: inout ByteWriter) {
    id.encode(to: &writer)
    writer.write(address: source)
    selector.encode(to: &writer)
    policy.encode(to: &writer)
    writer.write(authenticationAlgorithms, .host)
    writer.write(encryptionAlgorithms, .host)
    writer.write(compressionAlgorithms, .host)
    writer.write(sequence, .host)
  }

  /// Reads an acquire.
  public init(decoding reader: inout ByteReader) throws {
    let context = "struct xfrm_user_acquire"
    id = try XfrmID(decoding: &reader)
    source = try reader.readAddress(context)
    selector = try XfrmSelector(decoding: &reader)
    policy = try XfrmUserPolicyInfo(decoding: &reader)
    authenticationAlgorithms = try reader.read(UInt32.self, .host, context)
    encryptionAlgorithms = try reader.read(UInt32.self, .host, context)
    compressionAlgorithms = try reader.read(UInt32.self, .host, context)
    sequence = try reader.read(UInt32.self, .host, context)
  }
}
