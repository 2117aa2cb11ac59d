// The library as cards: the programs, then every exercise with its picture, dosage and
// steps. Picking a program opens it with its own exercises and dosage; from there one
// click starts a handout with it. Asked for the first time the Library tab is opened.
"use strict";

let library = null;

function element(tag, className, text) {
  const made = document.createElement(tag);
  if (className) made.className = className;
  if (text !== undefined && text !== null) made.textContent = text;
  return made;
}

function picture(exercise) {
  if (!exercise || !exercise.picture) return element("div", "card-picture none", "No picture");
  const frame = element("div", "card-picture");
  const image = element("img");
  image.src = exercise.picture;
  image.alt = `Picture of ${exercise.name}`;
  frame.append(image);
  return frame;
}

function exerciseCard(exercise, dosage, note) {
  const card = element("article", "card exercise-card");
  card.dataset.id = exercise.id;
  card.append(picture(exercise));
  const body = element("div", "card-body");
  const head = element("div", "card-head");
  head.append(element("h3", "", exercise.name), element("span", `badge ${exercise.kind}`, exercise.kind));
  body.append(head);
  const doses = element("ul", "doses");
  const lines = dosage ? [{ mode: "", text: dosage }] : exercise.dosage;
  for (const dose of lines) {
    const li = element("li");
    if (dose.mode) li.append(element("span", "mode", dose.mode));
    li.append(element("span", "dose", dose.text));
    doses.append(li);
  }
  body.append(doses);
  if (note) body.append(element("p", "note", note));
  const steps = element("ol", "steps");
  for (const step of exercise.steps) steps.append(element("li", "", step));
  body.append(steps);
  if (exercise.cautions.length) {
    body.append(element("p", "caution", exercise.cautions.join(" ")));
  }
  card.append(body);
  return card;
}

function programCard(program) {
  const card = element("button", "card program-card");
  card.type = "button";
  card.dataset.id = program.id;
  const count = program.sections.reduce((n, s) => n + s.exercises.length, 0);
  const strip = element("span", "strip");
  for (const id of program.sections.flatMap((s) => s.exercises.map((e) => e.id)).slice(0, 4)) {
    const shown = library.byId.get(id);
    if (shown && shown.picture) {
      const image = element("img");
      image.src = shown.picture;
      image.alt = "";
      strip.append(image);
    }
  }
  // A button holds phrasing content only: spans, laid out as lines by the style sheet.
  card.append(strip, element("span", "card-title", program.title));
  card.append(element("span", "quiet line", `${count} exercises · ${program.mode} holds`));
  if (program.frequency) card.append(element("span", "frequency line", program.frequency));
  card.addEventListener("click", () => openProgram(program));
  return card;
}

function openProgram(program) {
  for (const card of document.querySelectorAll(".program-card")) {
    card.classList.toggle("chosen", card.dataset.id === program.id);
  }
  $("program-detail").hidden = false;
  $("detail-title").textContent = program.title;
  $("detail-meta").textContent = [program.frequency, `${program.mode} holds`].filter(Boolean).join(" · ");
  $("detail-intro").textContent = program.intro || "";
  const sections = $("detail-sections");
  sections.replaceChildren();
  for (const problem of program.problems || []) sections.append(element("p", "problems", problem));
  for (const section of program.sections) {
    sections.append(element("h3", "section-title", section.title));
    const grid = element("div", "cards exercise-grid");
    for (const item of section.exercises) {
      const exercise = library.byId.get(item.id);
      if (exercise) grid.append(exerciseCard(exercise, item.dosage, item.note));
    }
    sections.append(grid);
  }
  $("detail-use").onclick = () => {
    const choice = form.elements.program;
    choice.value = program.id;
    choice.dispatchEvent(new Event("change", { bubbles: true }));
    changed();
    showView("handout");
  };
  $("program-detail").scrollIntoView({ block: "nearest" });
}

async function loadLibrary() {
  if (library) return;
  let cards;
  try {
    const answer = await fetch("/api/library");
    cards = await answer.json();
    if (!answer.ok) throw new Error((cards.problems || []).map((p) => p.message).join(" "));
  } catch (error) {
    const said = element("p", "problems", `The studio did not answer: ${error.message || error}`);
    $("program-cards").replaceChildren(said);
    return;
  }
  library = cards;
  library.byId = new Map(library.exercises.map((e) => [e.id, e]));
  $("program-cards").replaceChildren(...library.programs.map(programCard));
  $("exercise-cards").replaceChildren(...library.exercises.map((e) => exerciseCard(e)));
}

document.addEventListener("studio:view", (event) => {
  if (event.detail === "library") loadLibrary();
});
