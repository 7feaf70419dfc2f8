package net.archway.image.payload;

import java.net.InetAddress;

import net.archway.netlink.IpPrefix;
import net.archway.netlink.xfrm.XfrmAlgorithm;
import net.archway.netlink.xfrm.XfrmDirection;
import net.archway.netlink.xfrm.XfrmMode;
import net.archway.netlink.xfrm.XfrmNetlink;
import net.archway.netlink.xfrm.XfrmPolicy;
import net.archway.netlink.xfrm.XfrmSa;
import net.archway.netlink.xfrm.XfrmSelector;
import net.archway.netlink.xfrm.XfrmTemplate;

/**
 * Runs inside a VM: one side of a manually keyed ESP tunnel (AES-GCM, tunnel mode) through the
 * netlink module — the outbound and inbound SAs and the out, in and fwd policies between the two
 * sites' networks. The data plane the IKE work will drive. Started by EspTunnelBetweenVmsIT.
 *
 * <p>Arguments: LOCAL REMOTE LOCAL_NET REMOTE_NET SPI_OUT SPI_IN KEY_OUT_HEX KEY_IN_HEX
 */
public final class EspTunnel {
    private EspTunnel() {
    }

    public static void main(String[] args) throws Exception {
        InetAddress local = InetAddress.getByName(args[0]);
        InetAddress remote = InetAddress.getByName(args[1]);
        IpPrefix localNet = IpPrefix.parse(args[2]);
        IpPrefix remoteNet = IpPrefix.parse(args[3]);
        int spiOut = Integer.parseUnsignedInt(args[4], 16);
        int spiIn = Integer.parseUnsignedInt(args[5], 16);
        byte[] keyOut = java.util.HexFormat.of().parseHex(args[6]);
        byte[] keyIn = java.util.HexFormat.of().parseHex(args[7]);
        int reqid = 7;
        try (XfrmNetlink xfrm = XfrmNetlink.open()) {
            xfrm.addSa(XfrmSa.esp(local, remote, spiOut, XfrmMode.TUNNEL, reqid)
                    .withAead(new XfrmAlgorithm.Aead("rfc4106(gcm(aes))", keyOut, 128)).withReplayWindow(32, false));
            xfrm.addSa(XfrmSa.esp(remote, local, spiIn, XfrmMode.TUNNEL, reqid)
                    .withAead(new XfrmAlgorithm.Aead("rfc4106(gcm(aes))", keyIn, 128)).withReplayWindow(32, false));
            xfrm.addPolicy(XfrmPolicy.allow(XfrmSelector.between(localNet, remoteNet), XfrmDirection.OUT, 1000,
                    XfrmTemplate.espTunnel(local, remote, reqid)));
            xfrm.addPolicy(XfrmPolicy.allow(XfrmSelector.between(remoteNet, localNet), XfrmDirection.IN, 1000,
                    XfrmTemplate.espTunnel(remote, local, reqid)));
            xfrm.addPolicy(XfrmPolicy.allow(XfrmSelector.between(remoteNet, localNet), XfrmDirection.FWD, 1000,
                    XfrmTemplate.espTunnel(remote, local, reqid)));
            System.out.println("tunnel " + localNet + " <-> " + remoteNet + " via " + args[0] + " -> " + args[1]
                    + ": " + xfrm.listSas().size() + " SAs, " + xfrm.listPolicies().size() + " policies");
        }
    }
}
