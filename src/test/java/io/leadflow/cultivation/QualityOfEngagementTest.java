package io.leadflow.cultivation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.leadflow.DecisionTables;
import io.leadflow.cultivation.Engagements.Engagement;

/**
 * The Quality of Engagement formula with the weights of the shipped table
 * ({@code processes/quality-of-engagement.dmn}), on accounts like the ones the Ciena article
 * describes.
 */
class QualityOfEngagementTest {

	static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");

	private final QualityOfEngagement formula = new QualityOfEngagement(weights(Map.of()));

	@Test
	void anAccountNobodyEngagesWithScoresOne() {
		assertThat(formula.score(List.of(), NOW).score()).isEqualTo(1);
	}

	@Test
	void anAccountWhereOnlyTheEngineerDownloadsScoresTwoOrThree() {
		var score = formula.score(List.of(event("eng", "PRACTITIONER", EngagementType.DOWNLOAD, 3, 2)), NOW);

		assertThat(score.score()).isBetween(2, 3);
		assertThat(score.people()).isEqualTo(1);
		assertThat(score.roleLevels()).containsExactly("PRACTITIONER");
	}

	@Test
	void anAccountEngagedFromTheExecutivesToTheLabScoresNineOrTen() {
		List<Engagement> events = new ArrayList<>();
		events.add(event("ceo", "EXECUTIVE", EngagementType.MEETING, 10, 2));
		events.add(event("cfo", "EXECUTIVE", EngagementType.DEMO_DAY, 10, 5));
		events.add(event("cmo", "EXECUTIVE", EngagementType.WEBINAR, 6, 9));
		events.add(event("svp", "MANAGER", EngagementType.DEMO_DAY, 10, 12));
		events.add(event("mgr", "MANAGER", EngagementType.WEBINAR, 6, 20));
		for (int i = 0; i < 8; i++) {
			events.add(event("eng" + i, "PRACTITIONER", EngagementType.DOWNLOAD, 3, 1 + i * 7));
		}

		var score = formula.score(events, NOW);

		assertThat(score.score()).isBetween(9, 10);
		assertThat(score.breadth()).isEqualTo(1.0);
		assertThat(score.roleLevels()).containsExactlyInAnyOrder("EXECUTIVE", "MANAGER", "PRACTITIONER");
	}

	@Test
	void aDemoDayCountsDeeperThanADownload() {
		var demoDay = formula.score(List.of(event("eng", "PRACTITIONER", EngagementType.DEMO_DAY, 10, 2)), NOW);
		var download = formula.score(List.of(event("eng", "PRACTITIONER", EngagementType.DOWNLOAD, 3, 2)), NOW);

		assertThat(demoDay.depth()).isGreaterThan(download.depth());
		assertThat(demoDay.score()).isGreaterThan(download.score());
	}

	@Test
	void theSameEngagementLongAgoScoresLowerThanRecently() {
		List<Engagement> recent = broadEngagementDaysAgo(3);
		List<Engagement> old = broadEngagementDaysAgo(150);
		List<Engagement> ancient = broadEngagementDaysAgo(400);

		int recentScore = formula.score(recent, NOW).score();
		int oldScore = formula.score(old, NOW).score();

		assertThat(recentScore).isGreaterThan(oldScore);
		assertThat(formula.score(old, NOW).recency()).isLessThan(0.05);
		assertThat(formula.score(ancient, NOW).score()).as("beyond the window nothing counts").isEqualTo(1);
	}

	@Test
	void engagementAfterTheMomentDoesNotCountForIt() {
		var score = formula.score(List.of(event("ceo", "EXECUTIVE", EngagementType.DEMO_DAY, 10, -1)), NOW);

		assertThat(score.score()).isEqualTo(1);
	}

	@Test
	void theTrendHasOnePointPerWeekAndRisesAsTheAccountEngages() {
		List<Engagement> events = List.of(event("eng", "PRACTITIONER", EngagementType.DOWNLOAD, 3, 40),
				event("vp", "MANAGER", EngagementType.WEBINAR, 6, 20), event("ceo", "EXECUTIVE", EngagementType.DEMO_DAY, 10, 2));

		var trend = formula.trend(events, NOW, 13);

		assertThat(trend).hasSize(13);
		assertThat(trend.get(0).score()).isEqualTo(1);
		assertThat(trend.get(12).score()).isGreaterThan(trend.get(7).score());
		assertThat(trend.get(12).weekOf().getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY);
	}

	@Test
	void weightsThatDoNotAddUpToOneAreRefused() {
		assertThatThrownBy(() -> weights(Map.of("breadth", 0.9))).hasMessageContaining("must add up to 1");
		assertThatThrownBy(() -> weights(Map.of("recency", 1.5))).hasMessageContaining("between 0 and 1");
		assertThatThrownBy(() -> weights(Map.of("window", "half a year"))).hasMessageContaining("a duration such as P30D");
		assertThatThrownBy(() -> weights(Map.of("peopleForFullBreadth", 0))).hasMessageContaining("at least 1");
	}

	private static List<Engagement> broadEngagementDaysAgo(int days) {
		return List.of(event("ceo", "EXECUTIVE", EngagementType.DEMO_DAY, 10, days),
				event("vp", "MANAGER", EngagementType.WEBINAR, 6, days),
				event("eng", "PRACTITIONER", EngagementType.DOWNLOAD, 3, days));
	}

	static Engagement event(String contact, String roleLevel, EngagementType type, int depthPoints, int daysAgo) {
		OffsetDateTime at = OffsetDateTime.ofInstant(NOW.minus(Duration.ofDays(daysAgo)), ZoneOffset.UTC);
		return new Engagement(contact + type + daysAgo, "lead", contact, "account", type, at, null, 0, depthPoints, at,
				"intake", contact, null, roleLevel);
	}

	/** The shipped table's weights, with some outputs changed. */
	static QualityOfEngagementWeights weights(Map<String, Object> changed) {
		Map<String, Object> table = new HashMap<>(
				DecisionTables.load("quality-of-engagement.dmn", QualityOfEngagementWeights.TABLE).evaluateSingle(Map.of()));
		table.putAll(changed);
		return QualityOfEngagementWeights.of(table);
	}

}
