// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// SA options PF_KEY could never express, read after the SPI like setkey's own:
///
///     -mark V[/M]  -output-mark V[/M]  -if-id N  -tfcpad BYTES  -seq N  -oseq N
///     -natt  -encap TYPE  -offload DEV in|out [crypto|packet]
///     -f esn|noecn|decap-dscp|nopmtudisc|wildrecv|icmp|af-unspec|align4
///        |dont-encap-dscp|oseq-may-wrap
///
/// `-flags`, `-icv`, `-sel`, `-ph`, `-ps`, `-uh` and `-us` are the save format's
/// (`StatementParser+SaveExtensions.swift`); `-icv` is checked here.
struct XfrmEraSAOptions {
  /// `-mark`.
  var mark: Mark?
  /// `-output-mark` (alias `-set-mark`).
  var outputMark: Mark?
  /// `-if-id` (alias `-if_id`).
  var interfaceID: UInt32 = 0
  /// `-tfcpad`.
  var tfcPadding: UInt32 = 0
  /// `-f` words naming `XFRM_STATE_*` flags.
  var flags: StateFlags = []
  /// `-f` words naming `XFRM_SA_XFLAG_*` flags.
  var extraFlags: StateExtraFlags = []
  /// `-seq` and `-oseq`.
  var counters = ReplayCounters()
  /// `-natt` or `-encap`: the `UDP_ENCAP_*` / `TCP_ENCAP_*` type.
  var encapsulationType: UInt16?
  /// `-offload`.
  var offload: HardwareOffload?
}

extension StatementParser {
  /// The extra options, each with the setkey-style name it is written with.
  static let xfrmEraSAOptions: Set<String> = [
    "-mark", "-output-mark", "-set-mark", "-if-id", "-if_id", "-tfcpad", "-seq", "-oseq",
    "-natt", "-encap", "-offload", "-dir",
  ]

  /// `-f` words that are xfrm state flags, and the flag each sets.
  static let stateFlagWords: [String: StateFlags] = [
    "esn": .extendedSequenceNumbers, "noecn": .noECN, "decap-dscp": .decapDSCP,
    "nopmtudisc": .noPMTUDiscovery, "wildrecv": .wildcardReceive, "icmp": .icmp,
    "af-unspec": .addressFamilyUnspecified, "align4": .align4,
  ]

  /// `-f` words that are xfrm extra flags (`XFRMA_SA_EXTRA_FLAGS`).
  static let extraFlagWords: [String: StateExtraFlags] = [
    "dont-encap-dscp": .dontEncapsulateDSCP, "oseq-may-wrap": .outputSequenceMayWrap,
  ]

  /// Encapsulation types `-encap` takes (`UDP_ENCAP_ESPINUDP_NON_IKE` 1,
  /// `UDP_ENCAP_ESPINUDP` 2, `TCP_ENCAP_ESPINTCP` 7), named as `ip xfrm` names them.
  static let encapsulationTypes: [String: UInt16] = [
    "espinudp-nonike": 1, "espinudp": 2, "espintcp": 7,
  ]

  /// The kernel's largest replay window: `XFRMA_REPLAY_ESN_MAX` bytes of bitmap is 128
  /// words of 32 packets.
  static let maximumReplayWindow: UInt32 = 4096

  /// Reads one extra option after its token; throws `unknownOption` for anything else.
  mutating func parseXfrmEraSAOption(_ option: Token, into options: inout SAOptions)
    throws(Diagnostic)
  {
    var era = options.era
    defer { options.era = era }
    switch option.text {
    case "-mark": era.mark = try parseMark("a mark")
    case "-output-mark", "-set-mark": era.outputMark = try parseMark("an output mark")
    case "-if-id", "-if_id": era.interfaceID = try number(expectWord("an if_id"), "if_id")
    case "-tfcpad": era.tfcPadding = try number(expectWord("a padding length"), "tfcpad")
    case "-seq": era.counters.inbound = try number(expectWord("a sequence number"), "sequence")
    case "-oseq": era.counters.outbound = try number(expectWord("a sequence number"), "sequence")
    case "-natt": era.encapsulationType = 2
    case "-encap":
      let word = try expectWord("'espinudp', 'espinudp-nonike' or 'espintcp'")
      guard let type = Self.encapsulationTypes[word.text] else {
        throw .invalidChoice(word, of: "encapsulation", Self.encapsulationTypes.keys.sorted())
      }
      era.encapsulationType = type
    case "-offload": era.offload = try parseOffload()
    case "-dir":
      // TODO: SA direction - XFRMA_SA_DIR is newer than the linux/xfrm.h we build against
      // (6.1); add it with the attribute number once the headers have it.
      throw .newerThanHeaders(option, feature: "SA direction (XFRMA_SA_DIR, Linux 6.10)")
    default: throw .unknownOption(option)
    }
  }

  /// `-f WORD` for a state or extra flag; false when the word is not one.
  func applyFlagWord(_ word: Token, to era: inout XfrmEraSAOptions) -> Bool {
    if let flag = Self.stateFlagWords[word.text] {
      era.flags.insert(flag)
      return true
    }
    if let flag = Self.extraFlagWords[word.text] {
      era.extraFlags.insert(flag)
      return true
    }
    return false
  }

  /// `VALUE[/MASK]`, both decimal or `0x` hex, 32 bits; the mask defaults to all ones.
  mutating func parseMark(_ what: String) throws(Diagnostic) -> Mark {
    let value: UInt32 = try number(expectWord(what), "mark")
    guard peek().kind == .slash else { return Mark(value) }
    advance()
    let mask: UInt32 = try number(expectWord("a mark mask"), "mark mask")
    return Mark(value, mask: mask)
  }

  /// `-offload DEV in|out [crypto|packet]`.
  private mutating func parseOffload() throws(Diagnostic) -> HardwareOffload {
    let device = try expectWord("a network device")
    let direction = try expectWord("'in' or 'out'")
    guard direction.text == "in" || direction.text == "out" else {
      throw .invalidChoice(direction, of: "offload direction", ["in", "out"])
    }
    var offload = HardwareOffload(device: device.text, isInbound: direction.text == "in")
    if peek().isWord("packet") || peek().isWord("crypto") {
      offload.isPacketOffload = advance().text == "packet"
    }
    return offload
  }
}
