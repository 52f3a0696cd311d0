# xfrmkey: build, test and install. Run as root for the kernel tests and the demo.
# swift from PATH, else where our machines keep it (sudo's secure_path leaves it out).
SWIFT      ?= $(or $(shell command -v swift 2>/dev/null),/opt/swift/usr/bin/swift)
CONFIG     ?= debug
PREFIX     ?= /usr/local
BINDIR     ?= $(PREFIX)/sbin
# systemd looks for units under /usr/local/lib/systemd/system as well as /usr/lib/...
UNITDIR    ?= $(PREFIX)/lib/systemd/system
DOCDIR     ?= $(PREFIX)/share/doc/xfrmkey
SETKEY_LINK ?= 0
BIN        := .build/$(CONFIG)/xfrmkey

.PHONY: all build release test test-unit test-kernel test-cli demo bench deps install \
	install-files uninstall clean

all: build

# Debian packages the build and the tests need (idempotent).
deps:
	scripts/install-deps.sh

# Release builds link the Swift runtime and Foundation statically (STATIC_STDLIB=0 to
# opt out): the binary runs without a Swift installation, and starts in a third of the
# instructions, since ld.so no longer binds the symbols of some twenty shared libraries.
STATIC_STDLIB ?= 1
STATIC_RELEASE := $(and $(filter release,$(CONFIG)),$(filter 1,$(STATIC_STDLIB)))
BUILD_FLAGS := $(if $(STATIC_RELEASE),--static-swift-stdlib)

build: deps
	$(SWIFT) build -c $(CONFIG) $(BUILD_FLAGS)

release:
	$(MAKE) build CONFIG=release

# Unit, golden-byte, corpus and host-kernel (policy) tests, then the CLI checks and the
# real-kernel suite under qemu. This is the command CI runs.
test: build test-unit test-cli test-kernel

test-unit: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --disable-xctest

test-cli: build
	scripts/test-cli.sh $(BIN)
	Tests/cli/provision.sh $(BIN)
	Tests/cli/ansible-module.sh $(BIN)
	Tests/cli/install.sh $(BIN)

# One VM boot for the whole suite; the Swift test bundle's kernel suites run in it too.
test-kernel: build
	$(SWIFT) build --build-tests
	XFRMKEY_VM_TIMEOUT=$${XFRMKEY_VM_TIMEOUT:-2700} Tests/kernel/run-all.sh --xfrmkey $(BIN)
	# The JSON dumps the VM cases wrote, checked against the schema on the host.
	$(SWIFT) test --skip-build --disable-xctest --filter KernelDumpFileTests

# Loads Examples/ into a throwaway network namespace, prints -D and -DP, cleans up.
demo: build
	scripts/demo.sh $(BIN)

# The binary, the systemd unit (its paths made to match BINDIR and DOCDIR; enable it with
# `systemctl enable xfrmkey`), /etc/default/xfrmkey unless one is there, and the README.
install: release
	$(MAKE) install-files

# install without building: INSTALL_BIN names the binary (tests install the debug build).
INSTALL_BIN ?= .build/release/xfrmkey
install-files:
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(UNITDIR) $(DESTDIR)$(DOCDIR) $(DESTDIR)/etc/default
	install -m 0755 $(INSTALL_BIN) $(DESTDIR)$(BINDIR)/xfrmkey
	if [ "$(SETKEY_LINK)" = 1 ]; then ln -sf xfrmkey $(DESTDIR)$(BINDIR)/setkey; fi
	sed -e 's|/usr/local/sbin/xfrmkey|$(BINDIR)/xfrmkey|g' \
	  -e 's|/usr/local/share/doc/xfrmkey|$(DOCDIR)|g' Packaging/systemd/xfrmkey.service \
	  >$(DESTDIR)$(UNITDIR)/xfrmkey.service
	chmod 0644 $(DESTDIR)$(UNITDIR)/xfrmkey.service
	install -m 0644 README.md $(DESTDIR)$(DOCDIR)/README.md
	[ -e $(DESTDIR)/etc/default/xfrmkey ] || \
	  install -m 0644 Packaging/systemd/xfrmkey.default $(DESTDIR)/etc/default/xfrmkey

# Leaves /etc/default/xfrmkey, which may hold the administrator's choices.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/xfrmkey
	if [ -L $(DESTDIR)$(BINDIR)/setkey ]; then rm -f $(DESTDIR)$(BINDIR)/setkey; fi
	rm -f $(DESTDIR)$(UNITDIR)/xfrmkey.service $(DESTDIR)$(DOCDIR)/README.md
	-rmdir $(DESTDIR)$(DOCDIR) 2>/dev/null

clean:
	rm -rf .build

# A benchmark, not a test: load and dump 1k/10k/100k policies against ip -batch and the
# kernel's own cost (bench/spd-load.c); see bench/run.sh.
bench: release
	bench/run.sh .build/release/xfrmkey
