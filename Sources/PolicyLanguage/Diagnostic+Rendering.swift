// SPDX-License-Identifier: Apache-2.0

extension Diagnostic {
  /// The diagnostic followed by its source line and a caret under the offending token, as
  /// compilers print them. `text` is the whole input the location refers to; tabs before
  /// the column are kept so the caret lines up in a terminal.
  ///
  ///     a.conf:2:5: error: 'rc5-cbc' is not supported by the Linux kernel
  ///     	-E rc5-cbc "kamekame"
  ///     	   ^
  public func rendered(in text: String) -> String {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard location.line >= 1, location.line <= lines.count else { return description }

    let line = Array(lines[location.line - 1].utf8)
    let prefix = line.prefix(max(0, location.column - 1))
    let padding = String(decoding: prefix, as: UTF8.self)
      .map { $0 == "\t" ? "\t" : " " }
      .joined()
    return "\(description)\n\(String(decoding: line, as: UTF8.self))\n\(padding)^"
  }
}
