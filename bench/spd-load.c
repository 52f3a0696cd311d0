// SPDX-License-Identifier: Apache-2.0
// The kernel's own cost, for `make bench`: loads N policies through libmnl in large batches
// (as many messages per sendmsg as fit in 256 KiB, acks read as they come), or dumps the
// SPD and counts the entries. The policies are the ones bench/run.sh writes as setkey text:
// out, 10.A.B.C/32 -> 10.128.B.C/32 any, ipsec esp/transport//require.
//
//   spd-load load N      spd-load dump
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/netlink.h>
#include <linux/xfrm.h>

enum { BATCH_BYTES = 256 * 1024 };

static void die(const char *what) {
  fprintf(stderr, "spd-load: %s: %s\n", what, strerror(errno));
  exit(1);
}

// Appends one XFRM_MSG_NEWPOLICY for policy number `i` at `at`; returns its length.
static size_t put_policy(char *at, unsigned seq, unsigned i) {
  struct nlmsghdr *nlh = mnl_nlmsg_put_header(at);
  nlh->nlmsg_type = XFRM_MSG_NEWPOLICY;
  nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
  nlh->nlmsg_seq = seq;

  struct xfrm_userpolicy_info *info = mnl_nlmsg_put_extra_header(nlh, sizeof(*info));
  uint32_t src = htonl(0x0a000000u | (i & 0x00ffffffu));
  uint32_t dst = htonl(0x0a800000u | (i & 0x007fffffu));
  memcpy(&info->sel.saddr.a4, &src, 4);
  memcpy(&info->sel.daddr.a4, &dst, 4);
  info->sel.family = AF_INET;
  info->sel.prefixlen_s = 32;
  info->sel.prefixlen_d = 32;
  info->lft.soft_byte_limit = XFRM_INF;
  info->lft.hard_byte_limit = XFRM_INF;
  info->lft.soft_packet_limit = XFRM_INF;
  info->lft.hard_packet_limit = XFRM_INF;
  info->priority = 0x80000000u;
  info->dir = XFRM_POLICY_OUT;
  info->action = XFRM_POLICY_ALLOW;

  struct xfrm_user_tmpl tmpl;
  memset(&tmpl, 0, sizeof(tmpl));
  tmpl.id.proto = IPPROTO_ESP;
  tmpl.family = AF_INET;
  tmpl.mode = XFRM_MODE_TRANSPORT;
  tmpl.aalgos = tmpl.ealgos = tmpl.calgos = ~0u;
  mnl_attr_put(nlh, XFRMA_TMPL, sizeof(tmpl), &tmpl);
  return nlh->nlmsg_len;
}

// Reads acks until `outstanding` are in; returns how many reported an error.
static unsigned read_acks(struct mnl_socket *sock, unsigned outstanding) {
  static char buffer[1 << 20];
  unsigned failures = 0;
  while (outstanding > 0) {
    ssize_t got = mnl_socket_recvfrom(sock, buffer, sizeof(buffer));
    if (got < 0) die("recv");
    for (struct nlmsghdr *nlh = (struct nlmsghdr *)buffer; mnl_nlmsg_ok(nlh, (int)got);
         nlh = mnl_nlmsg_next(nlh, (int *)&got)) {
      if (nlh->nlmsg_type != NLMSG_ERROR) continue;
      const struct nlmsgerr *err = mnl_nlmsg_get_payload(nlh);
      if (err->error != 0) failures++;
      outstanding--;
    }
  }
  return failures;
}

static int load(struct mnl_socket *sock, unsigned count) {
  static char batch[BATCH_BYTES + 4096];
  unsigned failures = 0, seq = 1;
  for (unsigned i = 0; i < count;) {
    size_t used = 0;
    unsigned in_batch = 0;
    while (i < count && used + 512 < BATCH_BYTES) {
      used += put_policy(batch + used, seq++, i++);
      in_batch++;
    }
    if (mnl_socket_sendto(sock, batch, used) < 0) die("send");
    failures += read_acks(sock, in_batch);
  }
  if (failures) fprintf(stderr, "spd-load: %u refused\n", failures);
  return failures ? 1 : 0;
}

static int count_policy(const struct nlmsghdr *nlh, void *data) {
  (void)nlh;
  (*(unsigned long *)data)++;
  return MNL_CB_OK;
}

static int dump(struct mnl_socket *sock) {
  static char buffer[1 << 20];
  struct nlmsghdr *nlh = mnl_nlmsg_put_header(buffer);
  nlh->nlmsg_type = XFRM_MSG_GETPOLICY;
  nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  nlh->nlmsg_seq = 1;
  if (mnl_socket_sendto(sock, nlh, nlh->nlmsg_len) < 0) die("send");

  unsigned long entries = 0;
  for (;;) {
    ssize_t got = mnl_socket_recvfrom(sock, buffer, sizeof(buffer));
    if (got < 0) die("recv");
    int status = mnl_cb_run(buffer, got, 1, mnl_socket_get_portid(sock), count_policy, &entries);
    if (status <= MNL_CB_STOP) break;
  }
  printf("%lu policies\n", entries);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: spd-load load N | spd-load dump\n");
    return 64;
  }
  struct mnl_socket *sock = mnl_socket_open(NETLINK_XFRM);
  if (!sock) die("socket");
  if (mnl_socket_bind(sock, 0, MNL_SOCKET_AUTOPID) < 0) die("bind");
  int size = 4 << 20;
  setsockopt(mnl_socket_get_fd(sock), SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size));
  setsockopt(mnl_socket_get_fd(sock), SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof(size));

  int status = strcmp(argv[1], "load") == 0 && argc == 3 ? load(sock, atoi(argv[2]))
             : strcmp(argv[1], "dump") == 0               ? dump(sock)
                                                          : 64;
  mnl_socket_close(sock);
  return status;
}
