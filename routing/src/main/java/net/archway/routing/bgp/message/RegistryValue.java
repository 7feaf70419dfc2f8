package net.archway.routing.bgp.message;

/**
 * A number from an IANA registry with its name (as Netty's {@code DnsRecordType}): known
 * numbers are constants of the subclass, unknown ones still decode, print and re-encode. Two
 * values are equal when they are of the same registry and number.
 */
abstract class RegistryValue {
    private final int number;
    private final String name;

    RegistryValue(int number, String name) {
        this.number = number;
        this.name = name;
    }

    public final int number() {
        return number;
    }

    public final String name() {
        return name;
    }

    @Override
    public final boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && ((RegistryValue) o).number == number;
    }

    @Override
    public final int hashCode() {
        return number;
    }

    @Override
    public final String toString() {
        return name;
    }
}
