// Kiosk behaviour on top of pages that already work without JavaScript:
// GOV.UK Frontend components, the PIN keypad and the time-out warning (read aloud is
// read_aloud.js, loaded only on pages with the player).
import { initAll } from "/vendor/govuk/govuk-frontend.min.js";

initAll();

/** The on-screen keypad types into the PIN box and says how many numbers are in it. */
function startKeypad(keypad) {
  const input = document.getElementById(keypad.dataset.target);
  const status = keypad.querySelector("[data-keypad-status]");
  if (!input) return;
  keypad.hidden = false;
  const announce = () => {
    status.textContent = `${input.value.length} / 6`;
  };
  keypad.addEventListener("click", (event) => {
    const key = event.target.closest("button");
    if (!key) return;
    if (key.dataset.digit && input.value.length < 6) input.value += key.dataset.digit;
    if (key.dataset.delete) input.value = input.value.slice(0, -1);
    if (key.dataset.clear) input.value = "";
    announce();
  });
}

/** Warn a minute before the visit times out; "I need more time" renews it on the server. */
function startTimeout(body) {
  const idle = Number(body.dataset.idleSeconds) * 1000;
  const warning = Number(body.dataset.warningSeconds) * 1000;
  const dialog = document.getElementById("timeout-warning");
  const form = document.getElementById("still-here-form");
  let warnTimer;
  let endTimer;
  const schedule = () => {
    clearTimeout(warnTimer);
    clearTimeout(endTimer);
    warnTimer = setTimeout(() => dialog.showModal(), Math.max(idle - warning, 0));
    endTimer = setTimeout(() => window.location.assign(body.dataset.timedOutUrl), idle);
  };
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await fetch(form.action, {
      method: "POST", body: new FormData(form), headers: { "HX-Request": "true" },
      credentials: "same-origin",
    });
    if (!response.ok) {
      window.location.assign(body.dataset.timedOutUrl);
      return;
    }
    dialog.close();
    schedule();
  });
  document.addEventListener("htmx:afterRequest", schedule);
  document.addEventListener("app:activity", schedule); // e.g. read aloud playing
  schedule();
}

document.querySelectorAll("[data-module='app-keypad']").forEach(startKeypad);
if (document.body.dataset.idleSeconds) startTimeout(document.body);
