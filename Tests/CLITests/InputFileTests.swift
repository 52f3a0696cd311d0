// SPDX-License-Identifier: Apache-2.0
import Foundation
import Glibc
import Testing

@testable import xfrmkey

/// `-f FILE` reads the whole file into one buffer of its own, grown as needed.
@Suite struct InputFileTests {
  static func withFile(_ contents: [UInt8], _ body: (String) throws -> Void) throws {
    let path = NSTemporaryDirectory() + "xfrmkey-input-\(getpid())-\(UUID().uuidString)"
    try Data(contents).write(to: URL(fileURLWithPath: path))
    defer { unlink(path) }
    try body(path)
  }

  @Test(arguments: [0, 1, 65_535, 65_536, 65_537, 300_000])
  func theWholeFileIsReadWhateverItsSize(size: Int) throws {
    let contents = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 8) }
    try Self.withFile(contents) { path in
      let input = try #require(InputFile.read(path))
      #expect(Array(input.bytes) == contents)
    }
  }

  @Test func aByteOrderMarkIsNotPartOfTheText() throws {
    try Self.withFile([0xEF, 0xBB, 0xBF] + Array("spdflush ;".utf8)) { path in
      let input = try #require(InputFile.read(path))
      #expect(String(decoding: input.bytes, as: UTF8.self) == "spdflush ;")
    }
  }

  @Test func aMissingFileIsNilWithErrno() {
    #expect(InputFile.read("/nonexistent/xfrmkey.conf") == nil)
    #expect(errno == ENOENT)
  }
}
