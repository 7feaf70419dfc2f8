#!/usr/bin/env bash
# Captures what iproute2 sends to the kernel for each operation Archway's netlink module
# implements: `strace -f -e trace=sendmsg,sendto -e write=all` of `ip ...` run inside a fresh, throwaway
# network namespace, one file per operation (NAME.strace). The codec tests (IproutVectorsTest)
# decode the last request of each file and compare it with Archway's encoding of the same
# operation. The kernel may refuse the request (no ESP, no 802.1Q, no XFRM interfaces on the
# build machines): iproute2 has sent it anyway, and that is all that is captured.
#
# In each fresh namespace lo is ifindex 1 and the veth pair made by `veth` is 3 (aw0) and 2 (aw1;
# the kernel registers the peer first);
# the tests rely on those numbers. Run as root: netlink/src/test/resources/vectors/capture.sh
set -euo pipefail
cd "$(dirname "$0")"
ns=awcap-$$
ns2=awcap2-$$
trap 'ip netns del $ns 2>/dev/null || true; ip netns del $ns2 2>/dev/null || true' EXIT

veth="ip -n $ns link add aw0 type veth peer name aw1 && ip -n $ns link set aw0 up && ip -n $ns link set aw1 up"
addr="$veth && ip -n $ns addr add 192.0.2.1/24 dev aw0 && ip -n $ns -6 addr add 2001:db8::1/64 dev aw0 nodad"
K20=0x0102030405060708090a0b0c0d0e0f1011121314
K16=0x0102030405060708090a0b0c0d0e0f10
K32=0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20
SA="src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x00001000 reqid 1"
POL="src 10.1.0.0/16 dst 10.2.0.0/16"
TMPL="tmpl src 192.0.2.1 dst 192.0.2.2 proto esp reqid 1 mode tunnel"

capture() {
  local name=$1 setup=$2 command=$3
  ip netns add $ns
  ip -n $ns link set lo up
  [ -n "$setup" ] && eval "$setup"
  {
    echo "# command: ip $command"
    strace -f -qq -e trace=sendmsg,sendto -e write=all -s 0 ip -n $ns $command 2>&1 >/dev/null || true
  } > "$name.strace"
  ip netns del $ns
}

ip netns add $ns2
capture link-add-veth       ""       "link add aw0 type veth peer name aw1"
capture link-add-vlan       "$veth"  "link add link aw0 name aw0.100 type vlan id 100"
capture link-add-bridge     ""       "link add awbr0 type bridge"
capture link-add-macvlan    "$veth"  "link add link aw0 name awmv0 type macvlan mode bridge"
capture link-add-vxlan      "$veth"  "link add awvx0 type vxlan id 42 dstport 4789 local 192.0.2.1 remote 192.0.2.2 dev aw0"
capture link-add-xfrm       "$veth"  "link add awx0 type xfrm dev aw0 if_id 7"
capture link-set-up         "$veth"  "link set aw0 up"
capture link-set-down       "$veth"  "link set aw0 down"
capture link-set-mtu        "$veth"  "link set aw0 mtu 1400"
capture link-rename         "$veth"  "link set aw0 name aw9"
capture link-set-netns      "$veth"  "link set aw1 netns $ns2"
capture link-del            "$veth"  "link del aw0"
capture link-dump           "$veth"  "link show"
capture addr-add-v4         "$veth"  "addr add 192.0.2.1/24 dev aw0"
capture addr-add-v6         "$veth"  "-6 addr add 2001:db8::1/64 dev aw0 nodad"
capture addr-del-v4         "$addr"  "addr del 192.0.2.1/24 dev aw0"
capture addr-dump           "$addr"  "addr show"
capture route-add-gw        "$addr"  "route add 198.51.100.0/24 via 192.0.2.2 dev aw0 proto 145 metric 10"
capture route-add-table     "$addr"  "route add 198.51.100.0/24 via 192.0.2.2 dev aw0 table 1000"
capture route-add-dev       "$addr"  "route add 198.51.100.0/24 dev aw0"
capture route-add-multipath "$addr"  "route add 203.0.113.0/24 proto 145 nexthop via 192.0.2.2 dev aw0 weight 1 nexthop via 192.0.2.3 dev aw0 weight 3"
capture route-add-blackhole "$addr"  "route add blackhole 10.66.0.0/16"
capture route-add-unreachable "$addr" "route add unreachable 10.67.0.0/16 metric 50"
capture route-add-prohibit  "$addr"  "route add prohibit 10.68.0.0/16 table 200"
capture route-add-src       "$addr"  "route add 10.69.0.0/16 via 192.0.2.2 dev aw0 src 192.0.2.1"
capture route-replace       "$addr"  "route replace 198.51.100.0/24 via 192.0.2.3 dev aw0 proto 145"
capture route-del           "$addr && ip -n $ns route add 198.51.100.0/24 via 192.0.2.2 dev aw0 proto 145 metric 10" \
                                     "route del 198.51.100.0/24 via 192.0.2.2 dev aw0 proto 145 metric 10"
capture route-add-v6        "$addr"  "-6 route add 2001:db8:1::/48 via 2001:db8::2 dev aw0 metric 1024"
capture route-add-v6-multipath "$addr" "-6 route add 2001:db8:2::/48 nexthop via 2001:db8::2 dev aw0 weight 1 nexthop via 2001:db8::3 dev aw0 weight 2"
capture route-dump-table    "$addr && ip -n $ns route add 198.51.100.0/24 via 192.0.2.2 table 1000" "route show table 1000"
nh="$addr && ip -n $ns nexthop add id 1 via 192.0.2.2 dev aw0 && ip -n $ns nexthop add id 2 via 192.0.2.3 dev aw0"
capture nexthop-add         "$addr"  "nexthop add id 1 via 192.0.2.2 dev aw0 proto 145"
capture nexthop-add-v6      "$addr"  "nexthop add id 4 via 2001:db8::2 dev aw0"
capture nexthop-add-blackhole "$addr" "nexthop add id 5 blackhole"
capture nexthop-add-group   "$nh"    "nexthop add id 3 group 1/2,3 proto 145"
capture nexthop-replace-group "$nh && ip -n $ns nexthop add id 3 group 1/2" "nexthop replace id 3 group 1"
capture nexthop-del         "$nh"    "nexthop del id 2"
capture nexthop-dump        "$nh"    "nexthop show"
capture route-add-nhid      "$nh && ip -n $ns nexthop add id 3 group 1/2" "route add 10.70.0.0/16 nhid 3 proto 145"
capture rule-add            ""       "rule add from 10.1.0.0/16 table 100 priority 1000"
capture rule-add-fwmark     ""       "rule add fwmark 0x10/0xff iif aw0 lookup 200 pref 1001"
capture rule-add-v6         ""       "-6 rule add to 2001:db8:5::/48 table 300 priority 1002"
capture rule-del            "ip -n $ns rule add from 10.1.0.0/16 table 100 priority 1000" \
                                     "rule del from 10.1.0.0/16 table 100 priority 1000"
capture rule-dump           ""       "rule show"
capture neigh-dump          "$addr"  "neigh show"
capture xfrm-sa-aead-tunnel ""  "xfrm state add $SA mode tunnel aead rfc4106(gcm(aes)) $K20 128"
capture xfrm-sa-cbc-hmac-transport "" "xfrm state add $SA mode transport enc cbc(aes) $K16 auth-trunc hmac(sha256) $K32 128"
capture xfrm-sa-natt        ""  "xfrm state add $SA mode tunnel aead rfc4106(gcm(aes)) $K20 128 encap espinudp 4500 4500 0.0.0.0"
capture xfrm-sa-esn         ""  "xfrm state add $SA mode tunnel replay-window 1024 flag esn aead rfc4106(gcm(aes)) $K20 128"
capture xfrm-sa-lifetime    ""  "xfrm state add $SA mode tunnel aead rfc4106(gcm(aes)) $K20 128 limit time-soft 3000 limit time-hard 3600 limit byte-soft 1000000 limit byte-hard 2000000 limit packet-soft 5000 limit packet-hard 10000"
capture xfrm-sa-mark-ifid   ""  "xfrm state add $SA mode tunnel aead rfc4106(gcm(aes)) $K20 128 mark 0x10 mask 0xff if_id 7"
capture xfrm-sa-selector    ""  "xfrm state add $SA mode tunnel sel src 10.1.0.0/16 dst 10.2.0.0/16 aead rfc4106(gcm(aes)) $K20 128"
capture xfrm-sa-v6          ""  "xfrm state add src 2001:db8::1 dst 2001:db8::2 proto esp spi 0x2000 reqid 2 mode tunnel aead rfc4106(gcm(aes)) $K20 128"
capture xfrm-sa-update      ""  "xfrm state update $SA mode tunnel aead rfc4106(gcm(aes)) $K20 128"
capture xfrm-sa-delete      ""  "xfrm state delete src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x00001000"
capture xfrm-sa-get         ""  "xfrm state get src 192.0.2.1 dst 192.0.2.2 proto esp spi 0x00001000"
capture xfrm-sa-dump        ""  "xfrm state list"
capture xfrm-sa-flush       ""  "xfrm state flush"
capture xfrm-sa-allocspi    ""  "xfrm state allocspi src 192.0.2.1 dst 192.0.2.2 proto esp reqid 1 mode tunnel min 0x100 max 0x200"
capture xfrm-policy-add     ""  "xfrm policy add $POL dir out priority 100 $TMPL"
capture xfrm-policy-add-ifid-mark "" "xfrm policy add $POL dir in priority 200 if_id 7 mark 0x10 mask 0xff $TMPL"
capture xfrm-policy-add-block "" "xfrm policy add $POL dir fwd action block"
capture xfrm-policy-update  ""  "xfrm policy update $POL dir out priority 150 $TMPL"
capture xfrm-policy-delete  "ip -n $ns xfrm policy add $POL dir out priority 100 $TMPL" "xfrm policy delete $POL dir out"
capture xfrm-policy-dump    ""  "xfrm policy list"
capture xfrm-policy-flush   ""  "xfrm policy flush"
echo "captured $(ls *.strace | wc -l) vectors with $(ip -V)"
