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

  /// Releases a lock from another thread once told that a second run waits for it, as the
  /// first run would by finishing; no timing is assumed, however slow the machine is.
  final class ReleaseOnRequest: @unchecked Sendable {
    private let request = DispatchSemaphore(value: 0)
    private let state = NSLock()
    private var done = false

    init(_ lock: KernelLock) {
      Thread.detachNewThread { [self] in
        // The deadline only bounds a failure: a second run that never says it waits.
        _ = request.wait(timeout: .now() + 30)
        state.withLock { done = true }
        lock.unlock()
      }
    }

    /// Asks for the release.
    func release() { request.signal() }

    /// True once the lock has been (or is being) released.
    var released: Bool { state.withLock { done } }
  }

  @Test func aSecondExclusiveLockWaitsUntilTheFirstIsReleased() throws {
    let directory = Self.directory()
    defer { try? FileManager.default.removeItem(atPath: directory) }
    let first = try KernelLock(networkNamespace: nil, exclusive: true) { _ in }
    let releaser = ReleaseOnRequest(first)

    var waited: [String] = []
    let second = try KernelLock(networkNamespace: nil, exclusive: true) {
      waited.append($0)
      releaser.release()
    }
    #expect(releaser.released, "the second lock was taken while the first was held")
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
