// ESLint for the JavaScript we write (make lint): the site's browser scripts in
// theme/assets/javascripts/ and the live preview's script, generator/engine/preview_client.js.
// They are classic scripts (no modules, no build step) that run as the browser loads them.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    // Vendored third-party code, kept byte for byte as its authors shipped it:
    // - iframe-worker/shim.js: Martin Donath's minified shim (SOURCE.md has its checksums;
    //   engine/csp.py hashes the script it writes into its frame, so a reformat breaks the
    //   offline search's Content-Security-Policy);
    // - csp/*.js: Material for MkDocs' own minified inline scripts, moved into files unchanged
    //   so that a Material upgrade is a plain copy (tests/engine/test_material_copies.py).
    // Not ours either: the virtual environment, node_modules/ (left out by ESLint itself) and
    // the build folders.
    ignores: [
      ".venv/",
      ".build/",
      "site/",
      "bench-work/",
      "theme/assets/javascripts/iframe-worker/**",
      "theme/assets/javascripts/csp/**",
    ],
  },
  {
    files: ["theme/assets/javascripts/**/*.js", "generator/engine/*.js"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script",
      globals: { ...globals.browser },
    },
    rules: {
      ...js.configs.recommended.rules,
      // The text folding matches the ASCII range by its bounds (/[^\x00-\x7f]/) on purpose:
      // the rule's premise, a control character typed by mistake, does not hold here.
      "no-control-regex": "off",
    },
  },
  {
    // The search worker and the core it shares with the pages run in a Web Worker too.
    files: ["theme/assets/javascripts/search-worker.js", "theme/assets/javascripts/search-core.js"],
    languageOptions: { globals: { ...globals.worker } },
  },
  {
    files: ["eslint.config.js"],
    ...js.configs.recommended,
    languageOptions: { sourceType: "module", globals: { ...globals.node } },
  },
];
