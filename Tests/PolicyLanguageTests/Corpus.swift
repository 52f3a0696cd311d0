// SPDX-License-Identifier: Apache-2.0
#if canImport(Glibc)
  import Glibc
#endif

/// The shared setkey corpus next to the package (`../shared/corpus/setkey`), read in place,
/// never copied into the repository. Tests that need it are disabled when it is absent.
enum Corpus {
  /// The corpus folder, found from this file's path.
  static let directory: String = {
    var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
    parts.removeLast(3)
    return parts.joined(separator: "/") + "/../shared/corpus/setkey"
  }()

  /// True when the folder is there.
  static var isPresent: Bool { access(directory + "/INDEX.md", R_OK) == 0 }

  /// A corpus file's text, or nil.
  static func text(_ name: String) -> String? {
    guard let file = fopen(directory + "/" + name, "r") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 4096)
    while true {
      let count = fread(&buffer, 1, buffer.count, file)
      if count <= 0 { break }
      bytes += buffer[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// The first file whose name starts with `prefix` (`"003-"`), by name.
  static func file(startingWith prefix: String, in folder: String = "") -> String? {
    let path = folder.isEmpty ? directory : directory + "/" + folder
    guard let handle = opendir(path) else { return nil }
    defer { closedir(handle) }
    var names: [String] = []
    while let entry = readdir(handle) {
      let name = withUnsafeBytes(of: entry.pointee.d_name) {
        String(decoding: $0.prefix(while: { $0 != 0 }), as: UTF8.self)
      }
      if name.hasPrefix(prefix) { names.append(name) }
    }
    return names.sorted().first.map { folder.isEmpty ? $0 : folder + "/" + $0 }
  }

  /// The tab-separated data rows of a `.tsv` vector file (comments and headers dropped).
  static func rows(_ prefix: String) -> [[String]] {
    guard let name = file(startingWith: prefix), let text = text(name) else { return [] }
    return text.split(separator: "\n")
      .filter { !$0.hasPrefix("#") }
      .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
  }
}
