// Serves partner pages from origins other than the API's, for the widget
// tests: docs/widget-example.html and pages built from the query string, on
// every port in PARTNER_PORTS (one in the API's CORS allowlist, one not).
// The pages load the widget script from API_ORIGIN. /tiles/{z}/{x}/{y}.png
// answers a plain tile, standing in for a deployment's tile server.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";

const api = process.env.API_ORIGIN ?? "http://127.0.0.1:8151";
const ports = (process.env.PARTNER_PORTS ?? "8152,8155").split(",").map(Number);
const example = new URL("../../../docs/widget-example.html", import.meta.url);
// A 1x1 grey PNG.
const tile = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGPYsQMAAx8BgKJe1e4AAAAASUVORK5CYII=", "base64");
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(q) {
  const attrs = [...q.entries()].filter(([k]) => k !== "tag").map(([k, v]) => ` ${esc(k)}="${esc(v)}"`).join("");
  const tag = q.get("tag") === "vacancies" ? "onework-vacancies-near" : "onework-career-moves";
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Widget test page</title>
<script src="${api}/widget/onework.js" defer></script></head>
<body><main><h1>Widget test page</h1><${tag}${attrs}></${tag}></main></body></html>`;
}

for (const port of ports) {
  createServer((req, res) => {
    const url = new URL(req.url ?? "/", `http://127.0.0.1:${port}`);
    let html;
    if (url.pathname === "/" || url.pathname === "/widget-example.html") {
      html = readFileSync(example, "utf8").replaceAll("http://127.0.0.1:8080", api);
    } else if (/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(url.pathname)) {
      res.writeHead(200, { "Content-Type": "image/png" }).end(tile);
      return;
    } else if (url.pathname === "/page") {
      html = page(url.searchParams);
    } else {
      res.writeHead(404).end("not found");
      return;
    }
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" }).end(html);
  }).listen(port, "127.0.0.1", () => console.log(`partner pages at http://127.0.0.1:${port}/`));
}
