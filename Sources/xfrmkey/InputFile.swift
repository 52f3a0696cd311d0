// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif

/// Reads a whole input file, `-` meaning standard input.
enum InputFile {
  /// The largest input read: 256 MiB, over two million statements, so that reading
  /// `/dev/zero` by mistake ends in an error rather than in exhausted memory.
  static let maximumBytes = 256 << 20

  /// The file's text, or nil with `errno` set when it cannot be read. Invalid UTF-8 is
  /// repaired rather than refused, so the parser can point at the bad place; a leading
  /// byte-order mark is dropped.
  static func read(_ path: String) -> String? {
    let descriptor = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { if descriptor != 0 { close(descriptor) } }

    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if count == 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
      if bytes.count > maximumBytes {
        errno = EFBIG
        return nil
      }
    }
    // A byte-order mark, as some Windows editors write, is no part of the statements.
    let start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    return String(decoding: bytes[start...], as: UTF8.self)
  }
}
