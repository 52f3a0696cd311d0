// SPDX-License-Identifier: Apache-2.0
import Foundation

/// One netlink request captured from iproute2's `ip xfrm`: a `Vectors/NAME.vec` file
/// written by `Vectors/capture.sh`.
///
/// The file is `#` header lines (`command:`, `iproute2:`, `setkey:`, `ignore:`, `type:`,
/// `note:`) followed by the message as hex bytes, 16 a line.
struct GoldenVector: Sendable {
  /// The file name without `.vec`, e.g. `newsa-esp-espinudp`.
  var name: String
  /// The exact `ip xfrm` command that sent the message.
  var command: String
  /// The equivalent setkey statement, when there is one.
  var setkey: String?
  /// Byte offsets (inclusive) whose values vary per run: sequence number and port id.
  var ignoredRanges: [ClosedRange<Int>]
  /// What iproute2 fills in that setkey semantics may see differently.
  var notes: [String]
  /// Which of the command's messages this is (`# message:`); 1 unless stated.
  var messageIndex = 1
  /// The message, header included.
  var bytes: [UInt8]

  /// The folder holding the `.vec` files, found from this source file's path.
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()
    .appendingPathComponent("Vectors")

  /// Every vector name in the folder, sorted; empty when the folder cannot be read.
  static var allNames: [String] {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return files.filter { $0.hasSuffix(".vec") }
      .map { String($0.dropLast(4)) }
      .sorted()
  }

  /// Reads and parses `Vectors/NAME.vec`.
  init(named name: String) throws {
    let url = GoldenVector.folder.appendingPathComponent(name + ".vec")
    let text = try String(contentsOf: url, encoding: .utf8)
    try self.init(name: name, text: text)
  }

  /// Parses the text of a `.vec` file; errors name the line.
  init(name: String, text: String) throws {
    self.name = name
    command = ""
    ignoredRanges = []
    notes = []
    bytes = []

    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
      .enumerated()
    {
      let number = index + 1
      if line.hasPrefix("#") {
        try readHeader(line.dropFirst().trimmingCharacters(in: .whitespaces), line: number)
      } else if !line.isEmpty {
        try readHex(line, line: number)
      }
    }

    guard !command.isEmpty else { throw GoldenVectorError(name, 0, "no '# command:' line") }
  }

  // MARK: - Header fields

  /// `nlmsg_len`, host order (little-endian on the capturing machine).
  var messageLength: Int { Int(word(at: 0)) }

  /// `nlmsg_type`.
  var messageType: UInt16 { UInt16(littleEndianWord(at: 4, size: 2)) }

  /// `nlmsg_flags`.
  var messageFlags: UInt16 { UInt16(littleEndianWord(at: 6, size: 2)) }

  /// A host-order (little-endian here) 32-bit word, e.g. `nlmsg_seq` at 8, `nlmsg_pid` at 12.
  func word(at offset: Int) -> UInt32 { littleEndianWord(at: offset, size: 4) }

  /// The xfrm message type the name's first word promises (`newsa` is XFRM_MSG_NEWSA).
  var expectedMessageType: UInt16? {
    let prefix = name.prefix { $0 != "-" }
    return Self.messageTypes[String(prefix)]
  }

  /// Name prefixes and the `XFRM_MSG_*` codes of linux/xfrm.h.
  static let messageTypes: [String: UInt16] = [
    "newsa": 0x10, "delsa": 0x11, "getsa": 0x12, "newpolicy": 0x13, "delpolicy": 0x14,
    "getpolicy": 0x15, "allocspi": 0x16, "updpolicy": 0x19, "updsa": 0x1a,
    "flushsa": 0x1c, "flushpolicy": 0x1d,
  ]

  /// True when `offset` lies in a range the header says to ignore.
  func isIgnored(_ offset: Int) -> Bool {
    ignoredRanges.contains { $0.contains(offset) }
  }

  // MARK: - Parsing

  private mutating func readHeader(_ text: String, line: Int) throws {
    guard let colon = text.firstIndex(of: ":") else { return }
    let key = text[..<colon]
    let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)

    switch key {
    case "command": command = value
    case "setkey": setkey = value
    case "note": notes.append(value)
    case "ignore": ignoredRanges = try Self.ranges(value, vector: name, line: line)
    case "message":
      guard let index = Int(value.prefix { $0.isNumber }), index >= 1 else {
        throw GoldenVectorError(name, line, "bad message number '\(value)'")
      }
      messageIndex = index
    default: break
    }
  }

  /// `8-15   (comment)` or `8-15, 20-23`: inclusive offsets before any comment.
  private static func ranges(_ text: String, vector: String, line: Int) throws
    -> [ClosedRange<Int>]
  {
    let list = text.prefix { $0 != "(" }
    var result: [ClosedRange<Int>] = []
    for item in list.split(separator: ",") {
      let bounds = item.trimmingCharacters(in: .whitespaces).split(separator: "-")
      guard bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]),
        low <= high
      else { throw GoldenVectorError(vector, line, "bad ignore range '\(item)'") }
      result.append(low...high)
    }
    return result
  }

  private mutating func readHex(_ text: Substring, line: Int) throws {
    let words = text.split(separator: " ")
    guard words.count <= 16 else {
      throw GoldenVectorError(name, line, "more than 16 bytes on a line")
    }
    for word in words {
      guard word.count == 2, let byte = UInt8(word, radix: 16) else {
        throw GoldenVectorError(name, line, "bad hex byte '\(word)'")
      }
      bytes.append(byte)
    }
  }

  private func littleEndianWord(at offset: Int, size: Int) -> UInt32 {
    guard bytes.count >= offset + size else { return 0 }
    var value: UInt32 = 0
    for index in (0..<size).reversed() {
      value = value << 8 | UInt32(bytes[offset + index])
    }
    return value
  }
}

/// A `.vec` file that cannot be read: which file, which line, what is wrong.
struct GoldenVectorError: Error, CustomStringConvertible {
  /// The vector name.
  var vector: String
  /// 1-based line, 0 for the whole file.
  var line: Int
  /// What is wrong.
  var message: String

  init(_ vector: String, _ line: Int, _ message: String) {
    self.vector = vector
    self.line = line
    self.message = message
  }

  var description: String { "\(vector).vec:\(line): error: \(message)" }
}
