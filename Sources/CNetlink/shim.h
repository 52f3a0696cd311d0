// SPDX-License-Identifier: Apache-2.0
// One header for everything C that xfrmkey touches: libmnl, netlink and xfrm_user.
#ifndef XFRMKEY_CNETLINK_SHIM_H
#define XFRMKEY_CNETLINK_SHIM_H

#include <stdint.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <linux/xfrm.h>
#include <libmnl/libmnl.h>

#endif
