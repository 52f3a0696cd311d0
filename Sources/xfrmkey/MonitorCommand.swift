// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif
import NetlinkSocket
import PolicyLanguage
import XfrmBackend

/// `xfrmkey -x`: joins the xfrm multicast groups and prints each event as it arrives, in
/// text or JSON lines, until SIGINT or SIGTERM.
///
/// Output is flushed after every event, so a pipe sees events as they happen. A full
/// receive queue (the kernel reports `ENOBUFS`) prints a `lost` line and watching goes on.
struct MonitorCommand {
  let options: CommandLineOptions

  /// The `--events` words, for help and errors.
  static let categoryList = XfrmEvent.Category.allCases.map(\.rawValue)
    .joined(separator: ", ")

  /// Watches until a stop signal; the exit status.
  func run() -> ExitCode {
    let categories = Set((options.eventKinds ?? []).compactMap(XfrmEvent.Category.init))
    let watched = categories.isEmpty ? Set(XfrmEvent.Category.allCases) : categories
    let signals: SignalPipe
    let monitor: XfrmMonitor
    do {
      signals = try SignalPipe()
      monitor = try XfrmMonitor(
        categories: watched, networkNamespace: options.networkNamespace,
        wakeDescriptor: signals.readEnd)
    } catch {
      return fail(error)
    }

    // The pipe must outlive the wait: the monitor only holds its descriptor number.
    return withExtendedLifetime(signals) { watch(monitor) }
  }

  /// Prints items until the wake-up; the exit status.
  private func watch(_ monitor: XfrmMonitor) -> ExitCode {
    var output = OutputBuffer(fileDescriptor: 1)
    let writer = MonitorWriter(showKeys: options.showKeys, json: options.json)
    do {
      while let item = try monitor.next() {
        output.write(writer.text(for: item, at: MonitorClock.now()))
        errno = 0
        output.flush()
        if errno == EPIPE { break }  // the reader went away, as in `xfrmkey -x | head`
      }
    } catch {
      output.flush()
      return fail(error)
    }
    return .success
  }

  /// Reports a failure to open or read the socket.
  private func fail(_ error: any Error) -> ExitCode {
    let status = ExitCode(failure: error)
    let hint = status == .permissionDenied ? ExitCode.permissionHint : ""
    StandardError.line("xfrmkey: error: \(error)\(hint)")
    return status
  }
}

/// The wall-clock time of an event, in the two spellings the output uses.
struct MonitorClock {
  /// `2026-12-03 17:05:00.123456`, local time, for text.
  var text: String
  /// `2026-12-03T17:05:00.123456+01:00`, RFC 3339, for JSON.
  var rfc3339: String

  /// Now.
  static func now() -> MonitorClock {
    var spec = timespec()
    clock_gettime(CLOCK_REALTIME, &spec)
    var seconds = spec.tv_sec
    var fields = tm()
    localtime_r(&seconds, &fields)

    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
    let date =
      "\(pad(Int(fields.tm_year) + 1900, 4))-\(pad(Int(fields.tm_mon) + 1, 2))-"
      + pad(Int(fields.tm_mday), 2)
    let clock =
      "\(pad(Int(fields.tm_hour), 2)):\(pad(Int(fields.tm_min), 2)):"
      + "\(pad(Int(fields.tm_sec), 2)).\(pad(spec.tv_nsec / 1000, 6))"
    let offset = Int(fields.tm_gmtoff) / 60
    let zone = (offset < 0 ? "-" : "+") + "\(pad(abs(offset) / 60, 2)):\(pad(abs(offset) % 60, 2))"
    return MonitorClock(text: "\(date) \(clock)", rfc3339: "\(date)T\(clock)\(zone)")
  }
}
