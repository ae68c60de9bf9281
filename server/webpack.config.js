const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { join } = require('path');

module.exports = {
  // commonjs2: an entry's exports become module.exports (qr-worker.js is loaded by piscina for its task functions)
  output: { path: join(__dirname, '../dist/server'), clean: true, library: { type: 'commonjs2' } },
  devtool: 'source-map',
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      additionalEntryPoints: [
        { entryName: 'cli', entryPath: './src/cli/main.ts' },
        { entryName: 'bench-search', entryPath: './bench/search.bench.ts' },
        { entryName: 'bench-cards', entryPath: './bench/cards.bench.ts' },
        // QR/PNG/PDF rendering and image decoding run in worker threads: their own file next to main.js
        { entryName: 'qr-worker', entryPath: './src/cards/qr-worker.ts' },
      ],
      tsConfig: './tsconfig.app.json',
      assets: [],
      optimization: false,
      outputHashing: 'none',
      generatePackageJson: false,
      sourceMap: true,
    }),
  ],
};
