// SPDX-License-Identifier: Apache-2.0
import Foundation
import Provisioning
import Testing

@Suite("Runs on one namespace serialize on a lock file", .serialized)
struct KernelLockTests {
  static func directory() -> String {
    let path = NSTemporaryDirectory() + "xfrmkey-lock-\(getpid())-\(UInt32.random(in: 0...9999))"
    setenv("XFRMKEY_LOCK_DIR", path, 1)
    return path
  }

  @Test func aSecondExclusiveLockWaitsUntilTheFirstIsReleased() throws {
    let directory = Self.directory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let first = try KernelLock(networkNamespace: nil, exclusive: true) { _ in }
    let released = Date().addingTimeInterval(0.3)
    Thread.detachNewThread {
      Thread.sleep(until: released)
      first.unlock()
    }

    var waited: [String] = []
    let second = try KernelLock(networkNamespace: nil, exclusive: true) { waited.append($0) }
    #expect(Date() >= released)
    #expect(waited == [second.path])
    #expect(second.path.hasSuffix("/default.lock") || second.path.contains("/netns-"))
  }

  @Test func sharedLocksDoNotWaitForEachOther() throws {
    let directory = Self.directory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let first = try KernelLock(networkNamespace: nil, exclusive: false) { _ in }
    var waited = false
    let second = try KernelLock(networkNamespace: nil, exclusive: false) { _ in waited = true }
    #expect(!waited)
    first.unlock()
    second.unlock()
  }
}
