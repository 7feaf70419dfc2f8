package net.archway.appliance.show;

/** Column padding for listings with a line per route: printf's {@code %-Ns} without its parsing and garbage. */
final class TextColumns {
    private TextColumns() {
    }

    /** {@code text}, then spaces up to {@code width}. */
    static StringBuilder padRight(StringBuilder sb, String text, int width) {
        sb.append(text);
        for (int i = text.length(); i < width; i++) {
            sb.append(' ');
        }
        return sb;
    }
}
