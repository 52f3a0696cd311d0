// SPDX-License-Identifier: Apache-2.0

/// An `xfrm_address_t`: 16 network-order bytes (an IPv4 address fills the first 4), held
/// inline so decoding a struct that contains addresses allocates nothing.
public struct XfrmAddress: Hashable, Sendable {
  /// The 16 bytes, in wire order.
  private var storage: (UInt64, UInt64) = (0, 0)

  /// The all-zero address.
  public init() {}

  /// The first 16 bytes of `bytes`, zero-filled when there are fewer.
  public init(bytes: [UInt8]) {
    self = bytes.withUnsafeBytes { XfrmAddress(rawBytes: $0) }
  }

  /// The first 16 bytes of `rawBytes`, zero-filled when there are fewer.
  public init(rawBytes: UnsafeRawBufferPointer) {
    let count = min(rawBytes.count, Xfrm.addressSize)
    guard let source = rawBytes.baseAddress, count > 0 else { return }
    withUnsafeMutableBytes(of: &storage) { target in
      target.baseAddress!.copyMemory(from: source, byteCount: count)
    }
  }

  /// The 16 bytes as an array (allocates; for encoding and tests).
  public var bytes: [UInt8] { withUnsafeBytes { Array($0) } }

  /// Calls `body` with the 16 bytes.
  public func withUnsafeBytes<Result>(
    _ body: (UnsafeRawBufferPointer) throws -> Result
  ) rethrows -> Result {
    var storage = storage
    return try Swift.withUnsafeBytes(of: &storage, body)
  }

  /// The first `count` bytes (4 for IPv4, 16 for IPv6), at most 16.
  public func withUnsafeBytes<Result>(
    prefix count: Int, _ body: (UnsafeRawBufferPointer) throws -> Result
  ) rethrows -> Result {
    try withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0.prefix(count))) }
  }

  /// Equal when both hold the same 16 bytes.
  public static func == (left: XfrmAddress, right: XfrmAddress) -> Bool {
    left.storage == right.storage
  }

  /// Hashes what `==` compares.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(storage.0)
    hasher.combine(storage.1)
  }
}

extension ByteReader {
  /// Reads an `xfrm_address_t` in place, without allocating.
  public mutating func readXfrmAddress(
    _ context: @autoclosure () -> String = "xfrm_address_t"
  ) throws -> XfrmAddress {
    try withNextBytes(Xfrm.addressSize, context()) { XfrmAddress(rawBytes: $0) }
  }
}

extension ByteWriter {
  /// Writes an `xfrm_address_t`.
  public mutating func write(address: XfrmAddress) {
    address.withUnsafeBytes { write(bytes: $0) }
  }
}
