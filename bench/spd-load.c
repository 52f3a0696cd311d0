// SPDX-License-Identifier: Apache-2.0
// The kernel's own cost, for `make bench`: loads N policies (or SAs) through libmnl in
// large batches (as many messages per sendmsg as fit in 256 KiB, acks read as they come),
// or dumps the SPD (or SAD) and counts the entries. The entries are the ones bench/run.sh
// writes as setkey text:
//   policy i: out, 10.A.B.C/32 -> 10.128.B.C/32 any, ipsec esp/transport//require;
//   SA i:     10.A.B.C -> 10.128.B.C esp, SPI 0x1000 + i, transport, aes-cbc (128-bit key)
//             and hmac-sha256 (256-bit key, 128-bit ICV). SAs need a kernel with ESP.
//
//   spd-load load N      spd-load dump      spd-load sa-load N      spd-load sa-dump
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

// Appends one XFRM_MSG_NEWSA for SA number `i` at `at`; returns its length.
static size_t put_state(char *at, unsigned seq, unsigned i) {
  struct nlmsghdr *nlh = mnl_nlmsg_put_header(at);
  nlh->nlmsg_type = XFRM_MSG_NEWSA;
  nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK | NLM_F_CREATE | NLM_F_EXCL;
  nlh->nlmsg_seq = seq;

  struct xfrm_usersa_info *info = mnl_nlmsg_put_extra_header(nlh, sizeof(*info));
  uint32_t src = htonl(0x0a000000u | (i & 0x00ffffffu));
  uint32_t dst = htonl(0x0a800000u | (i & 0x007fffffu));
  memcpy(&info->saddr.a4, &src, 4);
  memcpy(&info->id.daddr.a4, &dst, 4);
  info->id.spi = htonl(0x1000u + i);
  info->id.proto = IPPROTO_ESP;
  info->family = AF_INET;
  info->mode = XFRM_MODE_TRANSPORT;
  info->lft.soft_byte_limit = XFRM_INF;
  info->lft.hard_byte_limit = XFRM_INF;
  info->lft.soft_packet_limit = XFRM_INF;
  info->lft.hard_packet_limit = XFRM_INF;

  struct { struct xfrm_algo algo; unsigned char key[16]; } crypt;
  memset(&crypt, 0, sizeof(crypt));
  strcpy(crypt.algo.alg_name, "cbc(aes)");
  crypt.algo.alg_key_len = 128;
  memset(crypt.key, 0x11, sizeof(crypt.key));
  mnl_attr_put(nlh, XFRMA_ALG_CRYPT, sizeof(crypt), &crypt);

  struct { struct xfrm_algo_auth algo; unsigned char key[32]; } auth;
  memset(&auth, 0, sizeof(auth));
  strcpy(auth.algo.alg_name, "hmac(sha256)");
  auth.algo.alg_key_len = 256;
  auth.algo.alg_trunc_len = 128;
  memset(auth.key, 0x22, sizeof(auth.key));
  mnl_attr_put(nlh, XFRMA_ALG_AUTH_TRUNC, sizeof(auth), &auth);
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

static int load(struct mnl_socket *sock, unsigned count,
                size_t (*put)(char *, unsigned, unsigned)) {
  static char batch[BATCH_BYTES + 4096];
  unsigned failures = 0, seq = 1;
  for (unsigned i = 0; i < count;) {
    size_t used = 0;
    unsigned in_batch = 0;
    while (i < count && used + 512 < BATCH_BYTES) {
      used += put(batch + used, seq++, i++);
      in_batch++;
    }
    if (mnl_socket_sendto(sock, batch, used) < 0) die("send");
    failures += read_acks(sock, in_batch);
  }
  if (failures) fprintf(stderr, "spd-load: %u refused\n", failures);
  return failures ? 1 : 0;
}

static int count_entry(const struct nlmsghdr *nlh, void *data) {
  (void)nlh;
  (*(unsigned long *)data)++;
  return MNL_CB_OK;
}

static int dump(struct mnl_socket *sock, uint16_t type, const char *what) {
  static char buffer[1 << 20];
  struct nlmsghdr *nlh = mnl_nlmsg_put_header(buffer);
  nlh->nlmsg_type = type;
  nlh->nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  nlh->nlmsg_seq = 1;
  if (mnl_socket_sendto(sock, nlh, nlh->nlmsg_len) < 0) die("send");

  unsigned long entries = 0;
  for (;;) {
    ssize_t got = mnl_socket_recvfrom(sock, buffer, sizeof(buffer));
    if (got < 0) die("recv");
    int status = mnl_cb_run(buffer, got, 1, mnl_socket_get_portid(sock), count_entry, &entries);
    if (status <= MNL_CB_STOP) break;
  }
  printf("%lu %s\n", entries, what);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: spd-load load N | dump | sa-load N | sa-dump\n");
    return 64;
  }
  struct mnl_socket *sock = mnl_socket_open(NETLINK_XFRM);
  if (!sock) die("socket");
  if (mnl_socket_bind(sock, 0, MNL_SOCKET_AUTOPID) < 0) die("bind");
  /* The options xfrmkey sets: acks without a copy of the request, errors with the
     kernel's text. Without NETLINK_CAP_ACK each ack would carry the whole request back,
     and this reference would pay for bytes xfrmkey never asks for. */
  int on = 1;
  mnl_socket_setsockopt(sock, NETLINK_CAP_ACK, &on, sizeof(on));
  mnl_socket_setsockopt(sock, NETLINK_EXT_ACK, &on, sizeof(on));
  int size = 4 << 20;
  setsockopt(mnl_socket_get_fd(sock), SOL_SOCKET, SO_RCVBUFFORCE, &size, sizeof(size));
  setsockopt(mnl_socket_get_fd(sock), SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof(size));

  const char *mode = argv[1];
  int status = 64;
  if (strcmp(mode, "load") == 0 && argc == 3)
    status = load(sock, (unsigned)atoi(argv[2]), put_policy);
  else if (strcmp(mode, "sa-load") == 0 && argc == 3)
    status = load(sock, (unsigned)atoi(argv[2]), put_state);
  else if (strcmp(mode, "dump") == 0)
    status = dump(sock, XFRM_MSG_GETPOLICY, "policies");
  else if (strcmp(mode, "sa-dump") == 0)
    status = dump(sock, XFRM_MSG_GETSA, "states");
  mnl_socket_close(sock);
  return status;
}
