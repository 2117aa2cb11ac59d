// stretchplan studio: the form, the live preview and the download, with plain fetch().
// Every change waits DEBOUNCE_MS for the next keystroke, then asks the studio for the
// plan (problems or the exercise list with dosage) and the preview of the current page.
// Only one refresh is under way at a time; changes made meanwhile are sent together once
// it ends, so a slow machine never builds a queue of renders nobody will look at.
// printing.js, batch.js and library.js use post(), $ and showView() from here.
"use strict";

const DEBOUNCE_MS = 150;
const token = document.querySelector('meta[name="studio-token"]').content;
const data = JSON.parse(document.getElementById("studio-data").textContent);
const exerciseNames = new Map(data.exercises.map((e) => [e.id, e.name]));
const exercisePictures = new Map(data.exercises.map((e) => [e.id, e.picture]));
const programs = new Map(data.programs.map((p) => [p.id, p]));

const form = document.getElementById("handout-form");
const $ = (id) => document.getElementById(id);
const preview = $("preview");

const state = {
  omit: new Set(),
  add: [],
  page: 1,
  pages: 0,
  seq: 0,
  timer: 0,
  dosage: new Map(),
  busy: false, // a refresh is under way: the next one waits for it (one render at a time)
  again: false,
};

function lines(text) {
  return text.split("\n").map((s) => s.trim()).filter((s) => s.length > 0);
}

function body() {
  const f = form.elements;
  return {
    name: f.name.value,
    program: f.program.value,
    date: f.date.value,
    mode: f.mode.value,
    add: state.add.slice(),
    omit: [...state.omit],
    notes: lines(f.notes.value),
    goals: lines(f.goals.value),
    lang: f.lang.value,
    page_size: f.page_size.value,
    large_print: f.large_print.checked,
    tracker: f.tracker.value === "" ? 0 : Number(f.tracker.value),
  };
}

function post(path, payload) {
  return fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Studio-Token": token },
    body: JSON.stringify(payload),
  });
}

// ---- problems beside their fields

function clearProblems() {
  for (const p of document.querySelectorAll(".problem")) p.textContent = "";
  for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
  const general = $("general-problems");
  general.replaceChildren();
  general.hidden = true;
}

function where(problem) {
  if (!problem.file) return "";
  return problem.line ? `${problem.file}:${problem.line}: ` : `${problem.file}: `;
}

function showProblems(problems) {
  clearProblems();
  const general = $("general-problems");
  for (const problem of problems) {
    const field = (problem.field || "").replace(/\[\d+\]$/, "").split(".")[0];
    const slot = !problem.file && field ? form.querySelector(`.problem[data-for="${field}"]`) : null;
    if (slot) {
      slot.textContent = slot.textContent ? `${slot.textContent} ${problem.message}` : problem.message;
      const input = form.elements[field];
      if (input && input.setAttribute) input.setAttribute("aria-invalid", "true");
    } else {
      const p = document.createElement("p");
      const prefix = where(problem) + (problem.field ? `${problem.field}: ` : "");
      p.textContent = prefix + problem.message;
      general.append(p);
      general.hidden = false;
    }
  }
}

// ---- the program's exercises, and the added ones
// The lists are built when the program or the added exercises change; a new plan only
// updates the dosage text in place, so a box being clicked is never swapped under the pointer.

function doseText(id) {
  return state.omit.has(id) ? "left out" : state.dosage.get(id) || "";
}

function updateDosage() {
  for (const span of document.querySelectorAll(".ex-dose[data-id]")) {
    span.textContent = doseText(span.dataset.id);
  }
}

function doseSpan(id) {
  const dose = document.createElement("span");
  dose.className = "ex-dose";
  dose.dataset.id = id;
  dose.textContent = doseText(id);
  return dose;
}

function renderExercises() {
  const program = programs.get(form.elements.program.value);
  const list = $("exercise-list");
  list.replaceChildren();
  for (const id of program ? program.exercises : []) {
    const li = document.createElement("li");
    const box = document.createElement("input");
    box.type = "checkbox";
    box.id = `keep-${id}`;
    box.checked = !state.omit.has(id);
    box.addEventListener("change", () => {
      if (box.checked) state.omit.delete(id);
      else state.omit.add(id);
      li.classList.toggle("omitted", !box.checked);
      updateDosage();
      changed();
    });
    const label = document.createElement("label");
    label.htmlFor = box.id;
    const name = document.createElement("span");
    name.className = "ex-name";
    name.textContent = exerciseNames.get(id) || id;
    label.append(name, doseSpan(id));
    li.append(box, thumbnail(id), label);
    li.classList.toggle("omitted", state.omit.has(id));
    list.append(li);
  }
  renderAdded();
}

function thumbnail(id) {
  // The exercise's picture, as on its card in the library; a blank tile when it has none.
  const url = exercisePictures.get(id);
  const image = document.createElement(url ? "img" : "span");
  image.className = "thumb";
  if (url) {
    image.src = url;
    image.alt = "";
  }
  return image;
}

function offerToAdd() {
  // Only exercises that are neither in the program nor added already.
  const program = programs.get(form.elements.program.value);
  const taken = new Set([...(program ? program.exercises : []), ...state.add]);
  for (const option of $("f-add").options) {
    option.hidden = option.disabled = option.value !== "" && taken.has(option.value);
  }
}

function renderAdded() {
  offerToAdd();
  const added = $("added-list");
  added.replaceChildren();
  for (const id of state.add) {
    const li = document.createElement("li");
    const text = document.createElement("span");
    text.textContent = exerciseNames.get(id) || id;
    const remove = document.createElement("button");
    remove.type = "button";
    remove.className = "chip-remove";
    remove.setAttribute("aria-label", `Remove ${text.textContent}`);
    remove.textContent = "×";
    remove.addEventListener("click", () => {
      state.add = state.add.filter((x) => x !== id);
      renderAdded();
      changed();
    });
    li.append(text, doseSpan(id), remove);
    added.append(li);
  }
}

// ---- preview

function setStatus(text) {
  $("status").textContent = text;
}

function changed({ keepPage = false } = {}) {
  if (!keepPage) state.page = 1;
  clearTimeout(state.timer);
  state.timer = setTimeout(kick, DEBOUNCE_MS);
}

async function kick() {
  if (state.busy) {
    state.again = true;
    return;
  }
  state.busy = true;
  try {
    await refresh();
  } finally {
    state.busy = false;
    if (state.again) {
      state.again = false;
      kick();
    }
  }
}

async function refresh() {
  const seq = ++state.seq;
  const payload = body();
  if (!payload.name.trim()) {
    clearProblems();
    preview.hidden = true;
    $("preview-empty").hidden = false;
    $("download").disabled = true;
    $("print-open").disabled = true;
    $("page-label").textContent = "Page –";
    setStatus("");
    return;
  }
  setStatus("Updating…");
  try {
    const planned = await post("/api/plan", payload);
    if (seq !== state.seq) return;
    if (planned.status === 422) {
      showProblems((await planned.json()).problems);
      preview.classList.add("stale");
      $("download").disabled = true;
      $("print-open").disabled = true;
      setStatus("Fix the marked fields");
      return;
    }
    if (!planned.ok) throw new Error(await planned.text());
    const plan = await planned.json();
    state.dosage = new Map(plan.sections.flatMap((s) => s.exercises.map((e) => [e.id, e.dosage])));
    clearProblems();
    updateDosage();
    const shown = await post("/api/preview", { ...payload, page: state.page });
    if (seq !== state.seq) return;
    if (shown.status === 422) {
      showProblems((await shown.json()).problems);
      return;
    }
    if (!shown.ok) throw new Error(await shown.text());
    state.pages = Number(shown.headers.get("X-Page-Count")) || 1;
    const url = URL.createObjectURL(await shown.blob());
    if (seq !== state.seq) return URL.revokeObjectURL(url);
    const old = preview.src;
    preview.src = url;
    preview.hidden = false;
    preview.classList.remove("stale");
    preview.dataset.shows = JSON.stringify({ ...payload, page: state.page }); // what it is of
    if (old.startsWith("blob:")) URL.revokeObjectURL(old);
    $("preview-empty").hidden = true;
    $("page-label").textContent = `Page ${state.page} of ${state.pages}`;
    $("prev-page").disabled = state.page <= 1;
    $("next-page").disabled = state.page >= state.pages;
    $("download").disabled = false;
    $("print-open").disabled = false;
    setStatus("");
  } catch (error) {
    if (seq === state.seq) setStatus(`The studio did not answer: ${error.message || error}`);
  }
}

async function download() {
  const button = $("download");
  button.disabled = true;
  setStatus("Making the PDF…");
  try {
    const made = await post("/api/handout", body());
    if (made.status === 422) {
      showProblems((await made.json()).problems);
      setStatus("Fix the marked fields");
      return;
    }
    if (!made.ok) throw new Error(await made.text());
    const disposition = made.headers.get("Content-Disposition") || "";
    const match = disposition.match(/filename="([^"]+)"/);
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await made.blob());
    link.download = match ? match[1] : "handout.pdf";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 10000);
    setStatus(`Downloaded ${link.download}`);
  } catch (error) {
    setStatus(`The studio did not answer: ${error.message || error}`);
  } finally {
    button.disabled = false;
  }
}

// ---- the three views: handout, class batch, library

function showView(name) {
  for (const tab of document.querySelectorAll('[role="tab"]')) {
    const chosen = tab.id === `tab-${name}`;
    tab.setAttribute("aria-selected", String(chosen));
    $(tab.getAttribute("aria-controls")).hidden = !chosen;
  }
  document.dispatchEvent(new CustomEvent("studio:view", { detail: name }));
}

const tabs = [...document.querySelectorAll('[role="tab"]')];
for (const tab of tabs) {
  tab.addEventListener("click", () => showView(tab.id.replace("tab-", "")));
  tab.addEventListener("keydown", (event) => {
    // The tab list's keys: the arrows move to the next or previous tab.
    const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
    if (!step) return;
    const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
    next.focus();
    next.click();
  });
}

// ---- wiring

form.addEventListener("input", (event) => {
  if (event.target.id !== "f-add") changed();
});
form.addEventListener("submit", (event) => event.preventDefault());
form.elements.program.addEventListener("change", () => {
  const program = programs.get(form.elements.program.value);
  state.omit.clear();
  state.add = state.add.filter((id) => !(program && program.exercises.includes(id)));
  renderExercises();
});
$("add-button").addEventListener("click", () => {
  const choice = $("f-add").value;
  if (choice && !state.add.includes(choice)) {
    state.add.push(choice);
    renderAdded();
    changed();
  }
  $("f-add").value = "";
});
$("prev-page").addEventListener("click", () => {
  if (state.page > 1) {
    state.page -= 1;
    changed({ keepPage: true });
  }
});
$("next-page").addEventListener("click", () => {
  if (state.page < state.pages) {
    state.page += 1;
    changed({ keepPage: true });
  }
});
$("download").addEventListener("click", download);

renderExercises();
changed();
