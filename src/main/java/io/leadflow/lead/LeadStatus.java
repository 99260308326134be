package io.leadflow.lead;

import java.util.EnumSet;
import java.util.Set;

/** Where a lead stands, as users see it. A DORMANT lead is open: the next engagement wakes it. */
public enum LeadStatus {

	NEW, QUALIFYING, CULTIVATING, DORMANT, ROUTED, ACCEPTED, REJECTED, ESCALATED, WON, LOST, NOT_A_LEAD, DISQUALIFIED, MERGED;

	private static final Set<LeadStatus> CLOSED = EnumSet.of(WON, LOST, NOT_A_LEAD, DISQUALIFIED, MERGED);

	/** A closed lead is history: the same contact sending again makes a new lead. */
	public boolean isClosed() {
		return CLOSED.contains(this);
	}

	public static Set<LeadStatus> closed() {
		return EnumSet.copyOf(CLOSED);
	}

}
