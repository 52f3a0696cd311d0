// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif

/// The write end of the current signal pipe, for the handler; -1 when none is installed.
/// Set before the handler is, so the handler only ever reads it.
nonisolated(unsafe) private var signalPipeWriteEnd: Int32 = -1

/// A self-pipe for stop signals: the handler writes one byte, and whoever waits in `poll`
/// on `readEnd` wakes up, whatever system call it was about to make. Nothing else runs in
/// the handler (`write` is async-signal-safe).
final class SignalPipe {
  /// Readable once one of the signals arrived.
  let readEnd: Int32
  private let writeEnd: Int32
  private let signals: [Int32]
  private var previous: [sigaction] = []

  /// Installs the handler for `signals` (SIGINT and SIGTERM by default).
  init(signals: [Int32] = [SIGINT, SIGTERM]) throws {
    var ends: [Int32] = [-1, -1]
    guard pipe(&ends) == 0 else { throw SignalPipeError(errno: errno) }
    for end in ends {
      _ = fcntl(end, F_SETFD, FD_CLOEXEC)
      _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
    }
    readEnd = ends[0]
    writeEnd = ends[1]
    self.signals = signals
    signalPipeWriteEnd = writeEnd

    for signal in signals {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { _ in
        var byte: UInt8 = 1
        _ = write(signalPipeWriteEnd, &byte, 1)
      }
      sigemptyset(&action.sa_mask)
      var old = sigaction()
      sigaction(signal, &action, &old)
      previous.append(old)
    }
  }

  deinit {
    for (signal, var old) in zip(signals, previous) { sigaction(signal, &old, nil) }
    signalPipeWriteEnd = -1
    close(readEnd)
    close(writeEnd)
  }
}

/// The pipe could not be made.
struct SignalPipeError: Error, CustomStringConvertible {
  /// The errno of `pipe`.
  var errno: Int32
  /// `cannot create the signal pipe: ...`.
  var description: String { "cannot create the signal pipe: \(String(cString: strerror(errno)))" }
}
