package net.archway.routing.bgp.message;

/** The AGGREGATOR attribute (RFC 4271 §5.1.7; 4-octet AS as in RFC 6793): who aggregated, and the speaker's address. */
public record Aggregator(long asn, int address) {
    public Aggregator {
        AsPath.checkAsn(asn);
    }

    @Override
    public String toString() {
        return asn + " " + Wire.dottedQuad(address);
    }
}
