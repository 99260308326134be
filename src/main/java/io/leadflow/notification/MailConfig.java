package io.leadflow.notification;

import java.util.Set;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

@Configuration(proxyBeanMethods = false)
class MailConfig {

	/** HTML templates escape what they show of a lead, so a lead's text can never become markup in a mail. */
	@Bean
	ITemplateEngine mailTemplates() {
		TemplateEngine engine = new TemplateEngine();
		engine.addTemplateResolver(resolver("*.html", TemplateMode.HTML, 1));
		engine.addTemplateResolver(resolver("*.txt", TemplateMode.TEXT, 2));
		return engine;
	}

	private static ClassLoaderTemplateResolver resolver(String pattern, TemplateMode mode, int order) {
		ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
		resolver.setPrefix("mail/");
		resolver.setResolvablePatterns(Set.of(pattern));
		resolver.setTemplateMode(mode);
		resolver.setCharacterEncoding("UTF-8");
		resolver.setCheckExistence(true);
		resolver.setOrder(order);
		return resolver;
	}

	/**
	 * The default run's SMTP server: nothing to set up, and every mail sent can be read at
	 * {@code /api/mails}. Production sends through the server of {@code spring.mail.*}.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty("leadflow.mail.embedded.enabled")
	static class EmbeddedServer {

		@Bean(initMethod = "start", destroyMethod = "stop")
		GreenMail embeddedMailServer(MailSettings settings) {
			int port = settings.embedded().port();
			return new GreenMail(port == 0 ? ServerSetup.SMTP.dynamicPort() : new ServerSetup(port, "127.0.0.1", "smtp"));
		}

		@Bean
		JavaMailSenderImpl mailSender(GreenMail embeddedMailServer) {
			JavaMailSenderImpl sender = new JavaMailSenderImpl();
			sender.setHost("127.0.0.1");
			// started by now: the server's init method ran before it was handed here
			sender.setPort(embeddedMailServer.getSmtp().getPort());
			return sender;
		}

	}

}
