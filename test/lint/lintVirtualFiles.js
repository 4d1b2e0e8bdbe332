// Child process for test/lint/boundaries.test.ts: lints source text as if it
// were the given files (nothing is written to disk) with the ESLint Node API
// and the repository's .eslintrc.js.
//
// It runs outside Jest because Jest 27's resolver ignores package.json
// "exports", and @typescript-eslint 6/7 require subpaths that exist only there
// ('@typescript-eslint/utils/ast-utils', 'eslint/use-at-your-own-risk'), so the
// plugin cannot be loaded inside a Jest test.
//
// stdin:  {"cwd": "/repo", "files": [{"filePath": "/repo/src/x.ts", "code": "..."}]}
// stdout: [{"filePath", "messages": LintMessage[], "rules": the rules configured for the file}]
'use strict';
const fs = require('fs');
const { ESLint } = require('eslint');

async function main() {
  const input = JSON.parse(fs.readFileSync(0, 'utf8'));
  const eslint = new ESLint({ cwd: input.cwd });
  const out = [];
  for (const { filePath, code } of input.files) {
    const [result] = await eslint.lintText(code, { filePath });
    const config = await eslint.calculateConfigForFile(filePath);
    out.push({ filePath, messages: result.messages, rules: config.rules || {} });
  }
  process.stdout.write(JSON.stringify(out));
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
