// SPDX-License-Identifier: Apache-2.0
import Testing

/// xfrmkey's requests equal, byte for byte, what iproute2 6.1 sends for the same request.
@Suite struct GoldenBytesTests {
  @Test(arguments: GoldenVector.allNames)
  func everyVectorHasAStatementOrAReason(name: String) {
    let hasStatement = GoldenRequests.statements[name] != nil
    let hasReason = GoldenRequests.withoutStatement[name] != nil

    #expect(hasStatement != hasReason, "exactly one of: a statement, a reason for none")
  }

  @Test func tableNamesOnlyExistingVectors() {
    let names = Set(GoldenVector.allNames)
    let unknown = GoldenRequests.statements.keys.filter { !names.contains($0) }

    #expect(unknown.isEmpty, "no .vec file for \(unknown.sorted())")
  }
}
