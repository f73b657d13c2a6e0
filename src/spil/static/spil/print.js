// The print button on the table cards page (no inline script: the CSP forbids it).
document.addEventListener("click", (event) => {
  if (event.target.closest(".js-print")) window.print();
});
