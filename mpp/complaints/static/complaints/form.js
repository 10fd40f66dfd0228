// A complaint form is sent once: the button is disabled as the form leaves, so a double
// tap on a slow connection does not file the complaint twice (the server also refuses a
// repeat of the same form, but the second answer could not show the PIN again).
document.addEventListener("submit", (event) => {
  const form = event.target.closest("form[data-once]");
  if (!form) {
    return;
  }
  for (const button of form.querySelectorAll("button[type=submit], button:not([type])")) {
    setTimeout(() => { button.disabled = true; }, 0);
  }
});
