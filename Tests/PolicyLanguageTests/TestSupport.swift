// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import Testing

/// A resolver with a fixed table, so tests never touch the network.
struct FakeResolver: HostResolver {
  /// Names and their addresses.
  var table: [String: [String]] = [
    "host.example.com": ["192.0.2.10"],
    "peer.example.com": ["198.51.100.20"],
    "dual.example.com": ["192.0.2.30", "2001:db8::30"],
    "two.example.com": ["192.0.2.41", "192.0.2.42"],
    "myhost.example.com": ["192.0.2.1", "2001:db8::1"],
    "yourhost.example.com": ["198.51.100.2", "2001:db8::2"],
    "v6only.example.com": ["2001:db8::66"],
  ]

  func resolve(_ name: String, family: AddressFamily?) throws -> [IPAddress] {
    guard let texts = table[name] else { throw ResolutionError("Name or service not known") }
    return texts.compactMap(IPAddress.init).filter { family == nil || $0.family == family }
  }
}

/// Options with the fake resolver.
func testOptions(rfcMode: Bool = true, sha2TruncationBits: Int? = nil) -> ParseOptions {
  var options = ParseOptions()
  options.resolver = FakeResolver()
  options.rfcMode = rfcMode
  options.sha2TruncationBits = sha2TruncationBits
  return options
}

/// Parses with the fake resolver.
func parse(_ text: String, rfcMode: Bool = true, sha2TruncationBits: Int? = nil)
  -> ParseResult
{
  SetkeyParser.parse(
    text, file: "test.conf",
    options: testOptions(rfcMode: rfcMode, sha2TruncationBits: sha2TruncationBits))
}

/// The marker that shows, inside a test's source text, where a diagnostic must point.
let caret: Character = "‸"

/// Removes every `‸` from `marked` and returns the text with the location of each marker,
/// in the order they appear (columns in UTF-8 bytes, as diagnostics count them).
func markers(_ marked: String) -> (text: String, locations: [IPsecModel.SourceLocation]) {
  var text = ""
  var locations: [IPsecModel.SourceLocation] = []
  var line = 1
  var column = 1
  for character in marked {
    if character == caret {
      locations.append(IPsecModel.SourceLocation(file: "test.conf", line: line, column: column))
      continue
    }
    text.append(character)
    if character == "\n" {
      line += 1
      column = 1
    } else {
      column += character.utf8.count
    }
  }
  return (text, locations)
}

/// The errors of a result, without warnings.
func errors(_ result: ParseResult) -> [Diagnostic] {
  result.diagnostics.filter { $0.severity == .error }
}

/// Parses `marked` and checks there is exactly one error per marker, at the markers, in
/// order; returns the errors for checks on their messages.
@discardableResult
func expectErrors(
  _ marked: String, rfcMode: Bool = true, sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> [Diagnostic] {
  let (text, locations) = markers(marked)
  let found = errors(parse(text, rfcMode: rfcMode))
  #expect(
    found.map(\.location) == locations, "\(found.map(\.description))",
    sourceLocation: sourceLocation)
  return found
}

/// The commands of a result.
func commands(_ result: ParseResult) -> [Command] { result.statements.map(\.command) }

/// The SA of the only `add` of a text; records an issue otherwise.
func singleSA(_ text: String, sha2TruncationBits: Int? = nil) -> SecurityAssociation? {
  let result = parse(text, sha2TruncationBits: sha2TruncationBits)
  #expect(errors(result).isEmpty, "\(result.diagnostics.map(\.description))")
  guard result.statements.count == 1, case .add(let sa) = result.statements[0].command else {
    Issue.record("expected one add, got \(commands(result))")
    return nil
  }
  return sa
}

/// The policies of the `spdadd`s of a text, twins included.
func policies(_ text: String, rfcMode: Bool = true) -> [SecurityPolicy] {
  let result = parse(text, rfcMode: rfcMode)
  #expect(errors(result).isEmpty, "\(result.diagnostics.map(\.description))")
  return result.statements.compactMap {
    switch $0.command {
    case .spdAdd(let policy), .spdUpdate(let policy): policy
    default: nil
    }
  }
}

/// `IPAddress` from text that must be valid.
func ip(_ text: String) -> IPAddress { IPAddress(text)! }
