// SPDX-License-Identifier: Apache-2.0
import Foundation

/// A JSON Schema (draft 2020-12) validator for exactly the keywords our schema uses:
/// `type`, `enum`, `const`, `properties`, `required`, `additionalProperties` (a boolean),
/// `items`, `minimum`, `maximum`, `pattern`, `oneOf` and `$ref` into `#/$defs/`.
/// Annotations (`$schema`, `$id`, `title`, `description`, `$comment`) are ignored. Any
/// other keyword is itself an error, so the schema cannot use one this validator would
/// silently skip.
struct SchemaValidator {
  let root: JSONValue

  static let annotations: Set<String> = ["$schema", "$id", "title", "description", "$comment"]
  static let assertions: Set<String> = [
    "type", "enum", "const", "properties", "required", "additionalProperties", "items",
    "minimum", "maximum", "pattern", "oneOf", "$ref", "$defs",
  ]

  /// Every violation of `instance`, as `path: problem`; empty when it is valid.
  func errors(_ instance: JSONValue) -> [String] {
    var found: [String] = []
    check(instance, against: root, path: "$", into: &found)
    return found
  }

  private func check(
    _ instance: JSONValue, against schema: JSONValue, path: String, into found: inout [String]
  ) {
    guard case .object(let keywords) = schema else {
      found.append("\(path): schema is not an object")
      return
    }
    for (keyword, argument) in keywords {
      if Self.annotations.contains(keyword) || keyword == "$defs" { continue }
      guard Self.assertions.contains(keyword) else {
        found.append("\(path): unsupported schema keyword '\(keyword)'")
        continue
      }
      apply(keyword, argument, schema, to: instance, path: path, into: &found)
    }
  }

  private func apply(
    _ keyword: String, _ argument: JSONValue, _ schema: JSONValue, to instance: JSONValue,
    path: String, into found: inout [String]
  ) {
    switch keyword {
    case "type":
      let types: [JSONValue] = {
        if case .array(let list) = argument { return list }
        return [argument]
      }()
      if !types.contains(where: { matches(instance, type: $0) }) {
        found.append("\(path): wrong type")
      }
    case "enum":
      if case .array(let choices) = argument, !choices.contains(instance) {
        found.append("\(path): not one of the allowed values")
      }
    case "const":
      if instance != argument { found.append("\(path): not the constant value") }
    case "properties":
      guard case .object(let members) = instance, case .object(let properties) = argument
      else { return }
      for (name, value) in members {
        if let sub = properties.first(where: { $0.0 == name })?.1 {
          check(value, against: sub, path: "\(path).\(name)", into: &found)
        }
      }
    case "required":
      guard case .object = instance, case .array(let names) = argument else { return }
      for case .string(let name) in names where instance[name] == nil {
        found.append("\(path): missing '\(name)'")
      }
    case "additionalProperties":
      guard case .object(let members) = instance, argument == .bool(false) else { return }
      let declared = schema["properties"]
      for (name, _) in members where declared?[name] == nil {
        found.append("\(path): unexpected member '\(name)'")
      }
    case "items":
      guard case .array(let items) = instance else { return }
      for (position, item) in items.enumerated() {
        check(item, against: argument, path: "\(path)[\(position)]", into: &found)
      }
    case "minimum":
      if let value = instance.number, let bound = argument.number, value < bound {
        found.append("\(path): below the minimum")
      }
    case "maximum":
      if let value = instance.number, let bound = argument.number, value > bound {
        found.append("\(path): above the maximum")
      }
    case "pattern":
      guard case .string(let text) = instance, case .string(let pattern) = argument else { return }
      if text.range(of: pattern, options: .regularExpression) == nil {
        found.append("\(path): does not match \(pattern)")
      }
    case "oneOf":
      guard case .array(let choices) = argument else { return }
      let passing = choices.filter { choice in
        var sub: [String] = []
        check(instance, against: choice, path: path, into: &sub)
        return sub.isEmpty
      }
      if passing.count != 1 {
        found.append("\(path): matches \(passing.count) of the oneOf choices, not exactly 1")
      }
    case "$ref":
      guard case .string(let reference) = argument, reference.hasPrefix("#/$defs/"),
        let target = root["$defs"]?[String(reference.dropFirst("#/$defs/".count))]
      else {
        found.append("\(path): unresolvable $ref")
        return
      }
      check(instance, against: target, path: path, into: &found)
    default:
      break
    }
  }

  /// JSON Schema's type names; `integer` is a number without a fraction.
  private func matches(_ instance: JSONValue, type: JSONValue) -> Bool {
    guard case .string(let name) = type else { return false }
    switch (name, instance) {
    case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array),
      ("object", .object):
      return true
    case ("integer", .unsigned), ("integer", .negative): return true
    case ("integer", .double(let value)): return value.rounded() == value
    case ("number", .unsigned), ("number", .negative), ("number", .double): return true
    default: return false
    }
  }
}

/// Paths of the package and the schema.
enum Package {
  /// The package root, found from this file's place in Tests/DumpFormatTests.
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The schema every JSON dump must follow.
  static let schema: SchemaValidator = {
    let url = root.appendingPathComponent("Documentation/xfrmkey-dump.schema.json")
    let text = (try? String(contentsOf: url, encoding: .utf8)) ?? "{}"
    return SchemaValidator(root: (try? JSONReader.parse(text)) ?? .object([]))
  }()

  /// Validates a whole dump text; the problems found, empty when it is valid.
  static func validateDump(_ text: String) -> [String] {
    do {
      return schema.errors(try JSONReader.parse(text))
    } catch {
      return ["\(error)"]
    }
  }
}
