// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import Testing

/// Every `.conf` of the shared corpus, with what this parser must make of it, and where
/// possible a comparison with what Linux setkey installed from the same file.
@Suite(.enabled(if: Corpus.isPresent)) struct CorpusTests {
  /// The expected outcome of one corpus file.
  struct Outcome: CustomTestStringConvertible, Sendable {
    /// The file's number, `"001"`.
    var number: String
    /// Statements produced (fwd twins and resolved pairs included).
    var statements: Int
    /// `line:column` of every error, in order.
    var errors: [String] = []
    /// How many warnings.
    var warnings = 0
    var testDescription: String { number }
  }

  static let outcomes: [Outcome] = [
    Outcome(
      number: "001", statements: 49,
      errors: [
        "76:27", "79:27", "93:27", "96:27", "158:5", "165:5", "191:39", "192:13", "196:47",
        "197:41", "202:36", "203:33", "211:38", "212:13", "213:38",
      ]),
    Outcome(number: "002", statements: 7),
    Outcome(number: "003", statements: 12, warnings: 1),
    Outcome(number: "004", statements: 9, errors: ["21:27"]),
    Outcome(number: "005", statements: 0),
    Outcome(number: "006", statements: 5),
    Outcome(number: "007", statements: 5),
    Outcome(number: "009", statements: 2),
    Outcome(number: "010", statements: 2),
    Outcome(number: "011", statements: 2),
    Outcome(number: "013", statements: 1),
    Outcome(number: "014", statements: 1),
    Outcome(number: "015", statements: 2, errors: ["7:47", "11:47", "15:43", "18:42"]),
    Outcome(number: "016", statements: 2, errors: ["7:47", "11:47", "15:43", "18:43"]),
    Outcome(number: "018", statements: 5),
    Outcome(number: "020", statements: 4, errors: ["10:1", "28:1"]),
    Outcome(number: "021", statements: 0, errors: ["2:1", "3:1", "4:1", "5:1"]),
    Outcome(number: "022", statements: 5),
    Outcome(number: "024", statements: 2, errors: ["5:8", "8:8"]),
  ]

  /// The text of the corpus file numbered `number` (`"003"`).
  static func conf(_ number: String) -> String? {
    Corpus.file(startingWith: number + "-").flatMap(Corpus.text)
  }

  /// What Linux setkey left for that file: `suffix` is `setkey-out`, `policy` or `state`.
  static func linuxSetkey(_ number: String, _ suffix: String) -> String? {
    guard let base = Corpus.file(startingWith: number + "-", in: "linux-setkey") else {
      return nil
    }
    return Corpus.text(String(base.prefix(while: { $0 != "." })) + "." + suffix)
  }

  @Test(arguments: outcomes)
  func corpusFileParsesAsExpected(outcome: Outcome) throws {
    let result = parse(try #require(Self.conf(outcome.number)))
    let errors = errors(result).map { "\($0.location.line):\($0.location.column)" }
    #expect(errors == outcome.errors, "\(result.diagnostics.map(\.description))")
    #expect(result.statements.count == outcome.statements)
    #expect(result.diagnostics.count - errors.count == outcome.warnings)
  }

  @Test func everyCorpusConfHasAnExpectedOutcome() {
    let templates = ["025", "026", "027", "028", "032", "033"]
    for number in 1...99 {
      let prefix = number < 10 ? "00\(number)-" : "0\(number)-"
      guard let name = Corpus.file(startingWith: prefix), name.hasSuffix(".conf") else { continue }
      let known =
        Self.outcomes.contains { $0.number + "-" == prefix }
        || templates.contains { $0 + "-" == prefix }
      #expect(known, "\(name) has no expected outcome")
    }
  }

  @Test func specificMessagesForTheMalformedFiles() throws {
    let plus = parse(try #require(Self.conf("021")))
    #expect(plus.diagnostics.first?.message == "unexpected character '+'")
    let names = parse(try #require(Self.conf("024")))
    #expect(names.diagnostics.first?.message.hasPrefix("cannot resolve 'IPSNET_Propria'") == true)
    let backslash = parse(try #require(Self.conf("015")))
    #expect(backslash.diagnostics.allSatisfy { $0.message.contains("remove the backslash") })
  }

  // MARK: - Against Linux setkey

  /// Files Linux setkey accepted whole (`exit 0`) must parse without errors here too.
  @Test(arguments: ["002", "003", "005", "006", "010", "011", "013", "014", "018", "022"])
  func filesLinuxSetkeyAcceptedParseCleanly(number: String) throws {
    let out = try #require(Self.linuxSetkey(number, "setkey-out"))
    #expect(out.hasSuffix("exit 0\n") || out == "exit 0")
    let result = parse(try #require(Self.conf(number)))
    #expect(!result.hasErrors)
  }

  /// Where Linux setkey stopped at a syntax error, the first error here is on that line.
  @Test(arguments: ["015", "016", "020", "021", "024", "025", "026", "027", "028", "032", "033"])
  func firstErrorIsWhereLinuxSetkeyStopped(number: String) throws {
    let out = try #require(Self.linuxSetkey(number, "setkey-out"))
    let line = try #require(Int(out.dropFirst("line ".count).prefix(while: \.isNumber)))
    let result = parse(try #require(Self.conf(number)))
    #expect(errors(result).first?.location.line == line)
  }

  /// Policies, fwd twins included, match the kernel's SPD after Linux setkey ran the file:
  /// same selectors and directions, priorities, template count, levels and fixed reqids
  /// (`unique` without a usable reqid was allocated from 16384 up).
  @Test(arguments: ["002", "003", "006", "013", "014", "018", "022"])
  func policiesMatchWhatLinuxSetkeyInstalled(number: String) throws {
    let kernel = KernelRecord.records(in: try #require(Self.linuxSetkey(number, "policy")))
    let ours = policies(try #require(Self.conf(number)))
    #expect(ours.count == kernel.count)

    for policy in ours {
      let key = Self.key(of: policy)
      let match = try #require(kernel.first { $0.policyKey == key }, "no kernel policy \(key)")
      #expect(match.value(after: "priority") == "\(policy.priority)")
      #expect(match.values(after: "tmpl").count == policy.templates.count, "\(key)")

      let levels = match.values(after: "level")
      let reqids = match.values(after: "reqid").compactMap(KernelRecord.leadingNumber)
      for (index, template) in policy.templates.enumerated() {
        #expect(levels[index] == (template.level == .use ? "use" : "required"), "\(key)")
        if case .unique(nil) = template.level {
          #expect(reqids[index] >= 16384, "\(key)")
        } else {
          #expect(reqids[index] == UInt64(template.reqid), "\(key)")
        }
      }
    }
  }

  private static func key(of policy: SecurityPolicy) -> String {
    let sport = policy.selector.sourcePort.map(String.init) ?? "any"
    let dport = policy.selector.destinationPort.map(String.init) ?? "any"
    return "\(policy.direction.rawValue) \(policy.selector.source) "
      + "\(policy.selector.destination) \(sport) \(dport)"
  }

  /// SAs match the kernel's SAD: SPI, reqid, kernel algorithm names, keys, and with
  /// `--sha2-96` the 96-bit hmac-sha2 truncation Linux setkey used.
  @Test(arguments: ["003", "010", "011"])
  func associationsMatchWhatLinuxSetkeyInstalled(number: String) throws {
    let kernel = KernelRecord.records(in: try #require(Self.linuxSetkey(number, "state")))
    let result = parse(try #require(Self.conf(number)), sha2TruncationBits: 96)
    let added = result.statements.compactMap { statement -> SecurityAssociation? in
      if case .add(let sa) = statement.command { return sa }
      return nil
    }
    #expect(added.count == kernel.count)

    for sa in added {
      let hex = String(sa.id.spi, radix: 16)
      let spi = "0x" + String(repeating: "0", count: 8 - hex.count) + hex + "("
      let match = try #require(
        kernel.first {
          $0.value(after: "spi")?.hasPrefix(spi) == true && $0.words[1] == "\(sa.id.source)"
        }, "no kernel SA \(spi)")
      #expect(match.value(after: "reqid").flatMap(KernelRecord.leadingNumber) == UInt64(sa.reqid))
      if let encryption = sa.encryption {
        #expect(match.values(after: "enc") == [encryption.algorithm.kernelName!])
        #expect(match.words.contains("0x" + encryption.key.hexadecimal))
      }
      if let authentication = sa.authentication {
        #expect(match.value(after: "auth-trunc") == authentication.algorithm.kernelName)
        #expect(match.words.contains("0x" + authentication.key.hexadecimal))
        #expect(match.values(after: "bits)").first == "\(authentication.icvBits)")
      }
    }
  }
}
