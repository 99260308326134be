package io.leadflow.system;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Who may call Leadflow over HTTP. Every API (Leadflow's own, the engine's REST API, the API
 * description and Actuator) asks for HTTP Basic credentials and checks them against the Camunda
 * identity service, so a user of Tasklist is the same user everywhere. The webapps (Cockpit,
 * Tasklist, Admin) keep their own login, which also reads Leadflow's numbers for the pages inside
 * them ({@link BasicOrWebappSession}).
 */
@Configuration(proxyBeanMethods = false)
class WebConfig implements WebMvcConfigurer {

	private final Access access;

	private final JsonInput jsonInput;

	WebConfig(Access access, JsonInput jsonInput) {
		this.access = access;
		this.jsonInput = jsonInput;
	}

	/** Before Spring's own Jackson converter, which would stop at the first bad field. */
	@Override
	public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
		converters.add(0, new JsonRequests.Converter(jsonInput));
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(access).addPathPatterns("/api/**");
	}

	/**
	 * The distribution's static welcome page shows the end-of-life banner outside the webapps'
	 * user styles and tells visitors to sign in as demo/demo, a user Leadflow does not have: its
	 * links go to Leadflow's own welcome app instead.
	 */
	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController("/camunda-welcome", WELCOME_APP);
		registry.addRedirectViewController("/camunda-welcome/**", WELCOME_APP);
	}

	static final String WELCOME_APP = "/camunda/app/welcome/default/";

	static final String[] PROTECTED_PATHS = { "/api/*", "/engine-rest/*", "/actuator/*", "/v3/api-docs/*",
			"/v3/api-docs", "/v3/api-docs.yaml", "/swagger-ui/*", "/swagger-ui.html", "/error" };

	@Bean
	FilterRegistrationBean<ProcessEngineAuthenticationFilter> basicAuthentication(ProcessEngine engine) {
		var registration = new FilterRegistrationBean<ProcessEngineAuthenticationFilter>(new BasicOrWebappSession(engine));
		registration.setName("leadflow-basic-authentication");
		registration.setInitParameters(Map.of(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
				"org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider",
				// the whole URI is matched, so no path (not even the engine list) escapes authentication
				ProcessEngineAuthenticationFilter.SERVLET_PATH_PREFIX, ""));
		registration.addUrlPatterns(PROTECTED_PATHS);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
		return registration;
	}

	/** Before authentication: a throttled client's guess never reaches the identity service. */
	@Bean
	FilterRegistrationBean<LoginThrottle> loginThrottle(LoginPolicy policy, ObjectMapper objectMapper) {
		var registration = new FilterRegistrationBean<>(new LoginThrottle(policy, objectMapper));
		registration.addUrlPatterns(PROTECTED_PATHS);
		registration.addUrlPatterns("/camunda/api/admin/auth/user/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
		return registration;
	}

	@Bean
	FilterRegistrationBean<SignedInUser> signedInUser(IdentityService identityService) {
		var registration = new FilterRegistrationBean<>(new SignedInUser(identityService));
		registration.addUrlPatterns(PROTECTED_PATHS);
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 15);
		return registration;
	}

	@Bean
	FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(@Value("${leadflow.max-request-bytes}") long maxBytes,
			@Value("${leadflow.max-import-bytes}") long maxImportBytes, ObjectMapper objectMapper) {
		var registration = new FilterRegistrationBean<>(new RequestSizeLimit(maxBytes, maxImportBytes, objectMapper));
		registration.addUrlPatterns("/api/*");
		registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
		return registration;
	}

}
