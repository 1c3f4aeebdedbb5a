import { INSPECTOR_SCRIPT } from './page-script.js';
import { INSPECTOR_STYLE } from './page-style.js';

/**
 * The inspector's three files: the page, its script and its style. No framework, nothing from another site; the
 * script fills the page with DOM nodes and text only (never HTML), so what a request carried cannot run.
 * The paths come from the caller (paths.ts), so that this module, loaded on demand, shares no module with the emulator.
 */
const page = (scriptPath: string, stylePath: string) => `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Emulator inspector · fintech-cli</title>
<link rel="stylesheet" href="${stylePath}">
<script src="${scriptPath}" defer></script>
</head>
<body>
<header class="top">
<h1>Emulator inspector</h1>
<p id="live" role="status" aria-live="polite">Connecting…</p>
</header>
<nav aria-label="Panels"><a href="#requests">Requests</a> <a href="#webhooks">Solaris webhooks</a> <a href="#giroident">GiroIdent</a> <a href="#soldo">Soldo</a> <a href="#faults">Faults</a></nav>
<main>
<section id="requests" aria-labelledby="requests-title">
<h2 id="requests-title">Requests</h2>
<div class="filters">
<label>Provider <select id="request-provider"><option value="">all</option><option>solaris</option><option>finapi</option><option>soldo</option><option>emulator</option></select></label>
<label><input type="checkbox" id="request-failed"> failures only</label>
</div>
<div id="request-detail" class="detail" tabindex="-1" hidden></div>
<ol id="request-list" class="rows"></ol>
</section>
<section id="webhooks" aria-labelledby="webhooks-title">
<h2 id="webhooks-title">Solaris webhooks</h2>
<h3>Subscriptions</h3>
<ul id="subscriptions" class="rows"></ul>
<form id="trigger-form" class="inline">
<label>Event type <select id="trigger-type"></select></label>
<label>Entity id <input id="trigger-entity" placeholder="optional" autocomplete="off"></label>
<button>Trigger</button>
</form>
<p id="trigger-result" role="status" aria-live="polite"></p>
<h3>Deliveries</h3>
<ol id="notifications" class="rows"></ol>
</section>
<section id="giroident" aria-labelledby="giroident-title">
<h2 id="giroident-title">GiroIdent</h2>
<ol id="checks" class="rows"></ol>
</section>
<section id="soldo" aria-labelledby="soldo-title">
<h2 id="soldo-title">Soldo</h2>
<h3>Wallets</h3>
<div class="scroll"><table id="wallets"><thead><tr><th scope="col">Wallet</th><th scope="col">Currency</th><th scope="col">Available</th><th scope="col">Blocked</th></tr></thead><tbody></tbody></table></div>
<h3>Fingerprint verifications</h3>
<ol id="verifications" class="rows"></ol>
</section>
<section id="faults" aria-labelledby="faults-title">
<h2 id="faults-title">Faults</h2>
<form id="fault-form" class="inline">
<label>Method <select id="fault-method"><option>*</option><option>GET</option><option>POST</option><option>PUT</option><option>PATCH</option><option>DELETE</option></select></label>
<label>Path <input id="fault-path" required placeholder="/solaris/api/v1/webhooks" autocomplete="off"></label>
<label>Fault <select id="fault-kind"><option value="status">status</option><option value="hang">hang</option><option value="drop">drop</option></select></label>
<label>Status <input id="fault-status" type="number" min="429" max="599" value="503"></label>
<label>Calls <input id="fault-count" type="number" min="1" value="1"></label>
<button>Inject</button>
</form>
<ul id="fault-list" class="rows"></ul>
<p class="inline"><button id="clear-faults" type="button">Clear every fault</button> <button id="expire-tokens" type="button">Expire every token</button></p>
<p id="fault-result" role="status" aria-live="polite"></p>
</section>
</main>
</body>
</html>
`;

export interface PageAsset {
  type: string;
  body: string;
}

/** The page at `/`, and the script and style at the paths given; undefined for any other path. */
export function pageAsset(path: string, files: { script: string; style: string }): PageAsset | undefined {
  if (path === '/') return { type: 'text/html; charset=utf-8', body: page(files.script, files.style) };
  if (path === files.script) return { type: 'text/javascript; charset=utf-8', body: INSPECTOR_SCRIPT };
  if (path === files.style) return { type: 'text/css; charset=utf-8', body: INSPECTOR_STYLE };
  return undefined;
}
