// SPDX-License-Identifier: Apache-2.0

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
