package io.leadflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class LeadflowApplication {

	public static void main(String[] args) {
		// Jakarta Mail looks its stream provider up for every message, body part and header block it
		// makes; without a name to load, that is a ServiceLoader scan of every jar in the app (9% of
		// the app's CPU in the speed benchmark, docs/performance.md)
		System.getProperties().putIfAbsent("jakarta.mail.util.StreamProvider",
				"org.eclipse.angus.mail.util.MailStreamProvider");
		// the same for the JDK's DatatypeFactory, which the engine asks for every timer it makes (three
		// per lead); no jar in the app provides another, so this is the one the scan ends with
		System.getProperties().putIfAbsent("javax.xml.datatype.DatatypeFactory",
				"com.sun.org.apache.xerces.internal.jaxp.datatype.DatatypeFactoryImpl");
		SpringApplication.run(LeadflowApplication.class, args);
	}

}
