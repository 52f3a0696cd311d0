// SPDX-License-Identifier: Apache-2.0
//
// udp-encap-listen [PORT]: opens a UDP socket on PORT (default 4500) of every IPv4 address,
// marks it UDP_ENCAP_ESPINUDP so the kernel hands arriving ESP-in-UDP packets to xfrm, and
// gives it a per-socket bypass policy both ways: the kernel checks the SPD on the UDP packet
// before decapsulating it, and an `any` policy requiring ESP would otherwise drop it (this is
// what an IKE daemon's NAT-T socket does). Prints "ready", then waits until it is killed.
// Built by Tests/kernel/run-all.sh; used by the NAT-T kernel test case.

#include <linux/xfrm.h>
#include <netinet/in.h>
#include <netinet/udp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#ifndef UDP_ENCAP
#define UDP_ENCAP 100
#endif
#ifndef UDP_ENCAP_ESPINUDP
#define UDP_ENCAP_ESPINUDP 2
#endif

int main(int argc, char **argv) {
  int port = argc > 1 ? atoi(argv[1]) : 4500;
  int fd = socket(AF_INET, SOCK_DGRAM, 0);
  if (fd < 0) {
    perror("udp-encap-listen: socket");
    return 1;
  }

  struct sockaddr_in address;
  memset(&address, 0, sizeof address);
  address.sin_family = AF_INET;
  address.sin_port = htons((unsigned short)port);
  address.sin_addr.s_addr = htonl(INADDR_ANY);
  if (bind(fd, (struct sockaddr *)&address, sizeof address) < 0) {
    perror("udp-encap-listen: bind");
    return 1;
  }

  int type = UDP_ENCAP_ESPINUDP;
  if (setsockopt(fd, IPPROTO_UDP, UDP_ENCAP, &type, sizeof type) < 0) {
    perror("udp-encap-listen: setsockopt UDP_ENCAP");
    return 1;
  }

  struct xfrm_userpolicy_info bypass;
  memset(&bypass, 0, sizeof bypass);
  bypass.action = XFRM_POLICY_ALLOW;
  bypass.sel.family = AF_INET;
  bypass.lft.soft_byte_limit = bypass.lft.hard_byte_limit = XFRM_INF;
  bypass.lft.soft_packet_limit = bypass.lft.hard_packet_limit = XFRM_INF;
  int directions[] = {XFRM_POLICY_IN, XFRM_POLICY_OUT};
  for (int i = 0; i < 2; i++) {
    bypass.dir = (unsigned char)directions[i];
    if (setsockopt(fd, IPPROTO_IP, IP_XFRM_POLICY, &bypass, sizeof bypass) < 0) {
      perror("udp-encap-listen: setsockopt IP_XFRM_POLICY");
      return 1;
    }
  }

  printf("ready on udp/%d\n", port);
  fflush(stdout);
  for (;;) pause();
}
