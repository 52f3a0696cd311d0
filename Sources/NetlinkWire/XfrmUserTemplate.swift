// SPDX-License-Identifier: Apache-2.0

/// One template of a policy (an element of `XFRMA_TMPL`); `struct xfrm_user_tmpl`.
public struct XfrmUserTemplate: Hashable, Sendable {
  /// `id`: tunnel destination, SPI (0 any), protocol.
  public var id = XfrmID()
  /// `family` of the addresses, host order.
  public var family: UInt16 = 0
  /// `saddr`, network order, 16 bytes.
  public var sourceAddress = XfrmAddress()
  /// `reqid`, host order; 0 any.
  public var reqid: UInt32 = 0
  /// `mode`.
  public var mode = XfrmMode.transport
  /// `share`.
  public var share: UInt8 = 0
  /// `optional`: 1 when the template may be skipped (setkey level `use`).
  public var optional: UInt8 = 0
  /// `aalgos`: bitmask of allowed authentication algorithms; all ones for any.
  public var authenticationAlgorithms: UInt32 = .max
  /// `ealgos`.
  public var encryptionAlgorithms: UInt32 = .max
  /// `calgos`.
  public var compressionAlgorithms: UInt32 = .max

  /// `saddr` as 16 bytes; setting takes the first 16, zero-filled.
  public var source: [UInt8] {
    get { sourceAddress.bytes }
    set { sourceAddress = XfrmAddress(bytes: newValue) }
  }

  /// A template allowing every algorithm.
  public init() {}
}

// MARK: - WireStruct

extension XfrmUserTemplate: WireStruct {
  /// `sizeof(struct xfrm_user_tmpl)`.
  public static let wireSize = 64

  /// Writes the template.
  public func encode(to writer: inout ByteWriter) {
    id.encode(to: &writer)
    writer.write(family, .host)
    writer.writeZeros(2)
    writer.write(address: sourceAddress)
    writer.write(reqid, .host)
    writer.write(mode.rawValue, .host)
    writer.write(share, .host)
    writer.write(optional, .host)
    writer.writeZeros(1)
    writer.write(authenticationAlgorithms, .host)
    writer.write(encryptionAlgorithms, .host)
    writer.write(compressionAlgorithms, .host)
  }

  /// Reads a template.
  public init(decoding reader: inout ByteReader) throws {
    self = try reader.readFields(Self.wireSize, "struct xfrm_user_tmpl") {
      Self(fields: &$0)
    }
  }

  /// Reads the fields in wire order from a struct already known to be whole.
  init(fields: inout StructFieldReader) {
    self.init()
    id = XfrmID(fields: &fields)
    family = fields.read(UInt16.self, .host)
    fields.skip(2)
    sourceAddress = fields.readAddress()
    reqid = fields.read(UInt32.self, .host)
    mode = XfrmMode(rawValue: fields.read(UInt8.self, .host))
    share = fields.read(UInt8.self, .host)
    optional = fields.read(UInt8.self, .host)
    fields.skip(1)
    authenticationAlgorithms = fields.read(UInt32.self, .host)
    encryptionAlgorithms = fields.read(UInt32.self, .host)
    compressionAlgorithms = fields.read(UInt32.self, .host)
  }
}
