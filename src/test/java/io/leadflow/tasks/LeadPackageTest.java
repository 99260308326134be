package io.leadflow.tasks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What a form's text view shows of a lead is the lead's text, never markup of its own. */
class LeadPackageTest {

	@Test
	void htmlAndMarkdownInLeadDataAreEscaped() {
		assertThat(LeadPackage.asText("<b>Evil</b> & Co")).isEqualTo("&lt;b&gt;Evil&lt;/b&gt; &amp; Co");
		assertThat(LeadPackage.asText("<img src=x onerror=alert(1)>")).doesNotContain("<").doesNotContain(">");
		assertThat(LeadPackage.asText("**CEO** [click](javascript:alert(3))"))
			.isEqualTo("\\*\\*CEO\\*\\* \\[click\\]\\(javascript:alert\\(3\\)\\)");
	}

	@Test
	void ordinaryTextStaysReadable() {
		assertThat(LeadPackage.asText("Greta Gruber")).isEqualTo("Greta Gruber");
		assertThat(LeadPackage.asText("acme.de")).isEqualTo("acme\\.de");
	}

}
