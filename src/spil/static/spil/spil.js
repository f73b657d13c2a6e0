// Spil's own script on every page (no inline script: the CSP forbids it). It shows what an htmx request
// that fails means: htmx swaps only successful answers, so without this a failed click would do nothing.
// The texts come translated from data attributes of #htmx-problem in base.html.
(() => {
  const box = document.getElementById("htmx-problem");
  if (!box) return;
  const show = (text) => {
    box.textContent = text;
    box.hidden = false;
  };
  const byStatus = { 403: box.dataset.forbidden, 404: box.dataset.missing };
  document.body.addEventListener("htmx:responseError", (event) => {
    show(byStatus[event.detail.xhr.status] || box.dataset.failed);
  });
  document.body.addEventListener("htmx:sendError", () => show(box.dataset.offline));
  // A new request by the user clears the message; a poll (hx-trigger "every …") does not, or the message of a
  // failed click on a page with a progress bar would vanish within a second.
  document.body.addEventListener("htmx:beforeRequest", (event) => {
    const trigger = event.detail.elt.getAttribute("hx-trigger") || "";
    if (!trigger.startsWith("every ")) box.hidden = true;
  });
})();
