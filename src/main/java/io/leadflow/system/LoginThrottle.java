package io.leadflow.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Failed logins, counted by client address and by user, for HTTP Basic on the APIs and for the
 * webapps' login form. A stranger who guesses passwords is stopped by address after a few
 * failures, long before they could lock anyone out; a user is locked only by many failures from
 * several addresses, and then for a few minutes, never for good. Both are told why (429 with
 * Retry-After) instead of seeing a login that silently fails.
 *
 * <p>Camunda's own lock-out (after 10 failures until an administrator unlocks) is switched off:
 * anyone who knows a user id could deny that user their login with it.
 */
class LoginThrottle extends OncePerRequestFilter {

	private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);

	/** The webapps' login: {@code POST /camunda/api/admin/auth/user/default/login/{app}}, form field username. */
	private static final String WEBAPP_LOGIN = "/camunda/api/admin/auth/user/";

	/** No more entries than this are kept; an attacker inventing addresses or user ids cannot exhaust memory. */
	private static final int MAX_ENTRIES = 100_000;

	private final LoginPolicy policy;

	private final ObjectMapper objectMapper;

	private final Map<String, Failures> byClient = new ConcurrentHashMap<>();

	private final Map<String, Failures> byUser = new ConcurrentHashMap<>();

	LoginThrottle(LoginPolicy policy, ObjectMapper objectMapper) {
		this.policy = policy;
		this.objectMapper = objectMapper;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String user = userTryingToLogIn(request);
		if (user == null) {
			chain.doFilter(request, response);
			return;
		}
		String client = request.getRemoteAddr();
		Instant now = Instant.now();
		Duration clientWait = waitFor(byClient.get(client), now);
		if (clientWait != null) {
			refuse(response, clientWait, "Too many failed logins from your address: try again in " + describe(clientWait));
			return;
		}
		Duration userWait = waitFor(byUser.get(user), now);
		if (userWait != null) {
			refuse(response, userWait, "Too many failed logins for " + user + " from several addresses: the login is "
					+ "locked for " + describe(userWait) + ". If that was not you, tell your administrator.");
			return;
		}
		chain.doFilter(request, response);
		if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
			failed(client, user, now);
		}
		else if (response.getStatus() < 400) {
			byUser.remove(user);
		}
	}

	private void failed(String client, String user, Instant now) {
		if (byClient.size() > MAX_ENTRIES || byUser.size() > MAX_ENTRIES) {
			byClient.values().removeIf(failures -> failures.expired(now, policy.window()));
			byUser.values().removeIf(failures -> failures.expired(now, policy.window()));
		}
		Failures fromClient = byClient.computeIfAbsent(client, key -> new Failures());
		if (fromClient.add(now, policy.window(), policy.clientFailures(), policy.clientBlock())) {
			log.warn("Login throttled for address {} after {} failed logins (last for user {})", client,
					policy.clientFailures(), user);
		}
		Failures forUser = byUser.computeIfAbsent(user, key -> new Failures());
		if (forUser.add(now, policy.window(), policy.userFailures(), policy.userLock())) {
			log.warn("Login of {} locked for {} after {} failed logins", user, policy.userLock(), policy.userFailures());
		}
	}

	private static Duration waitFor(Failures failures, Instant now) {
		if (failures == null) {
			return null;
		}
		Instant until = failures.blockedUntil();
		return until != null && until.isAfter(now) ? Duration.between(now, until) : null;
	}

	private static String userTryingToLogIn(HttpServletRequest request) {
		String header = request.getHeader("Authorization");
		if (header != null && header.regionMatches(true, 0, "Basic ", 0, 6)) {
			try {
				String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
				int colon = decoded.indexOf(':');
				return colon > 0 ? decoded.substring(0, colon) : null;
			}
			catch (IllegalArgumentException notBase64) {
				return null;
			}
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if ("POST".equals(request.getMethod()) && path.startsWith(WEBAPP_LOGIN) && path.contains("/login/")) {
			String user = request.getParameter("username");
			return user == null || user.isBlank() ? null : user;
		}
		return null;
	}

	private void refuse(HttpServletResponse response, Duration wait, String detail) throws IOException {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, detail);
		problem.setTitle("Too many failed logins");
		response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
		response.setHeader("Retry-After", Long.toString(Math.max(1, wait.toSeconds())));
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		objectMapper.writeValue(response.getOutputStream(), problem);
	}

	private static String describe(Duration wait) {
		long seconds = Math.max(1, wait.toSeconds());
		if (seconds < 90) {
			return seconds + " seconds";
		}
		return (seconds + 59) / 60 + " minutes";
	}

	/** Failures within the window; reaching the limit blocks until a time, after which counting starts over. */
	private static final class Failures {

		private Instant windowStart;

		private int count;

		private Instant blockedUntil;

		synchronized boolean add(Instant now, Duration window, int limit, Duration block) {
			if (windowStart == null || windowStart.plus(window).isBefore(now)
					|| blockedUntil != null && !blockedUntil.isAfter(now)) {
				windowStart = now;
				count = 0;
				blockedUntil = null;
			}
			count++;
			if (count >= limit && blockedUntil == null) {
				blockedUntil = now.plus(block);
				return true;
			}
			return false;
		}

		synchronized Instant blockedUntil() {
			return blockedUntil;
		}

		synchronized boolean expired(Instant now, Duration window) {
			return (blockedUntil == null || blockedUntil.isBefore(now))
					&& (windowStart == null || windowStart.plus(window).isBefore(now));
		}

	}

}
