// "What changed" opens on 18:00 yesterday → now in the browser's time zone, which only the browser
// knows: without a window in the address, fill the form in local time and show it.
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("what-changed-form");
  if (!form || form.dataset.explicit === "true") {
    return;
  }
  const pad = (n) => String(n).padStart(2, "0");
  const local = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  const now = new Date();
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - 1, 18, 0);
  form.elements.from.value = local(from);
  form.elements.to.value = local(now);
  form.elements.tz.value = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  form.submit();
});
