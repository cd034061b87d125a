// Staff pages: a Print button where a slip is ready (the page prints without it too).
for (const button of document.querySelectorAll("[data-staff-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
