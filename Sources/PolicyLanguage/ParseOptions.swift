// SPDX-License-Identifier: Apache-2.0

/// Choices that change how setkey text becomes statements.
public struct ParseOptions {
  /// setkey's RFC mode (`-r`, its default; `-k` turns it off): every `spdadd`, `spdupdate`
  /// and `spddelete` for direction `in` is followed by the same statement for `fwd`, so
  /// forwarded traffic is checked as RFC 4301 asks. As Linux setkey did, the `fwd` twin's
  /// first rule is relaxed from `unique` to `require` with no reqid.
  public var rfcMode: Bool = true

  /// Turns host names into addresses; tests inject a fixed table.
  public var resolver: any HostResolver = SystemResolver()

  /// ICV length for `hmac-sha256`, `hmac-sha384` and `hmac-sha512`. nil uses RFC 4868's
  /// half-length truncation (128, 192, 256 bits). 96 reproduces Linux setkey, whose PF_KEY
  /// path always truncated to 96 bits; the command line spells it `--sha2-96`. Peers must
  /// agree, so only set it to talk to a host configured by the old tool.
  public var sha2TruncationBits: Int? = nil

  /// Reads keys given as `file:PATH`, `env:NAME` or `fd:N`; tests inject a fixed table.
  public var keyReader: any KeyReferenceReader = SystemKeyReader()

  /// A key file readable by group or others is a warning instead of an error
  /// (`--allow-shared-key-files`).
  public var allowsSharedKeyFiles = false

  /// The defaults: RFC mode, the system resolver, RFC ICV lengths.
  public init() {}
}
