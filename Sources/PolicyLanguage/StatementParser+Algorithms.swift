// SPDX-License-Identifier: Apache-2.0
import IPsecModel

extension StatementParser {
  /// `-E alg key`, `-A alg key` or `-C alg`, after the option. The name comes from the
  /// catalogue; the key is checked against the catalogue's lengths here, so a bad key is a
  /// located error before anything reaches the kernel.
  mutating func parseAlgorithm(_ option: Token, kinds: [Algorithm.Kind])
    throws(Diagnostic) -> ChosenAlgorithm
  {
    let name = try expectWord("an algorithm name")
    let found: Algorithm?
    if kinds.contains(.encryption) && name.hasText("simple") {
      warn("'simple' is an obsolete name for 'null'", at: name)
      found = AlgorithmCatalogue.lookup(setkeyName: "null", option: kinds)
    } else {
      found = AlgorithmCatalogue.lookup(setkeyName: name, option: kinds)
    }
    guard let algorithm = found else {
      throw .unknownAlgorithm(name, option: option, kinds: kinds)
    }
    guard algorithm.isAvailableOnLinux else { throw .notOnLinux(name) }

    guard algorithm.keyBits != [0] else {
      return ChosenAlgorithm(algorithm: algorithm, key: Key([]), token: name)
    }
    let keyToken = peek()
    guard keyToken.kind == .quoted || keyToken.kind == .word && !keyToken.isOption else {
      throw .unexpected(keyToken, expected: "a key for '\(name.text)'")
    }
    advance()
    let key =
      keyToken.kind == .word && KeyReference.looksLikeReference(keyToken)
      ? try resolveKeyReference(keyToken) : try parseKey(keyToken)
    guard algorithm.accepts(keyBits: key.bitCount) else {
      throw .wrongKeyLength(keyToken, algorithm: algorithm, bits: key.bitCount)
    }
    return ChosenAlgorithm(algorithm: algorithm, key: key, token: name)
  }

  /// A key: `"ascii"` or `0xhex`. Odd-length hex gets a leading zero nibble, as setkey
  /// did (`0xabc` is the two bytes `0a bc`). Read from the token's bytes, so the key's
  /// text is never copied into a `String`.
  func parseKey(_ token: Token) throws(Diagnostic) -> Key {
    if token.kind == .quoted { return Key(Array(token.bytes)) }

    guard token.hasPrefix("0x") || token.hasPrefix("0X") else { throw .invalidKey(token) }
    let digits = UnsafeBufferPointer(rebasing: token.bytes.dropFirst(2))
    guard !digits.isEmpty else { throw .invalidKey(token) }

    var bytes: [UInt8] = []
    bytes.reserveCapacity((digits.count + 1) / 2)
    // An odd count starts with a lone low digit: its high one is the added zero.
    var digit = digits.count % 2 == 1 ? -1 : 0
    while digit < digits.count {
      let high = digit < 0 ? 0 : Self.hexValue(digits[digit])
      guard let high, let low = Self.hexValue(digits[digit + 1]) else {
        for index in bytes.indices { bytes[index] = 0 }
        throw .invalidKey(token)
      }
      bytes.append(high << 4 | low)
      digit += 2
    }
    return Key(bytes)
  }

  /// The value of a hex digit of either case; nil for anything else.
  private static func hexValue(_ digit: UInt8) -> UInt8? {
    let decimal = digit &- UInt8(ascii: "0")
    if decimal < 10 { return decimal }
    let letter = (digit | 0x20) &- UInt8(ascii: "a")  // `| 0x20` lowercases a letter
    return letter < 6 ? letter + 10 : nil
  }

  /// The key and ICV length an authentication algorithm is sent with: hmac-sha2 may be
  /// truncated to `ParseOptions.sha2TruncationBits` instead of the RFC 4868 length.
  func authenticationKey(_ chosen: ChosenAlgorithm) -> AlgorithmKey {
    let icvBits: Int?
    switch chosen.algorithm.name {
    case "hmac-sha256", "hmac-sha384", "hmac-sha512": icvBits = options.sha2TruncationBits
    default: icvBits = nil
    }
    return AlgorithmKey(chosen.algorithm, key: chosen.key, icvBits: icvBits)
  }
}

extension AlgorithmCatalogue {
  /// `lookup(setkeyName: token.text, option: kinds)`, comparing the token's bytes
  /// (ignoring ASCII case, as that lookup does) instead of decoding it.
  static func lookup(setkeyName token: Token, option kinds: [Algorithm.Kind]) -> Algorithm? {
    let bytes = token.bytes
    guard bytes.allSatisfy({ $0 < 0x80 }) else {
      return lookup(setkeyName: token.text, option: kinds)
    }
    return lookup(asciiSetkeyName: bytes, option: kinds)
  }
}

extension Algorithm {
  /// The accepted key lengths in words: "128, 192 or 256 bits", "40 to 448 bits in steps
  /// of 8".
  var keyLengthsText: String {
    let bits = keyBits
    if bits.count > 4, let first = bits.first, let last = bits.last {
      return "\(first) to \(last) bits in steps of \(bits[1] - first)"
    }
    let numbers = bits.map(String.init)
    guard numbers.count > 1 else { return "\(numbers.first ?? "0") bits" }
    return numbers.dropLast().joined(separator: ", ") + " or \(numbers.last!) bits"
  }
}
