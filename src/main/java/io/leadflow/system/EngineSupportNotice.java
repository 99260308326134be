package io.leadflow.system;

import org.camunda.bpm.engine.impl.util.ProductPropertiesUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The notice Camunda puts in a red bar on every webapp page, said once where operators read it:
 * the start-up log. The webapps' user styles hide the bar from reps and managers;
 * docs/operations.md says what the end of the line means and how the engine stays patched.
 */
@Component
class EngineSupportNotice {

	private static final Logger log = LoggerFactory.getLogger(EngineSupportNotice.class);

	@EventListener(ApplicationReadyEvent.class)
	void tellOperators() {
		log.warn("Camunda 7 Community Edition {}: its line ended with 7.24 (October 2025) and Camunda publishes no "
				+ "further Community Edition releases or security fixes for it; what that means for this "
				+ "installation and how to keep the engine patched: docs/operations.md",
				ProductPropertiesUtil.getProductVersion());
	}

}
