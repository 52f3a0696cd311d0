// SPDX-License-Identifier: Apache-2.0

/// A packet mark and the bits of it that count (`struct xfrm_mark`): an SA or policy with a
/// mark applies to packets whose netfilter mark ANDed with `mask` equals `value`. The same
/// pair carries an SA's output mark (`XFRMA_SET_MARK`, `XFRMA_SET_MARK_MASK`).
public struct Mark: Hashable, Sendable {
  /// `v`: the value compared, or written for an output mark.
  public var value: UInt32
  /// `m`: the bits compared; all ones when only a value is given, as `ip xfrm` does.
  public var mask: UInt32

  /// Creates a mark; the mask defaults to all ones.
  public init(_ value: UInt32, mask: UInt32 = .max) {
    self.value = value
    self.mask = mask
  }
}

extension Mark: CustomStringConvertible {
  /// `0x10/0xff`, the form `-mark` reads; the mask is left out when it is all ones.
  public var description: String {
    let value = "0x" + String(self.value, radix: 16)
    return mask == .max ? value : value + "/0x" + String(mask, radix: 16)
  }
}
