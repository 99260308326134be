package io.leadflow.system;

import java.io.IOException;
import java.util.List;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import jakarta.servlet.http.HttpSession;

/**
 * HTTP Basic for every API, as before — and, for reading Leadflow's numbers only
 * ({@code GET /api/metrics/**}), the user already signed in to Cockpit or Tasklist, so the pages
 * inside the webapps need no second login and no Basic dialog. Only a safe, read-only method is let
 * through this way: the session cannot change anything, and without CORS another site cannot read
 * the answer; and the import page's own calls ({@link #importsFromAPage}). What the user may see
 * and do is decided afterwards exactly as for Basic ({@link Access}).
 */
class BasicOrWebappSession extends ProcessEngineAuthenticationFilter {

	private static final String ENGINE = "default";

	private final ProcessEngine engine;

	private final IdentityService identityService;

	BasicOrWebappSession(ProcessEngine engine) {
		this.engine = engine;
		this.identityService = engine.getIdentityService();
	}

	/**
	 * This application's engine, not whichever engine named "default" registered last in the JVM
	 * (Camunda's static lookup): a user must be signed in where Leadflow then asks who they are.
	 */
	@Override
	protected ProcessEngine getAddressedEngine(String engineName) {
		return engine.getName().equals(engineName) ? engine : null;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) servletRequest;
		UserAuthentication user = (readsNumbers(request) || importsFromAPage(request)) && request.getHeader("Authorization") == null
				? webappUser(request) : null;
		if (user == null) {
			super.doFilter(servletRequest, fromAPage(request) ? new NoChallenge((HttpServletResponse) response) : response,
					chain);
			return;
		}
		identityService.setAuthentication(user.getIdentityId(), user.getGroupIds() == null ? List.of() : user.getGroupIds(),
				user.getTenantIds() == null ? List.of() : user.getTenantIds());
		try {
			chain.doFilter(servletRequest, response);
		}
		finally {
			identityService.clearAuthentication();
		}
	}

	/**
	 * A script of a page (it says so, as browsers' own XHR libraries do) is refused without the
	 * Basic challenge: a 401 with one makes the browser open its own login dialog over the page.
	 */
	private static boolean fromAPage(HttpServletRequest request) {
		return "XMLHttpRequest".equals(request.getHeader("X-Requested-With"));
	}

	private static boolean readsNumbers(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return "GET".equals(request.getMethod()) && path.startsWith("/api/metrics/");
	}

	/**
	 * The import page in Cockpit uploads a file and reads its progress with the Cockpit login. This
	 * one changes something, so the session counts only for a page's script: a request with
	 * X-Requested-With cannot come from another site (a browser sends that header cross-site only
	 * after a CORS preflight, which Leadflow never grants), so a forged form or link gets a 401.
	 */
	private static boolean importsFromAPage(HttpServletRequest request) {
		String path = request.getRequestURI().substring(request.getContextPath().length());
		return fromAPage(request) && (path.equals("/api/leads/imports") || path.startsWith("/api/leads/imports/"));
	}

	private static UserAuthentication webappUser(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null) {
			return null;
		}
		Authentications authentications = AuthenticationUtil.getAuthsFromSession(session);
		Authentication authentication = authentications == null ? null
				: authentications.getAuthenticationForProcessEngine(ENGINE);
		return authentication instanceof UserAuthentication user && user.getIdentityId() != null ? user : null;
	}

	private static final class NoChallenge extends HttpServletResponseWrapper {

		NoChallenge(HttpServletResponse response) {
			super(response);
		}

		@Override
		public void setHeader(String name, String value) {
			if (!"WWW-Authenticate".equalsIgnoreCase(name)) {
				super.setHeader(name, value);
			}
		}

		@Override
		public void addHeader(String name, String value) {
			if (!"WWW-Authenticate".equalsIgnoreCase(name)) {
				super.addHeader(name, value);
			}
		}

	}

}
