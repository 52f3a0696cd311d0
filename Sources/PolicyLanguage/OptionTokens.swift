// SPDX-License-Identifier: Apache-2.0

/// The options a statement gave, in order, each with the token that followed it (its
/// value): to refuse repeats and to locate later errors. A statement has a handful, so a
/// list searched on the tokens' bytes is cheaper than hashing names. As with a dictionary
/// keyed by name, a repeated option (`-f`) is found as its last occurrence.
struct OptionTokens {
  private var entries: [(option: Token, value: Token)] = []

  /// Records `option`, followed by `value`.
  mutating func record(_ option: Token, value: Token) {
    if entries.isEmpty { entries.reserveCapacity(4) }
    entries.append((option, value))
  }

  /// The last option token spelt `name`.
  subscript(_ name: StaticString) -> Token? {
    entries.last { $0.option.hasText(name) }?.option
  }

  /// The token after the last option spelt `name`.
  func value(of name: StaticString) -> Token? {
    entries.last { $0.option.hasText(name) }?.value
  }

  /// True when an option spelt like `option` was recorded.
  func contains(_ option: Token) -> Bool {
    entries.contains { $0.option.bytes.elementsEqual(option.bytes) }
  }

  /// The last occurrence of each option given, in the order given.
  var distinct: [Token] {
    entries.indices.compactMap { index in
      let option = entries[index].option
      let repeated = entries[(index + 1)...].contains {
        $0.option.bytes.elementsEqual(option.bytes)
      }
      return repeated ? nil : option
    }
  }
}
