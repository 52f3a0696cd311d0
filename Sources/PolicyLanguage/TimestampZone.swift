// SPDX-License-Identifier: Apache-2.0

/// The zone dump timestamps are written in: the machine's local zone (`localtime_r`, which
/// follows `TZ` and /etc/localtime), as setkey wrote them, or a fixed offset from UTC, for
/// output that must not depend on the machine (tests).
public enum TimestampZone: Hashable, Sendable {
  /// The local zone, daylight saving time included.
  case local
  /// Seconds east of UTC.
  case fixed(Int)

  /// UTC.
  public static let utc = TimestampZone.fixed(0)
}
