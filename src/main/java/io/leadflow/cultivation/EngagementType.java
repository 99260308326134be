package io.leadflow.cultivation;

/** What a contact did, as the systems that saw it report it. */
public enum EngagementType {

	WEBINAR, DEMO_DAY, DOWNLOAD, EMAIL_CLICK, SITE_VISIT, MEETING, UNSUBSCRIBE

}
