package net.archway.cli.commit;

import java.time.Instant;

/**
 * One entry of the commit history: who committed, how, when; {@code confirmBy} is set while a
 * {@code commit confirmed} waits for its confirmation.
 *
 * @param via {@code cli}, {@code console}, {@code automatic-rollback}, {@code startup}...
 */
public record CommitRecord(long sequence, Instant time, String user, String via, String comment,
                           Integer confirmMinutes, Instant confirmBy) {
}
