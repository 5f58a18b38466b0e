// The CCIN DPS ribbon: every ExecuteFunction of the manifest bound to the script of the same
// button (the list is in the task pane page, from addin/excel/buttons.py). Replaces xlwings
// Server's sample ribbon.js. The task pane (ccin-dps.js) shows what each press reports.
(function () {
  const list = document.getElementById("ccin-dps-buttons");
  const buttons = list ? JSON.parse(list.textContent) : [];

  async function press(script) {
    const auth =
      typeof globalThis.getAuth === "function"
        ? await globalThis.getAuth()
        : { token: "", provider: "" };
    await xlwings.runPython({
      scriptName: script,
      auth: auth.token,
      headers: { "Auth-Provider": auth.provider },
    });
  }

  for (const button of buttons) {
    Office.actions.associate(button.function, async (event) => {
      try {
        await press(button.script);
      } finally {
        event.completed();
      }
    });
  }
})();
