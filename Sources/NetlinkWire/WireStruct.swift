// SPDX-License-Identifier: Apache-2.0

/// A kernel struct encoded and decoded field by field. `wireSize` is the size of the C
/// struct (its fixed part, for structs that end in a flexible array); tests compare it
/// with `MemoryLayout` of the C type.
public protocol WireStruct {
  /// `sizeof` the kernel struct.
  static var wireSize: Int { get }

  /// Appends the struct, padding included, and any trailing variable part.
  func encode(to writer: inout ByteWriter)

  /// Reads the struct; throws when the bytes are too short.
  init(decoding reader: inout ByteReader) throws
}

extension WireStruct {
  /// The encoded bytes on their own.
  public var encodedBytes: [UInt8] {
    var writer = ByteWriter(capacity: Self.wireSize)
    encode(to: &writer)
    return writer.bytes
  }

  /// Decodes from a whole buffer.
  public init(decoding bytes: [UInt8]) throws {
    var reader = ByteReader(bytes)
    try self.init(decoding: &reader)
  }
}
