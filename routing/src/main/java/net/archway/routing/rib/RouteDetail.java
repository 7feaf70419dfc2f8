package net.archway.routing.rib;

import java.util.List;

/**
 * What a protocol adds to a route in {@code show route} (a {@link RibRoute#attributes()} that
 * implements it): words on the route line ({@code localpref 150}) and lines below it
 * ({@code AS path: 12076 65515 I}).
 */
public interface RouteDetail {
    String routeLine();

    List<String> lines();
}
