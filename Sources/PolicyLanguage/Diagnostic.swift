// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// A problem found in setkey input, printed the way compilers print them:
/// `file:line:col: error: message`.
///
/// Messages are lowercase, quote the offending token in single quotes and never contain key
/// material: a key is only ever located, not shown.
public struct Diagnostic: Error, Hashable, Sendable {
  /// How bad a diagnostic is.
  public enum Severity: String, Hashable, Sendable {
    /// The input cannot be used; a caller must send nothing.
    case error
    /// The input was accepted, but probably does not do what its author meant.
    case warning
    /// Extra information attached to another diagnostic.
    case note
  }

  /// Where the offending token starts.
  public var location: SourceLocation

  /// What is wrong, lowercase, without a trailing period.
  public var message: String

  /// Error, warning or note.
  public var severity: Severity

  /// Creates a diagnostic; most are errors.
  public init(_ message: String, at location: SourceLocation, severity: Severity = .error) {
    self.location = location
    self.message = message
    self.severity = severity
  }
}

// MARK: - CustomStringConvertible

extension Diagnostic: CustomStringConvertible {
  /// `file:line:col: severity: message`.
  public var description: String { "\(location): \(severity.rawValue): \(message)" }
}

/// What parsing a text produced: statements ready for the backend, and every diagnostic.
public struct ParseResult: Hashable, Sendable {
  /// Statements in input order; hosts resolved, so one line may give several statements.
  /// A caller must not send them when `hasErrors` is true.
  public var statements: [Statement]

  /// Errors and warnings in input order.
  public var diagnostics: [Diagnostic]

  /// Creates a result.
  public init(statements: [Statement] = [], diagnostics: [Diagnostic] = []) {
    self.statements = statements
    self.diagnostics = diagnostics
  }

  /// True when at least one diagnostic is an error.
  public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

  /// Appends another result, as when input arrives in pieces.
  public mutating func append(_ other: ParseResult) {
    statements += other.statements
    diagnostics += other.diagnostics
  }
}
