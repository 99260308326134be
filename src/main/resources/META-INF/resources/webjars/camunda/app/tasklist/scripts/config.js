// Leadflow's Tasklist configuration: Camunda's defaults plus Leadflow's plugin.
export default {
  customScripts: [
    // "My numbers" in the header: the rep's report card beside their team's median rep
    'leadflow/my-numbers'
  ],

  // Camunda's own shortcuts, as its default configuration has them
  shortcuts: {
    claimTask: { key: 'ctrl+alt+c', description: 'claims the currently selected task' },
    focusFilter: { key: 'ctrl+shift+f', description: 'set the focus to the first filter in the list' },
    focusList: { key: 'ctrl+alt+l', description: 'sets the focus to the first task in the list' },
    focusForm: { key: 'ctrl+alt+f', description: 'sets the focus to the first input field in a task form' },
    startProcess: { key: 'ctrl+alt+p', description: 'opens the start process modal dialog' }
  }
};
