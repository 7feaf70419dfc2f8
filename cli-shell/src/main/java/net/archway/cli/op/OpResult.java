package net.archway.cli.op;

/**
 * The structured result of an operational command. The text form and {@code | display json}
 * are both rendered from this one object, so they never disagree: JSON is Jackson's rendering
 * of the object (records serialise their components); text is {@link #text()}.
 */
public interface OpResult {
    /** The text form, as a terminal shows it. */
    String text();

    /** The object {@code | display json} renders; the result itself unless overridden. */
    default Object json() {
        return this;
    }

    /** The {@code | display set} form, for results that are configuration; null otherwise. */
    default String setForm() {
        return null;
    }

    /** A result that is just text (help, messages): JSON {@code {"output": "..."}}. */
    static OpResult text(String text) {
        return new Message(text);
    }

    record Message(String output) implements OpResult {
        @Override
        public String text() {
            return output;
        }
    }
}
