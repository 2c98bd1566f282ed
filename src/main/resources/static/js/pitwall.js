// Pitwall's only hand-written script: CSRF for htmx requests and local times. Pages work without it.
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector('meta[name="csrf-token"]');
  const header = document.querySelector('meta[name="csrf-header"]');
  if (token && header) {
    event.detail.headers[header.content] = token.content;
  }
});

function showLocalTimes(root) {
  root.querySelectorAll("time[datetime]:not([data-local])").forEach((el) => {
    const when = new Date(el.getAttribute("datetime"));
    if (!isNaN(when)) {
      el.textContent = when.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "medium" });
      el.title = el.getAttribute("datetime");
      el.dataset.local = "1";
    }
  });
}

document.addEventListener("DOMContentLoaded", () => showLocalTimes(document));
document.addEventListener("htmx:afterSettle", (event) => showLocalTimes(event.target));
