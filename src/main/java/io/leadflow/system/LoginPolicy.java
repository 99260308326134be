package io.leadflow.system;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How failed logins are throttled ({@code leadflow.login} in application.yaml; see
 * docs/architecture.md#security).
 *
 * @param window the time in which failures are counted
 * @param clientFailures failures from one address after which that address must wait
 * @param clientBlock how long it waits
 * @param userFailures failures for one user, from any address, after which the user's login is locked
 * @param userLock how long it stays locked
 */
@ConfigurationProperties("leadflow.login")
record LoginPolicy(Duration window, int clientFailures, Duration clientBlock, int userFailures, Duration userLock) {
}
