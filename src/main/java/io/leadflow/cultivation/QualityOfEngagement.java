package io.leadflow.cultivation;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import io.leadflow.designer.PolicyTables;

import io.leadflow.cultivation.Engagements.Engagement;

/**
 * An account's Quality of Engagement, 1 to 10, from what its people did: breadth (how many people
 * and how many of the role levels executive, manager and practitioner engage), depth (the kinds of
 * engagement, a demo day deeper than a download), frequency and recency. Each part is 0 to 1; the
 * weighted sum of breadth, depth and frequency, scaled down by recency when the account has gone
 * quiet, maps onto 1 to 10. An account only its engineer engages with lands at 2 or 3, one
 * engaged from the executives down to the lab at 9 or 10.
 */
@Component
public class QualityOfEngagement {

	/** The role levels that make an account's breadth; OTHER does not widen it. */
	static final Set<String> LEVELS = Set.of("EXECUTIVE", "MANAGER", "PRACTITIONER");

	private final Supplier<QualityOfEngagementWeights> weighing;

	/** Weighed as the latest deployed table says, read again for every score. */
	@Autowired
	QualityOfEngagement(PolicyTables tables) {
		this(() -> QualityOfEngagementWeights.of(tables.single(QualityOfEngagementWeights.TABLE, Map.of())));
	}

	public QualityOfEngagement(QualityOfEngagementWeights weights) {
		this(() -> weights);
	}

	private QualityOfEngagement(Supplier<QualityOfEngagementWeights> weighing) {
		this.weighing = weighing;
	}

	/** The weights a score made now uses. */
	public QualityOfEngagementWeights weights() {
		return weighing.get();
	}

	/** The score as it stood at {@code asOf}: engagements after it do not count yet. */
	public Score score(List<Engagement> engagements, Instant asOf) {
		return score(engagements, asOf, weights());
	}

	private Score score(List<Engagement> engagements, Instant asOf, QualityOfEngagementWeights weights) {
		List<Engagement> known = engagements.stream()
			.filter(e -> e.type() != EngagementType.UNSUBSCRIBE && !e.occurredAt().toInstant().isAfter(asOf))
			.toList();
		Instant windowStart = asOf.minus(weights.window());
		List<Engagement> inWindow = known.stream().filter(e -> e.occurredAt().toInstant().isAfter(windowStart)).toList();

		Set<String> people = new TreeSet<>();
		Set<String> levels = new TreeSet<>();
		Map<EngagementType, Integer> deepestByKind = new HashMap<>();
		for (Engagement e : inWindow) {
			people.add(e.contactId());
			if (LEVELS.contains(e.roleLevel())) {
				levels.add(e.roleLevel());
			}
			deepestByKind.merge(e.type(), e.depthPoints(), Math::max);
		}
		double breadth = 0.5 * Math.min(1.0, (double) people.size() / weights.peopleForFullBreadth())
				+ 0.5 * levels.size() / LEVELS.size();
		int depthPoints = deepestByKind.values().stream().mapToInt(Integer::intValue).sum();
		double depth = Math.min(1.0, (double) depthPoints / weights.depthPointsForFullDepth());
		Instant frequencyStart = asOf.minus(weights.frequencyWindow());
		long recent = known.stream().filter(e -> e.occurredAt().toInstant().isAfter(frequencyStart)).count();
		double frequency = Math.min(1.0, (double) recent / weights.engagementsForFullFrequency());
		Instant last = known.stream().map(e -> e.occurredAt().toInstant()).max(Comparator.naturalOrder()).orElse(null);
		double recency = last == null ? 0.0 : halves(Duration.between(last, asOf), weights.recencyHalfLife());

		double activity = weights.breadth() * breadth + weights.depth() * depth + weights.frequency() * frequency;
		double weighted = activity * (1 - weights.recency() + weights.recency() * recency);
		int score = 1 + (int) Math.round(9 * Math.min(1.0, weighted));
		Set<EngagementType> kinds = deepestByKind.isEmpty() ? Set.of() : EnumSet.copyOf(deepestByKind.keySet());
		return new Score(score, round(breadth), round(depth), round(frequency), round(recency), people.size(), levels,
				kinds, (int) recent, last);
	}

	/** One point per week, oldest first: the score at the end of each of the last {@code weeks} weeks (Monday to Sunday, UTC), the current week up to {@code asOf}. */
	public List<TrendPoint> trend(List<Engagement> engagements, Instant asOf, int weeks) {
		LocalDate thisWeek = LocalDate.ofInstant(asOf, ZoneOffset.UTC).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
		List<TrendPoint> points = new ArrayList<>();
		QualityOfEngagementWeights weights = weights();
		for (int back = weeks - 1; back >= 0; back--) {
			LocalDate weekStart = thisWeek.minusWeeks(back);
			Instant weekEnd = back == 0 ? asOf : weekStart.plusWeeks(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1);
			points.add(new TrendPoint(weekStart, score(engagements, weekEnd, weights).score()));
		}
		return points;
	}

	private static double halves(Duration age, Duration halfLife) {
		if (age.isNegative()) {
			return 1.0;
		}
		return Math.pow(0.5, (double) age.toMillis() / halfLife.toMillis());
	}

	private static double round(double part) {
		return Math.round(part * 100) / 100.0;
	}

	/**
	 * @param score 1 (no engagement worth the name) to 10 (engaged at every level, deeply, often, lately)
	 * @param breadth @param depth @param frequency @param recency the parts, each 0 to 1
	 * @param recentEngagements engagements within the frequency window
	 */
	public record Score(int score, double breadth, double depth, double frequency, double recency, int people,
			Set<String> roleLevels, Set<EngagementType> kinds, int recentEngagements, Instant lastEngagementAt) {
	}

	/** @param weekOf the Monday the week starts (UTC) */
	public record TrendPoint(LocalDate weekOf, int score) {
	}

}
