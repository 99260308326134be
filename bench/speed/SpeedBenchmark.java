import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The speed-to-lead benchmark's client (docs/performance.md, "Speed-to-lead"). Drives a running
 * Leadflow over HTTP as other systems and reps do, with nothing but the JDK:
 *
 * <pre>
 *   java bench/speed/SpeedBenchmark.java deploy
 *   java bench/speed/SpeedBenchmark.java throughput full|bare|noop LEADS THREADS
 *   java bench/speed/SpeedBenchmark.java arrivals LEADS_PER_SECOND SECONDS
 *   java bench/speed/SpeedBenchmark.java waiting LEADS THREADS     (leads left waiting for acceptance)
 * </pre>
 *
 * The base URL is {@code LEADFLOW_BENCH_URL} (default http://localhost:8089); each phase prints its
 * figures and appends them, as Markdown, to {@code LEADFLOW_BENCH_OUT} (default
 * target/bench/speed.md). Users are the demo identities (password = user id).
 */
public class SpeedBenchmark {

	static final String BASE = System.getenv().getOrDefault("LEADFLOW_BENCH_URL", "http://localhost:8089");

	static final Path OUT = Path.of(System.getenv().getOrDefault("LEADFLOW_BENCH_OUT", "target/bench/speed.md"));

	static final HttpClient HTTP = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(10))
		.executor(Executors.newCachedThreadPool())
		.build();

	/** The territory-emea reps the demo's round robin picks from for the lead below. */
	static final String[] REPS = { "elias", "emma" };

	static final String RUN = Long.toString(System.currentTimeMillis(), 36);

	static final AtomicInteger SEQUENCE = new AtomicInteger();

	public static void main(String[] args) throws Exception {
		switch (args[0]) {
			case "deploy" -> deploy();
			case "throughput" -> throughput(Variant.valueOf(args[1].toUpperCase(Locale.ROOT)), Integer.parseInt(args[2]),
					Integer.parseInt(args[3]));
			case "arrivals" -> arrivals(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
			case "waiting" -> waiting(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
			default -> throw new IllegalArgumentException("unknown phase " + args[0]);
		}
		HTTP.executor().ifPresent(executor -> ((ExecutorService) executor).shutdownNow());
	}

	enum Variant {
		/** The product: POST /api/leads, Leadflow's delegates, listeners and mails. */
		FULL("lead-lifecycle"),
		/** Two user tasks with the lifecycle's task ids and nothing else. */
		BARE("bench-bare"),
		/** The lifecycle's own models and tables with every Leadflow step a no-op. */
		NOOP("bench-noop-lifecycle");

		final String processKey;

		Variant(String processKey) {
			this.processKey = processKey;
		}
	}

	// ---- deploy: the bare model and the no-op copies of the lifecycle, as an administrator would from Modeler

	static void deploy() throws Exception {
		String lifecycle = Files.readString(Path.of("processes/lead-lifecycle.bpmn"));
		String notification = Files.readString(Path.of("processes/lead-notification.bpmn"));
		Map<String, String> files = new LinkedHashMap<>();
		files.put("bare-two-tasks.bpmn", Files.readString(Path.of("bench/speed/bare-two-tasks.bpmn")));
		files.put("noop-lifecycle.bpmn", noOp(lifecycle, "lead-lifecycle", "bench-noop-lifecycle"));
		files.put("noop-notification.bpmn", noOp(notification, "lead-notification", "bench-noop-notification"));
		String boundary = "----leadflow-bench-" + UUID.randomUUID();
		StringBuilder body = new StringBuilder();
		Map<String, String> fields = Map.of("deployment-name", "speed-benchmark", "deploy-changed-only", "true");
		fields.forEach((name, value) -> body.append("--").append(boundary)
			.append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n").append(value)
			.append("\r\n"));
		files.forEach((name, xml) -> body.append("--").append(boundary)
			.append("\r\nContent-Disposition: form-data; name=\"").append(name).append("\"; filename=\"").append(name)
			.append("\"\r\nContent-Type: application/xml\r\n\r\n").append(xml).append("\r\n"));
		body.append("--").append(boundary).append("--\r\n");
		HttpResponse<String> response = send(request("demo", "/engine-rest/deployment/create")
			.header("Content-Type", "multipart/form-data; boundary=" + boundary)
			.POST(HttpRequest.BodyPublishers.ofString(body.toString())));
		expect(response, 200);
		System.out.println("deployed the bare model and the no-op lifecycle");
	}

	/** The same model under another key, every Leadflow step ({@code ${…}} delegate) the no-op stand-in. */
	static String noOp(String xml, String key, String copyKey) {
		return xml.replace("id=\"" + key + "\"", "id=\"" + copyKey + "\"")
			.replace("bpmnElement=\"" + key + "\"", "bpmnElement=\"" + copyKey + "\"")
			.replaceAll("(camunda:| )delegateExpression=\"\\$\\{[A-Za-z]+\\}\"", "$1delegateExpression=\"\\${benchNoop}\"");
	}

	// ---- throughput: N leads through both human steps with K client threads

	record Lead(String id, long answeredAtMillis, long postMillis) {
	}

	record Completed(Lead lead, long speedToLeadMillis, long acceptMillis, long reportMillis) {
	}

	static void throughput(Variant variant, int leads, int threads) throws Exception {
		ExecutorService clients = Executors.newFixedThreadPool(threads);
		ConcurrentLinkedQueue<Completed> done = new ConcurrentLinkedQueue<>();
		AtomicInteger left = new AtomicInteger(leads);
		long started = System.nanoTime();
		List<Future<?>> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			workers.add(clients.submit(() -> {
				while (left.getAndDecrement() > 0) {
					done.add(lifecycle(variant));
				}
				return null;
			}));
		}
		for (Future<?> worker : workers) {
			worker.get();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		clients.shutdown();
		List<Completed> all = new ArrayList<>(done);
		String title = "throughput " + variant.name().toLowerCase(Locale.ROOT) + " (" + leads + " leads, " + threads
				+ " client threads)";
		Map<String, String> figures = new LinkedHashMap<>();
		figures.put("leads/s", String.format(Locale.ROOT, "%.1f", leads / seconds));
		figures.put("wall s", String.format(Locale.ROOT, "%.1f", seconds));
		figures.put("start answered, p50/p99 ms", percentiles(all, c -> c.lead().postMillis()));
		figures.put("speed-to-lead, p50/p99 ms", percentiles(all, Completed::speedToLeadMillis));
		figures.put("accept answered, p50/p99 ms", percentiles(all, Completed::acceptMillis));
		figures.put("report answered, p50/p99 ms", percentiles(all, Completed::reportMillis));
		if (variant != Variant.BARE) {
			figures.putAll(steps(all.subList(Math.max(0, all.size() - 40), all.size())));
		}
		report(title, figures);
	}

	static Completed lifecycle(Variant variant) throws Exception {
		Lead lead = start(variant);
		Map<String, String> review = awaitTask(lead.id(), "ReviewLead", Duration.ofMinutes(2));
		// a task made inside the start request itself (the bare model) was there before the answer: 0
		long speed = Math.max(0, createdMillis(review) - lead.answeredAtMillis());
		long accept = complete(review, "{\"decision\": {\"value\": \"ACCEPT\"}}");
		Map<String, String> report = awaitTask(lead.id(), "ReportDisposition", Duration.ofMinutes(2));
		long reported = complete(report,
				"{\"outcome\": {\"value\": \"WON\"}, \"dealValue\": {\"value\": 1000}}");
		return new Completed(lead, speed, accept, reported);
	}

	/** A lead as the README's walkthrough sends it: grade A, sales ready, EMEA's round robin. */
	static Lead start(Variant variant) throws Exception {
		int n = SEQUENCE.incrementAndGet();
		String email = "bench-" + RUN + "-" + n + "@bench" + RUN + "-" + n + ".example";
		HttpResponse<String> response;
		long sent = System.nanoTime();
		if (variant == Variant.FULL) {
			response = send(request("mara", "/api/leads").header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("""
						{"externalId": "bench-%s-%d", "source": "webinar", "campaign": "Speed benchmark",
						 "contact": {"firstName": "Greta", "lastName": "Gruber %d", "email": "%s",
						             "title": "Chief Operating Officer", "roleLevel": "EXECUTIVE"},
						 "company": {"name": "Bench %d GmbH", "domain": "bench%s-%d.example", "country": "DE",
						             "industry": "Manufacturing", "employees": 5000},
						 "productInterest": "Platform", "budgetEstablished": true, "authority": true,
						 "need": true, "timelineMonths": 2}""".formatted(RUN, n, n, email, n, RUN, n))));
		}
		else {
			// the variables Leadflow's intake gives the lifecycle (LeadIntakeService.decisionInputs)
			String variables = """
					{"leadId": "bench-%s-%d", "company": "Bench %d GmbH", "contactName": "Greta Gruber %d",
					 "source": "webinar", "roleLevel": "EXECUTIVE", "title": "Chief Operating Officer",
					 "emailDomain": "bench%s-%d.example", "country": "DE", "industry": "Manufacturing",
					 "employees": 5000, "productInterest": "Platform", "budgetEstablished": true,
					 "authority": true, "need": true, "timelineMonths": 2, "partnerPreference": null,
					 "benchRep": "%s"}""".formatted(RUN, n, n, n, RUN, n, REPS[n % REPS.length]);
			response = send(request("demo", "/api/benchmark/instances/" + variant.processKey)
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(variables)));
		}
		long answered = System.currentTimeMillis();
		expect(response, 201);
		return new Lead(field(response.body(), "id"), answered, (System.nanoTime() - sent) / 1_000_000);
	}

	static Map<String, String> awaitTask(String businessKey, String taskKey, Duration patience) throws Exception {
		long giveUp = System.nanoTime() + patience.toNanos();
		// a client asking every 10 ms would cost the app more than the lead itself (a task query is
		// several milliseconds of the 2 cores'); the task's own create time gives speed-to-lead, so
		// asking less often costs no accuracy
		long pause = 10;
		while (true) {
			HttpResponse<String> tasks = send(request("demo",
					"/engine-rest/task?processInstanceBusinessKey=" + businessKey + "&taskDefinitionKey=" + taskKey).GET());
			expect(tasks, 200);
			if (tasks.body().contains("\"id\"")) {
				Map<String, String> task = new LinkedHashMap<>();
				for (String name : List.of("id", "assignee", "created", "processInstanceId")) {
					task.put(name, field(tasks.body(), name));
				}
				return task;
			}
			if (System.nanoTime() > giveUp) {
				throw new IllegalStateException("no " + taskKey + " for lead " + businessKey + " after " + patience);
			}
			Thread.sleep(pause);
			pause = Math.min(pause * 2, 100);
		}
	}

	/** Completes a task as its assignee; answers how long the completion took. */
	static long complete(Map<String, String> task, String variables) throws Exception {
		long sent = System.nanoTime();
		HttpResponse<String> response = send(request(task.get("assignee"), "/engine-rest/task/" + task.get("id")
				+ "/complete").header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString("{\"variables\": " + variables + "}")));
		expect(response, 204);
		return (System.nanoTime() - sent) / 1_000_000;
	}

	// ---- arrivals: a fixed rate of new leads, whoever is ready or not (trade-show day)

	static void arrivals(int perSecond, int seconds) throws Exception {
		ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
		ExecutorService senders = Executors.newFixedThreadPool(32);
		ConcurrentLinkedQueue<Future<Lead>> sent = new ConcurrentLinkedQueue<>();
		long periodMicros = 1_000_000L / perSecond;
		int total = perSecond * seconds;
		AtomicInteger scheduled = new AtomicInteger();
		long started = System.nanoTime();
		clock.scheduleAtFixedRate(() -> {
			if (scheduled.getAndIncrement() < total) {
				sent.add(senders.submit(() -> start(Variant.FULL)));
			}
		}, 0, periodMicros, TimeUnit.MICROSECONDS);
		while (scheduled.get() < total) {
			Thread.sleep(50);
		}
		clock.shutdown();
		List<Lead> leads = new ArrayList<>();
		for (Future<Lead> lead : sent) {
			leads.add(lead.get());
		}
		double sendingSeconds = (System.nanoTime() - started) / 1e9;
		senders.shutdown();
		List<Completed> routed = new ArrayList<>();
		for (Lead lead : leads) {
			Map<String, String> task = awaitTask(lead.id(), "ReviewLead", Duration.ofMinutes(10));
			routed.add(new Completed(lead, Math.max(0, createdMillis(task) - lead.answeredAtMillis()), 0, 0));
		}
		double allRoutedSeconds = (System.currentTimeMillis() - leads.get(0).answeredAtMillis()) / 1e3;
		Map<String, String> figures = new LinkedHashMap<>();
		figures.put("sent", total + " leads in " + String.format(Locale.ROOT, "%.1f", sendingSeconds) + " s");
		figures.put("POST answered, p50/p99 ms", percentiles(routed, c -> c.lead().postMillis()));
		figures.put("speed-to-lead (201 → ReviewLead created), p50/p99 ms",
				percentiles(routed, Completed::speedToLeadMillis));
		figures.put("max speed-to-lead ms", Long.toString(
				routed.stream().mapToLong(Completed::speedToLeadMillis).max().orElse(0)));
		figures.put("every lead routed after s", String.format(Locale.ROOT, "%.1f", allRoutedSeconds));
		report("arrivals: " + perSecond + " leads/s for " + seconds + " s", figures);
	}

	// ---- waiting: leads routed and left waiting for acceptance (the timer storm's leads)

	static void waiting(int leads, int threads) throws Exception {
		int before = openReviews();
		ExecutorService clients = Executors.newFixedThreadPool(threads);
		List<Future<Lead>> sent = new ArrayList<>();
		long started = System.nanoTime();
		for (int i = 0; i < leads; i++) {
			sent.add(clients.submit(() -> start(Variant.FULL)));
		}
		List<Lead> all = new ArrayList<>();
		for (Future<Lead> lead : sent) {
			all.add(lead.get());
		}
		clients.shutdown();
		Lead last = all.get(all.size() - 1);
		awaitTask(last.id(), "ReviewLead", Duration.ofMinutes(30));
		while (openReviews() < before + leads) {
			Thread.sleep(500);
		}
		report("waiting leads", Map.of("leads waiting for acceptance", leads + ", sent and routed in "
				+ String.format(Locale.ROOT, "%.0f", (System.nanoTime() - started) / 1e9) + " s"));
	}

	static int openReviews() throws Exception {
		HttpResponse<String> open = send(request("demo",
				"/engine-rest/task/count?processDefinitionKey=lead-lifecycle&taskDefinitionKey=ReviewLead").GET());
		expect(open, 200);
		return Integer.parseInt(field(open.body(), "count"));
	}

	// ---- where the time goes: the engine's own record of each step of the last leads

	/**
	 * Medians over the given leads' activity history: how long each async job waited for the job
	 * executor and ran, and how long a mail took from asked to sent.
	 */
	static Map<String, String> steps(List<Completed> sample) throws Exception {
		Map<String, List<Long>> spans = new LinkedHashMap<>();
		for (Completed completed : sample) {
			String instance = processInstanceOf(completed.lead().id());
			HttpResponse<String> history = send(request("demo",
					"/engine-rest/history/activity-instance?processInstanceId=" + instance
							+ "&sortBy=startTime&sortOrder=asc").GET());
			Map<String, long[]> activity = new LinkedHashMap<>();
			Matcher row = Pattern.compile("\\{[^{}]*\"activityId\":\"([^\"]+)\"[^{}]*\\}").matcher(history.body());
			while (row.find()) {
				String json = row.group();
				activity.putIfAbsent(row.group(1), new long[] { millis(field(json, "startTime")),
						json.contains("\"endTime\":null") ? 0 : millis(field(json, "endTime")) });
			}
			span(spans, "intake → qualification job starts, ms", completed.lead().answeredAtMillis(),
					activity, "Task_WeighEngagement", 0);
			span(spans, "qualification job runs, ms", activity, "Task_WeighEngagement", 0, "Task_RecordQualification", 1);
			span(spans, "routing job waits, ms", activity, "Task_RecordQualification", 1, "Decide_Routing", 0);
			span(spans, "routing job runs (tables, rep, mail event, task), ms", activity, "Decide_Routing", 0,
					"ReviewLead", 0);
		}
		Map<String, String> figures = new LinkedHashMap<>();
		spans.forEach((name, values) -> figures.put(name + " p50/p99", percentilesOf(values)));
		return figures;
	}

	static void span(Map<String, List<Long>> spans, String name, long from, Map<String, long[]> activity, String to,
			int toEnd) {
		long[] target = activity.get(to);
		if (target != null && target[toEnd] > 0) {
			spans.computeIfAbsent(name, n -> new ArrayList<>()).add(target[toEnd] - from);
		}
	}

	static void span(Map<String, List<Long>> spans, String name, Map<String, long[]> activity, String from,
			int fromEnd, String to, int toEnd) {
		long[] source = activity.get(from);
		if (source != null && source[fromEnd] > 0) {
			span(spans, name, source[fromEnd], activity, to, toEnd);
		}
	}

	static String processInstanceOf(String businessKey) throws Exception {
		HttpResponse<String> instances = send(request("demo",
				"/engine-rest/history/process-instance?processInstanceBusinessKey=" + businessKey
						).GET());
		Matcher lifecycle = Pattern
			.compile("\"id\":\"([^\"]+)\"[^{}]*\"processDefinitionKey\":\"(lead-lifecycle|bench-noop-lifecycle)\"")
			.matcher(instances.body());
		if (!lifecycle.find()) {
			throw new IllegalStateException("no lifecycle for " + businessKey + ": " + instances.body());
		}
		return lifecycle.group(1);
	}

	// ---- plumbing

	static HttpRequest.Builder request(String user, String path) {
		String credentials = Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
		return HttpRequest.newBuilder(URI.create(BASE + path))
			.timeout(Duration.ofSeconds(60))
			.header("Authorization", "Basic " + credentials);
	}

	static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	static void expect(HttpResponse<String> response, int status) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
					+ response.statusCode() + ": " + response.body());
		}
	}

	static String field(String json, String name) {
		Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*(\"([^\"]*)\"|(-?[0-9]+))").matcher(json);
		if (!value.find()) {
			throw new IllegalStateException("no " + name + " in " + json);
		}
		return value.group(2) != null ? value.group(2) : value.group(3);
	}

	static final DateTimeFormatter ENGINE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

	static long millis(String engineTime) {
		return OffsetDateTime.parse(engineTime, ENGINE_TIME).toInstant().toEpochMilli();
	}

	static long createdMillis(Map<String, String> task) {
		return millis(task.get("created"));
	}

	static <T> String percentiles(List<T> rows, Function<T, Long> value) {
		return percentilesOf(rows.stream().map(value).toList());
	}

	static String percentilesOf(List<Long> values) {
		List<Long> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		if (sorted.isEmpty()) {
			return "–";
		}
		return at(sorted, 0.50) + " / " + at(sorted, 0.99);
	}

	static long at(List<Long> sorted, double quantile) {
		return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
	}

	static void report(String title, Map<String, String> figures) throws IOException {
		StringBuilder text = new StringBuilder("\n### " + title + "\n\n| figure | value |\n|---|---:|\n");
		figures.forEach((name, value) -> text.append("| ").append(name).append(" | ").append(value).append(" |\n"));
		System.out.print(text);
		Files.createDirectories(OUT.getParent());
		Files.writeString(OUT, text, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
				java.nio.file.StandardOpenOption.APPEND);
	}

}
