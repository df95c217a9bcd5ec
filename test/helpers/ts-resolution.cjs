// Jest loads globalSetup/globalTeardown through Node's CommonJS loader, which ignores moduleNameMapper.
// Sources import each other as `./x.js` (NodeNext style); map such a request to `./x.ts` when only that
// exists, exactly as the mapper does for test files.
const Module = require('node:module');
const { existsSync } = require('node:fs');
const { resolve, dirname } = require('node:path');

const original = Module._resolveFilename;
Module._resolveFilename = function resolveTsSibling(request, parent, ...rest) {
  if (request.startsWith('.') && request.endsWith('.js') && parent?.filename) {
    const candidate = resolve(dirname(parent.filename), request.slice(0, -3) + '.ts');
    if (!existsSync(resolve(dirname(parent.filename), request)) && existsSync(candidate)) {
      return original.call(this, candidate, parent, ...rest);
    }
  }
  return original.call(this, request, parent, ...rest);
};
