// SPDX-License-Identifier: Apache-2.0
import IPsecModel
import PolicyLanguage
import Testing

/// The corpus templates (shell, Perl and Jinja placeholders) expanded with documentation
/// addresses, then parsed: they must be clean setkey once filled in.
@Suite(.enabled(if: Corpus.isPresent)) struct TemplateCorpusTests {
  static let algorithms =
    "-E aes-cbc 0x00112233445566778899aabbccddeeff "
    + "-A hmac-sha1 0x00112233445566778899aabbccddeeff00112233"

  /// Replaces each placeholder in order (longer ones first where they overlap).
  private func expand(_ number: String, _ pairs: [(String, String)]) throws -> String {
    var text = try #require(CorpusTests.conf(number))
    for (placeholder, value) in pairs { text = text.replacing(placeholder, with: value) }
    return text
  }

  private func parseClean(_ text: String) -> ParseResult {
    let result = parse(text)
    #expect(
      result.diagnostics.filter { $0.severity == .error }.isEmpty,
      "\(result.diagnostics.map(\.description))")
    return result
  }

  @Test func racoonToolPriorityTemplates() throws {
    var text = try expand(
      "025",
      [
        // racoon-tool fills the icmp6 lines with IPv6 subnets: icmp6 over IPv4 is an error.
        ("___src_subnet___ ___dst_subnet___ icmp6", "2001:db8:1::/48 2001:db8:2::/48 icmp6"),
        ("___dst_subnet___ ___src_subnet___ icmp6", "2001:db8:2::/48 2001:db8:1::/48 icmp6"),
        ("___src_range___", "192.0.2.0/24"), ("___dst_range___", "198.51.100.0/24"),
        ("___src_subnet___", "192.0.2.0/24"), ("___dst_subnet___", "198.51.100.0/24"),
        ("___upperspec___", "any"), ("___encap___", "esp"), ("___mode___", "tunnel"),
        ("___src_ip___", "192.0.2.1"), ("___dst_ip___", "198.51.100.1"),
        ("___level___", "require"), ("___policy___", "ipsec esp/transport//use"),
      ])
    // The file ends with add-on rule lines meant to be pasted into a policy; not setkey.
    text = String(text.prefix(while: { $0 != "[" }).dropLast("# ".count))
    let result = parseClean(text)
    let found = policies(text)
    #expect(result.statements.count == 12)
    #expect(found.filter { $0.priority == 0x7fff_ffff }.count == 6)
    #expect(found.filter { $0.selector.upperProtocol == 58 }.count == 3)
  }

  @Test func netbsdNATTraversalTemplate() throws {
    let text = try expand(
      "026",
      [
        ("$proto/", "esp/"), ("$proto", "esp-udp"), ("$ip_local", "192.0.2.1"),
        ("$ip_remote", "198.51.100.2"), ("$ip_nat_remote", "198.51.100.99"),
        ("$((spi + 1))", "10001"), ("$((spi))", "10000"), ("$algo_args", Self.algorithms),
        ("$port", "31000"),
      ])
    let result = parseClean(text)
    let encapsulations = result.statements.compactMap { statement -> NATEncapsulation? in
      if case .add(let sa) = statement.command { return sa.encapsulation }
      return nil
    }
    #expect(result.statements.count == 7)
    #expect(encapsulations.map(\.sourcePort) == [4500, 4500, 31000, 4500])
    #expect(encapsulations.map(\.destinationPort) == [4500, 4500, 4500, 31000])
  }

  @Test(arguments: ["add", "getspi"])
  func netbsdLifetimeUpdateTemplate(saadd: String) throws {
    let text = try expand(
      "027",
      [
        ("$saadd_algo_args", saadd == "add" ? Self.algorithms : ""), ("$saadd", saadd),
        ("$ip_local", "192.0.2.1"), ("$ip_peer", "198.51.100.2"), ("$proto", "esp"),
        ("$lifetime", "10"), ("$algo_args", Self.algorithms), ("$extra", ""),
        ("$((spi + 1))", "10001"), ("$((spi))", "10000"),
      ])
    let result = parseClean(text)
    #expect(result.statements.count == 10)
    if case .add(let sa) = result.statements[0].command {
      #expect(sa.lifetime.hardAddSeconds == 10)
      #expect(sa.lifetime.softAddSeconds == 10)
    } else {
      #expect(saadd == "getspi")
      #expect(result.diagnostics.count == 4)
    }
  }

  @Test func netbsdIPcompOverESPTemplate() throws {
    let text = try expand(
      "028",
      [
        ("$ip_gw_local_tunnel", "2001:db8:ff::1"), ("$ip_gw_remote_tunnel", "2001:db8:ff::2"),
        ("$subnet_local", "2001:db8:1::"), ("$subnet_remote", "2001:db8:2::"),
        ("$proto", "esp"), ("$algo_args", Self.algorithms), ("$calgo", "deflate"),
      ])
    let result = parseClean(text)
    let found = policies(text)
    #expect(result.statements.count == 7)
    #expect(
      found.map { $0.templates.map(\.securityProtocol) }
        == Array(
          repeating: [.ipcomp, .esp], count: 3))
    #expect(found.first?.templates.first?.tunnelDestination == ip("2001:db8:ff::2"))
  }

  @Test func ansibleJinjaTemplate() throws {
    var text = try expand(
      "032",
      [
        ("{% if ipsec_compress %}ipcomp/transport//use{% endif %}", "ipcomp/transport//use"),
        ("{{ local_ip }}", "192.0.2.1"), ("{{ remote_ip }}", "198.51.100.2"),
        ("{{ lcidr }}", "192.0.2.0/24"), ("{{ rcidr }}", "198.51.100.0/24"),
        ("{{ rcidr}}", "198.51.100.0/24"), ("{{ icmp }}", "icmp"),
        ("{{ ipsec_policy }}", "require"),
      ])
    text = text.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { line in
        let trimmed = line.drop(while: { $0 == " " })
        return !trimmed.hasPrefix("{%") && !trimmed.hasPrefix("{#")
      }
      .joined(separator: "\n")
    let result = parseClean(text)
    let found = policies(text)
    #expect(result.statements.count == 25)
    #expect(found.filter { $0.priority == PolicyPriority.high }.count == 15)
    #expect(found.first?.templates.map(\.securityProtocol) == [.ipcomp, .esp])
  }

  @Test func ltpGeneratorTemplate() throws {
    let text = try expand(
      "033",
      [
        ("${src_ipaddr}", "192.0.2.1"), ("${dst_ipaddr}", "198.51.100.2"),
        ("$src_ipaddr", "192.0.2.1"), ("$dst_ipaddr", "198.51.100.2"),
        ("`expr $first_spi + 1`", "4097"), ("$first_spi", "4096"), ("$protocol", "esp"),
        ("$mode", "transport"), ("$direct1", "out"), ("$direct2", "in"),
        (
          "$algo_line",
          "-E 3des-cbc \"_I_want_to_have_chicken_\" -A hmac-sha1 \"beef_fish_pork_salad\""
        ),
      ])
    let result = parseClean(text)
    #expect(result.statements.count == 8)
    if case .add(let sa) = result.statements[0].command {
      #expect(sa.encryption?.algorithm.kernelName == "cbc(des3_ede)")
      #expect(sa.mode == .transport)
    }
  }
}
