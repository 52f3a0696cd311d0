// SPDX-License-Identifier: Apache-2.0
import IPsecModel

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
