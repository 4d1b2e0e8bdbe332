// Preloaded into the j1-integration CLI (NODE_OPTIONS=--require) by the
// benchmark: writes the process's peak resident set size at exit.
'use strict';
const fs = require('fs');

process.on('exit', () => {
  if (process.env.PEAK_RSS_FILE) {
    fs.writeFileSync(process.env.PEAK_RSS_FILE, String(process.resourceUsage().maxRSS * 1024));
  }
});
