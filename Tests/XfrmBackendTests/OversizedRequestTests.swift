// SPDX-License-Identifier: Apache-2.0
import Testing
import XfrmBackend

/// A policy with more templates than one netlink attribute holds (the kernel takes 6) is
/// refused by the encoder; its 16-bit length used to overflow and stop the tool.
@Suite struct OversizedRequestTests {
  @Test func tooManyTemplatesForOneAttributeAreRefusedNotTrapped() {
    var sp = BatchTests.policy("10.0.0.1")
    sp.templates = Array(repeating: sp.templates[0], count: 1100)
    #expect(throws: KernelError.self) {
      try XfrmMessageBuilder.message(for: .addPolicy(sp), sequence: 1)
    }
  }
}
