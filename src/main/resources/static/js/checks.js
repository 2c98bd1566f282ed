// Latency chart of a check page, drawn with uPlot from the page's own JSON endpoint.
function drawLatencyChart(element) {
  if (typeof uPlot === "undefined" || element.dataset.drawn) {
    return;
  }
  element.dataset.drawn = "1";
  fetch(element.dataset.latencyUrl, { headers: { Accept: "application/json" } })
    .then((response) => response.json())
    .then((data) => {
      if (!data.t.length) {
        element.textContent = "No runs in this range yet.";
        return;
      }
      const failures = data.failures.map((n, i) => (n > 0 ? data.max[i] : null));
      const options = {
        width: Math.max(320, element.clientWidth),
        height: 220,
        scales: { x: { time: true }, y: { auto: true } },
        axes: [{}, { label: "ms" }],
        series: [
          {},
          { label: "average ms", stroke: "#1f5fbf", width: 1.5 },
          { label: "slowest ms", stroke: "#b26a00", width: 1 },
          { label: "failures", stroke: "#c62828", width: 0, points: { show: true, size: 7, fill: "#c62828" } },
        ],
      };
      new uPlot(options, [data.t, data.avg, data.max, failures], element);
    })
    .catch(() => {
      element.textContent = "The chart could not be loaded.";
    });
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("[data-latency-url]").forEach(drawLatencyChart);
});
