// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// Help for the xfrm-only syntax (issue 5), merged into `LanguageReference`.
extension LanguageReference {
  /// The SA options beyond setkey's.
  static let xfrmEraSAOptions = [
    "-mark", "-output-mark", "-if-id", "-tfcpad", "-icv", "-ph", "-ps", "-uh", "-us",
    "-seq", "-oseq", "-natt", "-encap", "-sel", "-offload", "-flags",
  ]

  /// The policy options beyond setkey's `-ctx`.
  static let xfrmEraPolicyOptions = [
    "-mark", "-if-id", "-index", "-type", "-f", "-lh", "-ls", "-uh", "-us", "-bh", "-bs",
    "-ph", "-ps", "-ifindex", "-sport", "-dport",
  ]

  /// The options that name one policy, for `spddelete` and `spdget`.
  static let policyIdentityHelpOptions = [
    "-ctx", "-mark", "-if-id", "-index", "-type", "-ifindex", "-sport", "-dport", "-P",
  ]

  /// The commands PF_KEY never had.
  static let xfrmEraCommands: [CommandReference] = [
    CommandReference(
      name: "spdget", aliases: [],
      synopsis: "spdget [-46n] src[/len][[port]] dst[/len][[port]] upper [-mark v[/m]] "
        + "[-if-id n] [-type main|sub] [-index n] [-ctx ...] -P direction ;",
      summary: "show one policy, named by its whole identity",
      options: policyIdentityHelpOptions),
    CommandReference(
      name: "spddefault", aliases: [],
      synopsis: "spddefault [in|fwd|out discard|none]... ;",
      summary: "show or set what unmatched traffic gets (Linux 5.16)", options: []),
    CommandReference(
      name: "spdinfo", aliases: [],
      synopsis: "spdinfo [hthresh4 lbits rbits] [hthresh6 lbits rbits] ;",
      summary: "show SPD counts, or set the SPD hash thresholds", options: []),
    CommandReference(
      name: "sadinfo", aliases: [], synopsis: "sadinfo ;",
      summary: "show the number of SAs and the SAD hash size", options: []),
  ]

  /// What each xfrm-only option means.
  static var xfrmEraOptionHelp: [String: String] {
    let flags =
      (StatementParser.stateFlagWords.keys.sorted()
      + StatementParser.extraFlagWords.keys.sorted()).joined(separator: ", ")
    return [
      "-mark": "-mark v[/m]    mark and mask (XFRMA_MARK); get/delete need it too",
      "-output-mark": "-output-mark v[/m]   mark set on processed packets (XFRMA_SET_MARK)",
      "-set-mark": "-set-mark v[/m]   same as -output-mark",
      "-if-id": "-if-id n       xfrm interface id (XFRMA_IF_ID)",
      "-if_id": "-if_id n       same as -if-id",
      "-tfcpad": "-tfcpad bytes  TFC padding, tunnel mode (XFRMA_TFCPAD)",
      "-icv": "-icv bits      ICV length: auth truncation, or the AEAD variant",
      "-ph": "-ph packets    hard packet limit",
      "-ps": "-ps packets    soft packet limit",
      "-uh": "-uh seconds    hard lifetime after first use",
      "-us": "-us seconds    soft lifetime after first use",
      "-seq": "-seq n         inbound replay counter to start from (64 bits with esn)",
      "-oseq": "-oseq n        outbound sequence number to start from (64 bits with esn)",
      "-natt": "-natt          ESP in UDP, as the esp-udp protocol word (FreeBSD)",
      "-encap": "-encap type    espinudp, espinudp-nonike or espintcp; ports from [port]",
      "-sel": "-sel src dst upper   the SA's own selector",
      "-offload": "-offload dev in|out [crypto|packet]   hardware offload",
      "-flags": "-flags w,w     state flags, comma separated (or -f each: \(flags))",
      "-dir": "-dir in|out    SA direction: newer than our kernel headers, refused",
      "-index": "-index n       policy index (low 3 bits: 0 in, 1 out, 2 fwd)",
      "-type": "-type main|sub policy database (XFRMA_POLICY_TYPE)",
    ]
  }

  /// What an option means on a policy statement where that differs from an SA statement.
  static let policyOptionHelp: [String: String] = [
    "-mark": "-mark v[/m]    mark and mask (XFRMA_MARK); spddelete/spdget need it too",
    "-f": "-f word        policy flag: localok or icmp (repeat -f for both)",
    "-lh": "-lh seconds    hard lifetime: the policy is removed",
    "-ls": "-ls seconds    soft lifetime: the key manager is told (an expire event)",
    "-ifindex": "-ifindex n     the selector's interface index (ip xfrm's 'dev')",
    "-sport": "-sport n       the selector's source port, exact (0 included)",
    "-dport": "-dport n       the selector's destination port, exact (0 included)",
  ]
}
