// Letters: on top of a page that works without JavaScript, a sentence starter can be tapped
// to put its words into the letter. The box then saves itself as if the person had typed.
function startStarters(box) {
  document.querySelectorAll("[data-starter]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => {
      const before = box.value && !/\s$/.test(box.value) ? "\n" : "";
      box.value += `${before}${button.dataset.starter} `;
      box.focus();
      box.setSelectionRange(box.value.length, box.value.length);
      box.dispatchEvent(new Event("input", { bubbles: true }));
    });
  });
}

const box = document.getElementById("text");
if (box) startStarters(box);
