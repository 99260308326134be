package io.leadflow.lead;

import java.util.Set;

/** What a list of leads is narrowed to; {@code visibility} is what the caller may see at all. */
public record LeadFilter(LeadStatus status, String owner, String source, String campaign, String rejectedBy,
		Visibility visibility) {

	/**
	 * Which leads a caller may see: all; those of some teams (a manager); or a rep's own, those they
	 * had a task for ({@link LeadAssignees}), and those offered to their teams now.
	 */
	public record Visibility(boolean all, Set<String> teams, String rep, Set<String> offerTeams) {

		public static final Visibility ALL = new Visibility(true, null, null, Set.of());

	}

}
