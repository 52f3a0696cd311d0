// swift-tools-version:6.0
// SPDX-License-Identifier: Apache-2.0
import PackageDescription

let package = Package(
  name: "xfrmkey",
  products: [
    .executable(name: "xfrmkey", targets: ["xfrmkey"])
  ],
  targets: [
    // C shim: libmnl + linux/netlink.h + linux/xfrm.h (apt: libmnl-dev).
    .systemLibrary(
      name: "CNetlink",
      pkgConfig: "libmnl",
      providers: [.apt(["libmnl-dev"])]
    ),

    // Bytes <-> typed xfrm values; no syscalls.
    .target(name: "NetlinkWire", dependencies: ["CNetlink"]),

    // The only code that calls mnl_socket_*.
    .target(name: "NetlinkSocket", dependencies: ["CNetlink", "NetlinkWire"]),

    // Pure value types: SA, SP, selector, template, algorithm catalogue.
    .target(name: "IPsecModel"),

    // setkey language: lexer, parser, diagnostics, printer.
    .target(name: "PolicyLanguage", dependencies: ["IPsecModel"]),

    // Model <-> wire, kernel operations.
    .target(
      name: "XfrmBackend",
      dependencies: ["IPsecModel", "NetlinkWire", "NetlinkSocket"]
    ),

    // libedit for the interactive shell: its header from libedit-dev at build time, the
    // library itself opened with dlopen when the shell starts (libedit2).
    .systemLibrary(name: "CEditLine"),

    // diff, apply, all-or-nothing batches: desired state against the kernel.
    .target(
      name: "Provisioning",
      dependencies: ["IPsecModel", "PolicyLanguage", "XfrmBackend"]
    ),

    .executableTarget(
      name: "xfrmkey",
      dependencies: [
        "IPsecModel", "PolicyLanguage", "XfrmBackend", "Provisioning", "CEditLine",
      ]
    ),
    .testTarget(name: "CLITests", dependencies: ["xfrmkey", "PolicyLanguage"]),
    .testTarget(name: "DumpFormatTests", dependencies: ["PolicyLanguage", "IPsecModel"]),

    .testTarget(name: "IPsecModelTests", dependencies: ["IPsecModel"]),
    .testTarget(name: "PolicyLanguageTests", dependencies: ["PolicyLanguage", "IPsecModel"]),
    .testTarget(name: "NetlinkWireTests", dependencies: ["NetlinkWire", "CNetlink"]),
    // ScratchNamespace: a network namespace of its own for a test, for the kernel suites.
    .target(name: "NamespaceSupport", path: "Tests/NamespaceSupport"),
    .testTarget(
      name: "XfrmEraTests",
      dependencies: [
        "PolicyLanguage", "XfrmBackend", "IPsecModel", "NetlinkWire", "NetlinkSocket",
        "NamespaceSupport",
      ],
      exclude: ["README.md"]
    ),
    .testTarget(
      name: "XfrmBackendTests",
      dependencies: [
        "XfrmBackend", "IPsecModel", "NetlinkWire", "NetlinkSocket", "NamespaceSupport",
      ],
      exclude: ["Vectors"]
    ),
    .testTarget(
      name: "ProvisioningTests",
      dependencies: [
        "Provisioning", "PolicyLanguage", "XfrmBackend", "IPsecModel", "NamespaceSupport",
      ]
    ),
  ],
  swiftLanguageModes: [.v5]
)
