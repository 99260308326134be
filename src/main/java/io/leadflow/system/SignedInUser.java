package io.leadflow.system;

import java.io.IOException;
import java.security.Principal;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Hands the Camunda user that HTTP Basic signed in to the servlet API as principal, with their
 * groups as roles, so that Spring Boot's {@code when-authorized} (health details for
 * {@code camunda-admin} only) knows who asks. Without Spring Security nothing else does. Also
 * marks every API answer as data, never as a page to render or sniff.
 */
class SignedInUser extends OncePerRequestFilter {

	private final IdentityService identityService;

	SignedInUser(IdentityService identityService) {
		this.identityService = identityService;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		response.setHeader("X-Content-Type-Options", "nosniff");
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (!path.startsWith("/swagger-ui")) {
			response.setHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
			response.setHeader("Cache-Control", "no-store");
		}
		Authentication authentication = identityService.getCurrentAuthentication();
		if (authentication == null || authentication.getUserId() == null) {
			chain.doFilter(request, response);
			return;
		}
		chain.doFilter(new HttpServletRequestWrapper(request) {

			@Override
			public Principal getUserPrincipal() {
				return authentication::getUserId;
			}

			@Override
			public String getRemoteUser() {
				return authentication.getUserId();
			}

			@Override
			public boolean isUserInRole(String role) {
				return authentication.getGroupIds() != null && authentication.getGroupIds().contains(role);
			}

		}, response);
	}

}
