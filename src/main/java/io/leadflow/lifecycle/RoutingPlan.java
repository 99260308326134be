package io.leadflow.lifecycle;

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

	public static final String DIRECT = "DIRECT";

	/** @param result the decision's result list: one entry per matching rule, in rule order */
	public static RoutingPlan of(Object result) {
		if (!(result instanceof List<?> routing)) {
			throw new IllegalStateException("The lead-routing table gave no result for this lead");
		}
		List<Stop> stops = new ArrayList<>();
		for (Object rule : routing) {
			Map<?, ?> match = DecisionResults.outputs(rule, "lead-routing");
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

	/** The team after {@code index}, if the table lines one up. */
	public String teamAfter(int index) {
		return hasStop(index + 1) ? stop(index + 1).team() : null;
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
