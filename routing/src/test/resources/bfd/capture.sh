#!/usr/bin/env bash
# Regenerates frr-bird.vectors: BFD control packets exchanged by FRR bfdd and BIRD 2 in two
# throwaway namespaces (IPv4 and IPv6, bring-up with Poll/Final, a timer change on each side,
# FRR's administrative shutdown), one line per packet: sender, TTL, source port, UDP payload hex.
# Needs root and the Debian packages frr, bird2, tshark. Usage: capture.sh [OUTPUT]
set -euo pipefail
out=${1:-"$(dirname "$0")/frr-bird.vectors"}
[ "$(id -u)" = 0 ] || { echo "capture.sh: needs root (namespaces)" >&2; exit 1; }
for p in /usr/lib/frr/bfdd bird birdc tshark vtysh; do command -v "$p" >/dev/null || { echo "capture.sh: $p missing" >&2; exit 1; }; done
a=bfdcap-frr-$$; b=bfdcap-bird-$$; dir=$(mktemp -d /tmp/bfdcap.XXXXXX)
cleanup() {
  [ -f "$dir/frr/bfdd.pid" ] && kill "$(cat "$dir/frr/bfdd.pid")" 2>/dev/null || true
  [ -f "$dir/bird/pid" ] && kill "$(cat "$dir/bird/pid")" 2>/dev/null || true
  [ -n "${tpid:-}" ] && kill "$tpid" 2>/dev/null || true
  ip netns del "$a" 2>/dev/null || true; ip netns del "$b" 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
ip netns add "$a"; ip netns add "$b"
ip link add va netns "$a" type veth peer name vb netns "$b"
ip -n "$a" addr add 10.77.0.1/24 dev va; ip -n "$b" addr add 10.77.0.2/24 dev vb
ip -n "$a" addr add fd00:77::1/64 dev va nodad; ip -n "$b" addr add fd00:77::2/64 dev vb nodad
for n in "$a" "$b"; do ip -n "$n" link set lo up; done
ip -n "$a" link set va up; ip -n "$b" link set vb up
chmod 755 "$dir"; mkdir -p "$dir/frr" "$dir/bird"
cat > "$dir/frr/bfdd.conf" <<'CONF'
bfd
 peer 10.77.0.2 local-address 10.77.0.1
  receive-interval 300
  transmit-interval 300
 !
 peer fd00:77::2 local-address fd00:77::1
  receive-interval 300
  transmit-interval 300
 !
!
CONF
cat > "$dir/bird/bird.conf" <<'CONF'
router id 10.77.0.2;
protocol device {}
protocol bfd {
  interface "vb" { interval 300 ms; multiplier 3; };
  neighbor 10.77.0.1 dev "vb" local 10.77.0.2;
  neighbor fd00:77::1 dev "vb" local fd00:77::2;
}
CONF
chown -R frr:frr "$dir/frr"
ip netns exec "$b" tshark -q -l -i vb -f 'udp port 3784' -w "$dir/cap.pcap" 2>/dev/null &
tpid=$!
sleep 2
frr() { ip netns exec "$a" /usr/lib/frr/bfdd -f "$dir/frr/bfdd.conf" -i "$dir/frr/bfdd.pid" -z "$dir/frr/zserv.api" \
  --vty_socket "$dir/frr" --bfdctl "$dir/frr/bfdd.sock" -u frr -g frr -d --log "file:$dir/frr/bfdd.log"; }
vty() { ip netns exec "$a" vtysh --vty_socket "$dir/frr" -d bfdd "$@"; }
ip netns exec "$b" bird -c "$dir/bird/bird.conf" -s "$dir/bird/ctl" -P "$dir/bird/pid"
frr
sleep 6
vty -c 'configure terminal' -c 'bfd' -c 'peer 10.77.0.2 local-address 10.77.0.1' -c 'transmit-interval 100' -c 'receive-interval 100'
sleep 2
sed -i 's/interval 300 ms/interval 200 ms/' "$dir/bird/bird.conf"; birdc -s "$dir/bird/ctl" configure >/dev/null
sleep 2
vty -c 'configure terminal' -c 'bfd' -c 'peer 10.77.0.2 local-address 10.77.0.1' -c 'shutdown'
sleep 3
kill "$tpid"; wait "$tpid" 2>/dev/null || true; tpid=
{
  echo "# BFD control packets between FRR bfdd $(dpkg-query -W -f='${Version}' frr) (10.77.0.1, fd00:77::1)"
  echo "# and BIRD $(dpkg-query -W -f='${Version}' bird2) (10.77.0.2, fd00:77::2), captured by capture.sh."
  echo "# sender ttl source-port udp-payload"
  tshark -r "$dir/cap.pcap" -T fields -E separator=' ' -e ip.src -e ipv6.src -e ip.ttl -e ipv6.hlim -e udp.srcport -e udp.payload 2>/dev/null \
    | awk '{ src=$1; if (NF==4) print $1, $2, $3, $4; else print $0 }' \
    | while read -r src ttl port payload; do
        case "$src" in 10.77.0.1|fd00:77::1) who=frr ;; *) who=bird ;; esac
        echo "$who $src $ttl $port ${payload//:/}"
      done
} > "$out"
echo "capture.sh: $(grep -vc '^#' "$out") packets in $out"
