package io.leadflow.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The teams the {@code lead-routing} table lines up for a lead, in the table's rule order: the
 * partners it lists, then the first direct team. A lead a partner declines goes to the next in
 * line; the direct team is the last stop.
 */
public record RoutingPlan(List<Stop> stops) {

	public static final String PARTNER = "PARTNER";

	/** @param routing the decision's result list: one entry per matching rule, in rule order */
	public static RoutingPlan of(List<Map<String, Object>> routing) {
		List<Stop> stops = new ArrayList<>();
		for (Map<String, Object> match : routing) {
			Stop stop = new Stop((String) match.get("team"), (String) match.get("channel"),
					(String) match.get("routingReason"));
			if (stops.stream().noneMatch(s -> s.team().equals(stop.team()))) {
				stops.add(stop);
			}
			if (!PARTNER.equals(stop.channel())) {
				break;
			}
		}
		return new RoutingPlan(List.copyOf(stops));
	}

	public boolean hasStop(int index) {
		return index >= 0 && index < stops.size();
	}

	public Stop stop(int index) {
		return stops.get(index);
	}

	public String describe() {
		return String.join(" → ", stops.stream().map(s -> s.team() + " (" + s.reason() + ")").toList());
	}

	public record Stop(String team, String channel, String reason) {

		public boolean isPartner() {
			return PARTNER.equals(channel);
		}

	}

}
