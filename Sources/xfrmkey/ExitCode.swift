// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif
import NetlinkSocket

/// The exit statuses scripts may rely on; documented in the README and kept stable.
enum ExitCode: Int32 {
  /// Everything asked was done.
  case success = 0
  /// The kernel refused at least one statement (the others still ran).
  case kernelRefused = 1
  /// `diff`: the kernel does not match the file.
  case notInSync = 2
  /// Command-line misuse (sysexits EX_USAGE).
  case usage = 64
  /// The input has errors; nothing was sent (EX_DATAERR).
  case badInput = 65
  /// An input file could not be read (EX_NOINPUT).
  case noInput = 66
  /// Something unexpected in xfrmkey or the system (EX_SOFTWARE).
  case internalError = 70
  /// The output could not be written, e.g. a full disk (EX_IOERR).
  case outputFailed = 74
  /// Not allowed: xfrm needs CAP_NET_ADMIN (EX_NOPERM).
  case permissionDenied = 77
}

extension ExitCode {
  /// Said after an error that ends in `permissionDenied`: what the kernel wants.
  static let permissionHint = "; xfrm needs CAP_NET_ADMIN (run xfrmkey as root)"

  /// The status for a failure outside the kernel's answers: a refused permission is 77, a
  /// `--netns` namespace that does not exist is the user's input (66), the rest is ours.
  init(failure error: any Error) {
    guard let error = error as? SystemError else {
      self = .internalError
      return
    }
    switch error.errno {
    case EPERM, EACCES: self = .permissionDenied
    case ENOENT where error.networkNamespace != nil: self = .noInput
    default: self = .internalError
    }
  }
}
