'use strict';
/*
 * Worker entry used only when the server runs from its TypeScript sources (jest): the built server starts
 * dist/server/qr-worker.js instead. Worker threads do not share jest's transformer, so this compiles `.ts` files on
 * require with @swc/core (a devDependency, the compiler jest already uses) and maps the `@tessera/*` paths of
 * tsconfig.base.json. Plain CommonJS on purpose: it must load before any TypeScript can.
 */
const { readFileSync } = require('node:fs');
const { join, resolve } = require('node:path');
const Module = require('node:module');
const { transformSync } = require('@swc/core');

const root = resolve(__dirname, '../../..');
const paths = JSON.parse(readFileSync(join(root, 'tsconfig.base.json'), 'utf8')).compilerOptions.paths;

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const mapped = paths[request];
  return resolveFilename.call(this, mapped ? join(root, mapped[0]) : request, ...rest);
};

Module._extensions['.ts'] = function (module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    swcrc: false,
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};

module.exports = require('./qr-worker.ts');
