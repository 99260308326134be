package io.leadflow.cultivation;

import static io.leadflow.cultivation.QualityOfEngagementTest.NOW;
import static io.leadflow.cultivation.QualityOfEngagementTest.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;

import io.leadflow.cultivation.Engagements.Engagement;

/**
 * The weights are marketing's table: a deployed change counts from the next score, with no
 * restart and no Java change, and a table whose weights make no sense is refused loudly where it is
 * used (a failed job is an incident), never applied as something else.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
@DirtiesContext(classMode = ClassMode.AFTER_CLASS) // the edited tables stay deployed
class QualityOfEngagementTableTest {

	/** One engineer who downloads a lot: narrow, shallow and frequent. */
	private static final List<Engagement> BUSY_ENGINEER = IntStream.range(0, 12)
		.mapToObj(day -> event("eng", "PRACTITIONER", EngagementType.DOWNLOAD, 3, day + 1))
		.toList();

	@Autowired
	private QualityOfEngagement formula;

	@Autowired
	private RepositoryService repositoryService;

	@Test
	void aDeployedChangeOfTheWeightsCountsFromTheNextScore() throws IOException {
		deploy(shipped());
		int shippedScore = formula.score(BUSY_ENGINEER, NOW).score();

		deploy(shipped().replace("<text>0.5</text></outputEntry>\n        <outputEntry id=\"Rule_EveryAccount_Depth\"><text>0.3</text>",
				"<text>0.1</text></outputEntry>\n        <outputEntry id=\"Rule_EveryAccount_Depth\"><text>0.1</text>")
			.replace("<outputEntry id=\"Rule_EveryAccount_Frequency\"><text>0.2</text>",
					"<outputEntry id=\"Rule_EveryAccount_Frequency\"><text>0.8</text>"));

		assertThat(formula.weights().frequency()).isEqualTo(0.8);
		assertThat(formula.score(BUSY_ENGINEER, NOW).score()).as("frequency now weighs most")
			.isGreaterThan(shippedScore);
	}

	@Test
	void weightsThatDoNotAddUpAreRefusedWhereTheyAreUsed() throws IOException {
		deploy(shipped().replace("<outputEntry id=\"Rule_EveryAccount_Frequency\"><text>0.2</text>",
				"<outputEntry id=\"Rule_EveryAccount_Frequency\"><text>0.7</text>"));

		assertThatThrownBy(() -> formula.score(BUSY_ENGINEER, NOW)).hasMessageContaining("quality-of-engagement-weights")
			.hasMessageContaining("must add up to 1");
		deploy(shipped());
	}

	private static String shipped() throws IOException {
		return Files.readString(Path.of("processes/quality-of-engagement.dmn"));
	}

	private void deploy(String table) {
		repositoryService.createDeployment().name("marketing's weights").addString("quality-of-engagement.dmn", table).deploy();
	}

}
