// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// Why one SAD or SPD entry cannot be written as a statement that recreates it.
public struct SaveError: Error, CustomStringConvertible {
  /// The entry, named without its keys: `SA esp 10.0.0.1 -> 10.0.0.2 spi 0x1000`.
  public var entry: String
  /// What has no syntax, or how the statement read back differently.
  public var reason: String

  /// `cannot save ENTRY: REASON`.
  public var description: String { "cannot save \(entry): \(reason)" }

  /// An error naming `entry`, whose name is only worked out now.
  init(entry: SaveEntryName, reason: String) {
    self.init(entry: entry.text, reason: reason)
  }

  /// An error about `entry`.
  public init(entry: String, reason: String) {
    self.entry = entry
    self.reason = reason
  }
}

/// The name of the entry being saved (`SaveFormatter.name(of:)`), worked out only when an
/// error needs it: a save of 100k entries that all succeed never builds one.
struct SaveEntryName {
  /// Builds the name.
  private let make: () -> String

  /// A name `make` builds when asked.
  init(_ make: @escaping () -> String) { self.make = make }

  /// The name.
  var text: String { make() }
}

/// Writes SAD and SPD entries as setkey statements that `xfrmkey -k -f` turns back into
/// the same kernel entries: the save format of `xfrmkey --save`.
///
/// Decisions:
/// - Statements are meant for kernel mode (`-k`): `fwd` policies are written out as the
///   kernel holds them, so RFC mode would add a second `fwd` twin (the kernel refuses it
///   as a duplicate). The file header says so.
/// - Every value the model holds is written, with the extension options of
///   `SaveExtensions` where setkey had no syntax. Addresses, protocols and keys are
///   numeric, so restoring needs no resolver and no /etc/protocols.
/// - Each statement is parsed back before it is printed and must give the same entry
///   (dump-only counters aside); otherwise the entry fails with a `SaveError`. Nothing is
///   ever dropped or approximated in silence.
public struct SaveFormatter {
  /// The save format's version, in the header.
  public static let formatVersion = 1

  /// Creates a formatter.
  public init() {}

  /// The comment block a saved file starts with.
  public static func header(tool: String) -> String {
    """
    # xfrmkey save format \(formatVersion), written by \(tool): the SAD, then the SPD.
    # Restore into an empty SAD and SPD in kernel mode, which installs 'fwd' policies as
    # listed here instead of adding twins:   xfrmkey -F; xfrmkey -FP; xfrmkey -k -f FILE
    # This file holds keys: keep it as secret as the keys themselves.

    """
  }

  /// The `add` statement for an SA, checked by parsing it back.
  public func statement(for sa: SecurityAssociation) throws(SaveError) -> String {
    let entry = SaveEntryName { Self.name(of: sa) }
    let text = try saText(sa, entry: entry)
    let parsed = try parseBack(text, entry: entry)
    guard case .add(let back) = parsed.command else {
      throw SaveError(entry: entry, reason: "the statement reads back as another command")
    }
    if let field = Self.firstDifference(SaveComparison.sa(sa), SaveComparison.sa(back)) {
      throw SaveError(entry: entry, reason: "no syntax keeps its \(field) as the kernel has it")
    }
    return text
  }

  /// The `spdadd` statement for a policy, checked by parsing it back.
  public func statement(for sp: SecurityPolicy) throws(SaveError) -> String {
    let entry = SaveEntryName { Self.name(of: sp) }
    let text = try spText(sp, entry: entry)
    let parsed = try parseBack(text, entry: entry)
    guard case .spdAdd(let back) = parsed.command else {
      throw SaveError(entry: entry, reason: "the statement reads back as another command")
    }
    if let field = Self.firstDifference(SaveComparison.sp(sp), SaveComparison.sp(back)) {
      throw SaveError(entry: entry, reason: "no syntax keeps its \(field) as the kernel has it")
    }
    return text
  }

  // MARK: - Names

  /// `SA esp 10.0.0.1 -> 10.0.0.2 spi 0x00001000`.
  public static func name(of sa: SecurityAssociation) -> String {
    "SA \(sa.id.securityProtocol.rawValue) \(sa.id.source) -> \(sa.id.destination) "
      + "spi 0x\(SetkeyNames.hex8(sa.id.spi))"
  }

  /// `SP out 10.0.0.0/24 -> 10.1.0.0/24 proto 6 index 17`.
  public static func name(of sp: SecurityPolicy) -> String {
    let proto = sp.selector.upperProtocol.map(String.init) ?? "any"
    return "SP \(sp.direction.rawValue) \(sp.selector.source) -> \(sp.selector.destination) "
      + "proto \(proto) index \(sp.index)"
  }

  // MARK: - Checking

  /// The one statement `text` parses to in kernel mode.
  private func parseBack(_ text: String, entry: SaveEntryName) throws(SaveError) -> Statement {
    var options = ParseOptions()
    options.rfcMode = false
    let result = SetkeyParser.parse(text, file: "<save>", options: options)
    if let error = result.diagnostics.first(where: { $0.severity == .error }) {
      throw SaveError(entry: entry, reason: "no syntax for it: \(error.message)")
    }
    guard result.statements.count == 1, let statement = result.statements.first else {
      throw SaveError(
        entry: entry, reason: "the statement reads back as \(result.statements.count)")
    }
    return statement
  }

  /// The name of the first stored property where two values differ, nested with dots.
  static func firstDifference<T>(_ a: T, _ b: T) -> String? where T: Equatable {
    guard a != b else { return nil }
    let left = Mirror(reflecting: a).children
    let right = Array(Mirror(reflecting: b).children)
    for (index, child) in left.enumerated() where index < right.count {
      let label = child.label ?? "value"
      if "\(child.value)" != "\(right[index].value)" { return label }
    }
    return "value"
  }
}
