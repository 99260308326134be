package io.leadflow.cultivation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.leadflow.cultivation.Engagements.Engagement;
import io.leadflow.lead.Accounts;
import io.leadflow.lead.AccountRecord;
import io.leadflow.system.EngineClock;
import io.leadflow.system.NotFoundException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

@RestController
@RequestMapping("/api/accounts")
@Tag(name = "Accounts")
class AccountController {

	/** A quarter of weekly points: long enough to see a trend, short enough to read at a glance. */
	private static final int TREND_WEEKS = 13;

	private final Accounts accounts;

	private final Engagements engagements;

	private final QualityOfEngagement formula;

	AccountController(Accounts accounts, Engagements engagements, QualityOfEngagement formula) {
		this.accounts = accounts;
		this.engagements = engagements;
		this.formula = formula;
	}

	@GetMapping("/{id}")
	@Operation(summary = "An account with its Quality of Engagement (1 to 10), the score's parts, its weekly trend and who engages")
	AccountView account(@PathVariable String id) {
		AccountRecord account = accounts.find(id).orElseThrow(() -> new NotFoundException("No account with id " + id));
		List<Engagement> all = engagements.ofAccount(id);
		Instant now = EngineClock.now();
		Map<String, EngagedPerson> people = new LinkedHashMap<>();
		for (Engagement e : all) {
			if (e.type() == EngagementType.UNSUBSCRIBE) {
				continue;
			}
			people.merge(e.contactId(), new EngagedPerson(e.contactName(), e.contactTitle(), e.roleLevel(), 1, e.occurredAt()),
					(a, b) -> new EngagedPerson(a.name(), a.title(), a.roleLevel(), a.engagements() + 1,
							a.lastEngagementAt().isAfter(b.lastEngagementAt()) ? a.lastEngagementAt() : b.lastEngagementAt()));
		}
		return new AccountView(account.id(), account.account().name(), account.account().domain(),
				account.account().country(), account.account().industry(), account.account().employees(),
				account.ownerId(), formula.score(all, now), formula.trend(all, now, TREND_WEEKS),
				people.values().stream().sorted(Comparator.comparing(EngagedPerson::lastEngagementAt).reversed()).toList());
	}

	record AccountView(String id, String name, String domain, String country, String industry, Integer employees,
			String owner, QualityOfEngagement.Score qualityOfEngagement, List<QualityOfEngagement.TrendPoint> trend,
			List<EngagedPerson> engagedPeople) {
	}

	record EngagedPerson(String name, String title, String roleLevel, int engagements, OffsetDateTime lastEngagementAt) {
	}

}
