// What an htmx request that fails shows (no inline script: the CSP forbids it). htmx swaps only successful
// answers; without this a refused or failed click would silently do nothing.
(() => {
  const region = () => document.getElementById("htmx-problem");
  const show = (text) => {
    const box = region();
    if (!box) return;
    box.textContent = text;
    box.hidden = false;
  };
  document.body.addEventListener("htmx:responseError", (event) => {
    const box = region();
    if (!box) return;
    const status = event.detail.xhr.status;
    show(status === 403 ? box.dataset.forbidden : status === 404 ? box.dataset.missing : box.dataset.failed);
  });
  document.body.addEventListener("htmx:sendError", () => {
    const box = region();
    if (box) show(box.dataset.offline);
  });
  document.body.addEventListener("htmx:beforeRequest", () => {
    const box = region();
    if (box) box.hidden = true;
  });
})();
