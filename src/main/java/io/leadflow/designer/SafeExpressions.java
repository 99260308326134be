package io.leadflow.designer;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The expressions a designer's model may carry: reads of process variables and their properties,
 * literals, comparisons, logic and arithmetic, and the few members of {@code execution} the shipped
 * models use. Everything else is refused, because a JUEL expression runs with the engine's rights:
 * a method call ({@code "".getClass()}), a function, an index, or a Spring bean named in an
 * expression (whose getters reach the database, the mail server, the identity service) can do
 * anything Leadflow can. The check reads the expression as the engine would and refuses what it
 * cannot read, so an odd spelling is refused rather than let through.
 */
final class SafeExpressions {

	/** What an expression may read of the running execution, and call on it. */
	private static final Set<String> EXECUTION_READS = Set.of("processBusinessKey", "businessKey", "processInstanceId",
			"id", "currentActivityId", "currentActivityName", "activityInstanceId", "eventName", "processDefinitionId");

	private static final String EXECUTION_WRITE = "setVariable";

	/** Names the engine puts in scope beside the variables: each one reaches the engine itself. */
	private static final Set<String> ENGINE_OBJECTS = Set.of("execution", "task", "externalTask", "caseExecution",
			"variableScope", "connector", "processEngine", "processEngineServices");

	private static final Set<String> WORDS = Set.of("true", "false", "null", "and", "or", "not", "eq", "ne", "lt", "gt",
			"le", "ge", "empty", "div", "mod");

	private static final List<String> OPERATORS = List.of("==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", "-",
			"*", "/", "%", "?", ":");

	private final Predicate<String> isBean;

	/** @param isBean whether a name is a Spring bean's, which the engine would resolve in an expression */
	SafeExpressions(Predicate<String> isBean) {
		this.isBean = isBean;
	}

	/**
	 * Why the text is refused, or empty when every {@code ${…}} and {@code #{…}} in it is safe.
	 * Text without expressions is a literal and always safe.
	 */
	Optional<String> refusal(String text) {
		int at = 0;
		while (true) {
			int dollar = text.indexOf("${", at);
			int hash = text.indexOf("#{", at);
			int start = dollar < 0 ? hash : hash < 0 ? dollar : Math.min(dollar, hash);
			if (start < 0) {
				return Optional.empty();
			}
			List<Token> tokens = new ArrayList<>();
			int end;
			try {
				end = tokenize(text, start + 2, tokens);
			}
			catch (Unreadable e) {
				return Optional.of(quote(text.substring(start)) + ": " + e.getMessage());
			}
			String expression = text.substring(start, end + 1);
			Optional<String> refused = check(tokens);
			if (refused.isPresent()) {
				return Optional.of(quote(expression) + " " + refused.get());
			}
			at = end + 1;
		}
	}

	private Optional<String> check(List<Token> tokens) {
		if (tokens.isEmpty()) {
			return Optional.of("is empty");
		}
		for (int i = 0; i < tokens.size(); i++) {
			Token token = tokens.get(i);
			if (token.kind != Kind.NAME) {
				continue;
			}
			boolean member = i > 0 && tokens.get(i - 1).is(".");
			boolean called = i + 1 < tokens.size() && tokens.get(i + 1).is("(");
			if (member) {
				if (token.text.equals("class")) {
					return Optional.of("reads .class, which reaches Java itself; an expression in a designer's model "
							+ "reads variables");
				}
				if (called) {
					return Optional.of("calls the method " + token.text + ": an expression in a designer's model only "
							+ "reads variables, and Leadflow's steps do the work");
				}
				continue;
			}
			if (WORDS.contains(token.text)) {
				continue;
			}
			if (called) {
				return Optional.of("calls the function " + token.text + ": an expression in a designer's model only "
						+ "reads variables");
			}
			if (token.text.equals("execution")) {
				int last = lastOfExecutionUse(tokens, i);
				if (last < 0) {
					return Optional.of("uses execution beyond what a model may: " + String.join(", ",
							EXECUTION_READS.stream().sorted().map(read -> "execution." + read).toList())
							+ " and execution.setVariable('name', value) with a literal value");
				}
				i = last;
				continue;
			}
			if (ENGINE_OBJECTS.contains(token.text)) {
				return Optional.of("reads " + token.text + ", which reaches the engine itself; an expression in a "
						+ "designer's model reads process variables");
			}
			if (isBean.test(token.text)) {
				return Optional.of("names " + token.text + ", which is one of Leadflow's components, not a variable: "
						+ "a step is added with its element template, not named in an expression");
			}
		}
		return Optional.empty();
	}

	/**
	 * {@code execution.processBusinessKey} and the like, or {@code execution.setVariable('name',
	 * 'literal')}, as the shipped end events record how cultivation ended; nothing deeper. Answers
	 * the index of the use's last token, or -1 when the use is refused.
	 */
	private static int lastOfExecutionUse(List<Token> tokens, int at) {
		if (at + 2 >= tokens.size() || !tokens.get(at + 1).is(".") || tokens.get(at + 2).kind != Kind.NAME) {
			return -1;
		}
		String member = tokens.get(at + 2).text;
		int next = at + 3;
		if (EXECUTION_READS.contains(member)) {
			return endsHere(tokens, next) ? at + 2 : -1;
		}
		if (member.equals(EXECUTION_WRITE) && tokens.size() >= next + 5 && tokens.get(next).is("(")
				&& tokens.get(next + 1).kind == Kind.STRING && tokens.get(next + 2).is(",")
				&& tokens.get(next + 3).isLiteral() && tokens.get(next + 4).is(")") && endsHere(tokens, next + 5)) {
			return next + 4;
		}
		return -1;
	}

	/** Whether nothing is read or called on what came before. */
	private static boolean endsHere(List<Token> tokens, int next) {
		return next >= tokens.size() || !tokens.get(next).is(".") && !tokens.get(next).is("(");
	}

	/** Reads the expression after its opening brace; answers the index of its closing brace. */
	private static int tokenize(String text, int from, List<Token> tokens) {
		int i = from;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (Character.isWhitespace(c)) {
				i++;
			}
			else if (c == '}') {
				return i;
			}
			else if (c == '\'' || c == '"') {
				int end = i + 1;
				StringBuilder value = new StringBuilder();
				while (end < text.length() && text.charAt(end) != c) {
					if (text.charAt(end) == '\\' && end + 1 < text.length()) {
						end++;
					}
					value.append(text.charAt(end));
					end++;
				}
				if (end >= text.length()) {
					throw new Unreadable("has a text that is never closed");
				}
				tokens.add(new Token(Kind.STRING, value.toString()));
				i = end + 1;
			}
			else if (Character.isDigit(c)) {
				int end = i;
				while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
					end++;
				}
				tokens.add(new Token(Kind.NUMBER, text.substring(i, end)));
				i = end;
			}
			else if (Character.isJavaIdentifierStart(c) && c != '$') {
				int end = i;
				while (end < text.length() && Character.isJavaIdentifierPart(text.charAt(end)) && text.charAt(end) != '$') {
					end++;
				}
				tokens.add(new Token(Kind.NAME, text.substring(i, end)));
				i = end;
			}
			else if (c == '.' || c == '(' || c == ')' || c == ',') {
				tokens.add(new Token(Kind.PUNCTUATION, String.valueOf(c)));
				i++;
			}
			else {
				final int position = i;
				String operator = OPERATORS.stream()
					.filter(op -> text.startsWith(op, position))
					.findFirst()
					.orElseThrow(() -> new Unreadable("uses '" + c + "', which a designer's expression may not: "
							+ "no indexes, assignments, lambdas or nested expressions"));
				tokens.add(new Token(Kind.OPERATOR, operator));
				i += operator.length();
			}
		}
		throw new Unreadable("is never closed with }");
	}

	private static String quote(String expression) {
		return expression.length() > 120 ? expression.substring(0, 117) + "..." : expression;
	}

	private enum Kind {
		NAME, STRING, NUMBER, PUNCTUATION, OPERATOR
	}

	private record Token(Kind kind, String text) {

		boolean is(String punctuation) {
			return (kind == Kind.PUNCTUATION || kind == Kind.OPERATOR) && text.equals(punctuation);
		}

		boolean isLiteral() {
			return kind == Kind.STRING || kind == Kind.NUMBER
					|| kind == Kind.NAME && (text.equals("true") || text.equals("false") || text.equals("null"));
		}

	}

	private static final class Unreadable extends RuntimeException {

		Unreadable(String message) {
			super(message, null, false, false);
		}

	}

}
