// SPDX-License-Identifier: Apache-2.0

/// A place in an input: the file's name as the user gave it, 1-based line and column.
public struct SourceLocation: Hashable, Sendable {
  /// The file as named on the command line, `<stdin>` or `<command line>`.
  public var file: String

  /// 1-based line.
  public var line: Int

  /// 1-based column, counted in bytes of UTF-8 as compilers do.
  public var column: Int

  /// Creates a location.
  public init(file: String, line: Int, column: Int) {
    self.file = file
    self.line = line
    self.column = column
  }
}

extension SourceLocation: CustomStringConvertible {
  /// `file:line:col`, the prefix of every diagnostic.
  public var description: String { "\(file):\(line):\(column)" }
}
