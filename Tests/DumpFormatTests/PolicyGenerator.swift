// SPDX-License-Identifier: Apache-2.0

/// Random but valid policies of every shape, written twice over: as `ip xfrm policy add`
/// lines (for `ip -batch`) and as setkey statements (for `xfrmkey -k -f`). Each policy
/// gets a source address of its own, so no two collide in the kernel.
struct PolicyGenerator {
  var random: SeededGenerator

  init(seed: UInt64) { random = SeededGenerator(seed: seed) }

  private mutating func pick<T>(_ choices: [T]) -> T {
    choices[Int.random(in: 0..<choices.count, using: &random)]
  }

  private mutating func chance(_ percent: Int) -> Bool {
    Int.random(in: 0..<100, using: &random) < percent
  }

  private mutating func number(_ range: ClosedRange<UInt64>) -> UInt64 {
    UInt64.random(in: range, using: &random)
  }

  /// A source address numbered `serial`, in the block `block` (0 for ip, 1 for xfrmkey).
  private func source(_ serial: Int, block: Int, ipv6: Bool) -> String {
    ipv6
      ? "2001:db8:\(block):\(String(serial, radix: 16))::1"
      : "10.\(block * 128 + serial / 256).\(serial % 256).1"
  }

  private mutating func destination(ipv6: Bool) -> String {
    ipv6
      ? "2001:db9::\(String(number(1...0xffff), radix: 16))"
      : "192.168.\(number(0...255)).\(number(1...254))"
  }

  private mutating func tunnelEnds(ipv6: Bool) -> (String, String) {
    ipv6
      ? ("2001:db8:ff::\(number(1...99))", "2001:db8:fe::\(number(1...99))")
      : ("198.51.100.\(number(1...254))", "203.0.113.\(number(1...254))")
  }

  private mutating func reqid() -> UInt64 {
    pick([0, number(1...0x3fff), number(0x4000...0xffff_ffff)])
  }

  // MARK: - ip xfrm

  /// One `xfrm policy add ...` line for `ip -batch`.
  mutating func ipCommand(_ serial: Int) -> String {
    let ipv6 = chance(30)
    let maxLength: UInt64 = ipv6 ? 128 : 32
    var words = ["xfrm policy add"]
    words.append("src \(source(serial, block: 0, ipv6: ipv6))/\(number(0...maxLength))")
    words.append("dst \(destination(ipv6: ipv6))/\(number(0...maxLength))")
    if chance(10) { words.append("dev lo") }

    switch Int.random(in: 0..<6, using: &random) {
    case 0: break
    case 1:
      words.append(pick(["proto tcp", "proto udp", "proto sctp"]))
      if chance(70) { words.append("sport \(number(1...65535))") }
      if chance(70) { words.append("dport \(number(1...65535))") }
    case 2:
      words.append(ipv6 ? "proto ipv6-icmp" : "proto icmp")
      words.append("type \(number(0...255))")
      if chance(70) { words.append("code \(number(0...255))") }
    case 3:
      words.append("proto gre key \(number(1...0xffff_ffff))")
    case 4:
      words.append("proto \(pick([17, 50, 132, 115]))")
    default:
      words.append(ipv6 ? "proto ipv6-icmp" : "proto icmp")
    }

    let direction = pick(["in", "out", "fwd"])
    words.append("dir \(direction)")
    words.append("priority \(pick([0, number(0...0xffff_ffff), 0x8000_0000]))")
    for limit in [
      "time-soft", "time-hard", "time-use-soft", "time-use-hard",
      "byte-soft", "byte-hard", "packet-soft", "packet-hard",
    ] where chance(15) {
      words.append("limit \(limit) \(number(1...0xffff_ffff))")
    }

    switch Int.random(in: 0..<4, using: &random) {
    case 0: words.append("action block")
    case 1: break
    default:
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        words.append(ipTemplate(ipv6: ipv6, outbound: direction == "out"))
      }
    }
    return words.joined(separator: " ")
  }

  /// The kernel refuses an optional tunnel template in an outbound policy.
  private mutating func ipTemplate(ipv6: Bool, outbound: Bool) -> String {
    var words = ["tmpl"]
    let tunnel = chance(40)
    if tunnel {
      let (from, to) = tunnelEnds(ipv6: ipv6)
      words.append("src \(from) dst \(to)")
    }
    words.append("proto \(pick(["esp", "ah", "comp"]))")
    words.append("mode \(tunnel ? "tunnel" : "transport")")
    let id = reqid()
    if id != 0 { words.append("reqid \(id)") }
    words.append("level \(tunnel && outbound ? "required" : pick(["required", "use"]))")
    return words.joined(separator: " ")
  }

  // MARK: - setkey statements

  /// One `spdadd` statement, kernel mode.
  mutating func statement(_ serial: Int) -> String {
    let ipv6 = chance(30)
    let maxLength: UInt64 = ipv6 ? 128 : 32
    var source = "\(self.source(serial, block: 1, ipv6: ipv6))/\(number(0...maxLength))"
    var destination = "\(self.destination(ipv6: ipv6))/\(number(0...maxLength))"
    var upper = "any"

    switch Int.random(in: 0..<5, using: &random) {
    case 0: break
    case 1:
      upper = pick(["tcp", "udp", "132"])
      source += chance(60) ? "[\(number(1...65535))]" : "[any]"
      destination += chance(60) ? "[\(number(1...65535))]" : "[any]"
    case 2:
      upper = ipv6 ? "ipv6-icmp" : "icmp"
      upper += " \(number(0...255))" + (chance(60) ? ",\(number(0...255))" : "")
    case 3:
      upper = "47 \(number(1...0xffff_ffff))"
    default:
      upper = "\(pick([17, 50, 89, 132]))"
    }

    var words = ["spdadd", source, destination, upper]
    for option in ["-lh", "-ls", "-bh", "-bs", "-ph", "-ps", "-uh", "-us"] where chance(10) {
      words.append("\(option) \(number(1...0xffff_ffff))")
    }
    let direction = pick(["in", "out", "fwd"])
    words.append("-P \(direction)")
    let priorities = [
      "", "prio def", "prio high + \(number(0...0x4000_0000))",
      "prio low - \(number(0...0x3fff_ffff))", "prio \(number(0...0x8000_0000))",
      "prio def - \(number(0...0x3fff_ffff))",
    ]
    let priority = pick(priorities)
    if !priority.isEmpty { words.append(priority) }

    switch Int.random(in: 0..<4, using: &random) {
    case 0: words.append("discard")
    case 1: words.append(pick(["none", "bypass"]))
    default:
      words.append("ipsec")
      for _ in 0..<Int.random(in: 1...3, using: &random) {
        words.append(rule(ipv6: ipv6, outbound: direction == "out"))
      }
    }
    return words.joined(separator: " ") + " ;"
  }

  private mutating func rule(ipv6: Bool, outbound: Bool) -> String {
    let proto = pick(["esp", "ah", "ipcomp"])
    let tunnel = chance(40)
    var endpoints = ""
    if tunnel {
      let (from, to) = tunnelEnds(ipv6: ipv6)
      endpoints = "\(from)-\(to)"
    }
    var levels = ["default", "require", "unique", "unique:\(number(1...0x3fff))"]
    if !(tunnel && outbound) { levels.append("use") }
    let level = pick(levels)
    return "\(proto)/\(tunnel ? "tunnel" : "transport")/\(endpoints)/\(level)"
  }
}
