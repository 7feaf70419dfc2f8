package net.archway.cli.commit;

/**
 * What a {@code commit} command asks for.
 *
 * @param confirmMinutes for {@code commit confirmed N}: revert unless confirmed within N minutes; null otherwise
 */
public record CommitRequest(String user, String via, String comment, Integer confirmMinutes) {
    public static CommitRequest of(String user, String via) {
        return new CommitRequest(user, via, null, null);
    }
}
