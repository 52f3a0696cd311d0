// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif

/// An advisory lock that serializes xfrmkey runs working on one network namespace:
/// `flock(2)` on `/run/xfrmkey/NAME.lock`, held until the process ends or `unlock()`.
///
/// NAME is `default` for the initial namespace and `netns-DEV-INODE` for any other, from
/// the namespace file itself, so `--netns blue`, `ip netns exec blue xfrmkey` and a shell
/// inside `unshare -n` all agree on the lock of the namespace they really work in.
/// `XFRMKEY_LOCK_DIR` moves the directory (tests).
public final class KernelLock {
  /// Where lock files live unless `XFRMKEY_LOCK_DIR` says otherwise.
  public static let defaultDirectory = "/run/xfrmkey"

  /// The lock file.
  public let path: String
  private var descriptor: Int32

  /// Takes the lock for the namespace `/run/netns/NAME`, or the caller's own when nil;
  /// exclusive for runs that change the kernel, shared for runs that only read it. Calls
  /// `waiting` once if another run holds it, then blocks until it is free.
  public init(networkNamespace: String?, exclusive: Bool, waiting: (String) -> Void)
    throws(LockError)
  {
    let directory =
      getenv("XFRMKEY_LOCK_DIR").map { String(cString: $0) }
      ?? Self.defaultDirectory
    guard let name = Self.lockName(networkNamespace) else {
      // No such namespace: nothing to serialize; opening it fails next, with its reason.
      path = ""
      descriptor = -1
      return
    }
    path = directory + "/" + name + ".lock"

    if mkdir(directory, 0o755) != 0 && errno != EEXIST {
      throw LockError(path: directory, errno: errno)
    }
    descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { throw LockError(path: path, errno: errno) }

    let operation = exclusive ? LOCK_EX : LOCK_SH
    if flock(descriptor, operation | LOCK_NB) == 0 { return }
    guard errno == EWOULDBLOCK else {
      defer { close(descriptor) }
      throw LockError(path: path, errno: errno)
    }
    waiting(path)
    while flock(descriptor, operation) != 0 {
      guard errno == EINTR else {
        defer { close(descriptor) }
        throw LockError(path: path, errno: errno)
      }
    }
  }

  deinit { unlock() }

  /// Releases the lock early.
  public func unlock() {
    guard descriptor >= 0 else { return }
    close(descriptor)
    descriptor = -1
  }

  /// `default`, or `netns-DEV-INODE` of the namespace; nil when it does not exist.
  static func lockName(_ networkNamespace: String?) -> String? {
    let mine = networkNamespace.map { "/run/netns/" + $0 } ?? "/proc/self/ns/net"
    var target = stat()
    var initial = stat()
    guard stat(mine, &target) == 0 else { return nil }
    if stat("/proc/1/ns/net", &initial) == 0, initial.st_ino == target.st_ino,
      initial.st_dev == target.st_dev
    {
      return "default"
    }
    return "netns-\(target.st_dev)-\(target.st_ino)"
  }
}

/// The lock could not be taken.
public struct LockError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The file or directory involved.
  public var path: String
  /// What went wrong.
  public var errno: Int32

  /// `cannot lock '/run/xfrmkey/default.lock': Permission denied`.
  public var description: String {
    "cannot lock '\(path)': \(String(cString: strerror(errno)))"
  }
}
