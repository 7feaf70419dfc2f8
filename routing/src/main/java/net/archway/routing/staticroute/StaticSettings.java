package net.archway.routing.staticroute;

import java.util.List;

/** The committed static routes of both families, and the default preference ({@code routing-options static defaults}). */
public record StaticSettings(int defaultPreference, List<StaticRoute> routes) {
    public static final StaticSettings NONE = new StaticSettings(5, List.of());

    public StaticSettings {
        routes = List.copyOf(routes);
    }
}
