// The class batch: the roster file goes up as base64 (the studio reads its encoding, as
// the command line does), then the page asks how far the batch has got until it is over,
// and offers the combined print file, a zip of the handouts and the rows that failed.
"use strict";

const POLL_MS = 400;
const batchForm = $("batch-form");
let batchRun = null;

function readAsBase64(file) {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).split(",", 2)[1] || "");
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

function batchProblems(problems) {
  for (const p of batchForm.querySelectorAll(".problem")) p.textContent = "";
  const general = $("batch-problems");
  general.replaceChildren();
  general.hidden = true;
  for (const problem of problems) {
    const slot = !problem.file && problem.field
      ? batchForm.querySelector(`.problem[data-for="${problem.field}"]`) : null;
    if (slot) {
      slot.textContent = problem.message;
      continue;
    }
    const p = document.createElement("p");
    p.textContent = where(problem) + (problem.field ? `${problem.field}: ` : "") + problem.message;
    general.append(p);
    general.hidden = false;
  }
  if (!general.hidden) {
    $("batch-idle").hidden = true;
    $("batch-run").hidden = false;
  }
}

function isWorkbook(file) {
  return Boolean(file) && file.name.toLowerCase().endsWith(".xlsx");
}

function batchBody(file, base64) {
  const f = batchForm.elements;
  return {
    roster: { filename: file.name, base64 },
    sheet: isWorkbook(file) ? f.sheet.value : "",
    program: f.program.value,
    layout: f.layout.value,
    date: f.date.value,
    lang: f.lang.value,
    page_size: f.page_size.value,
    large_print: f.large_print.checked,
    tracker: f.tracker.value === "" ? 0 : Number(f.tracker.value),
  };
}

function showBatch(run) {
  const one = batchForm.elements.layout.value === "class-sheet" ? "class sheet" : "handout";
  const what = `${one}s`;
  $("batch-idle").hidden = true;
  $("batch-run").hidden = false;
  const bar = $("batch-progress");
  bar.max = Math.max(run.total, 1);
  bar.value = run.finished;
  $("batch-count").textContent = `${run.finished} of ${run.total}`;
  if (run.state === "running") {
    $("batch-title").textContent = `Making the ${what}…`;
    return;
  }
  if (run.state === "failed") {
    $("batch-title").textContent = "The batch was not made";
    // A choice of the form's goes beside it; a problem in the file is shown as check says it.
    batchProblems(run.problems.map((p, i) => (p.file ? { message: run.text[i] } : p)));
    $("batch-start").disabled = false;
    return;
  }
  const failed = run.failed.length;
  $("batch-title").textContent = failed
    ? `Made ${run.made} of ${run.total} ${what}; ${failed} ${failed === 1 ? "row" : "rows"} failed`
    : run.total === 1 ? `Made the ${one}` : `Made all ${run.total} ${what}`;
  const list = $("batch-row-list");
  list.replaceChildren();
  for (const row of run.failed) {
    const tr = document.createElement("tr");
    for (const text of [String(row.line), row.name || "(no name)", row.text.join("\n")]) {
      const td = document.createElement("td");
      td.textContent = text;
      tr.append(td);
    }
    list.append(tr);
  }
  $("batch-rows").hidden = failed === 0;
  $("batch-files").hidden = !run.zip;
  const combined = $("batch-combined");
  combined.hidden = !run.combined;
  if (run.combined) combined.href = run.combined;
  if (run.zip) $("batch-zip").href = run.zip;
  $("batch-print").hidden = !run.combined;
  if (run.combined) batchPrint.load();
  $("batch-start").disabled = false;
}

async function follow(id) {
  while (batchRun === id) {
    const answer = await fetch(`/api/batch/${id}`);
    const run = await answer.json();
    if (!answer.ok) {
      batchProblems(run.problems);
      $("batch-start").disabled = false;
      return;
    }
    showBatch(run);
    if (run.state !== "running") return;
    await new Promise((done) => setTimeout(done, POLL_MS));
  }
}

batchForm.addEventListener("submit", async (event) => {
  event.preventDefault();
  const file = $("b-roster").files[0];
  batchProblems([]);
  if (!file) {
    batchProblems([{ field: "roster", message: "Choose the class list first." }]);
    return;
  }
  $("batch-start").disabled = true;
  for (const id of ["batch-rows", "batch-files", "batch-print"]) $(id).hidden = true;
  try {
    const started = await post("/api/batch", batchBody(file, await readAsBase64(file)));
    const answer = await started.json();
    if (!started.ok) {
      batchProblems(answer.problems);
      $("batch-start").disabled = false;
      return;
    }
    batchRun = answer.id;
    showBatch(answer);
    await follow(answer.id);
  } catch (error) {
    batchProblems([{ message: `The studio did not answer: ${error.message || error}` }]);
    $("batch-start").disabled = false;
  }
});

$("b-roster").addEventListener("change", () => {
  const file = $("b-roster").files[0];
  $("b-roster-name").textContent = file ? file.name : "Choose a roster file";
  $("b-sheet-field").hidden = !isWorkbook(file);
  batchProblems([]);
});

const batchPrint = printControls("b", () => ({ batch: batchRun }));
