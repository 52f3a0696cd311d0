// SPDX-License-Identifier: Apache-2.0

/// Hands out reqids for `unique` templates that name none, as Linux PF_KEY did
/// (`gen_reqid` in af_key): counting up from 16384, skipping reqids the SPD already uses
/// and ones given out earlier in the same run. Manual reqids are 1 through 16383; PF_KEY
/// replaced anything above that with an allocated one, and so do we.
struct ReqidAllocator {
  /// `IPSEC_MANUAL_REQID_MAX`: the largest reqid a `unique:N` keeps.
  static let manualMaximum: UInt32 = 0x3fff

  private var used: Set<UInt32>
  private var next: UInt32 = manualMaximum + 1

  /// An allocator that avoids `used`.
  init(used: Set<UInt32>) { self.used = used }

  /// True when a level needs an allocated reqid rather than the one it names.
  static func needsAllocation(_ reqid: UInt32?) -> Bool {
    guard let reqid else { return true }
    return reqid == 0 || reqid > manualMaximum
  }

  /// Marks a reqid taken, so it is not handed out later.
  mutating func reserve(_ reqid: UInt32) { used.insert(reqid) }

  /// The next free reqid; nil when all 2^32 - 16384 are taken.
  mutating func allocate() -> UInt32? {
    let start = next
    repeat {
      let candidate = next
      next = next == .max ? Self.manualMaximum + 1 : next + 1
      if !used.contains(candidate) {
        used.insert(candidate)
        return candidate
      }
    } while next != start
    return nil
  }
}
