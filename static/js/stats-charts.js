// Draws each statistics chart from the table beside it, so that the chart and the table a
// screen reader reads show the same numbers. ECharts is served from static/vendor/echarts.
(function () {
  "use strict";

  function readTable(table) {
    var columns = Array.prototype.map.call(
      table.querySelectorAll("thead th:not(:first-child)"),
      function (th) { return th.textContent.trim(); }
    );
    var labels = [];
    var series = columns.map(function (name) { return { name: name, data: [] }; });
    table.querySelectorAll("tbody tr").forEach(function (row) {
      var head = row.querySelector("th");
      if (!head) { return; }
      labels.push(head.textContent.trim());
      row.querySelectorAll("td").forEach(function (cell, i) {
        var value = parseFloat(cell.getAttribute("data-value"));
        if (series[i]) { series[i].data.push(isNaN(value) ? null : value); }
      });
    });
    return { labels: labels, series: series };
  }

  function draw(box) {
    var table = document.getElementById(box.getAttribute("data-table"));
    if (!table || !window.echarts) { return; }
    var data = readTable(table);
    var kind = box.getAttribute("data-chart") === "line" ? "line" : "bar";
    var chart = window.echarts.init(box, null, { renderer: "svg" });
    chart.setOption({
      animation: false,
      textStyle: { fontSize: 14 },
      tooltip: { trigger: "axis" },
      legend: { show: data.series.length > 1, top: 0 },
      grid: { left: 8, right: 8, bottom: 8, top: data.series.length > 1 ? 32 : 12, containLabel: true },
      xAxis: { type: "category", data: data.labels, axisLabel: { interval: 0, rotate: data.labels.length > 6 ? 40 : 0 } },
      yAxis: { type: "value" },
      series: data.series.map(function (s) { return { name: s.name, type: kind, data: s.data }; })
    });
    window.addEventListener("resize", function () { chart.resize(); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll(".stats-chart").forEach(draw);
  });
})();
