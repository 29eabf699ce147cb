// Builds static/vendor/bootstrap/bootstrap.min.css and bootstrap.min.js: Bootstrap's Sass and
// JavaScript sources, only the parts the app uses (bootstrap.scss, bootstrap.js), and of the CSS
// only the rules whose classes the app's templates, Python modules and scripts name. Run it
// with `make frontend` after changing either, or after using a Bootstrap class not used before,
// and commit the built files.
import { writeFileSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { execFileSync } from "node:child_process";
import * as esbuild from "esbuild";
import { PurgeCSS } from "purgecss";
import * as sass from "sass";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const out = join(root, "static", "vendor", "bootstrap");

// crispy-bootstrap5's templates render the form fields: their classes count too.
const crispy = execFileSync(
  join(root, ".venv", "bin", "python"),
  ["-c", "import crispy_bootstrap5, os; print(os.path.dirname(crispy_bootstrap5.__file__))"],
  { encoding: "utf8" },
).trim();

const compiled = sass.compile(join(here, "bootstrap.scss"), {
  loadPaths: [join(here, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import", "global-builtin", "color-functions"],
});

const [purged] = await new PurgeCSS().purge({
  css: [{ raw: compiled.css }],
  content: [
    join(root, "templates", "**", "*.html"),
    join(root, "{accounts,api,audit,config,core,hechting,observaties}", "**", "*.py"),
    join(root, "static", "js", "*.js"),
    join(crispy, "templates", "bootstrap5", "**", "*.html"),
  ],
  // Classes made at run time: the messages' alert-{level}, Collapse's states, and the
  // validation states crispy and the checklist set.
  safelist: {
    standard: [/^alert-/, "show", "collapsing", "collapse", "is-invalid", "was-validated"],
    greedy: [/^text-bg-/],
  },
  // Custom properties stay, also those only app.css uses (var(--bs-primary)).
  keyframes: true,
  fontFace: true,
});
// Minified once more after the pruning; the licence banner (a /*! comment) stays at the top.
const minified = await esbuild.transform(purged.css.replace(/^\uFEFF/, ""), {
  loader: "css",
  minify: true,
  legalComments: "inline",
  target: ["chrome109", "firefox115", "safari15"],
});
writeFileSync(join(out, "bootstrap.min.css"), minified.code);

await esbuild.build({
  entryPoints: [join(here, "bootstrap.js")],
  bundle: true,
  minify: true,
  format: "iife",
  target: "es2019",
  legalComments: "inline",
  banner: {
    js: `/*! Bootstrap v5.3.9 (Collapse only) | MIT License | https://github.com/twbs/bootstrap/blob/main/LICENSE */`,
  },
  outfile: join(out, "bootstrap.min.js"),
});

for (const name of ["bootstrap.min.css", "bootstrap.min.js"]) {
  const size = readFileSync(join(out, name)).length;
  console.log(`${name}: ${(size / 1024).toFixed(1)} KiB`);
}
