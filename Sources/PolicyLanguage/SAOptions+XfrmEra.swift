// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// SA options PF_KEY could never express, read after the SPI like setkey's own:
///
///     -mark V[/M]  -output-mark V[/M]  -if-id N  -tfcpad BYTES  -icv BITS
///     -ph|-ps PACKETS  -uh|-us SECONDS  -seq N  -oseq N  -natt  -encap TYPE
///     -flags WORD[,WORD...] (the `-f` words below, as `--save` writes them)
///     -sel SRC[/LEN][[PORT]] DST[/LEN][[PORT]] UPPER [ARG]
///     -offload DEV in|out [crypto|packet]
///     -f esn|noecn|decap-dscp|nopmtudisc|wildrecv|icmp|af-unspec|align4
///        |dont-encap-dscp|oseq-may-wrap
struct XfrmEraSAOptions {
  /// `-mark`.
  var mark: Mark?
  /// `-output-mark` (alias `-set-mark`).
  var outputMark: Mark?
  /// `-if-id` (alias `-if_id`).
  var interfaceID: UInt32 = 0
  /// `-tfcpad`.
  var tfcPadding: UInt32 = 0
  /// `-icv`, with its token for errors found once the algorithm is known.
  var icvBits: (bits: Int, token: Token)?
  /// `-f` words naming `XFRM_STATE_*` flags.
  var flags: StateFlags = []
  /// `-f` words naming `XFRM_SA_XFLAG_*` flags.
  var extraFlags: StateExtraFlags = []
  /// `-seq` and `-oseq`.
  var counters = ReplayCounters()
  /// `-natt` or `-encap`: the `UDP_ENCAP_*` / `TCP_ENCAP_*` type.
  var encapsulationType: UInt16?
  /// `-sel`.
  var selector: TrafficSelector?
  /// `-offload`.
  var offload: HardwareOffload?
}

extension StatementParser {
  /// The extra options, each with the setkey-style name it is written with.
  static let xfrmEraSAOptions: Set<String> = [
    "-mark", "-output-mark", "-set-mark", "-if-id", "-if_id", "-tfcpad", "-icv", "-ph",
    "-ps", "-uh", "-us", "-seq", "-oseq", "-natt", "-encap", "-sel", "-offload", "-dir",
    "-flags",
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
    case "-icv":
      let token = try expectWord("an ICV length in bits")
      let bits: UInt16 = try number(token, "ICV length")
      era.icvBits = (Int(bits), token)
    case "-ph": options.lifetime.hardPackets = try number(expectWord("packets"), "packets")
    case "-ps": options.lifetime.softPackets = try number(expectWord("packets"), "packets")
    case "-uh": options.lifetime.hardUseSeconds = try number(expectWord("seconds"), "lifetime")
    case "-us": options.lifetime.softUseSeconds = try number(expectWord("seconds"), "lifetime")
    case "-seq": era.counters.inbound = try number(expectWord("a sequence number"), "sequence")
    case "-oseq": era.counters.outbound = try number(expectWord("a sequence number"), "sequence")
    case "-natt": era.encapsulationType = 2
    case "-encap":
      let word = try expectWord("'espinudp', 'espinudp-nonike' or 'espintcp'")
      guard let type = Self.encapsulationTypes[word.text] else {
        throw .invalidChoice(word, of: "encapsulation", Self.encapsulationTypes.keys.sorted())
      }
      era.encapsulationType = type
    case "-sel": era.selector = try parseXfrmEraSelector()
    case "-flags":
      // The `--save` format's spelling: the `-f` flag words, comma separated.
      let list = try expectWord("flags such as 'noecn,esn'")
      for word in list.text.split(separator: ",", omittingEmptySubsequences: false) {
        var flag = list
        flag.text = String(word)
        guard applyFlagWord(flag, to: &era) else {
          throw .invalidChoice(
            flag, of: "flag",
            Self.stateFlagWords.keys.sorted() + Self.extraFlagWords.keys.sorted())
        }
      }
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

  /// `-sel SRC DST UPPER [ARG]`: the traffic an SA may carry, written as `spdadd` writes
  /// a selector.
  private mutating func parseXfrmEraSelector() throws(Diagnostic) -> TrafficSelector {
    let flags = AddressFlags(family: nil, numericOnly: true)
    let source = try parseEndpoint("selector source", flags: flags, allowPrefix: true)
    let destination = try parseEndpoint("selector destination", flags: flags, allowPrefix: true)
    let from = try single(source)
    let to = try single(destination)
    guard from.family == to.family else {
      throw .familyMismatch(destination.token, source.token)
    }

    let upperToken = try expectWord("an upper-layer protocol ('any', 'tcp', 'icmp', ...)")
    var selector = TrafficSelector(
      source: IPPrefix(from, length: source.prefixLength),
      destination: IPPrefix(to, length: destination.prefixLength),
      sourcePort: source.port, destinationPort: destination.port,
      upperProtocol: try parseUpperProtocol(upperToken))
    if peek().kind == .word, !peek().isOption {
      try applyUpperArgument(advance(), to: &selector, upperToken: upperToken)
    }
    return selector
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
