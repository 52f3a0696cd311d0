// SPDX-License-Identifier: Apache-2.0
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

  /// The clock for `current:` and `diff:`, in seconds since the epoch; injectable for
  /// tests. The default is `systemTime`.
  public var now: () -> Int64

  /// The zone timestamps are written in; setkey used the local one.
  public var timeZone: TimestampZone {
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

  /// Creates a formatter. The defaults print keys, read the system clock and zone, and
  /// report this process's pid.
  public init(
    showKeys: Bool = true,
    now: @escaping () -> Int64 = SetkeyDumpFormatter.systemTime,
    timeZone: TimestampZone = .local,
    processID: Int = Int(getpid()),
    sha2ICVIs96Bits: Bool = false
  ) {
    self.showKeys = showKeys
    self.now = now
    self.timeTexts = TimeTextCache(zone: timeZone)
    self.processID = processID
    self.sha2ICVIs96Bits = sha2ICVIs96Bits
  }

  /// The system clock in whole seconds, `time(2)`, which setkey read for each entry too.
  /// Every SA of a dump asks for it, and glibc answers `time` from the vDSO's data page
  /// whatever the clock source, where `clock_gettime(CLOCK_REALTIME)` is a system call
  /// per entry on machines whose clock source the vDSO cannot read (HPET, as in QEMU
  /// guests).
  public static func systemTime() -> Int64 { Int64(time(nil)) }

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
    var text = DumpText()
    write(sa, sequence: sequence, to: &text)
    return text.string
  }

  /// Appends the entry `format(_:sequence:)` returns, as bytes.
  func write(_ sa: SecurityAssociation, sequence: Int, to out: inout DumpText) {
    writeAddressLine(sa, to: &out)
    out.append(ascii: "\t")
    writeProtocolName(sa, to: &out)
    out.append("mode=")
    out.append(LiteralNames.of(sa.mode))
    out.append(" spi=")
    out.append(decimal: UInt64(sa.id.spi))
    out.append("(0x")
    out.append(hex8: sa.id.spi)
    out.append(") reqid=")
    out.append(decimal: UInt64(sa.reqid))
    out.append("(0x")
    out.append(hex8: sa.reqid)
    out.append(")\n")
    if let encap = sa.encapsulation, let original = encap.originalAddress,
      !original.isUnspecified
    {
      out.append("\tNAT OA=")
      out.append(address: original)
      out.append("\n")
    }

    writeAlgorithmLines(sa, to: &out)
    out.append("\tseq=0x")
    out.append(hex8: sa.sequence)
    out.append(" replay=")
    out.append(decimal: UInt64(sa.replayWindow))
    out.append(" flags=0x")
    out.append(hex8: pfkeyFlags(sa.flags))
    out.append(" state=mature \n")
    writeExtensionLines(sa, to: &out)
    out.append(string: xfrmEraLines(sa))

    writeLifetimeLines(sa, to: &out)
    if let context = sa.securityContext {
      out.append(string: securityContextLines(context))
    }
    out.append("\tsadb_seq=")
    out.append(number: sequence)
    out.append(" pid=")
    out.append(number: processID)
    out.append(" refcnt=0\n")
  }

  /// `src dst ` with the NAT-T ports in brackets when the SA is encapsulated.
  private func writeAddressLine(_ sa: SecurityAssociation, to out: inout DumpText) {
    func endpoint(_ address: IPAddress, port: UInt16?) {
      out.append(address: address)
      guard let port else { return }
      out.append(ascii: "[")
      out.append(decimal: UInt64(port))
      out.append(ascii: "]")
    }
    endpoint(sa.id.source, port: sa.encapsulation?.sourcePort)
    out.append(ascii: " ")
    endpoint(sa.id.destination, port: sa.encapsulation?.destinationPort)
    out.append(" \n")
  }

  /// `esp `, `ah `, `ipcomp `, or with NAT-T `esp-udp ` and `natt+ah `.
  private func writeProtocolName(_ sa: SecurityAssociation, to out: inout DumpText) {
    let name = LiteralNames.of(sa.id.securityProtocol)
    if sa.encapsulation == nil {
      out.append(name)
    } else if sa.id.securityProtocol == .esp {
      out.append("esp-udp")
    } else {
      out.append("natt+")
      out.append(name)
    }
    out.append(ascii: " ")
  }

  /// The `C:`, `E:` and `A:` lines with their optional `icv:` lines. Each algorithm's
  /// setkey name is worked out once, for its line and its `icv:` line.
  private func writeAlgorithmLines(_ sa: SecurityAssociation, to out: inout DumpText) {
    switch sa.id.securityProtocol {
    case .ipcomp:
      if let compression = sa.compression {
        out.append("\tC: ")
        out.append(string: setkeyName(compression))
        out.append(ascii: " ")
      }
    case .esp:
      if let aead = sa.aead {
        let name = setkeyName(aead)
        writeKeyLine("E", name: name, key: aead.key, to: &out)
        writeICVLine(aead, name: name, to: &out)
      } else if let encryption = sa.encryption {
        writeKeyLine("E", name: setkeyName(encryption), key: encryption.key, to: &out)
      }
    case .ah:
      break
    }

    if sa.id.securityProtocol != .ipcomp, let authentication = sa.authentication {
      let name = setkeyName(authentication)
      writeKeyLine("A", name: name, key: authentication.key, to: &out)
      writeICVLine(authentication, name: name, to: &out)
    }
  }

  /// `\tE: name  1234abcd ...\n`: the name, then the key in words of 4 bytes, 32 bytes a
  /// line, continuation lines starting with one space (ipsec-tools' hex dump layout). The
  /// key's digits go straight into the dump's buffer, never into a `String`.
  private func writeKeyLine(
    _ letter: StaticString, name: String, key: Key, to out: inout DumpText
  ) {
    out.append("\t")
    out.append(letter)
    out.append(": ")
    out.append(string: name)
    out.append(ascii: " ")
    if !key.bytes.isEmpty {
      if showKeys {
        writeKeyWords(key, to: &out)
      } else {
        out.append(ascii: " ")
        out.append(string: Self.keyMask)
      }
    }
    out.append("\n")
  }

  /// The key as setkey printed it: ` 1234abcd` per 4 bytes, a newline before every 32.
  private func writeKeyWords(_ key: Key, to out: inout DumpText) {
    out.appendInPlace(maximum: key.bytes.count * 2 + key.bytes.count / 4 * 2 + 2) { text in
      for (index, byte) in key.bytes.enumerated() {
        if index % 4 == 0 {
          if index != 0 && index % 32 == 0 { text.put(ascii: "\n") }
          text.put(ascii: " ")
        }
        text.put(hexByte: byte)
      }
    }
  }

  /// The key as setkey printed it, or the mask.
  func keyWords(_ key: Key) -> String {
    guard !key.bytes.isEmpty else { return "" }
    guard showKeys else { return " " + Self.keyMask }
    var text = DumpText(capacity: key.bytes.count * 3 + 8)
    writeKeyWords(key, to: &text)
    return text.string
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

  /// `\ticv: N(bits)\n` when the ICV is not the one the printed name (`setkeyName`)
  /// implies.
  private func writeICVLine(_ choice: AlgorithmKey, name: String, to out: inout DumpText) {
    guard icvBitsImplied(by: choice, name: name) != choice.icvBits else { return }
    out.append("\ticv: ")
    out.append(number: choice.icvBits)
    out.append("(bits)\n")
  }

  /// The ICV a reader of the `E:`/`A:` line showing `name` would assume.
  private func icvBitsImplied(by choice: AlgorithmKey, name: String) -> Int {
    let kind = choice.algorithm.kind
    if sha2ICVIs96Bits && kind == .authentication && Self.sha2Names.contains(name) {
      return 96
    }
    let entry = AlgorithmCatalogue.lookup(setkeyName: name, option: [kind])
    return entry?.icvBits ?? choice.algorithm.icvBits
  }

  /// The hmac-sha2 names `--sha2-96` truncates to 96 bits.
  private static let sha2Names: Set<String> = ["hmac-sha256", "hmac-sha384", "hmac-sha512"]

  /// The three xfrm flags PF_KEY carried, at their `SADB_SAFLAGS_*` bits.
  private func pfkeyFlags(_ flags: StateFlags) -> UInt32 {
    var bits: UInt32 = 0
    if flags.contains(.noECN) { bits |= 0x8000_0000 }
    if flags.contains(.decapDSCP) { bits |= 0x4000_0000 }
    if flags.contains(.noPMTUDiscovery) { bits |= 0x2000_0000 }
    return bits
  }

  /// The lines setkey had no field for; see `format(_:sequence:)`.
  private func writeExtensionLines(_ sa: SecurityAssociation, to out: inout DumpText) {
    if let selector = sa.selector, !isUnrestricted(selector) {
      out.append("\tsel: ")
      out.append(string: selectorText(selector))
      out.append("\n")
    }

    let names = Self.extensionFlagNames
    let extraWords = sa.extraFlags.isEmpty ? [] : extraFlagWords(sa.extraFlags)
    if names.contains(where: { sa.flags.contains($0.0) }) || !extraWords.isEmpty {
      out.append("\txfrm-flags:")
      for (flag, name) in names where sa.flags.contains(flag) {
        out.append(ascii: " ")
        out.append(name)
      }
      for word in extraWords {
        out.append(ascii: " ")
        out.append(string: word)
      }
      out.append("\n")
    }

    if let encap = sa.encapsulation, encap.type != 2 {
      out.append("\tencap: type=")
      out.append(number: encap.type)
      out.append("\n")
    }
    if let stats = sa.statistics,
      stats.replayWindow != 0 || stats.replay != 0 || stats.integrityFailed != 0
    {
      out.append("\tstats: replay-window=")
      out.append(number: stats.replayWindow)
      out.append(" replay=")
      out.append(number: stats.replay)
      out.append(" failed=")
      out.append(number: stats.integrityFailed)
      out.append("\n")
    }
  }

  /// `XFRM_STATE_*` flags PF_KEY had no bit for, with their `xfrm-flags:` words.
  private static let extensionFlagNames: [(StateFlags, StaticString)] = [
    (.wildcardReceive, "wildrecv"), (.icmp, "icmp"), (.addressFamilyUnspecified, "af-unspec"),
    (.align4, "align4"), (.extendedSequenceNumbers, "esn"),
  ]

  /// True for the selector setkey leaves on every SA: both prefixes /0, no ports, no
  /// protocol, no interface.
  private func isUnrestricted(_ selector: TrafficSelector) -> Bool {
    selector.source.length == 0 && selector.destination.length == 0
      && selector.sourcePort == nil && selector.destinationPort == nil
      && selector.upperProtocol == nil && selector.interfaceIndex == 0
  }

  /// The six lifetime lines, tab separated, with setkey's units.
  private func writeLifetimeLines(_ sa: SecurityAssociation, to out: inout DumpText) {
    let current = sa.current ?? LifetimeCurrent()
    let limits = sa.lifetime
    let nowSeconds = UInt64(max(0, now()))
    let diff =
      current.addTime == 0 || nowSeconds < current.addTime
      ? 0 : nowSeconds - current.addTime

    out.append("\tcreated: ")
    writeTime(current.addTime, to: &out)
    out.append("\tcurrent: ")
    writeTime(nowSeconds, to: &out)
    out.append("\n\tdiff: ")
    out.append(decimal: diff)
    out.append("(s)\thard: ")
    out.append(decimal: limits.hardAddSeconds)
    out.append("(s)\tsoft: ")
    out.append(decimal: limits.softAddSeconds)
    out.append("(s)\n\tlast: ")
    writeTime(current.useTime, to: &out)
    out.append("\thard: ")
    out.append(decimal: limits.hardUseSeconds)
    out.append("(s)\tsoft: ")
    out.append(decimal: limits.softUseSeconds)
    out.append("(s)\n\tcurrent: ")
    out.append(decimal: current.bytes)
    out.append("(bytes)\thard: ")
    out.append(decimal: limits.hardBytes)
    out.append("(bytes)\tsoft: ")
    out.append(decimal: limits.softBytes)
    out.append("(bytes)\n\tallocated: ")
    out.append(decimal: current.packets)
    out.append("\thard: ")
    out.append(decimal: limits.hardPackets)
    out.append("\tsoft: ")
    out.append(decimal: limits.softPackets)
    out.append("\n")
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
