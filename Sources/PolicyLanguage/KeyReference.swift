// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif

/// A key given by reference instead of inline, so it stays out of files that are shared,
/// out of argv (`-e`) and out of shell history:
///
/// - `file:/etc/xfrmkey/k1.key`: the file's contents (the path runs to the next blank or
///   `;`);
/// - `env:NAME`: the environment variable NAME;
/// - `fd:N`: everything readable from open descriptor N (read once, then reused).
///
/// The text is the key in hexadecimal, with or without `0x`; blanks and newlines are
/// ignored. Read when the statement is parsed.
public enum KeyReference: Hashable, Sendable {
  /// `file:PATH`.
  case file(String)
  /// `env:NAME`.
  case environment(String)
  /// `fd:N`.
  case fileDescriptor(Int32)

  /// The reference a key word spells; nil when the word is not a reference.
  public init?(_ word: String) {
    if word.hasPrefix("file:"), word.count > 5 {
      self = .file(String(word.dropFirst(5)))
    } else if word.hasPrefix("env:"), word.count > 4 {
      self = .environment(String(word.dropFirst(4)))
    } else if word.hasPrefix("fd:"), let number = Int32(word.dropFirst(3)), number >= 0 {
      self = .fileDescriptor(number)
    } else {
      return nil
    }
  }

  /// True for words that start like a reference, valid or not. Read from the token's
  /// bytes: the word may be a key, which must not be copied into a `String`.
  static func looksLikeReference(_ word: Token) -> Bool {
    word.hasPrefix("file:") || word.hasPrefix("env:") || word.hasPrefix("fd:")
  }
}

/// What a reference held: its text, and for a file, its permission bits.
public struct KeyReferenceContents: Sendable {
  /// The raw text; the caller wipes it after decoding.
  public var bytes: [UInt8]
  /// `st_mode & 0o777` of a file; nil for variables and descriptors.
  public var permissions: UInt32?

  /// Wraps what was read.
  public init(bytes: [UInt8], permissions: UInt32?) {
    self.bytes = bytes
    self.permissions = permissions
  }
}

/// Reads key references; tests inject a fixed table.
public protocol KeyReferenceReader: Sendable {
  /// The contents of `reference`, or a lowercase reason it cannot be read.
  func read(_ reference: KeyReference) throws(KeyReferenceError) -> KeyReferenceContents
}

/// Why a reference could not be read; never contains key material.
public struct KeyReferenceError: Error, Hashable, Sendable {
  /// Lowercase, e.g. `no such file or directory`.
  public var reason: String

  /// Creates an error.
  public init(_ reason: String) { self.reason = reason }
}

/// Files, the environment and descriptors of this process.
public final class SystemKeyReader: KeyReferenceReader, @unchecked Sendable {
  private var descriptorContents: [Int32: [UInt8]] = [:]

  /// A reader with nothing read yet.
  public init() {}

  /// Reads the reference.
  public func read(_ reference: KeyReference) throws(KeyReferenceError) -> KeyReferenceContents {
    switch reference {
    case .file(let path):
      let descriptor = open(path, O_RDONLY | O_CLOEXEC)
      guard descriptor >= 0 else { throw Self.systemError() }
      defer { close(descriptor) }
      var status = stat()
      guard fstat(descriptor, &status) == 0 else { throw Self.systemError() }
      guard status.st_mode & S_IFMT == S_IFREG else { throw KeyReferenceError("not a file") }
      let bytes = try Self.readAll(descriptor)
      return KeyReferenceContents(bytes: bytes, permissions: UInt32(status.st_mode) & 0o777)
    case .environment(let name):
      guard let value = getenv(name) else {
        throw KeyReferenceError("environment variable '\(name)' is not set")
      }
      return KeyReferenceContents(bytes: Array(String(cString: value).utf8), permissions: nil)
    case .fileDescriptor(let number):
      if let cached = descriptorContents[number] {
        return KeyReferenceContents(bytes: cached, permissions: nil)
      }
      let bytes = try Self.readAll(number)
      descriptorContents[number] = bytes
      return KeyReferenceContents(bytes: bytes, permissions: nil)
    }
  }

  private static func readAll(_ descriptor: Int32) throws(KeyReferenceError) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(4096)
    var chunk = [UInt8](repeating: 0, count: 4096)
    defer { for index in chunk.indices { chunk[index] = 0 } }
    while true {
      let count = chunk.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        throw systemError()
      }
      if count == 0 { return bytes }
      bytes.append(contentsOf: chunk[0..<count])
    }
  }

  private static func systemError() -> KeyReferenceError {
    KeyReferenceError(String(cString: strerror(errno)).lowercased())
  }
}
