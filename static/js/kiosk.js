// Kiosk: print the ticket once, then go back to the start; and go back after a
// minute without a touch, so that the next visitor never finds someone else's screen.
(function () {
  const home = document.body.dataset.home;
  const ticket = document.querySelector("[data-autoprint]");
  if (ticket) {
    window.addEventListener("load", () => window.print());
  }
  document.addEventListener("click", (event) => {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });
  // A form that gives a number is sent once: a second tap while the page loads does
  // nothing (the server also answers a repeat with the same ticket).
  document.addEventListener("submit", (event) => {
    const form = event.target.closest("[data-once]");
    if (!form) {
      return;
    }
    if (form.dataset.sent) {
      event.preventDefault();
      return;
    }
    form.dataset.sent = "1";
    form.setAttribute("aria-busy", "true");
  });
  if (!home || window.location.pathname === home) {
    return;
  }
  const idleMs = ticket ? 20000 : 60000;
  let timer = setTimeout(() => window.location.assign(home), idleMs);
  for (const kind of ["pointerdown", "keydown", "touchstart"]) {
    document.addEventListener(kind, () => {
      clearTimeout(timer);
      timer = setTimeout(() => window.location.assign(home), idleMs);
    }, { passive: true });
  }
})();
