package net.archway.routing.policy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import net.archway.routing.Prefix;

/**
 * The committed {@code policy-options}: named prefix lists, communities, AS paths and policy
 * statements. {@link #problems()} lists dangling references as Junos would report them.
 */
public record PolicyOptions(Map<String, List<Prefix>> prefixLists, Map<String, List<CommunityMember>> communities,
                            Map<String, AsPathRegex> asPaths, Map<String, PolicyStatement> statements) {
    public static final PolicyOptions NONE = new PolicyOptions(Map.of(), Map.of(), Map.of(), Map.of());

    public PolicyOptions {
        prefixLists = Map.copyOf(prefixLists);
        communities = Map.copyOf(communities);
        asPaths = Map.copyOf(asPaths);
        statements = Map.copyOf(statements);
    }

    /** References to undefined names, each with its {@code [edit ...]} place; empty when all resolve. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        for (PolicyStatement s : statements.values()) {
            for (Term t : s.terms()) {
                String at = "[edit policy-options policy-statement " + s.name() + " term " + t.name() + "]";
                t.from().prefixLists().stream().filter(n -> !prefixLists.containsKey(n))
                        .forEach(n -> out.add(at + " prefix-list " + n + " is not defined"));
                t.from().communities().stream().filter(n -> !communities.containsKey(n))
                        .forEach(n -> out.add(at + " community " + n + " is not defined"));
                t.from().asPaths().stream().filter(n -> !asPaths.containsKey(n))
                        .forEach(n -> out.add(at + " as-path " + n + " is not defined"));
                List<String> used = new ArrayList<>(t.then().communityAdd());
                used.addAll(t.then().communityDelete());
                used.addAll(t.then().communitySet());
                for (String n : used) {
                    List<CommunityMember> m = communities.get(n);
                    if (m == null) {
                        out.add(at + " then community " + n + " is not defined");
                    } else if (!t.then().communityDelete().contains(n) && m.stream().anyMatch(x -> !x.isLiteral())) {
                        out.add(at + " then community add/set " + n + ": a regular expression cannot be added to a route");
                    }
                }
            }
        }
        return out;
    }
}
