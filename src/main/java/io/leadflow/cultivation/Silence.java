package io.leadflow.cultivation;

import java.time.Instant;
import java.util.Comparator;

import org.springframework.stereotype.Component;

import io.leadflow.system.EngineClock;

/** When a lead in cultivation falls silent: {@code dormantAfter} past the later of now and its contact's last engagement. */
@Component
class Silence {

	private final Engagements engagements;

	Silence(Engagements engagements) {
		this.engagements = engagements;
	}

	Instant endsAt(String contactId, EngagementScore.Policy policy) {
		Instant now = EngineClock.now();
		Instant lastHeard = engagements.ofContact(contactId)
			.stream()
			.filter(e -> e.type() != EngagementType.UNSUBSCRIBE)
			.map(e -> e.occurredAt().toInstant())
			.max(Comparator.naturalOrder())
			.filter(last -> last.isAfter(now))
			.orElse(now);
		return IsoDurations.after(lastHeard, policy.dormantAfter(), "dormantAfter");
	}

}
