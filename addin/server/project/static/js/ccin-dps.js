// The CCIN DPS task pane: after each button, the server's report (addin/server/pane.py) arrives
// as the action runMacro("ccinDpsShow", report). Problems become a list whose entries select
// their cells; documents become one-time download links. All text goes in as text, never HTML:
// it comes from the officer's workbook.

function selectCell(sheet, address) {
  return Excel.run(async (context) => {
    const worksheet = context.workbook.worksheets.getItem(sheet);
    worksheet.activate();
    worksheet.getRange(address).select();
    await context.sync();
  });
}

function openDownload(path) {
  const url = window.location.origin + path;
  if (Office.context.requirements.isSetSupported("OpenBrowserWindowApi", "1.1")) {
    Office.context.ui.openBrowserWindow(url);
  } else {
    window.open(url, "_blank", "noopener");
  }
}

function show(id, visible) {
  document.getElementById(id).hidden = !visible;
}

function problemItem(problem) {
  const item = document.createElement("li");
  item.className = `ccin-dps-${problem.severity}`;
  const head = document.createElement("div");
  head.textContent = `${problem.severity.toUpperCase()} ${problem.code}`;
  item.appendChild(head);
  for (const place of problem.places) {
    const link = document.createElement("button");
    link.type = "button";
    link.className = "btn btn-link btn-sm p-0 me-2";
    link.textContent = place.label;
    link.addEventListener("click", () => selectCell(place.sheet, place.address));
    item.appendChild(link);
  }
  const message = document.createElement("div");
  message.textContent = problem.message;
  item.appendChild(message);
  return item;
}

function downloadItem(download) {
  const item = document.createElement("li");
  const link = document.createElement("button");
  link.type = "button";
  link.className = "btn btn-primary btn-sm";
  link.textContent = `Download ${download.name}`;
  link.addEventListener("click", () => {
    openDownload(download.url);
    link.disabled = true; // the link works once
  });
  item.appendChild(link);
  return item;
}

async function ccinDpsShow(context, report) {
  show("ccin-dps-empty", false);
  const title = document.getElementById("ccin-dps-title");
  title.textContent = report.button || "CCIN DPS";
  show("ccin-dps-title", true);
  const message = document.getElementById("ccin-dps-message");
  message.textContent = report.message || "";
  message.classList.toggle("text-danger", Boolean(report.critical));
  show("ccin-dps-message", Boolean(report.message));
  const downloads = document.getElementById("ccin-dps-downloads");
  downloads.replaceChildren(...(report.downloads || []).map(downloadItem));
  show("ccin-dps-downloads", downloads.children.length > 0);
  const problems = document.getElementById("ccin-dps-problems");
  problems.replaceChildren(...(report.problems || []).map(problemItem));
  show("ccin-dps-problems", problems.children.length > 0);
  if (downloads.children.length || problems.children.length) {
    try {
      await Office.addin.showAsTaskpane();
    } catch (error) {
      console.error(error); // older Excel: the officer opens the pane from the ribbon
    }
  }
}

globalThis.xlwings.registerCallback(ccinDpsShow);
