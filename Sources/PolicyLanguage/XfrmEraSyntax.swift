// SPDX-License-Identifier: Apache-2.0

/// The statement syntax beyond setkey's, as the help text shows it; each line names the
/// kernel attribute it sets. Kept next to the parser so the two change together.
public enum XfrmEraSyntax {
  /// Lines of at most 90 columns, for `xfrmkey -h`.
  public static let helpText = """
    xfrm options (beyond setkey; see README "Beyond PF_KEY: the xfrm era"):
      SA (add/update): -mark V[/M] (XFRMA_MARK)   -output-mark V[/M] (XFRMA_SET_MARK[_MASK])
        -if-id N (XFRMA_IF_ID)   -tfcpad BYTES (XFRMA_TFCPAD, tunnel mode)
        -r 0..4096   -f esn|noecn|decap-dscp|nopmtudisc|wildrecv|icmp|af-unspec|align4
        -f dont-encap-dscp|oseq-may-wrap (XFRMA_SA_EXTRA_FLAGS)   -flags W,W  -seq N -oseq N
        -icv BITS (auth truncation, or the AEAD ICV)   -ph|-ps PACKETS   -uh|-us SECONDS
        -sel SRC[/LEN][[PORT]] DST[/LEN][[PORT]] PROTO (ports exact)   -natt
        -encap espinudp|espinudp-nonike|espintcp   -offload DEV in|out [crypto|packet]
      get/delete: -mark V[/M] (a marked SA is only found with its mark)
      SP (spdadd/spdupdate, before -P): -mark V[/M]  -if-id N  -index N  -type main|sub
        -f localok|icmp   -lh|-ls|-uh|-us SECONDS   -bh|-bs BYTES   -ph|-ps PACKETS
        -ifindex N  -sport N  -dport N (exact selector fields)
      spddelete/spdget: -ctx, -mark, -if-id, -index, -type name the exact policy
      rules: LEVEL use:N|require:N (with reqid), then /spi:N /aalgos:M /ealgos:M /calgos:M
      spddefault [in|fwd|out discard|none]... ;   spdinfo [hthresh4 L R] [hthresh6 L R] ;
      sadinfo ;   spdget SRC DST UPPER [options] -P DIR ;
    """
}
