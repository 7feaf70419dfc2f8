package net.archway.netlink.xfrm;

import java.net.InetAddress;

import net.archway.netlink.IpAddresses;

/** What names an SA for get and delete: addresses, SPI, protocol and mark (xfrm_usersa_id + XFRMA_SRCADDR). */
public record XfrmSaId(InetAddress source, InetAddress destination, int spi, int protocol, XfrmMark mark) {
    public static XfrmSaId esp(InetAddress source, InetAddress destination, int spi) {
        return new XfrmSaId(source, destination, spi, Xfrm.IPPROTO_ESP, null);
    }

    @Override
    public String toString() {
        return (source == null ? "" : IpAddresses.format(source) + " -> ") + IpAddresses.format(destination)
                + " spi 0x" + Integer.toHexString(spi) + " proto " + protocol;
    }
}
