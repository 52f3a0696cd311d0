// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire
import PolicyLanguage
import Testing
import XfrmBackend

/// From setkey text to the exact bytes `ip xfrm` sends for the same request: parser and
/// encoder together, for every captured vector that records its setkey statement.
@Suite struct SetkeyTextGoldenTests {
  /// Kernel mode (no `fwd` twin) and no name lookups: one statement, one message.
  static var options: ParseOptions {
    var options = ParseOptions()
    options.rfcMode = false
    return options
  }

  /// Vectors whose setkey statement is documented not to send ip's bytes, and why.
  static let knownDifferences: [String: String] = [
    "getsa-dump": "ip adds an all-zero XFRMA_ADDRESS_FILTER; xfrmkey sends a bare dump",
    "getsa-dump-esp": "ip filters with XFRMA_PROTO; xfrmkey dumps all and filters after",
    "getsa-dump-deleteall": "deleteall is a dump followed by deletes, not one request",
    "delsa-deleteall-esp": "the delete deleteall sends after its dump, not its first message",
    "newpolicy-ipv6-icmp6-type-code":
      "ICMP code 0 means any in setkey (mask 0); ip sends code 0 with mask 0xffff",
    "newpolicy-secctx": "its '# setkey:' line puts -ctx after -P, which setkey never took",
  ]

  static var comparable: [CapturedVector] {
    CapturedVector.withStatements.filter { knownDifferences[$0.name] == nil }
  }

  /// The statement a vector's setkey line parses to. The parser marks a tunnel SA without
  /// a selector `af-unspec` (so either inner family works, as IKE daemons install them);
  /// `ip xfrm` does not, so the flag is taken off again unless the line asks for it.
  static func statement(of vector: CapturedVector) throws -> Statement {
    let setkey = try #require(vector.setkey)
    let result = SetkeyParser.parse(setkey, file: "\(vector.name).vec", options: Self.options)
    #expect(!result.hasErrors, "\(result.diagnostics)")
    var statement = try #require(result.statements.first)
    switch statement.command {
    case .add(var sa) where !setkey.contains("af-unspec"):
      sa.flags.remove(.addressFamilyUnspecified)
      statement.command = .add(sa)
    case .update(var sa) where !setkey.contains("af-unspec"):
      sa.flags.remove(.addressFamilyUnspecified)
      statement.command = .update(sa)
    default:
      break
    }
    return statement
  }

  @Test(arguments: comparable)
  func setkeyStatementEncodesToTheCapturedBytes(vector: CapturedVector) throws {
    let statement = try Self.statement(of: vector)

    let bytes = try XfrmMessageBuilder.message(
      for: statement, sequence: vector.sequence, portID: vector.portID)

    let differing = (0..<max(bytes.count, vector.bytes.count)).filter { offset in
      offset >= bytes.count || offset >= vector.bytes.count
        || bytes[offset] != vector.bytes[offset]
    }
    let offsets = differing.prefix(8).map(String.init).joined(separator: ", ")
    #expect(
      differing.isEmpty,
      "\(bytes.count) bytes vs \(vector.bytes.count) captured; first differences at \(offsets)")
  }

  @Test func everyXfrmEraVectorRecordsItsStatement() {
    let names = Set(CapturedVector.withStatements.map(\.name))
    for expected in ["newsa-esp-esn-window-1024", "delpolicy-mark-ifid-sub", "getpolicy-mark"] {
      #expect(names.contains(expected), "\(expected).vec missing or without '# setkey:'")
    }
  }

  /// Add and update vectors: the kernel-format bodies read back as the parsed statement.
  static var addVectors: [CapturedVector] {
    comparable.filter {
      ["newsa-", "updsa-", "newpolicy-", "updpolicy-"].contains(where: $0.name.hasPrefix)
    }
  }

  @Test(arguments: addVectors)
  func capturedBytesDecodeToTheParsedStatement(vector: CapturedVector) throws {
    let message = try #require(try NetlinkMessage.split(vector.bytes).first)

    switch try Self.statement(of: vector).command {
    case .add(var sa), .update(var sa):
      var decoded = try #require(try StateDecoder.decode(message))
      decoded.current = nil
      decoded.statistics = nil
      if sa.mode == .any { sa.mode = .transport }
      sa.setkeyExtensions = []
      // The kernel knows the offload device by index only.
      sa.offload?.device = ""
      sa.offload?.interfaceIndex = decoded.offload?.interfaceIndex ?? 0
      #expect(decoded == sa)
    case .spdAdd(var sp), .spdUpdate(var sp):
      var decoded = try #require(try PolicyDecoder.decode(message))
      decoded.current = nil
      for index in sp.templates.indices where sp.templates[index].level == .default {
        sp.templates[index].level = .require
      }
      #expect(decoded == sp)
    default:
      Issue.record("\(vector.name): not an add or update")
    }
  }
}
