package net.archway.cli.commit;

import net.archway.cli.config.ConfigNode;

/**
 * A part of the system that gives configuration its effect (interfaces, routing, BGP, IPsec),
 * registered with the {@link CommitEngine}. At each commit it is asked to {@link #stage} the new
 * configuration against the active one; staging checks and prepares but must not change the
 * running system. When every subsystem has staged, the engine applies them in registration order.
 */
public interface Subsystem {
    /** A short name for messages ({@code "interfaces"}, {@code "bgp"}). */
    String name();

    /**
     * Prepares the move from {@code active} to {@code candidate} (both effective: inactive
     * statements removed; {@code active} is an empty tree at start-up).
     *
     * @throws CommitRefusedException when the candidate cannot be applied, naming the place
     */
    StagedChange stage(ConfigNode active, ConfigNode candidate) throws CommitRefusedException;

    /** A change staged by a subsystem, applied at the barrier or abandoned. */
    interface StagedChange {
        /** Makes the staged configuration the running one. */
        void apply() throws ApplyException;

        /**
         * Undoes a successful {@link #apply()} because a later subsystem failed: the running
         * system goes back to the previous configuration.
         */
        void revert();

        /** Releases what staging prepared, when the commit goes no further (commit check, refusal). */
        default void abandon() {
        }
    }

    /** A staged change with nothing to do. */
    StagedChange NOTHING = new StagedChange() {
        @Override
        public void apply() {
        }

        @Override
        public void revert() {
        }
    };
}
