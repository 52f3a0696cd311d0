// SPDX-License-Identifier: Apache-2.0

/// Command-line misuse. Its description is the whole message for standard error: the
/// error, the usage lines and a hint. The program exits 64 (`EX_USAGE`) after it.
struct UsageError: Error, Equatable, CustomStringConvertible {
  /// The exit status for misuse.
  static let exitStatus: Int32 = 64

  /// What was wrong, lowercase, the offending word in single quotes.
  var message: String

  /// Creates an error from its message.
  init(_ message: String) {
    self.message = message
  }

  /// `error: message`, the usage lines, then where to read more.
  var description: String {
    "error: \(message)\n\(CommandLineOptions.usage)\nSee 'xfrmkey --help' for every option.\n"
  }
}
