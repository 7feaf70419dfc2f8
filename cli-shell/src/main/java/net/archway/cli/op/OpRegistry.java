package net.archway.cli.op;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The operational commands, as a tree of words for lookup, completion and help. Intermediate
 * words ({@code show}, {@code show system}) get help from {@link #describe}.
 */
public final class OpRegistry {
    private final Map<List<String>, OpCommand> commands = new LinkedHashMap<>();
    private final Map<List<String>, String> wordHelp = new LinkedHashMap<>();

    public synchronized OpRegistry register(OpCommand c) {
        if (commands.containsKey(c.words())) {
            throw new IllegalArgumentException("command registered twice: " + String.join(" ", c.words()));
        }
        commands.put(c.words(), c);
        return this;
    }

    /**
     * Replaces a command that is registered (the firmware's {@code show version}, which adds the
     * running system slot); a replacement for a command that does not exist is a mistake.
     */
    public synchronized OpRegistry replace(OpCommand c) {
        if (!commands.containsKey(c.words())) {
            throw new IllegalArgumentException("no command " + String.join(" ", c.words()) + " to replace");
        }
        commands.put(c.words(), c);
        return this;
    }

    /** Help for an intermediate word sequence ({@code show system} → "Show system information"). */
    public synchronized OpRegistry describe(String words, String help) {
        wordHelp.put(List.of(words.split(" ")), help);
        return this;
    }

    /** A match: the command and how many words named it. */
    public record Match(OpCommand command, int consumed) {
    }

    /**
     * The longest command whose words start {@code words}, allowing unique prefixes of each
     * word ({@code sh sys com}); null when none.
     */
    public synchronized Match find(List<String> words) throws OpException {
        List<String> resolved = new ArrayList<>();
        OpCommand best = null;
        int bestLen = 0;
        for (int i = 0; i < words.size(); i++) {
            Map<String, String> next = nextWords(resolved, null);
            String w = words.get(i);
            String exact = next.containsKey(w) ? w : null;
            if (exact == null) {
                List<String> prefixed = new ArrayList<>();
                for (String k : next.keySet()) {
                    if (k.startsWith(w)) {
                        prefixed.add(k);
                    }
                }
                if (prefixed.size() > 1) {
                    throw new OpException("'" + w + "' is ambiguous: " + String.join(", ", prefixed));
                }
                exact = prefixed.isEmpty() ? null : prefixed.get(0);
            }
            if (exact == null) {
                break;
            }
            resolved.add(exact);
            OpCommand c = commands.get(resolved);
            if (c != null) {
                best = c;
                bestLen = i + 1;
            }
        }
        return best == null ? null : new Match(best, bestLen);
    }

    /** The words that may follow {@code prefix}, with help, for completion; filtered by class when given. */
    public synchronized Map<String, String> nextWords(List<String> prefix, LoginClass loginClass) {
        Map<String, String> out = new TreeMap<>();
        for (OpCommand c : commands.values()) {
            if (loginClass != null && !loginClass.allows(c.permission())) {
                continue;
            }
            if (c.words().size() > prefix.size() && c.words().subList(0, prefix.size()).equals(prefix)) {
                List<String> upTo = c.words().subList(0, prefix.size() + 1);
                String help = c.words().size() == prefix.size() + 1 ? c.help() : wordHelp.getOrDefault(upTo,
                        "Show " + c.words().get(prefix.size()) + " information");
                out.putIfAbsent(c.words().get(prefix.size()), help);
            }
        }
        return out;
    }

    public synchronized OpCommand get(List<String> words) {
        return commands.get(words);
    }
}
