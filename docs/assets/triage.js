// The triage page: runs the package's own explain() in the browser on Pyodide, loaded on demand
// from this site (assets/pyodide, copied there by hooks/triage.py). The result is rendered from
// explain's own outputs (its JSON value, its text and Markdown renderings), so a change in what
// explain says shows here without a change to this file.

const PYODIDE = new URL("pyodide/", import.meta.url);
const SITE = new URL("../", import.meta.url);
const READ = `
import json
from jetson_gpu_access import __version__
from jetson_gpu_access.explain import explain, render_markdown, render_text
from jetson_gpu_access.serde import to_jsonable

def jga_read(text):
    result = explain(text)
    return json.dumps({"value": to_jsonable(result), "text": render_text(result),
                       "markdown": render_markdown(result), "version": __version__})
`;

const $ = (id) => document.getElementById(id);
let python = null;

function say(message) { $("jga-triage-status").textContent = message; }

async function start() {
  say("Loading Python (about 13 MB, once)…");
  const probe = await fetch(new URL("package.json", PYODIDE), { method: "HEAD" }).catch(() => null);
  if (!probe || !probe.ok) {
    throw new Error(location.protocol === "file:"
      ? "browsers do not run this page from file://: serve the folder (python3 -m http.server) and open it over http"
      : "this copy of the site was built without Pyodide (make docs installs it): run jetson-gpu-access explain instead");
  }
  const { loadPyodide } = await import(new URL("pyodide.mjs", PYODIDE).href);
  const py = await loadPyodide({ indexURL: PYODIDE.href });
  const zip = await fetch(new URL("jetson_gpu_access.zip", PYODIDE));
  if (!zip.ok) throw new Error("the package archive is missing from this build");
  py.unpackArchive(await zip.arrayBuffer(), "zip", { extractDir: "/jga" });
  py.runPython("import sys; sys.path.insert(0, '/jga')");
  py.runPython(READ);
  return py;
}

function escape(text) {
  return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]);
}

// docs/PAGE.md#anchor, as explain names a page, becomes a link into this site
function siteLink(path) {
  const m = /^docs\/([\w\-/]+)\.md(#[\w\-]+)?$/.exec(path);
  if (!m) return null;
  const page = m[1] === "index" ? "" : m[1].replace(/(^|\/)index$/, "") + "/";
  return new URL(page + (m[2] || ""), SITE).href;
}

function inline(text) {
  // code spans (linked when they name a page of this site), then **strong** in the rest
  return text.split(/(`[^`]+`)/).map((part) => {
    if (/^`[^`]+`$/.test(part)) {
      const code = part.slice(1, -1);
      const href = siteLink(code);
      return href ? `<a href="${href}"><code>${escape(code)}</code></a>` : `<code>${escape(code)}</code>`;
    }
    return escape(part).replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>");
  }).join("");
}

// The subset of Markdown explain writes: paragraphs, "- " lists, fenced code.
function markdown(source) {
  const out = [];
  let list = false, fence = null;
  for (const line of source.split("\n")) {
    if (fence !== null) {
      if (line.startsWith("```")) { out.push(`<pre><code>${escape(fence.join("\n"))}</code></pre>`); fence = null; }
      else fence.push(line);
      continue;
    }
    if (line.startsWith("```")) { if (list) { out.push("</ul>"); list = false; } fence = []; continue; }
    if (line.startsWith("- ")) {
      if (!list) { out.push("<ul>"); list = true; }
      out.push(`<li>${inline(line.slice(2))}</li>`);
      continue;
    }
    if (list) { out.push("</ul>"); list = false; }
    if (line.trim()) out.push(`<p>${inline(line)}</p>`);
  }
  if (list) out.push("</ul>");
  if (fence !== null) out.push(`<pre><code>${escape(fence.join("\n"))}</code></pre>`);
  return out.join("\n");
}

// The first words explain gives for a cause: a string field, or a statement's text.
function causeText(cause) {
  for (const [key, value] of Object.entries(cause)) {
    if (key === "id") continue;
    if (typeof value === "string") return value;
    if (value && typeof value === "object" && typeof value.text === "string") return value.text;
  }
  return null;
}

// The headline: the most likely cause when explain names one, else the signatures it matched.
function headline(value) {
  const parts = [];
  const cause = value.cause;
  if (cause && typeof cause === "object" && cause.id) {
    const why = causeText(cause);
    parts.push(`<p class="jga-triage-cause" data-cause="${escape(cause.id)}"><strong>Most likely cause:</strong> ` +
      `<code>${escape(cause.id)}</code>${why ? " — " + inline(why) : ""}</p>`);
  }
  const ids = (value.matches || []).map((m) => m.id);
  parts.push(`<p class="jga-triage-signatures" data-ids="${escape(ids.join(" "))}"><strong>Signatures found:</strong> ` +
    (ids.length ? ids.map((id) => `<code>${escape(id)}</code>`).join(", ") : "none known") + "</p>");
  const findings = (value.diagnosis && value.diagnosis.findings) || [];
  if (findings.length) {
    parts.push("<p><strong>Findings:</strong> " + findings.map((f) => {
      const href = siteLink("docs/" + f.docs);
      const code = `<code>${escape(f.code)}</code>`;
      return (href ? `<a href="${href}">${code}</a>` : code) + " " + escape(f.title);
    }).join("; ") + "</p>");
  }
  return parts.join("\n");
}

async function read() {
  const button = $("jga-triage-run");
  const text = $("jga-triage-text").value;
  if (!text.trim()) { say("Paste some output first."); return; }
  button.disabled = true;
  try {
    python = python || await start();
    say("Reading…");
    const reading = JSON.parse(python.globals.get("jga_read")(text));
    const result = $("jga-triage-result");
    result.innerHTML = headline(reading.value) +
      `<h2 id="reading">The reading</h2><pre class="jga-triage-text"><code>${escape(reading.text)}</code></pre>` +
      `<h2 id="reply">A reply to paste into the issue</h2>${markdown(reading.markdown)}` +
      `<details><summary>As Markdown</summary><pre><code>${escape(reading.markdown)}</code></pre></details>`;
    result.hidden = false;
    result.scrollIntoView({ block: "start" });
    say(`Read by jetson-gpu-access ${reading.version} in this browser.`);
  } catch (error) {
    say("Could not read it here: " + (error && error.message ? error.message : error));
  } finally {
    button.disabled = false;
  }
}

$("jga-triage-run").addEventListener("click", read);
