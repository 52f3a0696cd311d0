// SPDX-License-Identifier: Apache-2.0

/// An ALLOCSPI request: the larval SA and the SPI range; `struct xfrm_userspi_info`.
public struct XfrmUserSPIInfo: Hashable, Sendable {
  /// `info`.
  public var info = XfrmUserSAInfo()
  /// `min`, host order.
  public var minimum: UInt32 = 0
  /// `max`, host order.
  public var maximum: UInt32 = 0

  /// An empty request.
  public init() {}
}

// MARK: - WireStruct

extension XfrmUserSPIInfo: WireStruct {
  /// `sizeof(struct xfrm_userspi_info)`.
  public static let wireSize = 232

  /// Writes the request.
  public func encode(to writer: inout ByteWriter) {
    info.encode(to: &writer)
    writer.write(minimum, .host)
    writer.write(maximum, .host)
  }

  /// Reads a request.
  public init(decoding reader: inout ByteReader) throws {
    info = try XfrmUserSAInfo(decoding: &reader)
    minimum = try reader.read(UInt32.self, .host, "struct xfrm_userspi_info")
    maximum = try reader.read(UInt32.self, .host, "struct xfrm_userspi_info")
  }
}
