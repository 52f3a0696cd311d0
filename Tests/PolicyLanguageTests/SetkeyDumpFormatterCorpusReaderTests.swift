// SPDX-License-Identifier: Apache-2.0
import Foundation
import IPsecModel
import Testing

/// Reads the `ip -s xfrm state` / `ip -s xfrm policy` text the corpus recorded after each
/// Linux setkey run and builds the model values the kernel held, so the formatter can be
/// fed exactly what produced the real `setkey -D` / `-DP` files. Only the forms the corpus
/// contains are understood; anything else fails the test that reads it.
enum IPXfrmCorpusReader {
  /// The corpus folder, or nil when this checkout has none beside it.
  static let folder: URL? = {
    let package = URL(fileURLWithPath: #filePath)
      .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let folder = package.appendingPathComponent("../shared/corpus/setkey/linux-setkey")
      .standardizedFileURL
    return FileManager.default.fileExists(atPath: folder.path) ? folder : nil
  }()

  /// The text of `prefix*.extension` in the corpus.
  static func text(_ prefix: String, _ suffix: String) throws -> String {
    let folder = try #require(folder)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    let name = try #require(names.first { $0.hasPrefix(prefix) && $0.hasSuffix("." + suffix) })
    return try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
  }

  /// Splits text into entries, each starting at a line in column 0.
  static func blocks(_ text: String) -> [[String]] {
    var blocks: [[String]] = []
    for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
      if !line.hasPrefix("\t") && !line.hasPrefix(" ") {
        blocks.append([String(line)])
      } else if !blocks.isEmpty {
        blocks[blocks.count - 1].append(String(line))
      }
    }
    return blocks
  }

  /// The words of a line.
  static func words(_ line: String) -> [String] {
    line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
  }

  /// `add 2026-12-03 16:39:36 use -`, read as UTC (the capture machine's zone).
  static func addTime(_ line: String) -> UInt64 {
    let parts = words(line)
    let date = parts[1].split(separator: "-").map { Int32($0)! }
    let clock = parts[2].split(separator: ":").map { Int32($0)! }
    return utc(
      year: date[0], month: date[1], day: date[2], hour: clock[0], minute: clock[1],
      second: clock[2])
  }

  /// Seconds since the epoch of a UTC calendar time.
  static func utc(
    year: Int32, month: Int32, day: Int32, hour: Int32, minute: Int32, second: Int32
  ) -> UInt64 {
    var fields = tm()
    fields.tm_year = year - 1900
    fields.tm_mon = month - 1
    fields.tm_mday = day
    fields.tm_hour = hour
    fields.tm_min = minute
    fields.tm_sec = second
    return UInt64(timegm(&fields))
  }

  /// Hex key bytes from `0x6b616d65...`.
  static func keyBytes(_ hex: String) -> [UInt8] {
    let digits = Array(hex.dropFirst(2))
    return stride(from: 0, to: digits.count, by: 2).map {
      UInt8(String(digits[$0...$0 + 1]), radix: 16)!
    }
  }

  /// Host-order number from `0x00010002(65538)` or `0(0x00000000)`: the decimal part.
  static func decimal(_ text: String) -> UInt32 {
    if text.hasPrefix("0x") {
      return UInt32(text.split(separator: "(")[1].dropLast())!
    }
    return UInt32(text.split(separator: "(")[0])!
  }

  /// The SAs of a `.state` file, in file order.
  static func states(_ text: String) throws -> [SecurityAssociation] {
    try blocks(text).map { block in
      let head = words(block[0])
      let source = try #require(IPAddress(head[1]))
      let destination = try #require(IPAddress(head[3]))
      var sa: SecurityAssociation?
      var current = LifetimeCurrent()
      for line in block.dropFirst() {
        let w = words(line)
        switch w.first {
        case "proto":
          let proto = try #require(SecurityProtocol(rawValue: w[1] == "comp" ? "ipcomp" : w[1]))
          var new = SecurityAssociation(
            id: SecurityAssociationID(
              source: source, destination: destination, securityProtocol: proto,
              spi: decimal(w[3])))
          new.reqid = decimal(w[5])
          new.mode = try #require(IPsecMode(rawValue: w[7]))
          sa = new
        case "replay-window":
          sa?.replayWindow = UInt32(w[1])!
        case "auth-trunc":
          let algorithm = try #require(
            AlgorithmCatalogue.lookup(kernelName: w[1], kind: .authentication))
          sa?.authentication = AlgorithmKey(
            algorithm, key: Key(keyBytes(w[2])), icvBits: Int(w[5])!)
        case "enc":
          let algorithm = try #require(
            AlgorithmCatalogue.lookup(kernelName: w[1], kind: .encryption))
          sa?.encryption = AlgorithmKey(algorithm, key: Key(keyBytes(w[2])))
        case "sel":
          let family: AddressFamily = w[2].contains(":") ? .ipv6 : .ipv4
          sa?.selector = .any(family)
        case "add":
          current.addTime = addTime(line)
        default:
          break
        }
      }
      var result = try #require(sa)
      result.current = current
      result.statistics = StateStatistics()
      return result
    }
  }

  /// The protocol numbers of the names `ip` prints in the corpus.
  static let protocolNumbers: [String: UInt8] = ["icmp": 1, "tcp": 6, "udp": 17, "ipv6-icmp": 58]

  /// The SPs of a `.policy` file, in file order.
  static func policies(_ text: String) throws -> [SecurityPolicy] {
    try blocks(text).map { block in
      let head = words(block[0])
      let source = try prefix(head[1])
      let destination = try prefix(head[3])
      var selector = TrafficSelector(source: source, destination: destination)
      var index = 4
      while index + 1 < head.count {
        switch head[index] {
        case "proto":
          let number = try #require(protocolNumbers[head[index + 1]])
          selector.upperProtocol = number
        case "sport": selector.sourcePort = UInt16(head[index + 1])
        case "dport": selector.destinationPort = UInt16(head[index + 1])
        default: break
        }
        index += 2
      }

      var policy: SecurityPolicy?
      var current = LifetimeCurrent()
      var tunnel: (IPAddress, IPAddress)?
      for line in block.dropFirst() {
        let w = words(line)
        switch w.first {
        case "dir":
          let direction = try #require(PolicyDirection(rawValue: w[1]))
          var new = SecurityPolicy(
            selector: selector, direction: direction, action: w[3] == "block" ? .discard : .none)
          new.index = UInt32(w[5])!
          new.priority = UInt32(w[7])!
          policy = new
        case "add":
          current.addTime = addTime(line)
        case "tmpl":
          tunnel = (try #require(IPAddress(w[2])), try #require(IPAddress(w[4])))
        case "proto":
          let proto = try #require(SecurityProtocol(rawValue: w[1] == "comp" ? "ipcomp" : w[1]))
          let mode = try #require(IPsecMode(rawValue: w[7]))
          var template = PolicyTemplate(
            securityProtocol: proto, mode: mode, tunnelSource: tunnel?.0,
            tunnelDestination: tunnel?.1, level: .require, reqid: decimal(w[5]))
          template.spi = decimal(w[3])
          policy?.templates.append(template)
          policy?.action = .ipsec
        case "level":
          let count = policy?.templates.count ?? 0
          if w[1] == "use", count > 0 { policy?.templates[count - 1].level = .use }
        default:
          break
        }
      }
      var result = try #require(policy)
      result.current = current
      return result
    }
  }

  /// `10.0.0.0/16` or `::1/128`.
  static func prefix(_ text: String) throws -> IPPrefix {
    let parts = text.split(separator: "/")
    let address = try #require(IPAddress(String(parts[0])))
    return IPPrefix(address, length: parts.count > 1 ? Int(parts[1])! : nil)
  }
}
