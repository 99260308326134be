package io.leadflow.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnLabel;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnPlane;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every model in {@code processes/} can be read as Modeler and Cockpit draw it: every flow element
 * has a shape or an edge, and on each plane (the top level and each collapsed sub-process) no two shapes lie on each other (a boundary event on its task and a shape
 * inside a sub-process excepted), and no label covers another label or a shape.
 */
class ModelGeometryTest {

	@TestFactory
	Stream<DynamicTest> noShapeOrLabelCoversAnother() throws IOException {
		try (var files = Files.list(Path.of("processes"))) {
			return files.filter(file -> file.toString().endsWith(".bpmn"))
				.sorted()
				.toList()
				.stream()
				.map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> assertReadable(file.toFile())));
		}
	}

	private static void assertReadable(File file) {
		BpmnModelInstance model = Bpmn.readModelFromFile(file);
		List<String> overlaps = new ArrayList<>();
		// each plane is drawn on its own: the top level, and one per collapsed sub-process
		for (BpmnPlane plane : model.getModelElementsByType(BpmnPlane.class)) {
			List<Box> boxes = new ArrayList<>();
			for (BpmnShape shape : plane.getChildElementsByType(BpmnShape.class)) {
				boxes.add(new Box(false, shape.getBpmnElement(), shape.getBounds()));
				label(shape.getBpmnLabel()).ifPresent(bounds -> boxes.add(new Box(true, shape.getBpmnElement(), bounds)));
			}
			for (BpmnEdge edge : plane.getChildElementsByType(BpmnEdge.class)) {
				label(edge.getBpmnLabel()).ifPresent(bounds -> boxes.add(new Box(true, edge.getBpmnElement(), bounds)));
			}
			for (int i = 0; i < boxes.size(); i++) {
				for (int j = i + 1; j < boxes.size(); j++) {
					Box a = boxes.get(i);
					Box b = boxes.get(j);
					if (a.element() != b.element() && a.overlaps(b) && !a.mayOverlap(b)) {
						overlaps.add(plane.getBpmnElement().getId() + ": " + a + " and " + b);
					}
				}
			}
		}
		assertThat(overlaps).as("%s: shapes and labels lying on each other", file.getName()).isEmpty();

		// a sub-process's content is drawn on that sub-process's plane, or Modeler and Cockpit never show it
		java.util.Map<String, String> planeOf = new java.util.HashMap<>();
		for (BpmnPlane plane : model.getModelElementsByType(BpmnPlane.class)) {
			plane.getChildElementsByType(BpmnShape.class)
				.forEach(shape -> planeOf.put(shape.getBpmnElement().getId(), plane.getBpmnElement().getId()));
			plane.getChildElementsByType(BpmnEdge.class)
				.forEach(edge -> planeOf.put(edge.getBpmnElement().getId(), plane.getBpmnElement().getId()));
		}
		List<String> undrawn = model.getModelElementsByType(FlowElement.class)
			.stream()
			.filter(element -> element instanceof FlowNode || element instanceof SequenceFlow)
			.filter(element -> !((BaseElement) element.getParentElement()).getId().equals(planeOf.get(element.getId())))
			.map(element -> element.getId() + " (in " + ((BaseElement) element.getParentElement()).getId() + ", drawn on "
					+ planeOf.get(element.getId()) + ")")
			.toList();
		assertThat(undrawn).as("%s: elements not drawn where they are", file.getName()).isEmpty();
	}

	private static java.util.Optional<Bounds> label(BpmnLabel label) {
		return label == null ? java.util.Optional.empty() : java.util.Optional.ofNullable(label.getBounds());
	}

	private record Box(boolean label, BaseElement element, Bounds bounds) {

		boolean overlaps(Box other) {
			return x() < other.x() + other.width() && other.x() < x() + width() && y() < other.y() + other.height()
					&& other.y() < y() + height();
		}

		/** A boundary event sits on its task's border; a shape may sit inside a sub-process or lane. */
		boolean mayOverlap(Box other) {
			if (label || other.label) {
				return false;
			}
			return element instanceof BoundaryEvent event && event.getAttachedTo() == other.element
					|| other.element instanceof BoundaryEvent event2 && event2.getAttachedTo() == element
					|| contains(other) || other.contains(this);
		}

		private boolean contains(Box other) {
			return other.x() >= x() && other.y() >= y() && other.x() + other.width() <= x() + width()
					&& other.y() + other.height() <= y() + height();
		}

		private double x() {
			return bounds.getX();
		}

		private double y() {
			return bounds.getY();
		}

		private double width() {
			return bounds.getWidth();
		}

		private double height() {
			return bounds.getHeight();
		}

		@Override
		public String toString() {
			return (label ? "the label of " : "") + element.getId();
		}

	}

}
