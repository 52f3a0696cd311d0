// SPDX-License-Identifier: Apache-2.0
import IPsecModel

// MARK: - Pieces of entries, for event printers

extension SetkeyDumpFormatter {
  /// The first line of a `-DP` entry for any selector: `src[port] dst[port] proto`.
  public func selectorLine(_ selector: TrafficSelector) -> String {
    selectorText(selector)
  }

  /// A rule as `-DP` prints it: `esp/transport//require`.
  public func templateLine(_ template: PolicyTemplate) -> String {
    templateText(template)
  }

  /// `out prio def ipsec`, as on the second line of a `-DP` entry.
  public func directionLine(_ policy: SecurityPolicy) -> String {
    policyLine(policy)
  }

  /// A time as setkey writes it, `Dec  3 17:05:00 2026`; blanks for 0.
  public func timeText(_ seconds: UInt64) -> String {
    setkeyTime(seconds)
  }
}
