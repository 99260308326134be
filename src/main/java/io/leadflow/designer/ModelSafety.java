package io.leadflow.designer;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * What a designer's model may contain: the BPMN and DMN of Camunda Modeler with Leadflow's steps
 * (element templates) and expressions that read variables ({@link SafeExpressions}). Scripts, Java
 * class names, connectors and expressions in other languages are code, and only administrators
 * deploy code. Each finding names the element, as Modeler shows it, so the designer knows what to
 * change.
 */
final class ModelSafety {

	static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

	static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";

	private static final Set<String> DESIGNER_FILES = Set.of(".bpmn", ".bpmn20.xml", ".dmn", ".dmn11.xml", ".form");

	private static final Pattern STEP = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)\\}");

	/** FEEL's external functions call Java; the engine leaves them off, and a model must not ask. */
	private static final Pattern FEEL_EXTERNAL = Pattern.compile("\\bexternal\\s*\\{");

	/**
	 * Tables that decide who sees what: which groups are teams (and so whose leads and numbers
	 * their members and managers see), and who is mailed the report cards. A designer edits them;
	 * an administrator deploys them.
	 */
	static final Set<String> ADMINISTRATORS_DEPLOY = Set.of("team-groups", "report-card-recipients");

	/** Elements whose text is read by people, never evaluated. */
	private static final Set<String> PROSE = Set.of("documentation", "text", "description");

	record Finding(String elementId, String message) {
	}

	private final SafeExpressions expressions;

	private final Set<String> steps;

	/** @param steps the bean names of Leadflow's steps, which {@code ${…}} in a delegate expression may name */
	ModelSafety(SafeExpressions expressions, Set<String> steps) {
		this.expressions = expressions;
		this.steps = steps;
	}

	List<Finding> check(String resourceName, byte[] content) {
		String name = resourceName.toLowerCase(Locale.ROOT);
		if (DESIGNER_FILES.stream().noneMatch(name::endsWith)) {
			return List.of(new Finding(null, resourceName + " is not a BPMN, DMN or form file: a designer deploys "
					+ "models, tables and forms, nothing else"));
		}
		if (name.endsWith(".form")) {
			// a Camunda Form is data that Tasklist renders; it runs nothing on the server
			return List.of();
		}
		Element root;
		try {
			root = parse(content);
		}
		catch (SAXException | IOException | ParserConfigurationException e) {
			return List.of(new Finding(null, resourceName + " is not well-formed XML: " + e.getMessage()));
		}
		List<Finding> findings = new ArrayList<>();
		if (name.endsWith(".dmn") || name.endsWith(".dmn11.xml")) {
			walkDecision(root, findings);
		}
		else {
			walkProcess(root, findings);
		}
		return findings;
	}

	private void walkProcess(Element element, List<Finding> findings) {
		String local = element.getLocalName();
		boolean camundaElement = CAMUNDA.equals(element.getNamespaceURI());
		if (BPMN.equals(element.getNamespaceURI()) && local.equals("scriptTask")) {
			findings.add(finding(element, "is a script task: scripts are code, which only administrators deploy"));
		}
		if (camundaElement && local.equals("script")) {
			findings.add(finding(element, "runs a script: scripts are code, which only administrators deploy"));
		}
		if (camundaElement && local.equals("connector")) {
			findings.add(finding(element, "calls a connector: a designer's model uses Leadflow's steps"));
		}
		if (!camundaElement && element.hasAttribute("language")) {
			findings.add(finding(element, "has a " + element.getAttribute("language") + " script as its "
					+ local + ": scripts are code, which only administrators deploy"));
		}
		NamedNodeMap attributes = element.getAttributes();
		for (int i = 0; i < attributes.getLength(); i++) {
			Attr attribute = (Attr) attributes.item(i);
			String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
			boolean camunda = CAMUNDA.equals(attribute.getNamespaceURI())
					|| attribute.getNamespaceURI() == null && camundaElement;
			String value = attribute.getValue();
			if (camunda && (name.equals("class") || name.equals("variableMappingClass"))) {
				findings.add(finding(element, "names the Java class " + value + ": a designer's model uses "
						+ "Leadflow's steps (its element templates), not classes"));
			}
			else if (camunda && name.equals("resource")) {
				findings.add(finding(element, "loads the script " + value + ": scripts are code, which only "
						+ "administrators deploy"));
			}
			else if (camunda && (name.equals("delegateExpression") || name.equals("variableMappingDelegateExpression"))) {
				checkStep(element, value, findings);
			}
			else if (value.contains("${") || value.contains("#{")) {
				expressions.refusal(value)
					.ifPresent(why -> findings.add(finding(element, "has the expression " + why)));
			}
		}
		for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child.getNodeType() == Node.ELEMENT_NODE) {
				walkProcess((Element) child, findings);
			}
			else if ((child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE)
					&& !PROSE.contains(local)) {
				String text = child.getNodeValue();
				if (text.contains("${") || text.contains("#{")) {
					expressions.refusal(text)
						.ifPresent(why -> findings.add(finding(element, "has the expression " + why)));
				}
			}
		}
	}

	private void checkStep(Element element, String value, List<Finding> findings) {
		Matcher step = STEP.matcher(value.trim());
		if (!step.matches() || !steps.contains(step.group(1))) {
			findings.add(finding(element, "runs " + value + ", which is not one of Leadflow's steps; the steps are "
					+ String.join(", ", steps.stream().sorted().map(s -> "${" + s + "}").toList())));
		}
	}

	private void walkDecision(Element element, List<Finding> findings) {
		if (element.getLocalName().equals("decision") && ADMINISTRATORS_DEPLOY.contains(element.getAttribute("id"))) {
			findings.add(finding(element, "decides who sees which leads and numbers, so an administrator deploys it: "
					+ "change it in processes/ and ask an administrator (docs/designers.md)"));
		}
		if (element.hasAttribute("expressionLanguage")) {
			String language = element.getAttribute("expressionLanguage");
			if (!language.toLowerCase(Locale.ROOT).contains("feel")) {
				findings.add(finding(element, "uses the expression language " + language + ": a designer's table "
						+ "is written in FEEL, the language Modeler offers; other languages run code"));
			}
		}
		for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
			if (child.getNodeType() == Node.ELEMENT_NODE) {
				walkDecision((Element) child, findings);
			}
			else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
				if (FEEL_EXTERNAL.matcher(child.getNodeValue()).find()) {
					findings.add(finding(element, "defines an external function, which calls Java"));
				}
			}
		}
	}

	/** The element the designer sees in Modeler: the nearest one with an id, by name where it has one. */
	private static Finding finding(Element element, String problem) {
		Node at = element;
		while (at instanceof Element candidate && !candidate.hasAttribute("id")) {
			at = candidate.getParentNode();
		}
		if (!(at instanceof Element named)) {
			return new Finding(null, "The model " + problem);
		}
		String id = named.getAttribute("id");
		String label = Optional.of(named.getAttribute("name"))
			.filter(name -> !name.isBlank())
			.map(name -> "\"" + name.strip() + "\" (" + id + ")")
			.orElse(id);
		String where = element == named ? "" : " (in its " + element.getLocalName() + ")";
		return new Finding(id, label + where + " " + problem);
	}

	private static Element parse(byte[] content) throws ParserConfigurationException, SAXException, IOException {
		DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
		factory.setNamespaceAware(true);
		// a model is hostile until read: no DTD, no entity, nothing fetched from elsewhere
		factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
		factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
		factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
		factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
		factory.setXIncludeAware(false);
		factory.setExpandEntityReferences(false);
		var builder = factory.newDocumentBuilder();
		// the default handler prints to the console; a refused model is reported to its designer instead
		builder.setErrorHandler(new DefaultHandler());
		return builder.parse(new ByteArrayInputStream(content)).getDocumentElement();
	}

}
