// SPDX-License-Identifier: Apache-2.0
import Foundation

/// One `.vec` file of `Tests/XfrmBackendTests/Vectors`, read for its setkey statement and
/// its bytes (the full format is described in that folder's `capture.sh`).
struct CapturedVector: Sendable, CustomStringConvertible {
  /// File name without `.vec`.
  var name: String
  /// The `# setkey:` statement; nil when the vector has none.
  var setkey: String?
  /// The message as `ip xfrm` sent it.
  var bytes: [UInt8]

  /// The vector folder, found from this file's path.
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("XfrmBackendTests/Vectors")

  /// Every vector that records a setkey statement, by name.
  static let withStatements: [CapturedVector] = {
    let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    return files.filter { $0.hasSuffix(".vec") }.sorted().compactMap { file in
      let url = folder.appendingPathComponent(file)
      guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
      let vector = CapturedVector(name: String(file.dropLast(4)), text: text)
      return vector.setkey == nil ? nil : vector
    }
  }()

  /// Parses the header's `setkey:` line and the hex rows.
  init(name: String, text: String) {
    self.name = name
    bytes = []
    for line in text.split(separator: "\n") {
      if line.hasPrefix("# setkey:") {
        setkey = line.dropFirst("# setkey:".count).trimmingCharacters(in: .whitespaces)
      } else if !line.hasPrefix("#") {
        bytes += line.split(separator: " ").compactMap { UInt8($0, radix: 16) }
      }
    }
  }

  /// `nlmsg_seq` as captured, host order.
  var sequence: UInt32 { word(at: 8) }

  /// `nlmsg_pid` as captured, host order.
  var portID: UInt32 { word(at: 12) }

  var description: String { name }

  private func word(at offset: Int) -> UInt32 {
    (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
  }
}
