package io.leadflow.benchmark;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import io.leadflow.system.FieldError;
import io.leadflow.system.InvalidInputException;
import io.leadflow.system.SystemAccess;

/**
 * Starts the speed benchmark's comparison models over HTTP, as {@code POST /api/leads} starts a
 * lifecycle: the bare two-task model and the lifecycle copies with no-op steps. No signed-in
 * caller may start a process (CallerGuard), so the benchmark starts them here, as Leadflow starts
 * its own. Administrators only (Access: a path without a rule is theirs), only models whose key
 * begins with {@code bench-}, and only with {@code leadflow.benchmark.enabled=true}.
 */
@RestController
@ConditionalOnProperty("leadflow.benchmark.enabled")
class BenchmarkController {

	private final RuntimeService runtimeService;

	private final SystemAccess system;

	BenchmarkController(RuntimeService runtimeService, SystemAccess system) {
		this.runtimeService = runtimeService;
		this.system = system;
	}

	@PostMapping("/api/benchmark/instances/{processKey}")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, String> start(@PathVariable String processKey, @RequestBody Map<String, Object> variables) {
		if (!processKey.matches("bench-[a-z-]{1,60}")) {
			throw new InvalidInputException("Not a benchmark model",
					List.of(new FieldError("processKey", "only the benchmark's own models (bench-…) start here")));
		}
		String businessKey = UUID.randomUUID().toString();
		ProcessInstance instance = system.call(
				() -> runtimeService.startProcessInstanceByKey(processKey, businessKey, variables));
		return Map.of("id", businessKey, "processInstanceId", instance.getId());
	}

}
