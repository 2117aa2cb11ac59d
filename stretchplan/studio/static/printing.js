// Printing from the page: CUPS's printers are asked for once (the default chosen), then a
// PDF goes to the one picked with the copies asked for. The handout's Print… button sends
// the form (the studio makes the same PDF as Download); the batch prints its combined file.
"use strict";

let printersAsked = null;

function askPrinters() {
  if (!printersAsked) {
    printersAsked = fetch("/api/printers")
      .then((answer) => answer.json())
      .catch((error) => ({ printers: [], problem: `The studio did not answer: ${error.message}` }));
  }
  return printersAsked;
}

function printControls(prefix, payload) {
  const choice = $(`${prefix}-printer`);
  const copies = $(`${prefix}-copies`);
  const button = $(`${prefix}-print`);
  const said = $(`${prefix}-print-status`);

  function say(text, bad = false) {
    // CUPS's messages are worded to follow "error:" on a terminal; here they stand alone.
    said.textContent = text.charAt(0).toUpperCase() + text.slice(1);
    said.classList.toggle("bad", bad);
  }

  async function load() {
    const found = await askPrinters();
    choice.replaceChildren();
    if (found.problem || !found.printers.length) {
      const none = document.createElement("option");
      none.value = "";
      none.textContent = "No printer";
      choice.append(none);
      say(found.problem || "No printer is set up on this computer.", true);
      return;
    }
    for (const printer of found.printers) {
      const option = document.createElement("option");
      option.value = printer.name;
      const state = printer.state === "idle" ? "" : ` (${printer.state})`;
      option.textContent = printer.name + (printer.default ? " — default" : "") + state;
      option.selected = printer.default;
      choice.append(option);
    }
    choice.disabled = false;
    button.disabled = false;
  }

  button.addEventListener("click", async () => {
    button.disabled = true;
    say("Sending to the printer…");
    try {
      const sent = await post("/api/print", {
        ...payload(),
        printer: choice.value,
        copies: copies.value === "" ? 1 : Number(copies.value),
      });
      const answer = await sent.json();
      if (sent.ok) {
        const job = answer.jobs[0];
        say(`Sent to ${job.printer} as job ${job.id}.`);
        said.dataset.job = job.id;
      } else {
        say((answer.problems || []).map((p) => p.message).join(" "), true);
      }
    } catch (error) {
      say(`The studio did not answer: ${error.message || error}`, true);
    } finally {
      button.disabled = false;
    }
  });
  return { load };
}

const handoutPrint = printControls("h", body);

$("print-open").addEventListener("click", () => {
  const panel = $("print-panel");
  panel.hidden = !panel.hidden;
  $("print-open").setAttribute("aria-expanded", String(!panel.hidden));
  if (!panel.hidden) handoutPrint.load();
});
