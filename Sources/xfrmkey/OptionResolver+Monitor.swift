// SPDX-License-Identifier: Apache-2.0
import XfrmBackend

// MARK: - Monitor flags

extension OptionResolver {
  /// Checks `-j`, `--events` and `--show-keys` against the mode and fills them in.
  func resolveMonitorFlags(_ mode: Option, into options: inout CommandLineOptions)
    throws(UsageError)
  {
    let monitorOnly: [Option] = [.events, .showKeys]
    if mode != .monitor, let stray = monitorOnly.first(where: has) {
      throw UsageError("'\(stray.spelling)' needs '-x'")
    }
    guard mode == .monitor else {
      options.json = has(.json)
      return
    }

    let notForMonitor: [Option] = [.dryRun, .hideKeys, .rfcMode, .kernelMode, .sha2ICV96]
    if let stray = notForMonitor.first(where: has) {
      throw UsageError("'\(stray.spelling)' does not apply to '-x'")
    }
    options.json = has(.json)
    options.showKeys = has(.showKeys)
    if let list = try singleValue(of: .events) {
      options.eventKinds = try Self.eventKinds(list)
    }
  }

  /// `acquire,expire` as category names; `all` means every one.
  static func eventKinds(_ list: String) throws(UsageError) -> [String] {
    var kinds: [String] = []
    for word in list.split(separator: ",", omittingEmptySubsequences: false) {
      let name = word.trimmingCharacters(in: " ").lowercased()
      if name == "all" {
        kinds += XfrmEvent.Category.allCases.map(\.rawValue)
        continue
      }
      guard XfrmEvent.Category(rawValue: name) != nil else {
        throw UsageError(
          "unknown event kind '\(name)' in '--events'; expected "
            + MonitorCommand.categoryList + " or all")
      }
      kinds.append(name)
    }
    return kinds
  }
}

extension Substring {
  /// The text without leading and trailing `characters`.
  fileprivate func trimmingCharacters(in characters: String) -> String {
    String(drop { characters.contains($0) }.reversed().drop { characters.contains($0) }.reversed())
  }
}
