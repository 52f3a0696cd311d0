// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif

/// Collects output text and writes it to a file descriptor in large chunks, so a dump of
/// 100k entries costs few write(2) calls and never holds more than one chunk.
struct OutputBuffer {
  private let fileDescriptor: Int32
  /// Text not written yet; readable by tests, which check that none is left behind.
  private(set) var bytes: [UInt8] = []
  private let flushThreshold: Int

  /// A buffer over `fileDescriptor` that writes whenever `flushThreshold` bytes are held.
  init(fileDescriptor: Int32, flushThreshold: Int = 64 * 1024) {
    self.fileDescriptor = fileDescriptor
    self.flushThreshold = flushThreshold
    bytes.reserveCapacity(flushThreshold + 4096)
  }

  /// Appends text; writes out when the threshold is reached.
  mutating func write(_ text: String) {
    makeRoom(text.utf8.count)
    bytes.append(contentsOf: text.utf8)
    if bytes.count >= flushThreshold { flush() }
  }

  /// Appends UTF-8 text as it is; writes out when the threshold is reached.
  mutating func write(bytes text: UnsafeRawBufferPointer) {
    makeRoom(text.count)
    bytes.append(contentsOf: text)
    if bytes.count >= flushThreshold { flush() }
  }

  /// The errno of the first write that failed for another reason than a reader that went
  /// away; the run must then not end as if its output were whole.
  private(set) var writeFailure: Int32?

  /// Writes everything held. A reader that went away (EPIPE) ends the write quietly; any
  /// other failure (a full disk, `/dev/full`) is kept in `writeFailure`.
  mutating func flush() {
    var offset = 0
    while offset < bytes.count, writeFailure == nil {
      let written = bytes[offset...].withUnsafeBytes { raw in
        Glibc.write(fileDescriptor, raw.baseAddress, raw.count)
      }
      if written < 0 {
        if errno == EINTR { continue }
        if errno != EPIPE { writeFailure = errno }
        break
      }
      offset += written
    }
    // Dumps pass SA keys through here: leave no copy in the kept capacity.
    bytes.withUnsafeMutableBytes { raw in
      if let base = raw.baseAddress { _ = memset(base, 0, raw.count) }
    }
    bytes.removeAll(keepingCapacity: true)
  }

  /// Writes out what is held when `count` more bytes would not fit: growing the array
  /// would free the old storage with its text (maybe keys) still in it.
  private mutating func makeRoom(_ count: Int) {
    if !bytes.isEmpty && bytes.count + count > bytes.capacity { flush() }
  }
}

/// Standard error, unbuffered: diagnostics appear in order with the work that caused them.
enum StandardError {
  /// Writes one line (a newline is added).
  static func line(_ text: String) {
    write(text + "\n")
  }

  /// Writes text as it is.
  static func write(_ text: String) {
    var buffer = OutputBuffer(fileDescriptor: 2, flushThreshold: 0)
    buffer.write(text)
    buffer.flush()
  }
}
