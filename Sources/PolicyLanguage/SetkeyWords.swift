// SPDX-License-Identifier: Apache-2.0
import IPsecModel

// The words setkey writes for commands and priorities, shared by every printer.

extension Command {
  /// The setkey word that writes this command (`spdadd`, `deleteall`...), for messages,
  /// `-v` lines and reports.
  public var setkeyWord: String {
    switch self {
    case .add: "add"
    case .update: "update"
    case .get: "get"
    case .delete: "delete"
    case .deleteAll: "deleteall"
    case .flush: "flush"
    case .dump: "dump"
    case .getSPI: "getspi"
    case .spdAdd: "spdadd"
    case .spdUpdate: "spdupdate"
    case .spdDelete, .spdDeleteMatching: "spddelete"
    case .spdGet: "spdget"
    case .spdDefaultGet, .spdDefaultSet: "spddefault"
    case .spdInfo, .spdSetHashThresholds: "spdinfo"
    case .sadInfo: "sadinfo"
    case .spdFlush: "spdflush"
    case .spdDump: "spddump"
    case .exit: "exit"
    }
  }
}

extension PolicyPriority {
  /// A priority as setkey's `prio` words, the nearest of `high`, `def`, `low` plus or minus
  /// an offset (`prio high + 5`), exactly as `-DP` prints it; 0 as `prio high + 1073741824`.
  public static func setkeyText(_ priority: UInt32) -> String {
    SetkeyNames.exactPriorityText(priority)
  }
}
