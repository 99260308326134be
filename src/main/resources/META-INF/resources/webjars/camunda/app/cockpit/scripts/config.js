// Leadflow's Cockpit configuration: Camunda's defaults plus Leadflow's plugins.
export default {
  customScripts: [
    // the "Leads" tab on the lifecycle's definition page: who each running lead is
    'leadflow/leads-tab',
    // "Numbers" in the navigation: the funnel and the speed of docs/metrics.md, drawn
    'leadflow/numbers',
    // "Import leads" in the navigation: a CSV file's upload, progress and failed rows (docs/import.md)
    'leadflow/imports'
  ]
};
