package net.archway.routing.policy;

import java.util.List;

/**
 * {@code policy-statement NAME { term A {...} term B {...} then ...; }}: terms in order; the
 * statement-level {@code then} (if any) acts as a last, unnamed term matching everything.
 */
public record PolicyStatement(String name, List<Term> terms) {
    public PolicyStatement {
        terms = List.copyOf(terms);
    }
}
