// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// Reads the setkey(8) language (ipsec-tools 0.8.2, with FreeBSD and NetBSD additions) into
/// `Statement`s.
///
/// Decisions where setkey left room:
/// - A `\` at the end of a line is an error, as in setkey: statements already span lines
///   until their `;`, so the backslash is never needed.
/// - `getspi src dst proto [spi | min-max] [-m mode] [-u reqid] ;` asks the kernel for an
///   SPI, e.g. `getspi 10.0.0.1 10.0.0.2 esp 0x100-0x1ff ;`.
/// - hmac-sha2 uses RFC 4868 ICV lengths unless `ParseOptions.sha2TruncationBits` says 96.
/// - A port, ICMP type or code of 0 means any, which is what Linux setkey installed.
/// - After `exit`, `quit` or `bye` the rest of the text is not read.
public enum SetkeyParser {
  /// Parses a whole text, reporting every broken statement. `file` names the input in
  /// diagnostics and statement locations.
  public static func parse(
    _ text: String, file: String, options: ParseOptions = ParseOptions()
  ) -> ParseResult {
    var parser = StatementParser(text.utf8, file: file, line: 1, column: 1, options: options)
    return parser.parseAll()
  }

  /// Parses UTF-8 text the caller holds (and wipes) itself, such as a file read into a
  /// buffer of its own: no `String` copy of the keys in it is made. Invalid UTF-8 is
  /// reported where it stands.
  public static func parse(
    utf8 text: UnsafeBufferPointer<UInt8>, file: String, options: ParseOptions = ParseOptions()
  ) -> ParseResult {
    var parser = StatementParser(text, file: file, line: 1, column: 1, options: options)
    return parser.parseAll()
  }
}
