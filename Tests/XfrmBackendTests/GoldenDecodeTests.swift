// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import NetlinkWire
import Testing
import XfrmBackend

/// The SA and policy bodies iproute2 sends are the same structs the kernel dumps, so the
/// decoders must read every add/update vector back into the statement's model value.
@Suite struct GoldenDecodeTests {
  static let stateVectors = GoldenVector.allNames.filter {
    $0.hasPrefix("newsa-") || $0.hasPrefix("updsa-")
  }

  static let policyVectors = GoldenVector.allNames.filter {
    $0.hasPrefix("newpolicy-") || $0.hasPrefix("updpolicy-")
  }

  @Test(arguments: stateVectors)
  func stateVectorDecodesToTheStatementsSA(name: String) throws {
    let vector = try GoldenVector(named: name)
    let message = try #require(try NetlinkMessage.split(vector.bytes).first)
    var decoded = try #require(try StateDecoder.decode(message))

    // Only dumps carry counters; a request's are zero.
    decoded.current = nil
    decoded.statistics = nil
    #expect(decoded == Self.association(in: name))
  }

  @Test(arguments: policyVectors)
  func policyVectorDecodesToTheStatementsPolicy(name: String) throws {
    let vector = try GoldenVector(named: name)
    let message = try #require(try NetlinkMessage.split(vector.bytes).first)
    var decoded = try #require(try PolicyDecoder.decode(message))

    decoded.current = nil
    #expect(decoded == Self.policy(in: name))
  }

  @Test func everyAddAndUpdateVectorIsDecoded() {
    // 10 SA and 10 policy add/update vectors today; a rename must not drop one silently.
    #expect(Self.stateVectors.count >= 10)
    #expect(Self.policyVectors.count >= 10)
  }

  // MARK: - Expected values

  static func association(in name: String) -> SecurityAssociation? {
    switch GoldenRequests.statements[name]?.command {
    case .add(let sa), .update(let sa): sa
    default: nil
    }
  }

  static func policy(in name: String) -> SecurityPolicy? {
    switch GoldenRequests.statements[name]?.command {
    case .spdAdd(let sp), .spdUpdate(let sp): sp
    default: nil
    }
  }
}
