package net.archway.image.system;

/** One of the two system slots: a GPT partition named {@code archway-a} or {@code archway-b}. */
public enum Slot {
    A, B;

    public Slot other() {
        return this == A ? B : A;
    }

    /** The GPT partition name, also the name GRUB's script and the kernel command line use lower-cased. */
    public String partitionName() {
        return "archway-" + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** "A", "B"; null for anything else. */
    public static Slot parse(String s) {
        if (s == null) {
            return null;
        }
        switch (s.trim()) {
            case "A":
            case "a":
                return A;
            case "B":
            case "b":
                return B;
            default:
                return null;
        }
    }
}
