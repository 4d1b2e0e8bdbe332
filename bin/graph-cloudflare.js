#!/usr/bin/env node
// The graph-cloudflare CLI: the compiled build when there is one, else the
// TypeScript sources through ts-node (a development checkout).
'use strict';
const fs = require('fs');
const path = require('path');

const root = path.join(__dirname, '..');
const compiled = path.join(root, 'dist', 'governance', 'cli.js');
let cli;
if (fs.existsSync(compiled)) {
  cli = require(compiled);
} else {
  require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
  cli = require(path.join(root, 'governance', 'cli.ts'));
}
cli.run();
