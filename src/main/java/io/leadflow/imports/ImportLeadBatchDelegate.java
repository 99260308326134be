package io.leadflow.imports;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import io.leadflow.imports.LeadImports.BatchDone;
import io.leadflow.system.ProcessVariable;

/**
 * "Import a batch of rows" in lead-import.bpmn: the model says how many rows a batch holds
 * (input batchSize) and loops while rows are left, each batch a job of its own, so a batch that
 * fails is retried and then shows as an incident, and a restart goes on with the next batch.
 */
@Component("importLeadBatch")
class ImportLeadBatchDelegate implements JavaDelegate {

	static final String IMPORT_ID = "importId";

	private static final ProcessVariable<String> IMPORT = ProcessVariable.text(IMPORT_ID);

	/** The model's input: the designer types a number, which Camunda hands over as text. */
	private static final String BATCH_SIZE = "batchSize";

	private static final ProcessVariable<Boolean> ROWS_LEFT = ProcessVariable.flag("rowsLeft");

	private final LeadImports imports;

	ImportLeadBatchDelegate(LeadImports imports) {
		this.imports = imports;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Object given = execution.getVariable(BATCH_SIZE);
		int batchSize;
		try {
			batchSize = given instanceof Number number ? number.intValue() : Integer.parseInt(String.valueOf(given).strip());
		}
		catch (NumberFormatException e) {
			batchSize = 0;
		}
		if (batchSize < 1 || batchSize > 5_000) {
			throw new IllegalStateException("lead-import's batchSize must be a whole number from 1 to 5000, not " + given);
		}
		BatchDone done = imports.importBatch(IMPORT.get(execution), batchSize);
		ROWS_LEFT.set(execution.getProcessInstance(), done.rowsLeft());
	}

}
