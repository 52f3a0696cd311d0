// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif

/// A whole input file (`-` meaning standard input) read into one buffer that is wiped when
/// freed: setkey text holds keys. Growing the buffer wipes the old one too, so no copy of
/// the text is left in freed memory.
final class InputFile {
  /// The largest input read: 256 MiB, over two million statements, so that reading
  /// `/dev/zero` by mistake ends in an error rather than in exhausted memory.
  static let maximumBytes = 256 << 20

  private var storage: UnsafeMutableBufferPointer<UInt8>
  private var count = 0

  private init() { storage = .allocate(capacity: 1 << 16) }

  deinit { Self.wipeAndFree(storage) }

  /// The text, without a leading byte-order mark (as some Windows editors write); valid
  /// while this object is. Invalid UTF-8 is passed on: the parser points at it.
  var bytes: UnsafeBufferPointer<UInt8> {
    let text = UnsafeBufferPointer(rebasing: storage[0..<count])
    let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
    return text.starts(with: bom) ? UnsafeBufferPointer(rebasing: text[3...]) : text
  }

  /// The file's text, or nil with `errno` set when it cannot be read.
  static func read(_ path: String) -> InputFile? {
    let descriptor = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { if descriptor != 0 { close(descriptor) } }

    let input = InputFile()
    while true {
      if input.count == input.storage.count {
        guard input.storage.count < maximumBytes else {
          errno = EFBIG
          return nil
        }
        input.grow()
      }
      let room = input.storage.count - input.count
      let read = Glibc.read(descriptor, input.storage.baseAddress! + input.count, room)
      if read < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if read == 0 { return input }
      input.count += read
    }
  }

  /// Doubles the room, moving the text and wiping where it was.
  private func grow() {
    let larger = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: storage.count * 2)
    _ = larger.initialize(fromContentsOf: storage[0..<count])
    Self.wipeAndFree(storage)
    storage = larger
  }

  private static func wipeAndFree(_ buffer: UnsafeMutableBufferPointer<UInt8>) {
    if let start = buffer.baseAddress { explicit_bzero(start, buffer.count) }
    buffer.deallocate()
  }
}
