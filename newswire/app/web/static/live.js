// Live updates by polling the JSON API (no inline script: the Content-Security-Policy allows only this file).
// Every string from the API is set as textContent or an attribute value, never as HTML.
"use strict";
(function () {
  var interval = parseInt(document.body.getAttribute("data-live-interval"), 10) || 3000;

  function getJSON(url) {
    return fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error(url + ": " + r.status); } return r.json(); });
  }
  function cell(text) { var td = document.createElement("td"); td.textContent = text == null ? "" : String(text); return td; }
  function isolated(text) { var b = document.createElement("bdi"); b.textContent = text == null ? "" : String(text); return b; }
  function when(iso) { return iso ? iso.slice(0, 16).replace("T", " ") + " UTC" : ""; }
  function safeHref(url) { return typeof url === "string" && /^https?:\/\/[^\s\/]/i.test(url) ? url : null; }
  function ago(iso) {
    if (!iso) { return "never"; }
    var s = (Date.now() - Date.parse(iso)) / 1000, future = s < 0, a = Math.abs(s);
    var t = a < 90 ? a.toFixed(0) + " s" : a < 5400 ? (a / 60).toFixed(0) + " min" : a < 172800 ? (a / 3600).toFixed(0) + " h" : (a / 86400).toFixed(0) + " d";
    return future ? "in " + t : t + " ago";
  }

  function articleRow(a) {
    var tr = document.createElement("tr");
    tr.setAttribute("data-id", a.article_id);
    tr.className = "fresh";
    tr.appendChild(cell(when(a.published_at)));
    var site = cell(""); site.appendChild(isolated(a.site || "")); tr.appendChild(site);
    var title = cell(""), link = document.createElement("a");
    link.href = "/articles/" + encodeURIComponent(a.article_id);
    link.appendChild(isolated(a.title || a.article_id.slice(0, 12)));
    title.appendChild(link); tr.appendChild(title);
    return tr;
  }
  function liveArticles(table) {
    var body = table.tBodies[0];
    return getJSON("/api/v1/articles?limit=15").then(function (page) {
      var seen = {};
      Array.prototype.forEach.call(body.rows, function (r) { seen[r.getAttribute("data-id")] = true; });
      var empty = body.querySelector("tr.empty"); if (empty && page.items.length) { empty.remove(); }
      page.items.slice().reverse().forEach(function (a) {
        if (!seen[a.article_id]) { body.insertBefore(articleRow(a), body.firstChild); }
      });
      while (body.rows.length > 50) { body.deleteRow(body.rows.length - 1); }
    });
  }

  function figureRow(f) {
    var tr = document.createElement("tr");
    tr.setAttribute("data-id", f.figure_id);
    tr.className = "fresh";
    tr.appendChild(cell(when(f.published_at)));
    tr.appendChild(cell(f.category));
    var value = (f.qualifier ? f.qualifier.replace(/_/g, " ") + " " : "") + f.value +
      (f.value_max != null ? "–" + f.value_max : "") + (f.unit ? " " + f.unit : "");
    var v = cell(value); v.className = "num"; tr.appendChild(v);
    [f.text, f.source || "", (f.sentence || "").slice(0, 400)].forEach(function (t, i) {
      var td = cell(""); if (i === 2) { td.className = "sentence"; } td.appendChild(isolated(t)); tr.appendChild(td);
    });
    var art = cell(""), link = document.createElement("a");
    link.href = "/articles/" + encodeURIComponent(f.article_id);
    link.appendChild(isolated(f.article_title || f.article_id.slice(0, 12)));
    art.appendChild(link); tr.appendChild(art);
    return tr;
  }
  function liveFigures(table) {
    var body = table.tBodies[0];
    return getJSON("/api/v1/figures?limit=20").then(function (page) {
      var seen = {};
      Array.prototype.forEach.call(body.rows, function (r) { seen[r.getAttribute("data-id")] = true; });
      var empty = body.querySelector("tr.empty"); if (empty && page.items.length) { empty.remove(); }
      page.items.slice().reverse().forEach(function (f) {
        if (!seen[f.figure_id]) { body.insertBefore(figureRow(f), body.firstChild); }
      });
    });
  }

  function feedRow(f) {
    var tr = document.createElement("tr");
    tr.className = f.working ? "ok" : "failing";
    tr.setAttribute("data-url", f.url);
    var state = cell(f.working ? "yes" : "NO"); state.className = "state"; tr.appendChild(state);
    var url = cell(""); url.className = "url"; var href = safeHref(f.url);
    if (href) { var a = document.createElement("a"); a.href = href; a.rel = "noopener noreferrer nofollow"; a.appendChild(isolated(f.url)); url.appendChild(a); }
    else { url.appendChild(isolated(f.url)); }
    tr.appendChild(url);
    var title = cell(""); title.appendChild(isolated(f.title || "")); tr.appendChild(title);
    tr.appendChild(cell(ago(f.last_poll_at)));
    tr.appendChild(cell(f.next_poll_at ? ago(f.next_poll_at) : ""));
    var streak = cell(f.consecutive_errors); streak.className = "num"; tr.appendChild(streak);
    var err = cell(""); err.className = "error"; err.appendChild(isolated((f.last_error || "").slice(0, 300))); tr.appendChild(err);
    var d = cell(f.articles_24h); d.className = "num"; tr.appendChild(d);
    var w = cell(f.articles_7d); w.className = "num"; tr.appendChild(w);
    return tr;
  }
  function liveFeeds(table) {
    if (/[?&]cursor=/.test(location.search)) { return Promise.resolve(); }  // a later page stays as it was
    var failing = /[?&]failing=true/.test(location.search) ? "&failing=true" : "";
    return getJSON("/api/v1/feeds?limit=200" + failing).then(function (page) {
      var body = document.createElement("tbody");
      page.items.forEach(function (f) { body.appendChild(feedRow(f)); });
      if (page.items.length) { table.replaceChild(body, table.tBodies[0]); }
    });
  }

  function liveCounts() {
    return getJSON("/api/v1/overview?hours=1").then(function (o) {
      var values = { failing: o.feeds.failing, sink_lag: o.health.sink_lag };
      Object.keys(o.rows).forEach(function (k) { values[k] = o.rows[k]; });
      document.querySelectorAll("[data-count]").forEach(function (el) {
        var k = el.getAttribute("data-count");
        if (k in values && values[k] != null) { el.textContent = String(values[k]); }
      });
    });
  }

  // Step charts: hovering (or focusing) a point writes its <title> (value, source, date, sentence) into
  // the chart's readout line as text, for readers whose browser is slow to show SVG titles.
  document.querySelectorAll("figure.chart.step").forEach(function (fig) {
    var readout = fig.querySelector(".readout");
    if (!readout) { return; }
    function show(e) {
      var point = e.target.closest ? e.target.closest("circle.point") : null;
      var title = point ? point.querySelector("title") : null;
      if (title) { readout.textContent = title.textContent; }
    }
    fig.addEventListener("mouseover", show);
    fig.addEventListener("focusin", show);
  });

  var jobs = [];
  document.querySelectorAll("table[data-live=articles]").forEach(function (t) { jobs.push(function () { return liveArticles(t); }); });
  document.querySelectorAll("table[data-live=figures]").forEach(function (t) { jobs.push(function () { return liveFigures(t); }); });
  document.querySelectorAll("table[data-live=feeds]").forEach(function (t) { jobs.push(function () { return liveFeeds(t); }); });
  if (document.querySelector("[data-count]")) { jobs.push(liveCounts); }
  if (!jobs.length) { return; }
  function tick() {
    Promise.all(jobs.map(function (job) { return job().catch(function () { /* next tick retries */ }); }))
      .then(function () { setTimeout(tick, interval); });
  }
  setTimeout(tick, interval);
})();
