// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import Testing

@Suite struct MissingSemicolonTests {
  @Test(arguments: ["none", "discard"])
  func aMissingSemicolonAfterAnActionNamesTheNextStatement(action: String) {
    let text = """
      spdadd 10.0.0.1 10.0.0.2 any -P out \(action)
      spdadd 10.0.0.3 10.0.0.4 any -P out discard ;

      """
    let result = SetkeyParser.parse(text, file: "f.conf", options: ParseOptions())

    #expect(result.hasErrors)
    #expect(
      result.diagnostics.map(\.description) == [
        "f.conf:2:1: error: expected ';' before 'spdadd': the statement before it is not finished"
      ])
  }
}
