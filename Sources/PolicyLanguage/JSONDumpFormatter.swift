// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// Writes SAs and SPs as JSON objects of the schema in
/// `Documentation/xfrmkey-dump.schema.json` (version `schemaVersion`).
///
/// The same two object kinds are used wherever xfrmkey prints entries as JSON (`-D -j`,
/// `-DP -j`, the output of `dump`, `spddump` and `get`, the entries of `-x -j` events).
/// Conventions:
/// - `kind` is `"sa"` or `"sp"`, so one stream can mix them.
/// - Every member is always present; an absent value is `null`, never a missing key.
///   Every field the kernel holds has a member, so a dump loses nothing; a flag bit
///   without a name is written as its hex value.
/// - Numbers are JSON numbers, addresses strings in their canonical text form, keys
///   lowercase hex strings (`null` when hidden).
/// - A dump is an array, one entry per line; an empty database is `[]`.
public struct JSONDumpFormatter {
  /// The schema version the objects follow; bumped on any incompatible change. Version 2
  /// added the xfrm-era members (marks, if_id, output mark, TFC padding, replay counters,
  /// extra flags, offload, policy type and flags, template algorithm masks).
  public static let schemaVersion = 2

  /// False writes `null` for every key (`--hide-keys`).
  public var showKeys: Bool

  /// Creates a formatter that shows keys unless told not to.
  public init(showKeys: Bool = true) {
    self.showKeys = showKeys
  }

  /// One SA as a single-line JSON object, without a trailing newline.
  public func format(_ sa: SecurityAssociation) -> String {
    var json = JSONWriter()
    write(sa, to: &json)
    return json.text
  }

  /// Appends the object `format(_:)` returns.
  func write(_ sa: SecurityAssociation, to json: inout JSONWriter) {
    json.beginObject()
    json.member("kind", plain: "sa")
    json.member("family", familyName(sa.id.destination.family))
    json.member("source", address: sa.id.source)
    json.member("destination", address: sa.id.destination)
    json.member("protocol", sa.id.securityProtocol.rawValue)
    json.member("spi", sa.id.spi)
    json.key("mark")
    writeMark(sa.id.mark, to: &json)
    json.member("mode", sa.mode.rawValue)
    json.member("reqid", sa.reqid)
    json.member("replay_window", sa.replayWindow)
    json.key("flags")
    writeFlags(sa.flags, to: &json)
    json.key("extra_flags")
    writeFlagNames(sa.extraFlags.rawValue, Self.extraFlagNames, to: &json)

    algorithm("encryption", sa.encryption, to: &json)
    algorithm("authentication", sa.authentication, to: &json)
    algorithm("aead", sa.aead, to: &json)
    algorithm("compression", sa.compression, to: &json)
    json.key("encapsulation")
    writeEncapsulation(sa.encapsulation, to: &json)
    json.key("selector")
    if let selector = sa.selector { writeSelector(selector, to: &json) } else { json.null() }

    json.key("lifetime")
    writeLimits(sa.lifetime, to: &json)
    json.key("current")
    writeCurrent(sa.current, to: &json)
    json.key("statistics")
    writeStatistics(sa.statistics, to: &json)
    json.key("security_context")
    writeContext(sa.securityContext, to: &json)
    writeStateExtras(sa, to: &json)
    json.member("sequence", sa.sequence)
    json.endObject()
  }

  // MARK: - Whole dumps

  /// Writes a JSON array as entries stream in: `[`, one entry a line, `]`; `[]` when
  /// there are none. Entries are handed to `write` in chunks of about `chunkSize` bytes;
  /// an error from `forEach` still hands on the entries written before it.
  public func writeArray<Entry>(
    _ forEach: ((Entry) -> Void) throws -> Void,
    to write: @escaping (String) -> Void,
    entry: @escaping (Entry) -> String
  ) rethrows {
    let bytes = { (chunk: UnsafeRawBufferPointer) in
      write(String(decoding: chunk, as: UTF8.self))
    }
    try streamArray(forEach, to: bytes) { next, json in json.appendRaw(string: entry(next)) }
  }

  /// A whole SAD dump; see `writeArray`. Every SA is written into one reused writer.
  public func writeSAD(
    _ forEach: ((SecurityAssociation) -> Void) throws -> Void,
    to write: @escaping (String) -> Void
  ) rethrows {
    try writeSAD(forEach, toBytes: { write(String(decoding: $0, as: UTF8.self)) })
  }

  /// `writeSAD` handing on UTF-8 chunks, valid only during the call, instead of strings.
  public func writeSAD(
    _ forEach: ((SecurityAssociation) -> Void) throws -> Void,
    toBytes write: @escaping (UnsafeRawBufferPointer) -> Void
  ) rethrows {
    try streamArray(forEach, to: write) { sa, json in self.write(sa, to: &json) }
  }

  /// A whole SPD dump; see `writeArray`. Every policy is written into one reused writer.
  public func writeSPD(
    _ forEach: ((SecurityPolicy) -> Void) throws -> Void,
    to write: @escaping (String) -> Void
  ) rethrows {
    try writeSPD(forEach, toBytes: { write(String(decoding: $0, as: UTF8.self)) })
  }

  /// `writeSPD` handing on UTF-8 chunks, valid only during the call, instead of strings.
  public func writeSPD(
    _ forEach: ((SecurityPolicy) -> Void) throws -> Void,
    toBytes write: @escaping (UnsafeRawBufferPointer) -> Void
  ) rethrows {
    try streamArray(forEach, to: write) { sp, json in self.write(sp, to: &json) }
  }

  /// Bytes of entries gathered before they are handed on.
  static let chunkSize = 64 * 1024

  /// `writeArray` with entries appended to the chunk's writer by `entry`.
  private func streamArray<Entry>(
    _ forEach: ((Entry) -> Void) throws -> Void,
    to write: @escaping (UnsafeRawBufferPointer) -> Void,
    entry: @escaping (Entry, inout JSONWriter) -> Void
  ) rethrows {
    var json = JSONWriter(capacity: Self.chunkSize + 4096)
    var count = 0
    var finished = false
    defer {
      if !finished && !json.output.isEmpty { json.output.withUnsafeBytes(write) }
      json.output.wipe()
    }
    try forEach { next in
      json.appendRaw(count == 0 ? "[\n" : ",\n")
      entry(next, &json)
      count += 1
      if json.output.count >= Self.chunkSize {
        json.output.withUnsafeBytes(write)
        json.removeAll()
      }
    }
    json.appendRaw(count == 0 ? "[]\n" : "\n]\n")
    json.output.withUnsafeBytes(write)
    finished = true
  }

  /// The text of a dump already in memory.
  public func formatArray(_ entries: [String]) -> String {
    entries.isEmpty ? "[]\n" : "[\n" + entries.joined(separator: ",\n") + "\n]\n"
  }

  // MARK: - SA parts

  /// `XFRM_STATE_*` names, in bit order.
  static let flagNames: [(StateFlags, String)] = [
    (.noECN, "noecn"), (.decapDSCP, "decap-dscp"), (.noPMTUDiscovery, "nopmtudisc"),
    (.wildcardReceive, "wildrecv"), (.icmp, "icmp"), (.addressFamilyUnspecified, "af-unspec"),
    (.align4, "align4"), (.extendedSequenceNumbers, "esn"),
  ]

  private func writeFlags(_ flags: StateFlags, to json: inout JSONWriter) {
    json.beginArray()
    for (flag, name) in Self.flagNames where flags.contains(flag) { json.value(name) }
    json.endArray()
  }

  private func algorithm(_ name: StaticString, _ choice: AlgorithmKey?, to json: inout JSONWriter) {
    json.key(name)
    guard let choice else { return json.null() }
    json.beginObject()
    json.member("name", choice.algorithm.name)
    json.member("kernel_name", choice.algorithm.kernelName)
    json.member("key", hexKey: showKeys ? choice.key : nil)
    json.member("key_bits", choice.key.bitCount)
    json.member("icv_bits", choice.icvBits)
    json.endObject()
  }

  private func writeEncapsulation(_ encap: NATEncapsulation?, to json: inout JSONWriter) {
    guard let encap else { return json.null() }
    json.beginObject()
    json.member("type", encap.type)
    json.member("source_port", encap.sourcePort)
    json.member("destination_port", encap.destinationPort)
    json.member("original_address", address: encap.originalAddress)
    json.endObject()
  }

  private func writeStatistics(_ stats: StateStatistics?, to json: inout JSONWriter) {
    guard let stats else { return json.null() }
    json.beginObject()
    json.member("replay_window", stats.replayWindow)
    json.member("replay", stats.replay)
    json.member("integrity_failed", stats.integrityFailed)
    json.endObject()
  }
}
