#!/usr/bin/env bash
# Regenerates the BGP captures the codec tests decode: FRR (bgpd), BIRD 2 and GoBGP peer with
# each other in throwaway network namespaces joined by a bridge, originate IPv4 and IPv6 routes
# with MED, LOCAL_PREF, communities and large communities, do a route refresh, withdraw, and
# shut their sessions down with a message; tcpdump records everything and each TCP stream is
# cut into messages, one hex line per message, in <sender>-to-<receiver>.hex.
#
#   FRR   AS 65001  10.9.0.1  2001:db8:9::1
#   BIRD  AS 65002  10.9.0.2  2001:db8:9::2   (its session to FRR without 4-octet AS: AS4_PATH)
#   GoBGP AS 65001  10.9.0.3  2001:db8:9::3   (iBGP with FRR: LOCAL_PREF)
#
# Run as root: routing/src/test/resources/bgp/captures/capture.sh
# Needs frr, bird2, gobgpd, tcpdump, tshark and python3 (Debian packages of the same names).
set -euo pipefail
cd "$(dirname "$0")"
out=$PWD

[ "$(id -u)" = 0 ] || { echo "capture.sh: needs root (network namespaces)" >&2; exit 1; }
for tool in /usr/lib/frr/bgpd vtysh bird birdc gobgpd gobgp tcpdump tshark python3; do
  command -v "$tool" >/dev/null || { echo "capture.sh: $tool is missing (apt-get install frr bird2 gobgpd tcpdump tshark python3)" >&2; exit 1; }
done

tag=awcap$$
work=$(mktemp -d /tmp/bgp-capture.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for f in "$work"/frr/bgpd.pid "$work"/bird/pid; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done
  sleep 0.5
  for n in lan frr bird gobgp; do ip netns del "$tag-$n" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

ns() { ip netns exec "$tag-$1" "${@:2}"; }
for n in lan frr bird gobgp; do ip netns add "$tag-$n"; ip -n "$tag-$n" link set lo up; done
ip -n "$tag-lan" link add br0 type bridge
ip -n "$tag-lan" link set br0 up
i=1
for n in frr bird gobgp; do
  ip link add "$tag$i" type veth peer name "${tag}p$i"
  ip link set "$tag$i" netns "$tag-$n"
  ip link set "${tag}p$i" netns "$tag-lan"
  ip -n "$tag-lan" link set "${tag}p$i" master br0 up
  ip -n "$tag-$n" link set "$tag$i" name eth0
  ip -n "$tag-$n" addr add "10.9.0.$i/24" dev eth0
  ip -n "$tag-$n" addr add "2001:db8:9::$i/64" dev eth0 nodad
  ip -n "$tag-$n" link set eth0 up
  i=$((i + 1))
done

ip netns exec "$tag-lan" tcpdump -i br0 -U -s 0 -w "$work/bgp.pcap" tcp port 179 >/dev/null 2>&1 &
pids+=($!)
sleep 1

mkdir -p "$work/frr" "$work/bird" "$work/gobgp"
cat > "$work/frr/bgpd.conf" <<CONF
frr defaults traditional
hostname frr
log file $work/frr/bgpd.log
route-map ORIGIN permit 10
 set metric 11
 set community 65001:100 65001:200
 set large-community 65001:1:1
 set as-path prepend 4200000001
exit
router bgp 65001
 bgp router-id 10.9.0.1
 no bgp ebgp-requires-policy
 no bgp network import-check
 bgp graceful-restart
 neighbor 10.9.0.2 remote-as 65002
 neighbor 2001:db8:9::2 remote-as 65002
 neighbor 10.9.0.3 remote-as 65001
 address-family ipv4 unicast
  network 10.1.1.0/24 route-map ORIGIN
  network 10.1.2.0/25 route-map ORIGIN
  no neighbor 2001:db8:9::2 activate
 exit-address-family
 address-family ipv6 unicast
  network 2001:db8:1::/48 route-map ORIGIN
  neighbor 2001:db8:9::2 activate
  neighbor 10.9.0.3 activate
 exit-address-family
exit
CONF
ns frr /usr/lib/frr/bgpd -d -f "$work/frr/bgpd.conf" -i "$work/frr/bgpd.pid" --vty_socket "$work/frr" \
  -z "$work/frr/zserv.api" -Z -n -S -P 0 -u root -g root
vty() { vtysh --vty_socket "$work/frr" "$@"; }

cat > "$work/bird/bird.conf" <<CONF
router id 10.9.0.2;
log "$work/bird/bird.log" all;
protocol device {}
protocol static s4 { ipv4; route 10.2.1.0/24 blackhole; }
protocol static s4b { ipv4; route 10.2.2.0/24 blackhole; }
protocol static s6 { ipv6; route 2001:db8:2::/48 blackhole; }
filter tagged {
  if proto = "s4" || proto = "s4b" || proto = "s6" then {
    bgp_med = 22;
    bgp_community.add((65002, 1));
    bgp_large_community.add((65002, 2, 3));
  }
  accept;
}
protocol bgp frr {
  local 10.9.0.2 as 65002;
  neighbor 10.9.0.1 as 65001;
  enable as4 off;
  ipv4 { import all; export filter tagged; };
}
protocol bgp frr6 {
  local 2001:db8:9::2 as 65002;
  neighbor 2001:db8:9::1 as 65001;
  ipv6 { import all; export filter tagged; };
}
protocol bgp gobgp {
  local 10.9.0.2 as 65002;
  neighbor 10.9.0.3 as 65001;
  ipv4 { import all; export filter tagged; };
  ipv6 { import all; export filter tagged; next hop address 2001:db8:9::2; };
}
CONF
ns bird bird -c "$work/bird/bird.conf" -s "$work/bird/ctl" -P "$work/bird/pid"
bc() { birdc -s "$work/bird/ctl" "$@"; }

cat > "$work/gobgp/gobgpd.toml" <<CONF
[global.config]
  as = 65001
  router-id = "10.9.0.3"
[[neighbors]]
  [neighbors.config]
    neighbor-address = "10.9.0.1"
    peer-as = 65001
  [neighbors.graceful-restart.config]
    enabled = true
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv4-unicast"
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv6-unicast"
[[neighbors]]
  [neighbors.config]
    neighbor-address = "10.9.0.2"
    peer-as = 65002
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv4-unicast"
  [[neighbors.afi-safis]]
    [neighbors.afi-safis.config]
      afi-safi-name = "ipv6-unicast"
CONF
ip netns exec "$tag-gobgp" gobgpd -f "$work/gobgp/gobgpd.toml" --api-hosts 127.0.0.1:50051 --pprof-disable -l warn >"$work/gobgp/log" 2>&1 </dev/null &
pids+=($!)
gb() { ns gobgp gobgp "$@"; }

wait_for() { # description, command...
  local what=$1; shift
  for _ in $(seq 1 60); do "$@" >/dev/null 2>&1 && return 0; sleep 1; done
  echo "capture.sh: timed out waiting for $what" >&2; exit 1
}
wait_for "gobgpd's API" gb global
gb global rib add -a ipv4 10.3.1.0/24 origin igp nexthop 10.9.0.3 med 33 local-pref 333 community 65003:1 large-community 65001:3:3
gb global rib add -a ipv4 10.3.2.0/24 origin incomplete nexthop 10.9.0.3
gb global rib add -a ipv6 2001:db8:3::/48 origin igp nexthop 2001:db8:9::3 med 33 community 65003:6

established() { vty -c "show bgp neighbors $1 json" | grep -q '"bgpState":"Established"'; }
wait_for "FRR-BIRD IPv4" established 10.9.0.2
wait_for "FRR-BIRD IPv6" established 2001:db8:9::2
wait_for "FRR-GoBGP" established 10.9.0.3
wait_for "BIRD-GoBGP" sh -c "birdc -s $work/bird/ctl show protocols gobgp | grep -q Established"
sleep 3

# Route refresh (enhanced between FRR and BIRD: BoRR/EoRR), then withdrawals.
vty -c "clear bgp ipv4 unicast 10.9.0.2 soft in"
vty -c "clear bgp ipv6 unicast 10.9.0.3 soft in"
sleep 2
vty -c "configure terminal" -c "router bgp 65001" -c "address-family ipv4 unicast" -c "no network 10.1.2.0/25"
bc disable s4b >/dev/null
gb global rib del -a ipv4 10.3.2.0/24
sleep 3

# Shutdown communications (RFC 8203).
vty -c "configure terminal" -c "router bgp 65001" -c "neighbor 10.9.0.2 shutdown message archway capture: FRR maintenance"
bc 'disable gobgp "archway capture: BIRD says goodbye"' || echo "capture.sh: birdc disable with a message failed (exit $?)" >&2
gb neighbor 10.9.0.1 disable --reason "archway capture: GoBGP going down"
sleep 2
kill "${pids[0]}"
sleep 1

declare -A who=([10.9.0.1]=frr [10.9.0.2]=bird [10.9.0.3]=gobgp [2001:db8:9::1]=frr [2001:db8:9::2]=bird [2001:db8:9::3]=gobgp)
rm -f "$out"/*.hex
streams=$(tshark -r "$work/bgp.pcap" -T fields -e tcp.stream 2>/dev/null | sort -un)
for s in $streams; do
  tshark -r "$work/bgp.pcap" -q -z "follow,tcp,raw,$s" 2>/dev/null > "$work/stream$s"
  python3 - "$work/stream$s" "$out" <<'PY'
import sys, re, os
text = open(sys.argv[1]).read().splitlines()
node = {}
chunks = {0: b"", 1: b""}
for line in text:
    m = re.match(r"Node (\d): \[?([0-9a-f:.]+?)\]?:(\d+)$", line.strip())
    if m:
        node[int(m.group(1))] = m.group(2)
        continue
    if re.fullmatch(r"\t?[0-9a-f]+", line) and line.strip():
        side = 1 if line.startswith("\t") else 0
        chunks[side] += bytes.fromhex(line.strip())
who = {"10.9.0.1": "frr", "10.9.0.2": "bird", "10.9.0.3": "gobgp",
       "2001:db8:9::1": "frr", "2001:db8:9::2": "bird", "2001:db8:9::3": "gobgp"}
for side in (0, 1):
    data = chunks[side]
    if not data:
        continue
    src, dst = who[node[side]], who[node[1 - side]]
    fam = "ipv6" if ":" in node[side] else "ipv4"
    name = os.path.join(sys.argv[2], f"{src}-to-{dst}-{fam}.hex")
    with open(name, "a") as f:
        p = 0
        while p + 19 <= len(data):
            n = int.from_bytes(data[p + 16:p + 18], "big")
            f.write(data[p:p + n].hex() + "\n")
            p += n
PY
done
for f in "$out"/*.hex; do
  sed -i "1i # $(basename "$f" .hex): BGP messages in sending order, one per line (capture.sh; FRR $(dpkg-query -W -f='${Version}' frr), BIRD $(dpkg-query -W -f='${Version}' bird2), GoBGP $(dpkg-query -W -f='${Version}' gobgpd))" "$f"
done
ls -l "$out"/*.hex
