// SPDX-License-Identifier: Apache-2.0
// One header for everything C that xfrmkey touches: libmnl, netlink and xfrm_user.
#ifndef XFRMKEY_CNETLINK_SHIM_H
#define XFRMKEY_CNETLINK_SHIM_H

#include <stdint.h>
#include <sys/socket.h>
// glibc first, so linux/libc-compat.h leaves in6_addr and sockaddr_in6 to glibc and the
// module does not clash with SwiftGlibc.
#include <netinet/in.h>
#include <linux/netlink.h>
#include <linux/xfrm.h>
#include <libmnl/libmnl.h>

// setns(2) is only declared under _GNU_SOURCE, which the Swift Glibc module does not set.
int setns(int fd, int nstype);

// Moves the calling thread into the network namespace open on fd (CLONE_NEWNET).
static inline int xfrmkey_enter_network_namespace(int fd) {
  return setns(fd, 0x40000000);
}

#endif
