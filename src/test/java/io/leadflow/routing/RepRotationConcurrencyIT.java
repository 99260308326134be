package io.leadflow.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Leads routed at the same moment: every pick sees the picks committed before it, so no two
 * leads go to the same "next" rep. Runs on H2 and, in CI, on PostgreSQL.
 */
@SpringBootTest(properties = "camunda.bpm.job-execution.enabled=false")
class RepRotationConcurrencyIT {

	private static final int LEADS = 8;

	@Autowired
	private RepRotation rotation;

	@Autowired
	private TransactionTemplate transaction;

	@Test
	void leadsRoutedAtTheSameMomentAreSharedOutEvenly() throws Exception {
		String team = "race-team-" + System.nanoTime();
		List<String> reps = List.of("race-a", "race-b");
		// both reps known before the race, as after their first lead
		transaction.executeWithoutResult(status -> rotation.next(team, reps, team + "-warm-1", 0));
		transaction.executeWithoutResult(status -> rotation.next(team, reps, team + "-warm-2", 0));

		CountDownLatch start = new CountDownLatch(1);
		ExecutorService pool = Executors.newFixedThreadPool(LEADS);
		List<Future<String>> picks = new ArrayList<>();
		for (int i = 0; i < LEADS; i++) {
			String leadId = team + "-lead-" + i;
			picks.add(pool.submit(() -> {
				start.await();
				return transaction.execute(status -> {
					String rep = rotation.next(team, reps, leadId, 0).orElseThrow();
					sleep(40); // the rest of the routing step, which runs while other leads take their turns
					return rep;
				});
			}));
		}
		start.countDown();
		List<String> picked = new ArrayList<>();
		for (Future<String> pick : picks) {
			picked.add(pick.get());
		}
		pool.shutdown();

		Map<String, Long> perRep = picked.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
		assertThat(perRep).containsExactlyInAnyOrderEntriesOf(Map.of("race-a", 4L, "race-b", 4L));
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

}
