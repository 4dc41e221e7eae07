// The token debugger page. Every judgement comes from the jwtctl process that served this file
// (api/inspect, api/verify, api/sign); this script only sends the form and shows the answers.
// Token text is attacker-controlled: it is only ever put in the page as text, never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
let current = null; // the last inspected token's answer
let inspectSeq = 0;

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") e.className = v; else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

async function api(path, body) {
  const res = await fetch("api/" + path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
    credentials: "omit",
    cache: "no-store",
  });
  let data;
  try { data = await res.json(); } catch (_) { data = { error: { message: "HTTP " + res.status } }; }
  return data;
}

function showError(box, error) {
  box.replaceChildren();
  if (!error) { box.hidden = true; return; }
  box.hidden = false;
  const code = error.exit_code !== undefined ? " (exit " + error.exit_code + ": " + error.meaning + ")" : "";
  box.append(el("div", {}, error.message + code));
  if (error.hint) box.append(el("div", { class: "hint" }, "hint: " + error.hint));
}

function clearDecoded() {
  current = null;
  for (const id of ["header", "payload", "source", "encoded"]) $(id).textContent = "";
  $("encoded-wrap").hidden = true;
  $("times-block").hidden = true;
  $("findings").replaceChildren();
  $("others").replaceChildren();
  clearVerdict();
}

function clearVerdict() {
  $("verdict").textContent = "";
  $("verdict").className = "verdict";
  $("failures").replaceChildren();
  $("command-line").hidden = true;
}

async function inspect() {
  const text = $("input").value;
  const seq = ++inspectSeq;
  if (!text.trim()) { clearDecoded(); showError($("input-error"), null); return; }
  const data = await api("inspect", { input: text });
  if (seq !== inspectSeq) return; // a newer edit is on its way
  if (data.error) { clearDecoded(); showError($("input-error"), data.error); return; }
  showError($("input-error"), null);
  render(data);
}

function render(data) {
  current = data;
  clearVerdict();
  $("source").textContent = "Found " + data.source + ".";
  const others = $("others");
  others.replaceChildren();
  for (const [name, token] of data.others) {
    const b = el("button", { type: "button", class: "secondary" }, "Show the " + name);
    b.addEventListener("click", () => { $("input").value = token; inspect(); });
    others.append(b);
  }
  const [h, p, s] = data.parts;
  $("encoded").replaceChildren(
    el("span", { class: "part-header" }, h), ".",
    el("span", { class: "part-payload" }, p), ".",
    el("span", { class: "part-signature" }, s));
  $("encoded-wrap").hidden = false;
  showJson($("header"), data.header);
  if (typeof data.payload === "string") $("payload").textContent = data.payload;
  else showJson($("payload"), data.payload, data.times);
  renderTimes(data.times, data.now);
  renderFindings($("findings"), data.findings);
  $("edit-header").value = JSON.stringify(data.header, null, 2);
  $("edit-payload").value = typeof data.payload === "string"
    ? data.payload : JSON.stringify(data.payload, null, 2);
}

// Pretty JSON with keys, strings, numbers and literals in their own classes; a time claim's
// number carries its UTC time as a tooltip. Built from text nodes only.
const JSON_TOKEN = /("(?:\\.|[^"\\])*")(\s*:)?|\b(?:true|false|null)\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g;

function showJson(pre, value, times) {
  const text = JSON.stringify(value, null, 2);
  pre.replaceChildren();
  let last = 0, key = null;
  for (const m of text.matchAll(JSON_TOKEN)) {
    pre.append(text.slice(last, m.index));
    last = m.index + m[0].length;
    if (m[2]) {
      key = JSON.parse(m[1]);
      pre.append(el("span", { class: "json-key" }, m[1]), m[2]);
      continue;
    }
    const kind = m[1] ? "string" : /^[tfn]/.test(m[0]) ? "literal" : "number";
    const span = el("span", { class: "json-" + kind }, m[0]);
    if (kind === "number" && times && key && times[key] && String(times[key].unix) === m[0]) {
      span.title = times[key].utc + ", " + times[key].relative;
    }
    pre.append(span);
    key = null;
  }
  pre.append(text.slice(last));
}

const ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || "local";

function renderTimes(times, now) {
  const names = Object.keys(times);
  $("times-block").hidden = names.length === 0;
  $("zone").textContent = ZONE;
  const body = $("times").tBodies[0];
  body.replaceChildren();
  for (const name of names) {
    const t = times[name];
    const local = new Date(t.unix * 1000).toLocaleString(undefined, { timeZoneName: "short" });
    const utc = t.utc.replace("T", " ").replace(/Z$/, " UTC");
    body.append(el("tr", {}, el("td", {}, name), el("td", {}, utc),
      el("td", {}, local), el("td", {}, t.relative)));
  }
  renderTimeline(times, now);
}

// iat, nbf and exp against now on one axis; the valid window shaded, red once it is over.
function renderTimeline(times, now) {
  const box = $("timeline");
  box.replaceChildren();
  const points = [["now", now]];
  for (const n of ["iat", "nbf", "exp"]) if (times[n]) points.push([n, times[n].unix]);
  if (points.length < 2) { box.hidden = true; return; }
  box.hidden = false;
  const values = points.map((p) => p[1]);
  let lo = Math.min(...values), hi = Math.max(...values);
  const pad = Math.max((hi - lo) * 0.08, 30);
  lo -= pad; hi += pad;
  const pos = (t) => ((t - lo) / (hi - lo) * 100).toFixed(2) + "%";
  box.append(el("div", { class: "axis" }));
  const start = times.nbf ? times.nbf.unix : times.iat ? times.iat.unix : null;
  const end = times.exp ? times.exp.unix : null;
  if (start !== null || end !== null) {
    const a = start !== null ? start : lo, b = end !== null ? end : hi;
    const span = el("div", { class: "span" + (end !== null && end <= now ? " over" : "") });
    span.style.left = pos(Math.min(a, b));
    span.style.width = (Math.abs(b - a) / (hi - lo) * 100).toFixed(2) + "%";
    box.append(span);
  }
  points.sort((x, y) => x[1] - y[1]);
  points.forEach(([name, t], i) => {
    const mark = el("div", { class: "mark" + (name === "now" ? " now" : "") });
    mark.style.left = pos(t);
    const label = el("div", { class: "label " + (i % 2 ? "bottom" : "top") }, name);
    label.style.left = pos(t);
    box.append(mark, label);
  });
  const desc = points.map(([n, t]) => n + " " + (n === "now" ? "" : (times[n].relative))).join(", ");
  box.setAttribute("aria-label", "Timeline: " + desc);
}

function renderFindings(list, findings) {
  list.replaceChildren();
  if (!findings || findings.length === 0) {
    list.append(el("li", {}, "no findings"));
    return;
  }
  for (const f of findings) {
    list.append(el("li", { class: "level-" + f.level },
      el("span", { class: "level level-" + f.level }, f.level), " ",
      el("code", {}, f.id), " ", f.message));
  }
}

function formValue(id) { return $(id).value; }

async function verify(event) {
  event.preventDefault();
  if (!$("input").value.trim()) { $("input").focus(); return; }
  clearVerdict();
  $("verdict").textContent = "Verifying…";
  const data = await api("verify", {
    input: $("input").value,
    key: formValue("key"),
    key_base64: $("key-base64").checked,
    url: formValue("url"),
    oidc: $("oidc").checked,
    allow_http: $("allow-http").checked,
    iss: formValue("iss"), aud: formValue("aud"), ignore_aud: $("ignore-aud").checked,
    sub: formValue("sub"), scope: formValue("scope"), require: formValue("require"),
    token_use: formValue("token-use"), alg: formValue("alg"),
    leeway: formValue("leeway"), at: formValue("at"),
  });
  const verdict = $("verdict");
  const failures = $("failures");
  if (data.error) {
    verdict.className = "verdict bad";
    verdict.textContent = "✗ cannot verify (exit " + data.error.exit_code + ": " + data.error.meaning + ")";
    failures.append(el("li", {}, data.error.message,
      data.error.hint ? el("div", { class: "hint" }, "hint: " + data.error.hint) : ""));
    return;
  }
  if (data.valid) {
    verdict.className = "verdict ok";
    verdict.textContent = "✓ token valid (exit 0): " + data.alg + " signature verified with " + data.key;
  } else {
    const n = data.failures.length;
    verdict.className = "verdict bad";
    verdict.textContent = "✗ token invalid (exit " + data.exit_code + ": " + data.meaning + "), "
      + n + " check" + (n === 1 ? "" : "s") + " failed";
  }
  for (const f of data.failures) {
    failures.append(el("li", {}, el("span", { class: "check" }, f.check), ": " + f.message,
      f.hint ? el("div", { class: "hint" }, "hint: " + f.hint) : ""));
  }
  for (const w of data.warnings) failures.append(el("li", {}, "warning: " + w.message));
  $("command").textContent = data.command;
  $("command-line").hidden = false;
  renderFindings($("findings"), data.findings);
}

async function sign() {
  const data = await api("sign", {
    header: $("edit-header").value,
    payload: $("edit-payload").value,
    key: $("sign-key").value,
    key_base64: $("sign-base64").checked,
  });
  if (data.error) { showError($("sign-error"), data.error); return; }
  showError($("sign-error"), null);
  $("input").value = data.token;
  showError($("input-error"), null);
  render(data);
  $("input").focus();
}

let timer = null;
function scheduleInspect() {
  clearTimeout(timer);
  timer = setTimeout(inspect, 150);
}

function setupDrop(area) {
  area.addEventListener("dragover", (e) => { e.preventDefault(); area.classList.add("dragging"); });
  area.addEventListener("dragleave", () => area.classList.remove("dragging"));
  area.addEventListener("drop", async (e) => {
    e.preventDefault();
    area.classList.remove("dragging");
    const file = e.dataTransfer.files[0];
    const text = file ? await file.text() : e.dataTransfer.getData("text/plain");
    if (text) { area.value = text; area.dispatchEvent(new Event("input")); }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  $("input").addEventListener("input", scheduleInspect);
  $("verify-form").addEventListener("submit", verify);
  $("sign").addEventListener("click", sign);
  for (const box of document.querySelectorAll("input.show")) {
    const target = $(box.dataset.for);
    box.addEventListener("change", (e) => target.classList.toggle("masked", !e.target.checked));
  }
  setupDrop($("input"));
  setupDrop($("key"));
  // Ctrl+Enter (Cmd+Enter) in the key box verifies, as Enter does in the one-line fields.
  $("key").addEventListener("keydown", (e) => {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) $("verify-form").requestSubmit();
  });
  if ($("input").value.trim()) inspect();
});
