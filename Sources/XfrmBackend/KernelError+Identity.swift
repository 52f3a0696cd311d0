// SPDX-License-Identifier: Apache-2.0
import IPsecModel

/// When the kernel finds nothing to delete or get (`ENOENT` for policies, `ESRCH` for
/// SAs), the usual cause is an
/// identity field the statement left out: a marked SA or policy is only found with its
/// mark, a policy also by its if_id and type. The error then says what was sent.
extension KernelError {
  /// `ENOENT` (no such policy) and `ESRCH` (no such SA).
  static let notFound: Set<Int32> = [2, 3]

  /// The error with a note naming the identity fields sent, for deletes and gets the
  /// kernel found nothing for; other errors come back as they are.
  public func notingIdentity(of command: Command) -> KernelError {
    guard Self.notFound.contains(errno), reason == nil, let sent = Self.identity(of: command) else {
      return self
    }
    var error = self
    error.note = "nothing matched " + sent
    return error
  }

  /// The identity a delete or get sends, in setkey's words; nil for other commands.
  static func identity(of command: Command) -> String? {
    switch command {
    case .get(let id), .delete(let id):
      let spi = "0x" + String(id.spi, radix: 16)
      var text = "\(id.securityProtocol.rawValue) spi \(spi) to \(id.destination)"
      text += id.mark.map { " with mark \($0)" } ?? " with no mark (a marked SA needs '-mark')"
      return text
    case .spdDelete(_, let direction):
      return "direction \(direction.rawValue) with no mark, no if_id, type main and no "
        + "context (a policy that has any needs '-mark', '-if-id', '-type' or '-ctx')"
    case .spdDeleteMatching(let identity), .spdGet(let identity):
      return policyText(identity)
    default:
      return nil
    }
  }

  private static func policyText(_ identity: PolicyIdentity) -> String {
    if identity.index != 0 {
      return "index \(identity.index) in direction \(identity.direction.rawValue)"
    }
    var parts = ["direction \(identity.direction.rawValue)"]
    parts.append(identity.mark.map { "mark \($0)" } ?? "no mark")
    parts.append(identity.interfaceID == 0 ? "no if_id" : "if_id \(identity.interfaceID)")
    parts.append("type \(identity.type.rawValue)")
    parts.append(identity.securityContext == nil ? "no context" : "its context")
    return parts.joined(separator: ", ")
  }
}
