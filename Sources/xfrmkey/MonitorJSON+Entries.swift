// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage

// MARK: - Entries, written by the dumps' formatter

extension MonitorJSON {
  /// The formatter of `-D -j` and `-DP -j`, so an event's entry has exactly the members of
  /// a dump's (`Documentation/xfrmkey-dump.schema.json`); keys are null unless shown.
  var entries: JSONDumpFormatter { JSONDumpFormatter(showKeys: showKeys) }

  /// An SA (`kind` `sa`).
  func state(_ sa: SecurityAssociation) -> JSONValue {
    .encoded(entries.format(sa))
  }

  /// A policy (`kind` `sp`).
  func policy(_ sp: SecurityPolicy) -> JSONValue {
    .encoded(entries.format(sp))
  }

  /// A selector, as in the entries.
  func selector(_ selector: TrafficSelector) -> JSONValue {
    .encoded(entries.format(selector))
  }

  /// A template, as in a policy's `templates`.
  func template(_ template: PolicyTemplate) -> JSONValue {
    .encoded(entries.format(template))
  }

  /// `struct xfrm_lifetime_cur`, or null.
  func current(_ current: LifetimeCurrent?) -> JSONValue {
    .encoded(entries.format(current))
  }

  /// A mark as the entries write it (`value`, `mask`), or null.
  func mark(_ mark: Mark?) -> JSONValue {
    guard let mark else { return .null }
    return .object([
      ("value", .unsigned(UInt64(mark.value))), ("mask", .unsigned(UInt64(mark.mask))),
    ])
  }
}
