// SPDX-License-Identifier: Apache-2.0

/// A JSON value and its compact text, for the one-object outputs (`diff -j`, `apply -j`,
/// the monitor's lines) without Foundation; dumps stream through `JSONWriter` instead.
/// Object members keep the order they were given in.
public enum JSONValue: Hashable, Sendable {
  /// `null`.
  case null
  /// `true` or `false`.
  case bool(Bool)
  /// An integer; xfrm has no fractions.
  case number(Int64)
  /// An unsigned integer too large for `number` (64-bit counters).
  case unsigned(UInt64)
  /// A string, escaped on output.
  case string(String)
  /// `[...]`.
  case array([JSONValue])
  /// `{...}`, members in order.
  case object([(String, JSONValue)])
  /// JSON text another writer already produced (the dumps' entries), copied as is.
  case encoded(String)

  /// One line of JSON.
  public var text: String {
    var out = ""
    write(to: &out)
    return out
  }

  private func write(to out: inout String) {
    switch self {
    case .null: out += "null"
    case .bool(let value): out += value ? "true" : "false"
    case .number(let value): out += String(value)
    case .unsigned(let value): out += String(value)
    case .encoded(let text): out += text
    case .string(let value): Self.quote(value, into: &out)
    case .array(let values):
      out += "["
      for (index, value) in values.enumerated() {
        if index > 0 { out += "," }
        value.write(to: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (index, (name, value)) in members.enumerated() {
        if index > 0 { out += "," }
        Self.quote(name, into: &out)
        out += ":"
        value.write(to: &out)
      }
      out += "}"
    }
  }

  private static func quote(_ text: String, into out: inout String) {
    out += "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    out += "\""
  }

  /// Compares texts, as tuples are not `Hashable`.
  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.text == rhs.text }

  /// Hashes the text.
  public func hash(into hasher: inout Hasher) { hasher.combine(text) }
}
