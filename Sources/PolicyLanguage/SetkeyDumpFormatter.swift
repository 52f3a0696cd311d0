// SPDX-License-Identifier: Apache-2.0
import Foundation
import IPsecModel

#if canImport(Glibc)
  import Glibc
#endif

/// Writes model SAs and SPs in the layout of Linux ipsec-tools `setkey -D` and `setkey -DP`,
/// so scripts written against the original tool keep reading our output.
///
/// Each `format` call returns one complete entry, final newline included; a dump is the
/// entries concatenated, or `noSADEntries` / `noSPDEntries` when there are none. Linux
/// PF_KEY numbered the messages of a dump 1, 2, 3... and gave the last one 0; the caller
/// passes that number as `sequence` (see `dumpSequence(ofEntry:count:)`).
///
/// Values PF_KEY reported but xfrm does not, and how they are filled in:
/// - `pid=`: setkey printed the pid of the dump request, which is its own pid; we print
///   ours (`processID`), so the field means the same thing.
/// - `state=`: xfrm does not expose the SA state; every SA a dump returns is usable, so it
///   prints `mature`.
/// - `refcnt=`: the kernel's reference count is not reported by xfrm; SAs print 0, as
///   Linux setkey did, and policies print 0 too (setkey showed 1 or 2, a kernel detail).
public struct SetkeyDumpFormatter {
  /// False replaces every key with `keyMask`.
  public var showKeys: Bool

  /// The clock for `current:` and `diff:`; injectable for tests.
  public var now: () -> Date

  /// The zone timestamps are written in; setkey used the local one. The local zone is
  /// looked up on first use: finding it costs more than a whole empty dump.
  public var timeZone: TimeZone {
    get { timeTexts.zone }
    set { timeTexts = TimeTextCache(zone: newValue) }
  }

  /// The zone, and times already written in it.
  var timeTexts: TimeTextCache

  /// Printed as `pid=`; defaults to this process.
  public var processID: Int

  /// True when hmac-sha256/384/512 SAs are expected to carry a 96-bit ICV, as Linux setkey
  /// installed them (`--sha2-96`); then only other lengths get an `icv:` line.
  public var sha2ICVIs96Bits: Bool

  /// Creates a formatter. The defaults print keys, read the system clock and zone (nil:
  /// the local zone), and report this process's pid.
  public init(
    showKeys: Bool = true,
    now: @escaping () -> Date = Date.init,
    timeZone: TimeZone? = nil,
    processID: Int = Int(getpid()),
    sha2ICVIs96Bits: Bool = false
  ) {
    self.showKeys = showKeys
    self.now = now
    self.timeTexts = TimeTextCache(zone: timeZone)
    self.processID = processID
    self.sha2ICVIs96Bits = sha2ICVIs96Bits
  }

  /// What `setkey -D` prints for an empty SAD.
  public static let noSADEntries = "No SAD entries.\n"

  /// What `setkey -DP` prints for an empty SPD.
  public static let noSPDEntries = "No SPD entries.\n"

  /// Stands for a key when `showKeys` is false; the same whatever the key's length.
  public static let keyMask = "<hidden>"

  /// The `sadb_seq=` / `seq=` number of entry `index` (from 0) of a dump of `count`
  /// entries, as Linux setkey showed it: 1, 2, ..., and 0 for the last.
  public static func dumpSequence(ofEntry index: Int, count: Int) -> Int {
    index == count - 1 ? 0 : index + 1
  }
}

// MARK: - SAD entries

extension SetkeyDumpFormatter {
  /// One `setkey -D` entry.
  ///
  /// Lines xfrm can hold but setkey never printed; each appears only when it carries
  /// something, so an SA Linux setkey could have made prints exactly as setkey printed it:
  /// - `\ticv: N(bits)` after an `E:` or `A:` line, when the ICV length differs from the
  ///   one the algorithm's name implies (`aes-gcm-12` is 96; hmac-sha256 is 128, or 96
  ///   with `sha2ICVIs96Bits`).
  /// - `\tsel: SRC DST PROTO` when the SA has a selector narrower than "any", written like
  ///   the first line of an SPD entry.
  /// - `\txfrm-flags: esn af-unspec ...` for `XFRM_STATE_*` flags PF_KEY had no bit for
  ///   (wildrecv, icmp, af-unspec, align4, esn); the three it had go into `flags=`.
  /// - `\tencap: type=N` when NAT traversal uses another type than ESP-in-UDP (2).
  /// - `\tstats: replay-window=N replay=N failed=N` when an error counter is non-zero.
  ///
  /// setkey's own NAT-T form is kept: `src[sport] dst[dport]`, `esp-udp`, `NAT OA=`.
  /// Two deviations: `E: null` and `A: null` are printed (setkey dropped the line for a
  /// zero-length key), and the lifetime block is printed even for an SA that did not come
  /// from a dump, with zero counters. IPComp keeps setkey's quirk of ending the `C:` line
  /// without a newline, so `seq=` follows it on the same line.
  public func format(_ sa: SecurityAssociation, sequence: Int) -> String {
    var out = addressLine(sa)
    out += "\t" + protocolName(sa) + "mode=\(sa.mode.rawValue) "
    out += "spi=\(sa.id.spi)(0x\(SetkeyNames.hex8(sa.id.spi))) "
    out += "reqid=\(sa.reqid)(0x\(SetkeyNames.hex8(sa.reqid)))\n"
    if let encap = sa.encapsulation, let original = encap.originalAddress,
      !original.isUnspecified
    {
      out += "\tNAT OA=\(original)\n"
    }

    out += algorithmLines(sa)
    out += "\tseq=0x\(SetkeyNames.hex8(sa.sequence)) replay=\(sa.replayWindow) "
    out += "flags=0x\(SetkeyNames.hex8(pfkeyFlags(sa.flags))) state=mature \n"
    out += extensionLines(sa)
    out += xfrmEraLines(sa)

    out += lifetimeLines(sa)
    if let context = sa.securityContext {
      out += securityContextLines(context)
    }
    out += "\tsadb_seq=\(sequence) pid=\(processID) refcnt=0\n"
    return out
  }

  /// `src dst ` with the NAT-T ports in brackets when the SA is encapsulated.
  private func addressLine(_ sa: SecurityAssociation) -> String {
    var source = sa.id.source.description
    var destination = sa.id.destination.description
    if let encap = sa.encapsulation {
      source += "[\(encap.sourcePort)]"
      destination += "[\(encap.destinationPort)]"
    }
    return "\(source) \(destination) \n"
  }

  /// `esp `, `ah `, `ipcomp `, or with NAT-T `esp-udp ` and `natt+ah `.
  private func protocolName(_ sa: SecurityAssociation) -> String {
    let name = sa.id.securityProtocol.rawValue
    guard sa.encapsulation != nil else { return name + " " }
    return sa.id.securityProtocol == .esp ? "esp-udp " : "natt+" + name + " "
  }

  /// The `C:`, `E:` and `A:` lines with their optional `icv:` lines.
  private func algorithmLines(_ sa: SecurityAssociation) -> String {
    var out = ""
    switch sa.id.securityProtocol {
    case .ipcomp:
      if let compression = sa.compression {
        out += "\tC: \(setkeyName(compression)) "
      }
    case .esp:
      if let aead = sa.aead {
        out += keyLine("E", name: setkeyName(aead), key: aead.key)
        out += icvLine(aead)
      } else if let encryption = sa.encryption {
        out += keyLine("E", name: setkeyName(encryption), key: encryption.key)
      }
    case .ah:
      break
    }

    if sa.id.securityProtocol != .ipcomp, let authentication = sa.authentication {
      out += keyLine("A", name: setkeyName(authentication), key: authentication.key)
      out += icvLine(authentication)
    }
    return out
  }

  /// `\tE: name  1234abcd ...\n`: the name, then the key in words of 4 bytes, 32 bytes a
  /// line, continuation lines starting with one space (ipsec-tools' hex dump layout).
  private func keyLine(_ letter: String, name: String, key: Key) -> String {
    "\t\(letter): \(name) \(keyWords(key))\n"
  }

  /// The key as setkey printed it, or the mask.
  func keyWords(_ key: Key) -> String {
    guard !key.bytes.isEmpty else { return "" }
    guard showKeys else { return " " + Self.keyMask }

    let hex = Array(key.hexadecimal)
    var out = ""
    for start in stride(from: 0, to: hex.count, by: 8) {
      if start != 0 && start % 64 == 0 { out += "\n" }
      out += " " + String(hex[start..<min(start + 8, hex.count)])
    }
    return out
  }

  /// The setkey spelling of an algorithm, found again from its kernel name so an AEAD's
  /// ICV picks the right variant (`aes-gcm-12`).
  func setkeyName(_ choice: AlgorithmKey) -> String {
    let algorithm = choice.algorithm
    guard let kernelName = algorithm.kernelName else { return algorithm.name }
    let icv = algorithm.kind == .aead ? choice.icvBits : nil
    let match = AlgorithmCatalogue.lookup(
      kernelName: kernelName, kind: algorithm.kind, icvBits: icv)
    return match?.name ?? algorithm.name
  }

  /// `\ticv: N(bits)\n` when the ICV is not the one the printed name implies.
  private func icvLine(_ choice: AlgorithmKey) -> String {
    icvBitsImplied(by: choice) == choice.icvBits ? "" : "\ticv: \(choice.icvBits)(bits)\n"
  }

  /// The ICV a reader of the `E:`/`A:` line would assume.
  private func icvBitsImplied(by choice: AlgorithmKey) -> Int {
    let name = setkeyName(choice)
    let entry = AlgorithmCatalogue.lookup(setkeyName: name, option: [choice.algorithm.kind])
    let catalogueBits = entry?.icvBits ?? choice.algorithm.icvBits
    let sha2 = ["hmac-sha256", "hmac-sha384", "hmac-sha512"]
    if sha2ICVIs96Bits && choice.algorithm.kind == .authentication && sha2.contains(name) {
      return 96
    }
    return catalogueBits
  }

  /// The three xfrm flags PF_KEY carried, at their `SADB_SAFLAGS_*` bits.
  private func pfkeyFlags(_ flags: StateFlags) -> UInt32 {
    var bits: UInt32 = 0
    if flags.contains(.noECN) { bits |= 0x8000_0000 }
    if flags.contains(.decapDSCP) { bits |= 0x4000_0000 }
    if flags.contains(.noPMTUDiscovery) { bits |= 0x2000_0000 }
    return bits
  }

  /// The lines setkey had no field for; see `format(_:sequence:)`.
  private func extensionLines(_ sa: SecurityAssociation) -> String {
    var out = ""
    if let selector = sa.selector, !isUnrestricted(selector) {
      out += "\tsel: \(selectorText(selector))\n"
    }

    let names: [(StateFlags, String)] = [
      (.wildcardReceive, "wildrecv"), (.icmp, "icmp"), (.addressFamilyUnspecified, "af-unspec"),
      (.align4, "align4"), (.extendedSequenceNumbers, "esn"),
    ]
    let extra = names.filter { sa.flags.contains($0.0) }.map(\.1) + extraFlagWords(sa.extraFlags)
    if !extra.isEmpty {
      out += "\txfrm-flags: \(extra.joined(separator: " "))\n"
    }

    if let encap = sa.encapsulation, encap.type != 2 {
      out += "\tencap: type=\(encap.type)\n"
    }
    if let stats = sa.statistics,
      stats.replayWindow != 0 || stats.replay != 0 || stats.integrityFailed != 0
    {
      out += "\tstats: replay-window=\(stats.replayWindow) replay=\(stats.replay) "
      out += "failed=\(stats.integrityFailed)\n"
    }
    return out
  }

  /// True for the selector setkey leaves on every SA: both prefixes /0, no ports, no
  /// protocol, no interface.
  private func isUnrestricted(_ selector: TrafficSelector) -> Bool {
    selector.source.length == 0 && selector.destination.length == 0
      && selector.sourcePort == nil && selector.destinationPort == nil
      && selector.upperProtocol == nil && selector.interfaceIndex == 0
  }

  /// The six lifetime lines, tab separated, with setkey's units.
  private func lifetimeLines(_ sa: SecurityAssociation) -> String {
    let current = sa.current ?? LifetimeCurrent()
    let limits = sa.lifetime
    let nowSeconds = UInt64(max(0, now().timeIntervalSince1970))
    let diff =
      current.addTime == 0 || nowSeconds < current.addTime
      ? 0 : nowSeconds - current.addTime

    var out = "\tcreated: \(setkeyTime(current.addTime))"
    out += "\tcurrent: \(setkeyTime(nowSeconds))\n"
    out += "\tdiff: \(diff)(s)\thard: \(limits.hardAddSeconds)(s)"
    out += "\tsoft: \(limits.softAddSeconds)(s)\n"
    out += "\tlast: \(setkeyTime(current.useTime))\thard: \(limits.hardUseSeconds)(s)"
    out += "\tsoft: \(limits.softUseSeconds)(s)\n"
    out += "\tcurrent: \(current.bytes)(bytes)\thard: \(limits.hardBytes)(bytes)"
    out += "\tsoft: \(limits.softBytes)(bytes)\n"
    out += "\tallocated: \(current.packets)\thard: \(limits.hardPackets)"
    out += "\tsoft: \(limits.softPackets)\n"
    return out
  }

  /// setkey's four security-context lines; the length counts the terminating NUL, as
  /// setkey sent it.
  func securityContextLines(_ context: SecurityContext) -> String {
    let text = String(context.context.prefix { $0 != "\0" })
    var out = "\tsecurity context doi: \(context.doi)\n"
    out += "\tsecurity context algorithm: \(context.algorithm)\n"
    out += "\tsecurity context length: \(text.utf8.count + 1)\n"
    out += "\tsecurity context: \(text)\n"
    return out
  }
}
